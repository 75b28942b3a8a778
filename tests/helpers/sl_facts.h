/*
 * sl_facts.h — build a struct facts by hand in unit tests (facts is an open
 * struct; no bundle needed). Header-only: every string is copied and freed
 * by tf_free(). Call tf_finish() before use: it sorts paths and files as
 * facts_build() does.
 */
#ifndef SL_FACTS_TEST_H
#define SL_FACTS_TEST_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "strv.h"
#include "xmalloc.h"

static inline struct facts *
tf_new(void)
{
	struct facts *f = xcalloc(1, sizeof(*f));

	strv_init(&f->synoinfo_keys);
	strv_init(&f->synoinfo_values);
	diag_init(&f->diag);
	f->host.name = xstrdup("test");
	return f;
}

static inline struct path_fact *
tf_path(struct facts *f, const char *path, enum path_type type,
    unsigned int mode, unsigned long uid, const char *owner, int acl,
    const char *link)
{
	struct path_fact *p;

	f->paths = xreallocarray(f->paths, f->npaths + 1, sizeof(*f->paths));
	p = &f->paths[f->npaths++];
	memset(p, 0, sizeof(*p));
	p->path = xstrdup(path);
	p->type = type;
	p->mode = mode;
	p->uid = uid;
	p->gid = 100;
	p->owner = owner != NULL ? xstrdup(owner) : NULL;
	p->acl = acl;
	p->link = link != NULL ? xstrdup(link) : NULL;
	if (type == PT_UNREADABLE)
		p->err = xstrdup("Permission denied");
	return p;
}

static inline struct user_fact *
tf_user(struct facts *f, const char *name, unsigned long uid, const char *home,
    int can_login)
{
	struct user_fact *u;

	f->users = xreallocarray(f->users, f->nusers + 1, sizeof(*f->users));
	u = &f->users[f->nusers++];
	memset(u, 0, sizeof(*u));
	u->name = xstrdup(name);
	u->uid = uid;
	u->gid = 100;
	u->home = xstrdup(home);
	u->shell = xstrdup(can_login ? "/bin/sh" : "/sbin/nologin");
	u->can_login = can_login;
	strv_init(&u->groups);
	strv_push(&u->groups, "users");
	return u;
}

static inline void
tf_file(struct facts *f, const char *path, const char *data)
{
	struct file_fact *ff;

	f->files = xreallocarray(f->files, f->nfiles + 1, sizeof(*f->files));
	ff = &f->files[f->nfiles++];
	memset(ff, 0, sizeof(*ff));
	ff->path = xstrdup(path);
	ff->data = data != NULL ? xstrdup(data) : NULL;
	ff->len = data != NULL ? strlen(data) : 0;
	if (data == NULL)
		ff->err = xstrdup("Permission denied");
}

static inline void
tf_synoinfo(struct facts *f, const char *key, const char *value)
{
	strv_push(&f->synoinfo_keys, key);
	strv_push(&f->synoinfo_values, value);
}

static inline int
tf_cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct path_fact *)a)->path,
	    ((const struct path_fact *)b)->path);
}

static inline int
tf_cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct file_fact *)a)->path,
	    ((const struct file_fact *)b)->path);
}

static inline void
tf_finish(struct facts *f)
{
	if (f->npaths > 1)
		qsort(f->paths, f->npaths, sizeof(*f->paths), tf_cmp_path);
	if (f->nfiles > 1)
		qsort(f->files, f->nfiles, sizeof(*f->files), tf_cmp_file);
}

#define TF_FREE(p)	free((void *)(uintptr_t)(p))

static inline void
tf_free(struct facts *f)
{
	size_t i;

	for (i = 0; i < f->npaths; i++) {
		TF_FREE(f->paths[i].path);
		TF_FREE(f->paths[i].owner);
		TF_FREE(f->paths[i].link);
		TF_FREE(f->paths[i].err);
	}
	for (i = 0; i < f->nusers; i++) {
		TF_FREE(f->users[i].name);
		TF_FREE(f->users[i].home);
		TF_FREE(f->users[i].shell);
		strv_cleanup(&f->users[i].groups);
	}
	for (i = 0; i < f->nfiles; i++) {
		TF_FREE(f->files[i].path);
		TF_FREE(f->files[i].data);
		TF_FREE(f->files[i].err);
	}
	TF_FREE(f->host.name);
	TF_FREE(f->host.dsm_version);
	free(f->paths);
	free(f->users);
	free(f->files);
	strv_cleanup(&f->synoinfo_keys);
	strv_cleanup(&f->synoinfo_values);
	diag_cleanup(&f->diag);
	free(f);
}

#endif
