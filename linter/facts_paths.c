/*
 * facts_paths.c — paths (lstat records with owner and group names from the
 * host's own passwd/group, symlink targets and realpaths resolved through
 * the bundle's own stat and link records), file contents and command
 * outputs, with their lookups.
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "err.h"
#include "facts.h"
#include "facts_priv.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "xmalloc.h"

static const char *
err_text(const char *name)
{
	if (name == NULL)
		return NULL;
	if (strcmp(name, "ENOENT") == 0)
		return "No such file or directory";
	if (strcmp(name, "EACCES") == 0)
		return "Permission denied";
	return "Input/output error";
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct path_fact *)a)->path,
	    ((const struct path_fact *)b)->path);
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct file_fact *)a)->path,
	    ((const struct file_fact *)b)->path);
}

static enum path_type
path_type(char t)
{
	switch (t) {
	case 'f':
		return PT_FILE;
	case 'd':
		return PT_DIR;
	case 'l':
		return PT_SYMLINK;
	default:
		return PT_OTHER;
	}
}

/*
 * Resolves path like realpath(3) would on the host, using only what the
 * bundle says: every component must have a stat record (except "/"), a
 * symlink its link record. Relative and absolute targets, "." and "..";
 * at most SL_MAX_SYMLINKS links. Each component walked costs one of
 * *budget (shared by all paths of a host). Returns a malloc'ed path or NULL
 * when a component is unknown, missing, not a directory, a loop, or the
 * budget is spent.
 */
static char *
resolve(const struct facts *f, const char *path, size_t *budget)
{
	struct sbuf cur, rest, tmp;
	const struct path_fact *pf;
	const char *p, *comp, *after;
	size_t clen, nlinks = 0, save;
	char *res = NULL;

	sbuf_init(&cur, SL_MAX_PATH);
	sbuf_init(&rest, 2 * SL_MAX_PATH);
	sbuf_init(&tmp, 2 * SL_MAX_PATH);
	if (path[0] != '/' || sbuf_puts(&rest, path) != 0)
		goto out;
	p = rest.data;
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		if (*budget == 0)
			goto out;
		(*budget)--;
		comp = p;
		while (*p != '\0' && *p != '/')
			p++;
		clen = (size_t)(p - comp);
		if (clen == 1 && comp[0] == '.')
			continue;
		if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
			char *slash = strrchr(cur.data, '/');

			if (slash != NULL) {
				cur.len = (size_t)(slash - cur.data);
				cur.data[cur.len] = '\0';
			}
			continue;
		}
		save = cur.len;
		if (sbuf_putc(&cur, '/') != 0 ||
		    sbuf_put(&cur, comp, clen) != 0)
			goto out;
		if ((pf = facts_path(f, cur.data)) == NULL)
			goto out;
		for (after = p; *after == '/'; after++)
			;
		switch (pf->type) {
		case PT_DIR:
			break;
		case PT_FILE:
		case PT_OTHER:
			if (*after != '\0')
				goto out;	/* ENOTDIR */
			break;
		case PT_SYMLINK:
			if (pf->link == NULL || ++nlinks > SL_MAX_SYMLINKS)
				goto out;
			/* rest = target + "/" + what is left after comp. */
			sbuf_reset(&tmp);
			if (sbuf_puts(&tmp, pf->link) != 0 ||
			    sbuf_putc(&tmp, '/') != 0 ||
			    sbuf_puts(&tmp, p) != 0)
				goto out;
			sbuf_reset(&rest);
			if (sbuf_put(&rest, tmp.data, tmp.len) != 0)
				goto out;
			p = rest.data;
			cur.len = pf->link[0] == '/' ? 0 : save;
			cur.data[cur.len] = '\0';
			break;
		default:
			goto out;	/* missing or unreadable */
		}
	}
	res = cur.len == 0 ? xstrdup("/") : sbuf_steal(&cur, NULL);
 out:
	sbuf_cleanup(&cur);
	sbuf_cleanup(&rest);
	sbuf_cleanup(&tmp);
	return res;
}

int
facts_build_paths(struct facts_impl *fi, struct diag *d)
{
	struct facts *f = &fi->pub;
	const struct bundle *b = f->bundle;
	const struct bundle_rec *r, *lr;
	const struct user_fact *u;
	const struct group_fact *g;
	struct path_fact *pf;
	struct file_fact *ff;
	struct cmd_fact *cf;
	size_t i, n = bundle_count(b), np = 0, nf = 0, nc = 0, nleft = 0;
	size_t budget = SL_MAX_RESOLVE_STEPS;
	char *rp;

	(void)d;
	for (i = 0; i < n; i++) {
		r = bundle_rec(b, i);
		if (r->kind == REC_STAT || r->kind == REC_NOSTAT)
			np++;
		else if (r->kind == REC_FILE || r->kind == REC_NOFILE)
			nf++;
		else if (r->kind == REC_CMD)
			nc++;
	}
	f->paths = xcalloc(np + 1, sizeof(*f->paths));
	f->files = xcalloc(nf + 1, sizeof(*f->files));
	f->cmds = xcalloc(nc + 1, sizeof(*f->cmds));
	for (i = 0; i < n; i++) {
		r = bundle_rec(b, i);
		switch (r->kind) {
		case REC_STAT:
			pf = &f->paths[f->npaths++];
			pf->path = r->path;
			pf->type = path_type(r->type);
			pf->mode = r->mode;
			pf->uid = r->uid;
			pf->gid = r->gid;
			pf->size = r->size;
			pf->acl = r->acl;
			if ((u = facts_user_by_uid(f, r->uid)) != NULL)
				pf->owner = u->name;
			if ((g = facts_group_by_gid(f, r->gid)) != NULL)
				pf->group = g->name;
			if (pf->type == PT_SYMLINK &&
			    (lr = bundle_find(b, REC_LINK, r->path)) != NULL)
				pf->link = lr->value;
			break;
		case REC_NOSTAT:
			pf = &f->paths[f->npaths++];
			pf->path = r->path;
			pf->acl = -1;
			if (strcmp(r->value, "ENOENT") == 0)
				pf->type = PT_MISSING;
			else {
				pf->type = PT_UNREADABLE;
				pf->err = err_text(r->value);
			}
			break;
		case REC_FILE:
		case REC_NOFILE:
			ff = &f->files[f->nfiles++];
			ff->path = r->path;
			if (r->kind == REC_FILE) {
				ff->data = r->data;
				ff->len = r->len;
				ff->truncated = r->truncated;
			} else
				ff->err = err_text(r->value);
			break;
		case REC_CMD:
			cf = &f->cmds[f->ncmds++];
			cf->name = r->path;
			cf->status = r->status;
			cf->out = r->data;
			cf->len = r->len;
			break;
		default:
			break;
		}
	}
	/* Paths are unique (the parser rejects duplicates). */
	qsort(f->paths, f->npaths, sizeof(*f->paths), cmp_path);
	qsort(f->files, f->nfiles, sizeof(*f->files), cmp_file);
	for (i = 0; i < f->npaths; i++) {
		pf = &f->paths[i];
		if (pf->type == PT_MISSING || pf->type == PT_UNREADABLE)
			continue;
		if ((rp = resolve(f, pf->path, &budget)) == NULL) {
			if (budget == 0)
				nleft++;
			continue;
		}
		if (strcmp(rp, pf->path) == 0) {
			free(rp);
			pf->realpath = pf->path;
		} else
			pf->realpath = facts_own(fi, rp);
	}
	if (nleft > 0)
		diag_warn(&f->diag, NULL, 0, "realpath: more than %u path "
		    "components to walk; %zu paths left unresolved",
		    SL_MAX_RESOLVE_STEPS, nleft);
	return 0;
}

void
facts_free_paths(struct facts_impl *fi)
{
	free(fi->pub.paths);
	free(fi->pub.files);
	free(fi->pub.cmds);
}

const struct path_fact *
facts_path(const struct facts *f, const char *path)
{
	struct path_fact key;

	if (path == NULL || f->npaths == 0)
		return NULL;
	key.path = path;
	return bsearch(&key, f->paths, f->npaths, sizeof(*f->paths),
	    cmp_path);
}

const struct file_fact *
facts_file(const struct facts *f, const char *path)
{
	struct file_fact key;

	if (path == NULL || f->nfiles == 0)
		return NULL;
	key.path = path;
	return bsearch(&key, f->files, f->nfiles, sizeof(*f->files),
	    cmp_file);
}

const struct cmd_fact *
facts_cmd(const struct facts *f, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < f->ncmds; i++)
		if (strcmp(f->cmds[i].name, name) == 0)
			return &f->cmds[i];
	return NULL;
}
