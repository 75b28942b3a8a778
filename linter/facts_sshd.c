/*
 * facts_sshd.c — the host's sshd_config and its Includes, parsed by sshd.h
 * from the bundle's file records: an sshd_source whose read() looks a path
 * up among the file records and whose glob() matches them with fnmatch(3).
 */
#include <fnmatch.h>
#include <string.h>

#include "err.h"
#include "facts.h"
#include "facts_priv.h"
#include "sl_limits.h"
#include "sshd.h"

#define SSHD_CONFIG	"/etc/ssh/sshd_config"

static int
src_read(void *arg, const char *path, const char **datap, size_t *lenp)
{
	struct facts *f = arg;
	const struct file_fact *ff = facts_file(f, path);

	*datap = NULL;
	*lenp = 0;
	if (ff == NULL)
		return SL_ERR_NOT_FOUND;
	if (ff->data == NULL) {
		/* "No such file or directory": gone between glob and read. */
		return strcmp(ff->err, "No such file or directory") == 0 ?
		    SL_ERR_NOT_FOUND : SL_ERR_SYSTEM;
	}
	if (ff->truncated)
		diag_warn(&f->diag, path, 0, "cut by the collector at its "
		    "size limit; settings after the cut are not seen");
	*datap = ff->data;
	*lenp = ff->len;
	return 0;
}

/*
 * glob(3) over the paths the collector sent: files are sorted by strcmp,
 * which is glob's order in the C locale. Without GLOB_PERIOD a wildcard
 * does not match a leading dot, hence FNM_PERIOD. XXX Directories the
 * collector only stat'ed are not matched: only file contents can be read.
 */
static int
src_glob(void *arg, const char *pattern, struct strv *out)
{
	const struct facts *f = arg;
	const struct file_fact *ff;
	size_t i;

	for (i = 0; i < f->nfiles; i++) {
		ff = &f->files[i];
		if (ff->data == NULL && ff->err != NULL &&
		    strcmp(ff->err, "No such file or directory") == 0)
			continue;
		if (fnmatch(pattern, ff->path, FNM_PATHNAME | FNM_PERIOD) == 0)
			strv_push(out, ff->path);
	}
	return 0;
}

int
facts_build_sshd(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	struct sshd_source src;
	struct sshd_config *cfg = NULL;
	int r;

	f->sshd = NULL;
	f->sshd_config_path = NULL;
	src.read = src_read;
	src.glob = src_glob;
	src.arg = f;
	r = sshd_config_load(SSHD_CONFIG, &src, f->host.openssh_version_num,
	    &cfg, &f->diag);
	if (r == SL_ERR_TOO_LARGE)
		return r;
	if (r != 0)
		return 0;	/* absent, or unreadable (already in diag) */
	if (f->nusers > 0 && sshd_config_count(cfg) >
	    SL_MAX_USER_DIRECTIVES / f->nusers) {
		diag_error(&f->diag, SSHD_CONFIG, 0, "%zu users times %zu "
		    "directives is more than %u effective configurations "
		    "can cost", f->nusers, sshd_config_count(cfg),
		    SL_MAX_USER_DIRECTIVES);
		sshd_config_free(cfg);
		return SL_ERR_TOO_LARGE;
	}
	f->sshd = cfg;
	f->sshd_config_path = SSHD_CONFIG;
	return 0;
}

void
facts_free_sshd(struct facts_impl *fi)
{
	sshd_config_free(fi->pub.sshd);
	fi->pub.sshd = NULL;
}
