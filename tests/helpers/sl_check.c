/* sl_check.c — shared helpers for the Check unit tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "sl_check.h"
#include "xmalloc.h"

int
sl_check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int nfailed;

	srunner_run_all(sr, CK_NORMAL);
	nfailed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nfailed == 0 ? 0 : 1;
}

char *
sl_fixture(const char *rel)
{
	const char *base = getenv("SL_TEST_DATA");

	if (base == NULL)
		base = "tests/fixtures";
	return xprintf("%s/%s", base, rel);
}

char *
sl_read_file(const char *path, size_t *lenp)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap == 0 ? 8192 : cap * 2;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

char *
sl_mkdtemp(void)
{
	char *t = xstrdup("/tmp/sltest.XXXXXX");

	if (mkdtemp(t) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

void
sl_rmtree(const char *dir)
{
	pid_t pid;
	int st;

	if (dir == NULL || strncmp(dir, "/tmp/", 5) != 0 || strstr(dir, ".."))
		return;
	pid = fork();
	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", "--", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		(void)waitpid(pid, &st, 0);
}
