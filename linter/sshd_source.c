/*
 * sshd_source.c — an sshd_source over a directory tree: host path P is the
 * file ROOT/P ("/" for this machine). Reads are bounded by
 * SL_MAX_RECORD_DATA and cached until sshd_source_dir_free(); glob runs
 * under the root and returns host paths.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "sshd.h"
#include "xmalloc.h"

struct sshd_source_dir {
	char		*root;		/* without trailing '/'; "" for "/" */
	struct strv	 paths;		/* cache: host paths ... */
	struct strv	 data;		/* ... and their contents */
	size_t		*lens;
};

struct sshd_source_dir *
sshd_source_dir_new(const char *root)
{
	struct sshd_source_dir *sd = xcalloc(1, sizeof(*sd));
	size_t n = strlen(root);

	while (n > 0 && root[n - 1] == '/')
		n--;
	sd->root = xstrndup(root, n);
	strv_init(&sd->paths);
	strv_init(&sd->data);
	return sd;
}

void
sshd_source_dir_free(struct sshd_source_dir *sd)
{
	if (sd == NULL)
		return;
	free(sd->root);
	strv_cleanup(&sd->paths);
	strv_cleanup(&sd->data);
	free(sd->lens);
	free(sd);
}

static int
dir_read(void *arg, const char *path, const char **datap, size_t *lenp)
{
	struct sshd_source_dir *sd = arg;
	struct sbuf b;
	struct stat st;
	char buf[8192], *full = NULL;
	long i;
	ssize_t n;
	int fd = -1, r = SL_ERR_INTERNAL;

	*datap = NULL;
	*lenp = 0;
	sbuf_init(&b, SL_MAX_RECORD_DATA);
	if (path[0] != '/' || strlen(path) >= SL_MAX_PATH) {
		r = SL_ERR_NOT_FOUND;
		goto out;
	}
	if ((i = strv_find(&sd->paths, path)) >= 0) {
		*datap = sd->data.v[i];
		*lenp = sd->lens[i];
		r = 0;
		goto out;
	}
	full = xprintf("%s%s", sd->root, path);
	if ((fd = open(full, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1) {
		r = (errno == ENOENT || errno == ENOTDIR) ? SL_ERR_NOT_FOUND :
		    SL_ERR_SYSTEM;
		goto out;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		r = SL_ERR_SYSTEM;
		goto out;
	}
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n < 0) {
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (n == 0)
			break;
		if ((r = sbuf_put(&b, buf, (size_t)n)) != 0)
			goto out;
	}
	sd->lens = xreallocarray(sd->lens, sd->paths.n + 1, sizeof(size_t));
	sd->lens[sd->paths.n] = b.len;
	strv_push(&sd->paths, path);
	if (b.data == NULL)
		(void)sbuf_put(&b, "", 0);
	strv_push_owned(&sd->data, sbuf_steal(&b, lenp));
	*datap = sd->data.v[sd->data.n - 1];
	r = 0;
 out:
	if (fd != -1)
		close(fd);
	free(full);
	sbuf_cleanup(&b);
	return r;
}

static int
dir_glob(void *arg, const char *pattern, struct strv *out)
{
	struct sshd_source_dir *sd = arg;
	glob_t g;
	char *full;
	size_t i, rl = strlen(sd->root);
	int r;

	if (pattern[0] != '/' || strlen(pattern) >= SL_MAX_PATH)
		return 0;
	/* XXX: glob metacharacters in the root itself are not escaped */
	full = xprintf("%s%s", sd->root, pattern);
	memset(&g, 0, sizeof(g));
	r = glob(full, 0, NULL, &g);
	free(full);
	if (r == GLOB_NOMATCH)
		return 0;
	if (r != 0) {
		globfree(&g);
		return SL_ERR_SYSTEM;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		if (strncmp(g.gl_pathv[i], sd->root, rl) != 0)
			continue;
		strv_push(out, rl == 0 ? g.gl_pathv[i] : g.gl_pathv[i] + rl);
	}
	globfree(&g);
	return 0;
}

struct sshd_source
sshd_source_dir(struct sshd_source_dir *sd)
{
	struct sshd_source src;

	src.read = dir_read;
	src.glob = dir_glob;
	src.arg = sd;
	return src;
}
