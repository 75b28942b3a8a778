/*
 * replay_main.c — a main() for fuzz targets built without libFuzzer (GCC):
 * feeds every file named on the command line, and every file in every
 * directory named, to LLVMFuzzerTestOneInput() once. This makes each seed
 * corpus (and each crasher kept there) a regression test under ctest.
 *
 * Each input is copied into a buffer of exactly its size, so a sanitizer
 * build catches reads past the end as libFuzzer would. Exits 0 when every
 * input ran, 1 on a usage or I/O error or when no input was found.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sl_fuzz.h"

#define REPLAY_MAX_INPUT	(64u * 1024 * 1024)

/* Optional in a target, as with libFuzzer. */
int	LLVMFuzzerInitialize(int *argcp, char ***argvp) __attribute__((weak));

static int
replay_file(const char *path, size_t *countp)
{
	struct stat st;
	uint8_t *buf = NULL;
	FILE *fp = NULL;
	size_t len;
	int r = -1;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &st) == -1 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "replay: %s: not a regular file\n", path);
		goto out;
	}
	if ((uintmax_t)st.st_size > REPLAY_MAX_INPUT) {
		fprintf(stderr, "replay: %s: larger than %u bytes\n", path,
		    REPLAY_MAX_INPUT);
		goto out;
	}
	len = (size_t)st.st_size;
	/* exactly len bytes: an overread is a sanitizer error, not luck */
	if ((buf = malloc(len > 0 ? len : 1)) == NULL) {
		fprintf(stderr, "replay: %s: out of memory\n", path);
		goto out;
	}
	if (len > 0 && fread(buf, 1, len, fp) != len) {
		fprintf(stderr, "replay: %s: short read\n", path);
		goto out;
	}
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	(void)LLVMFuzzerTestOneInput(buf, len);
	(*countp)++;
	r = 0;
 out:
	free(buf);
	fclose(fp);
	return r;
}

/* Every regular, non-hidden file of dir, in name order. */
static int
replay_dir(const char *dir, size_t *countp)
{
	struct dirent **ents = NULL;
	char *path;
	size_t plen;
	int i, n, r = 0;

	if ((n = scandir(dir, &ents, NULL, alphasort)) == -1) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (r == 0 && ents[i]->d_name[0] != '.') {
			plen = strlen(dir) + strlen(ents[i]->d_name) + 2;
			if ((path = malloc(plen)) == NULL) {
				r = -1;
			} else {
				(void)snprintf(path, plen, "%s/%s", dir,
				    ents[i]->d_name);
				r = replay_file(path, countp);
				free(path);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return r;
}

int
main(int argc, char **argv)
{
	struct stat st;
	size_t count = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s file|dir ...\n", argv[0]);
		return 1;
	}
	if (LLVMFuzzerInitialize != NULL)
		(void)LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			return 1;
		}
		if ((S_ISDIR(st.st_mode) ? replay_dir(argv[i], &count) :
		    replay_file(argv[i], &count)) != 0)
			return 1;
	}
	if (count == 0) {
		fprintf(stderr, "replay: no inputs (a target needs a seed "
		    "corpus)\n");
		return 1;
	}
	fprintf(stderr, "replay: %zu inputs, no crash\n", count);
	return 0;
}
