/*
 * facts_users.c — users and groups as the host's own /etc/passwd,
 * /etc/group and /etc/shadow (from the bundle, never this machine's) say:
 * group lists, admin (uid 0 or "administrators"), login shell, disabled
 * accounts, and the lookups by name, uid and gid.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "err.h"
#include "facts.h"
#include "facts_priv.h"
#include "sl_limits.h"
#include "xmalloc.h"

#define PASSWD_FILE	"/etc/passwd"
#define GROUP_FILE	"/etc/group"
#define SHADOW_FILE	"/etc/shadow"
#define ADMIN_GROUP	"administrators"

/* A writable copy of a file's content, split into lines in place. */
struct lines {
	char		*buf;		/* owned by the facts */
	char		*p;
	char		*end;
	unsigned int	 lineno;
};

static int
lines_open(struct facts_impl *fi, const char *path, struct lines *l)
{
	const struct bundle_rec *r;

	memset(l, 0, sizeof(*l));
	r = bundle_find(fi->pub.bundle, REC_FILE, path);
	if (r == NULL)
		return -1;
	l->buf = facts_own(fi, xmalloc(r->len + 1));
	memcpy(l->buf, r->data, r->len);
	l->buf[r->len] = '\0';
	l->p = l->buf;
	l->end = l->buf + r->len;
	return 0;
}

/*
 * The next line, NUL-terminated in place, or NULL at the end. Lines holding
 * a NUL byte are reported and skipped.
 */
static char *
lines_next(struct lines *l, const char *path, struct diag *d)
{
	char *s, *nl;

	while (l->p < l->end) {
		s = l->p;
		if ((nl = memchr(s, '\n', (size_t)(l->end - s))) == NULL)
			nl = l->end;
		*nl = '\0';
		l->p = nl + 1;
		l->lineno++;
		if (strlen(s) != (size_t)(nl - s)) {
			diag_warn(d, path, l->lineno, "NUL byte in line, "
			    "ignored");
			continue;
		}
		return s;
	}
	return NULL;
}

/* Splits s at ':' in place; returns the number of fields (up to max + 1). */
static size_t
split_colon(char *s, char **f, size_t max)
{
	size_t n = 0;

	for (;;) {
		if (n == max)
			return max + 1;		/* too many */
		f[n++] = s;
		if ((s = strchr(s, ':')) == NULL)
			return n;
		*s++ = '\0';
	}
}

static int
parse_id(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (*s == '\0' || (s[0] == '0' && s[1] != '\0'))
		return -1;
	for (; *s != '\0'; s++) {
		unsigned long dg = (unsigned long)(*s - '0');

		if (*s < '0' || *s > '9' || v > (UINT32_MAX - dg) / 10)
			return -1;
		v = v * 10 + dg;
	}
	*out = v;
	return 0;
}

static int
skip_line(const char *s)
{
	return *s == '\0' || *s == '#' || *s == '+' || *s == '-';
}

static int
cmp_user_name(const void *a, const void *b)
{
	const struct user_fact *x = *(const struct user_fact *const *)a;
	const struct user_fact *y = *(const struct user_fact *const *)b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x > y) - (x < y);
}

static int
cmp_user_uid(const void *a, const void *b)
{
	const struct user_fact *x = *(const struct user_fact *const *)a;
	const struct user_fact *y = *(const struct user_fact *const *)b;

	if (x->uid != y->uid)
		return x->uid < y->uid ? -1 : 1;
	return (x > y) - (x < y);
}

static int
cmp_group_gid(const void *a, const void *b)
{
	const struct group_fact *x = *(const struct group_fact *const *)a;
	const struct group_fact *y = *(const struct group_fact *const *)b;

	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	return (x > y) - (x < y);
}

static int
parse_groups(struct facts_impl *fi, struct diag *d)
{
	struct facts *f = &fi->pub;
	struct lines l;
	struct group_fact *g;
	char *s, *fl[4], *m, *next;
	size_t cap = 0;

	if (lines_open(fi, GROUP_FILE, &l) != 0)
		return 0;
	while ((s = lines_next(&l, GROUP_FILE, &f->diag)) != NULL) {
		if (skip_line(s))
			continue;
		if (split_colon(s, fl, 4) != 4) {
			diag_warn(&f->diag, GROUP_FILE, l.lineno, "not "
			    "name:password:gid:members, ignored");
			continue;
		}
		if (f->ngroups >= SL_MAX_USERS) {
			diag_error(d, GROUP_FILE, l.lineno, "more than %u "
			    "groups", SL_MAX_USERS);
			return SL_ERR_TOO_LARGE;
		}
		if (f->ngroups == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			f->groups = xreallocarray(f->groups, cap,
			    sizeof(*f->groups));
		}
		g = &f->groups[f->ngroups];
		if (*fl[0] == '\0' || parse_id(fl[2], &g->gid) != 0) {
			diag_warn(&f->diag, GROUP_FILE, l.lineno, "bad group "
			    "name or gid, ignored");
			continue;
		}
		g->name = fl[0];
		strv_init(&g->members);
		/* As listed (duplicates kept: deduplicating is quadratic). */
		for (m = fl[3]; m != NULL; m = next) {
			if ((next = strchr(m, ',')) != NULL)
				*next++ = '\0';
			if (*m != '\0')
				strv_push(&g->members, m);
		}
		f->ngroups++;
	}
	return 0;
}

struct shadow_ent {
	const char	*name;
	size_t		 idx;		/* file order: the first entry wins */
	int		 disabled;
};

static int
cmp_shadow(const void *a, const void *b)
{
	const struct shadow_ent *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* The first entry for name in the sorted shadow list, NULL if none. */
static const struct shadow_ent *
shadow_find(const struct shadow_ent *v, size_t n, const char *name)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].name, name) == 0 ? &v[lo] : NULL;
}

/* The sorted shadow entries; *entp is NULL when there is no shadow file. */
static void
parse_shadow(struct facts_impl *fi, struct shadow_ent **entp, size_t *np)
{
	struct lines l;
	struct shadow_ent *v = NULL;
	size_t n = 0, cap = 0, nf;
	char *s, *fl[9];

	*entp = NULL;
	*np = 0;
	if (lines_open(fi, SHADOW_FILE, &l) != 0)
		return;
	while ((s = lines_next(&l, SHADOW_FILE, &fi->pub.diag)) != NULL) {
		if (skip_line(s))
			continue;
		nf = split_colon(s, fl, 9);
		if (nf < 2 || nf > 9 || *fl[0] == '\0') {
			diag_warn(&fi->pub.diag, SHADOW_FILE, l.lineno, "not "
			    "a shadow entry, ignored");
			continue;
		}
		if (n >= SL_MAX_USERS)
			break;
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].name = fl[0];
		v[n].idx = n;
		/* DSM disables an account with expire day 1; '!' locks it. */
		v[n].disabled = fl[1][0] == '!' ||
		    (nf >= 8 && strcmp(fl[7], "1") == 0);
		n++;
	}
	if (v == NULL)
		v = xmalloc(sizeof(*v));	/* an empty but present shadow */
	qsort(v, n, sizeof(*v), cmp_shadow);
	*entp = v;
	*np = n;
}

static int
shell_can_login(const char *shell)
{
	const char *base = strrchr(shell, '/');

	base = base != NULL ? base + 1 : shell;
	return *shell != '\0' && strcmp(base, "nologin") != 0 &&
	    strcmp(base, "false") != 0;
}

/* (member name, group) pairs sorted by name then group file order. */
struct membership {
	const char	*user;
	size_t		 group;
};

static int
cmp_membership(const void *a, const void *b)
{
	const struct membership *x = a, *y = b;
	int c = strcmp(x->user, y->user);

	return c != 0 ? c : (x->group > y->group) - (x->group < y->group);
}

static struct membership *
memberships(const struct facts *f, size_t *np)
{
	struct membership *v;
	size_t i, j, n = 0;

	for (i = 0; i < f->ngroups; i++)
		n += f->groups[i].members.n;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0, n = 0; i < f->ngroups; i++)
		for (j = 0; j < f->groups[i].members.n; j++) {
			v[n].user = f->groups[i].members.v[j];
			v[n++].group = i;
		}
	qsort(v, n, sizeof(*v), cmp_membership);
	*np = n;
	return v;
}

/* The primary group (by gid), then every group listing the user. */
static void
user_groups(struct facts *f, struct user_fact *u,
    const struct membership *ms, size_t nms)
{
	const struct group_fact *pg;
	size_t lo = 0, hi = nms, mid, last = SIZE_MAX;

	strv_init(&u->groups);
	if ((pg = facts_group_by_gid(f, u->gid)) != NULL)
		strv_push(&u->groups, pg->name);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(ms[mid].user, u->name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nms && strcmp(ms[lo].user, u->name) == 0; lo++) {
		const struct group_fact *g = &f->groups[ms[lo].group];

		if (ms[lo].group == last || g == pg)
			continue;
		last = ms[lo].group;
		strv_push(&u->groups, g->name);
	}
}

int
facts_build_users(struct facts_impl *fi, struct diag *d)
{
	struct facts *f = &fi->pub;
	struct shadow_ent *sh = NULL;
	struct membership *ms = NULL;
	const struct shadow_ent *se;
	struct user_fact *u;
	struct lines l;
	char *s, *fl[7];
	size_t i, nsh = 0, nms = 0, cap = 0;
	int r = SL_ERR_INTERNAL;

	if ((r = parse_groups(fi, d)) != 0)
		goto out;
	fi->group_by_gid = xcalloc(f->ngroups + 1, sizeof(*fi->group_by_gid));
	for (i = 0; i < f->ngroups; i++)
		fi->group_by_gid[i] = &f->groups[i];
	qsort(fi->group_by_gid, f->ngroups, sizeof(*fi->group_by_gid),
	    cmp_group_gid);

	ms = memberships(f, &nms);
	parse_shadow(fi, &sh, &nsh);
	if (lines_open(fi, PASSWD_FILE, &l) == 0) {
		while ((s = lines_next(&l, PASSWD_FILE, &f->diag)) != NULL) {
			if (skip_line(s))
				continue;
			if (split_colon(s, fl, 7) != 7) {
				diag_warn(&f->diag, PASSWD_FILE, l.lineno,
				    "not name:password:uid:gid:gecos:home:"
				    "shell, ignored");
				continue;
			}
			if (f->nusers >= SL_MAX_USERS) {
				diag_error(d, PASSWD_FILE, l.lineno, "more "
				    "than %u users", SL_MAX_USERS);
				r = SL_ERR_TOO_LARGE;
				goto out;
			}
			if (f->nusers == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				f->users = xreallocarray(f->users, cap,
				    sizeof(*f->users));
			}
			u = &f->users[f->nusers];
			memset(u, 0, sizeof(*u));
			if (*fl[0] == '\0' || parse_id(fl[2], &u->uid) != 0 ||
			    parse_id(fl[3], &u->gid) != 0) {
				diag_warn(&f->diag, PASSWD_FILE, l.lineno,
				    "bad user name, uid or gid, ignored");
				continue;
			}
			u->name = fl[0];
			u->gecos = fl[4];
			u->home = fl[5];
			u->shell = fl[6];
			u->can_login = shell_can_login(u->shell);
			user_groups(f, u, ms, nms);
			u->is_admin = u->uid == 0 ||
			    strv_find(&u->groups, ADMIN_GROUP) >= 0;
			u->disabled = -1;
			if (sh != NULL && (se = shadow_find(sh, nsh,
			    u->name)) != NULL)
				u->disabled = se->disabled;
			f->nusers++;
		}
	}
	fi->user_by_name = xcalloc(f->nusers + 1, sizeof(*fi->user_by_name));
	fi->user_by_uid = xcalloc(f->nusers + 1, sizeof(*fi->user_by_uid));
	for (i = 0; i < f->nusers; i++)
		fi->user_by_name[i] = fi->user_by_uid[i] = &f->users[i];
	qsort(fi->user_by_name, f->nusers, sizeof(*fi->user_by_name),
	    cmp_user_name);
	qsort(fi->user_by_uid, f->nusers, sizeof(*fi->user_by_uid),
	    cmp_user_uid);
	r = 0;
 out:
	free(ms);
	free(sh);
	return r;
}

void
facts_free_users(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	size_t i;

	for (i = 0; i < f->nusers; i++)
		strv_cleanup(&f->users[i].groups);
	for (i = 0; i < f->ngroups; i++)
		strv_cleanup(&f->groups[i].members);
	free(f->users);
	free(f->groups);
	free(fi->user_by_name);
	free(fi->user_by_uid);
	free(fi->group_by_gid);
}

const struct user_fact *
facts_user(const struct facts *f, const char *name)
{
	const struct facts_impl *fi = (const struct facts_impl *)f;
	size_t lo = 0, hi = f->nusers, mid;

	if (fi->user_by_name == NULL || name == NULL)
		return NULL;
	while (lo < hi) {		/* the first with name >= name */
		mid = lo + (hi - lo) / 2;
		if (strcmp(fi->user_by_name[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->nusers && strcmp(fi->user_by_name[lo]->name, name) == 0)
		return fi->user_by_name[lo];
	return NULL;
}

const struct user_fact *
facts_user_by_uid(const struct facts *f, unsigned long uid)
{
	const struct facts_impl *fi = (const struct facts_impl *)f;
	size_t lo = 0, hi = f->nusers, mid;

	if (fi->user_by_uid == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (fi->user_by_uid[mid]->uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->nusers && fi->user_by_uid[lo]->uid == uid)
		return fi->user_by_uid[lo];
	return NULL;
}

const struct group_fact *
facts_group_by_gid(const struct facts *f, unsigned long gid)
{
	const struct facts_impl *fi = (const struct facts_impl *)f;
	size_t lo = 0, hi = f->ngroups, mid;

	if (fi->group_by_gid == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (fi->group_by_gid[mid]->gid < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->ngroups && fi->group_by_gid[lo]->gid == gid)
		return fi->group_by_gid[lo];
	return NULL;
}
