/*
 * become.c — where the --become password comes from, where it goes when we
 * are done with it (zeroed, freed), and what sudo said when it refused.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "become.h"
#include "err.h"
#include "log.h"
#include "xmalloc.h"

void
become_free(char *pw)
{
	if (pw != NULL)
		freezero(pw, strlen(pw) + 1);
}

static int
check(char *pw, char **pwp)
{
	if (strlen(pw) > BECOME_MAX || strchr(pw, '\n') != NULL ||
	    strchr(pw, '\r') != NULL) {
		sl_error("--become: the password must be one line of at most "
		    "%u bytes", BECOME_MAX);
		become_free(pw);
		return SL_ERR_USAGE;
	}
	if (*pw == '\0') {
		become_free(pw);
		pw = NULL;
	}
	*pwp = pw;
	return SL_OK;
}

/* Reads one line from the terminal with echo off. NULL: no terminal. */
static char *
prompt_tty(void)
{
	static const char prompt[] = "synolint: sudo password for the remote "
	    "hosts (empty: sudo -n): ";
	struct termios old, quiet;
	char buf[BECOME_MAX + 2];
	size_t n = 0;
	ssize_t r;
	char c;
	int fd, restore = 0;

	if ((fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1)
		return NULL;
	if (tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		restore = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
	}
	(void)!write(fd, prompt, sizeof(prompt) - 1);
	while ((r = read(fd, &c, 1)) == 1 && c != '\n') {
		if (n < sizeof(buf) - 1)
			buf[n++] = c;
	}
	buf[n] = '\0';
	if (restore)
		(void)tcsetattr(fd, TCSAFLUSH, &old);
	(void)!write(fd, "\n", 1);
	(void)close(fd);
	{
		char *pw = xstrdup(buf);

		explicit_bzero(buf, sizeof(buf));
		return pw;
	}
}

int
become_password_get(char **pwp)
{
	char *env = getenv(BECOME_ENV), *pw;

	*pwp = NULL;
	if (env != NULL) {
		pw = xstrdup(env);
		explicit_bzero(env, strlen(env));
		(void)unsetenv(BECOME_ENV);
		return check(pw, pwp);
	}
	if ((pw = prompt_tty()) == NULL)
		return SL_OK;
	return check(pw, pwp);
}

#define SUDO_PREFIX	"sudo: "
#define SUDO_MSG_MAX	200u

char *
become_sudo_message(const char *err, size_t len)
{
	const char *p = err, *end = err + len, *last = NULL, *nl;
	size_t n = 0, i;
	char *line, *msg;

	while (err != NULL && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if ((size_t)(end - p) > strlen(SUDO_PREFIX) &&
		    memcmp(p, SUDO_PREFIX, strlen(SUDO_PREFIX)) == 0) {
			last = p;
			n = (size_t)((nl != NULL ? nl : end) - p);
		}
		p = nl != NULL ? nl + 1 : end;
	}
	if (last == NULL)
		return NULL;
	if (n > SUDO_MSG_MAX)
		n = SUDO_MSG_MAX;
	line = xstrndup(last, n);
	for (i = 0; line[i] != '\0'; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	if (strstr(line, "a password is required") == NULL)
		return line;
	msg = xprintf("%s (--become without a password runs sudo -n: set "
	    BECOME_ENV " or answer the prompt)", line);
	free(line);
	return msg;
}
