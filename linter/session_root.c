/*
 * session_root.c — the root backend: a NAS filesystem copied or mounted
 * under a directory. Commands run on this machine exactly as in the local
 * backend; what differs is that the session carries the directory, and the
 * collector is told to read every host path under it (--root DIR).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "err.h"
#include "session.h"

static int
root_exec(struct session *s, const char *const argv[],
    const struct sbuf *input, struct exec_result *res)
{
	return session_local_exec(argv, input, session_timeout(s), res);
}

static const struct session_ops root_ops = {
	.name = "root",
	.exec = root_exec,
	.close = NULL,
};

int
session_root_open(const char *dir, const struct session_opts *opts,
    struct session **sessionp, struct diag *d)
{
	char *resolved = NULL;
	struct stat sb;
	struct session *s;
	int r = SL_ERR_INTERNAL;

	*sessionp = NULL;
	if (dir == NULL || *dir == '\0') {
		diag_error(d, NULL, 0, "root session: no directory given");
		return SL_ERR_USAGE;
	}
	if ((resolved = realpath(dir, NULL)) == NULL) {
		int e = errno;

		diag_errno(d, "root session: %s", dir);
		return e == ENOENT ? SL_ERR_NOT_FOUND : SL_ERR_SYSTEM;
	}
	if (stat(resolved, &sb) == -1) {
		diag_errno(d, "root session: %s", dir);
		r = SL_ERR_SYSTEM;
		goto out;
	}
	if (!S_ISDIR(sb.st_mode)) {
		diag_error(d, NULL, 0, "root session: %s: not a directory",
		    dir);
		r = SL_ERR_USAGE;
		goto out;
	}
	s = session_new(&root_ops, NULL, opts);
	session_set_root(s, resolved);
	*sessionp = s;
	r = SL_OK;
 out:
	free(resolved);
	return r;
}
