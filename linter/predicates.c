/*
 * predicates.c — the predicate table (built from predicate_list.h), result
 * vectors and the small fact helpers every pred_*.c file shares.
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "predicates.h"
#include "sbuf.h"
#include "xmalloc.h"

#define PREDICATE(name, scopes, amin, amax, spec) \
	int pred_##name(const struct pred_ctx *, struct pred_out *);
#include "predicate_list.h"
#undef PREDICATE

#define PREDICATE(name, scopes, amin, amax, spec) \
	{ #name, (scopes), (amin), (amax), (spec), pred_##name },
static const struct predicate predicates[] = {
#include "predicate_list.h"
	{ NULL, 0, 0, 0, NULL, NULL }
};
#undef PREDICATE

const struct predicate *
predicate_find(const char *name)
{
	size_t i;

	for (i = 0; predicates[i].name != NULL; i++)
		if (strcmp(predicates[i].name, name) == 0)
			return &predicates[i];
	return NULL;
}

const struct predicate *
predicate_get(size_t i)
{
	if (i >= sizeof(predicates) / sizeof(predicates[0]) - 1)
		return NULL;
	return &predicates[i];
}

void
pred_out_init(struct pred_out *o)
{
	memset(o, 0, sizeof(*o));
}

void
pred_out_cleanup(struct pred_out *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->v[i].object);
		free(o->v[i].message);
		free(o->v[i].evidence);
		free(o->v[i].loc_file);
		free(o->v[i].path);
		free(o->v[i].fix);
	}
	free(o->v);
	memset(o, 0, sizeof(*o));
}

struct pred_result *
pred_emit(struct pred_out *o, enum verdict verdict, const char *object,
    const char *fmt, ...)
{
	struct pred_result *res;
	struct sbuf b;
	va_list ap;

	if (o->n == o->cap) {
		o->cap = o->cap == 0 ? 4 : o->cap * 2;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	res = &o->v[o->n++];
	memset(res, 0, sizeof(*res));
	res->verdict = verdict;
	res->acl = -1;
	res->object = object != NULL ? xstrdup(object) : NULL;
	sbuf_init(&b, 0);
	va_start(ap, fmt);
	(void)sbuf_vputf(&b, fmt, ap);
	va_end(ap);
	res->message = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return res;
}

int
pred_login_user(const struct user_fact *u)
{
	return u->can_login && u->disabled != 1;
}

static int
cmp_path_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct path_fact *)elem)->path);
}

static int
cmp_file_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct file_fact *)elem)->path);
}

const struct path_fact *
pred_path(const struct facts *f, const char *path)
{
	if (f->npaths == 0)
		return NULL;
	return bsearch(path, f->paths, f->npaths, sizeof(*f->paths),
	    cmp_path_key);
}

const struct file_fact *
pred_file(const struct facts *f, const char *path)
{
	if (f->nfiles == 0)
		return NULL;
	return bsearch(path, f->files, f->nfiles, sizeof(*f->files),
	    cmp_file_key);
}

const char *
pred_synoinfo(const struct facts *f, const char *key)
{
	long i;

	if ((i = strv_find(&f->synoinfo_keys, key)) < 0 ||
	    (size_t)i >= f->synoinfo_values.n)
		return NULL;
	return f->synoinfo_values.v[i];
}

static int
under(const char *dir, const char *path)
{
	size_t n;

	if (dir == NULL || dir[0] != '/' || strcmp(dir, "/") == 0)
		return 0;
	n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

int
pred_fix_in_home(const struct facts *f, const struct user_fact *user,
    const char *path, int ancestors)
{
	const struct path_fact *pf;

	if (user == NULL || path == NULL)
		return 0;
	if (under(user->home, path) || (ancestors && under(path, user->home)))
		return 1;
	pf = facts_path(f, user->home);
	if (pf == NULL || pf->realpath == NULL)
		return 1;	/* unresolved: the fault was not resolved either */
	return under(pf->realpath, path) ||
	    (ancestors && (strcmp(path, "/") == 0 || under(path, pf->realpath)));
}

char *
pred_expand(const char *tmpl, const struct user_fact *user)
{
	struct sbuf b;
	const char *p, *home;
	char *s = NULL;

	sbuf_init(&b, 0);
	for (p = tmpl; *p != '\0'; p++) {
		if (*p != '%') {
			(void)sbuf_putc(&b, *p);
			continue;
		}
		p++;
		if (*p == '%')
			(void)sbuf_putc(&b, '%');
		else if ((*p == 'h' || *p == 'u') && user != NULL) {
			home = user->home != NULL ? user->home : "";
			/* "%h/x" with home "/" must not give "//x" */
			if (*p == 'h' && strcmp(home, "/") == 0 && p[1] == '/')
				continue;
			(void)sbuf_puts(&b, *p == 'h' ? home : user->name);
		} else
			goto out;	/* unknown escape or no user */
	}
	s = sbuf_steal(&b, NULL);
 out:
	sbuf_cleanup(&b);
	return s;
}

int
pred_paths_matching(const struct facts *f, const char *pattern,
    int (*fn)(const char *, const struct path_fact *, void *), void *arg)
{
	size_t i;
	int r, n = 0;

	if (strpbrk(pattern, "*?[") == NULL)
		return (r = fn(pattern, pred_path(f, pattern), arg)) < 0 ? r : 1;
	for (i = 0; i < f->npaths; i++) {
		if (fnmatch(pattern, f->paths[i].path, FNM_PATHNAME) != 0)
			continue;
		if ((r = fn(f->paths[i].path, &f->paths[i], arg)) < 0)
			return r;
		n++;
	}
	return n;
}

void
pred_mode_text(char *buf, size_t len, const struct path_fact *pf)
{
	const char *acl;

	acl = pf->acl == 1 ? " with ACL (+)" :
	    pf->acl < 0 ? " (ACL unknown)" : "";
	snprintf(buf, len, "%04o%s", pf->mode & 07777, acl);
}
