/*
 * atomicfile.c — temp file + rename so no reader ever sees a half-written
 * file. A path that exists and is not a regular file (/dev/null, a fifo,
 * /dev/stdout) is written in place: renaming over it would replace a device
 * node with a regular file (as root, /dev/null itself).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "atomicfile.h"
#include "err.h"
#include "xmalloc.h"

int
atomicfile_open(struct atomicfile *af, const char *path, struct diag *d)
{
	struct stat st;
	int fd;

	memset(af, 0, sizeof(*af));
	af->path = xstrdup(path);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			errno = EISDIR;
		if (S_ISDIR(st.st_mode) || (af->fp = fopen(path, "w")) == NULL) {
			diag_errno(d, "cannot open %s", path);
			atomicfile_abort(af);
			return SL_ERR_SYSTEM;
		}
		return SL_OK;
	}
	af->tmp = xprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(af->tmp)) == -1) {
		diag_errno(d, "cannot create %s", af->tmp);
		atomicfile_abort(af);
		return SL_ERR_SYSTEM;
	}
	(void)fchmod(fd, 0644);
	if ((af->fp = fdopen(fd, "w")) == NULL) {
		diag_errno(d, "cannot open %s", af->tmp);
		(void)close(fd);
		atomicfile_abort(af);
		return SL_ERR_SYSTEM;
	}
	return SL_OK;
}

int
atomicfile_commit(struct atomicfile *af, struct diag *d)
{
	int r = SL_ERR_SYSTEM;

	if (af->fp == NULL)
		return SL_ERR_INTERNAL;
	if (fflush(af->fp) != 0 || ferror(af->fp)) {
		diag_errno(d, "cannot write %s", af->tmp ? af->tmp : af->path);
		goto out;
	}
	if (fclose(af->fp) != 0) {
		af->fp = NULL;
		diag_errno(d, "cannot write %s", af->tmp ? af->tmp : af->path);
		goto out;
	}
	af->fp = NULL;
	if (af->tmp == NULL) {	/* written in place */
		r = SL_OK;
		goto out;
	}
	if (rename(af->tmp, af->path) != 0) {
		diag_errno(d, "cannot rename %s to %s", af->tmp, af->path);
		goto out;
	}
	free(af->tmp);
	af->tmp = NULL;
	r = SL_OK;
 out:
	atomicfile_abort(af);
	return r;
}

void
atomicfile_abort(struct atomicfile *af)
{
	if (af->fp != NULL) {
		(void)fclose(af->fp);
		af->fp = NULL;
	}
	if (af->tmp != NULL) {
		(void)unlink(af->tmp);
		free(af->tmp);
		af->tmp = NULL;
	}
	free(af->path);
	af->path = NULL;
}
