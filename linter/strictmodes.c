/*
 * strictmodes.c — sshd's StrictModes decision (auth.c safe_path()) replayed
 * on lstat facts: the key file must be a regular file owned by root or the
 * user and not group/world-writable; so must every directory from it up to
 * the user's home (inclusive), or up to / when the file is outside home.
 * Everything is checked on the realpath, resolved from the facts' symlinks
 * (DSM: /var/services/homes -> /volume1/homes). Before that, as sshd opens
 * the file with the user's uid and groups, the user needs search permission
 * on every directory of the realpath and read permission on the file.
 * Reads facts->paths, users and groups only.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "predicates.h"
#include "sbuf.h"
#include "strictmodes.h"
#include "xmalloc.h"

#define SM_MAX_HOPS	40	/* symlinks followed, as Linux's MAXSYMLINKS */

/* Appends component c (no slashes) to the absolute path in b. */
static void
path_push(struct sbuf *b, const char *c, size_t n)
{
	if (b->len == 0 || b->data[b->len - 1] != '/')
		(void)sbuf_putc(b, '/');
	(void)sbuf_put(b, c, n);
}

static void
path_pop(struct sbuf *b)
{
	while (b->len > 1 && b->data[b->len - 1] != '/')
		b->len--;
	if (b->len > 1)
		b->len--;
	b->data[b->len] = '\0';
}

int
sm_realpath(const struct facts *f, const char *path, char **realp,
    const struct path_fact **factp)
{
	const struct path_fact *pf;
	struct sbuf cur;
	char *work = NULL, *next = NULL;
	const char *p, *e;
	int hops = 0, r = SL_ERR_INTERNAL;

	*realp = NULL;
	*factp = NULL;
	sbuf_init(&cur, 0);
	work = xstrdup(path);
 restart:
	sbuf_reset(&cur);
	(void)sbuf_putc(&cur, '/');
	for (p = work; *p != '\0'; p = e) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (e - p == 1 && p[0] == '.')
			continue;
		if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			path_pop(&cur);
			continue;
		}
		path_push(&cur, p, (size_t)(e - p));
		if ((pf = pred_path(f, cur.data)) == NULL)
			continue;	/* not collected: assume no symlink */
		if (pf->type == PT_MISSING) {
			r = SL_ERR_NOT_FOUND;
			goto out;
		}
		if (pf->type == PT_UNREADABLE) {
			*realp = xstrdup(cur.data);
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (pf->type != PT_SYMLINK)
			continue;
		if (++hops > SM_MAX_HOPS) {
			r = SL_ERR_PARSE;
			goto out;
		}
		if (pf->link == NULL && pf->realpath == NULL) {
			*realp = xstrdup(cur.data);
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (pf->link == NULL)
			next = xprintf("%s%s", pf->realpath, e);
		else if (pf->link[0] == '/')
			next = xprintf("%s%s", pf->link, e);
		else {
			path_pop(&cur);
			next = xprintf("%s/%s%s", cur.data, pf->link, e);
		}
		free(work);
		work = next;
		next = NULL;
		goto restart;
	}
	*factp = pred_path(f, cur.data);
	*realp = sbuf_steal(&cur, NULL);
	r = 0;
 out:
	free(work);
	sbuf_cleanup(&cur);
	return r;
}

static void
set_fault(struct sm_result *res, enum sm_verdict v, const char *path,
    const struct path_fact *pf, int owner, char *reason)
{
	res->verdict = v;
	free(res->fault);
	free(res->reason);
	res->fault = xstrdup(path);
	res->reason = reason;
	res->fault_mode = pf != NULL ? pf->mode : 0;
	res->fault_acl = pf != NULL ? pf->acl : -1;
	res->fault_owner = owner;
	res->fix_mode = pf != NULL ? pf->mode & 07755 : 0;
}

/*
 * Whether u may read (04) or search (01) pf, as the kernel decides for
 * sshd running with u's uid and groups: 1 yes, 0 no, -1 cannot tell. With
 * an ACL the mode bits do not decide (DSM's Synology ACL grants the owner
 * rights its 0000 or 0777 mode does not show), so only a path without one
 * is judged; so is one whose ACL state is unknown, by its mode.
 */
static int
may_access(const struct facts *f, const struct user_fact *u,
    const struct path_fact *pf, unsigned int need)
{
	const struct group_fact *g;
	unsigned int bits;

	if (u->uid == 0)
		return 1;
	if (pf->acl == 1)
		return -1;
	if (pf->uid == u->uid)
		bits = pf->mode >> 6;
	else if (pf->gid == u->gid || (pf->group != NULL &&
	    strv_find(&u->groups, pf->group) >= 0) ||
	    ((g = facts_group_by_gid(f, pf->gid)) != NULL &&
	    strv_find(&g->members, u->name) >= 0))
		bits = pf->mode >> 3;
	else
		bits = pf->mode;
	return (bits & need) == need;
}

/*
 * sshd opens the key file as the user before any StrictModes check: the
 * first directory of realpath (top down) the user cannot search, or the
 * file if the user cannot read it, refuses the login. Paths not collected
 * or unreadable here are left to the StrictModes walk. Returns 1 when
 * refused (the verdict is set), else 0.
 */
static int
check_open(const struct facts *f, const struct user_fact *u,
    const char *realpath, struct sm_result *res)
{
	const struct path_fact *pf;
	char *p = xstrdup(realpath), *s;
	int file, refused = 0;
	char mode[64];

	for (s = p;; s++) {
		file = *s == '\0';
		if (*s != '/' && !file)
			continue;
		*s = '\0';
		pf = pred_path(f, s == p ? "/" : p);
		if (pf != NULL && (file ? pf->type == PT_FILE :
		    pf->type == PT_DIR) && may_access(f, u, pf,
		    file ? 04 : 01) == 0) {
			pred_mode_text(mode, sizeof(mode), pf);
			set_fault(res, SM_REFUSED, s == p ? "/" : p, pf,
			    pf->uid != u->uid, xprintf("%s cannot open %s "
			    "(sshd reads it as the user): %s %s is %s owner "
			    "%s, no %s permission for %s", u->name, realpath,
			    file ? "file" : "directory", s == p ? "/" : p,
			    mode, pf->owner != NULL ? pf->owner : "?",
			    file ? "read" : "search", u->name));
			res->fix_mode = (pf->mode | (file ? 0600 : 0700)) &
			    07755;
			res->unopenable = 1;
			refused = 1;
			break;
		}
		if (file)
			break;
		*s = '/';
	}
	free(p);
	return refused;
}

static void
note(struct sbuf *ev, const char *path, const struct path_fact *pf)
{
	char mode[64];

	pred_mode_text(mode, sizeof(mode), pf);
	(void)sbuf_putf(ev, "%s%s %s owner %s", ev->len > 0 ? "; " : "",
	    path, mode, pf->owner != NULL ? pf->owner : "?");
	if (pf->owner == NULL)
		(void)sbuf_putf(ev, "(uid %lu)", pf->uid);
}

/*
 * Checks one path of the walk. Returns 1 when the walk must stop (the
 * verdict is set), 0 to go on.
 */
static int
check_one(const struct facts *f, const struct user_fact *u, const char *path,
    int is_file, struct sbuf *ev, struct sm_result *res,
    const struct path_fact **pfp)
{
	const struct path_fact *pf;
	const char *what = is_file ? "file" : "directory";

	*pfp = pf = pred_path(f, path);
	if (pf == NULL) {
		set_fault(res, SM_UNREADABLE, path, NULL, 0,
		    xprintf("%s was not collected", path));
		return 1;
	}
	if (pf->type == PT_UNREADABLE) {
		set_fault(res, SM_UNREADABLE, path, pf, 0, xprintf("could not "
		    "check %s (needs --become): %s", path,
		    pf->err != NULL ? pf->err : "permission denied"));
		return 1;
	}
	if (pf->type == PT_MISSING) {
		set_fault(res, is_file ? SM_MISSING : SM_UNREADABLE, path, pf,
		    0, xprintf("%s does not exist", path));
		return 1;
	}
	note(ev, path, pf);
	if (is_file && pf->type != PT_FILE) {
		set_fault(res, SM_REFUSED, path, pf, 0,
		    xprintf("%s is not a regular file", path));
		return 1;
	}
	if (!is_file && pf->type != PT_DIR) {
		set_fault(res, SM_REFUSED, path, pf, 0,
		    xprintf("%s is not a directory", path));
		return 1;
	}
	if (pf->uid != 0 && pf->uid != u->uid) {
		set_fault(res, SM_REFUSED, path, pf, 1, xprintf("bad ownership "
		    "or modes for %s %s (owner %s, not root or %s)", what, path,
		    pf->owner != NULL ? pf->owner : "?", u->name));
		return 1;
	}
	if ((pf->mode & 022) != 0) {
		char mode[64];

		pred_mode_text(mode, sizeof(mode), pf);
		set_fault(res, SM_REFUSED, path, pf, 0, xprintf("bad ownership "
		    "or modes for %s %s (%s: group/world-writable)", what,
		    path, mode));
		return 1;
	}
	return 0;
}

/* Hardening advice for an accepted path, first one wins. */
static void
advise(struct sm_result *res, const char *path, const struct path_fact *pf,
    unsigned int allowed, const char *want)
{
	char mode[64];

	if (res->verdict != SM_OK)
		return;
	pred_mode_text(mode, sizeof(mode), pf);
	if ((pf->mode & 07777 & ~allowed) != 0)
		set_fault(res, SM_ADVICE, path, pf, 0, xprintf("%s is %s; %s "
		    "recommended", path, mode, want));
	else if (pf->acl == 1)
		set_fault(res, SM_ADVICE, path, pf, 0, xprintf("%s is %s: "
		    "StrictModes checks only the mode bits, review the ACL "
		    "(synoacltool -get)", path, mode));
}

void
strictmodes_check(const struct facts *f, const struct user_fact *u,
    const char *keyfile, struct sm_result *res)
{
	const struct path_fact *pf = NULL, *hf = NULL;
	struct sbuf ev;
	char *home = NULL, *dir = NULL;
	int comparehome = 0, inhome = 0, r;
	size_t i, nwalk = 0;
	struct {
		char *path;
		const struct path_fact *pf;
	} walk[64];

	memset(res, 0, sizeof(*res));
	res->fault_acl = -1;
	sbuf_init(&ev, 0);
	r = sm_realpath(f, keyfile, &res->realpath, &pf);
	if (r == SL_ERR_NOT_FOUND) {
		res->verdict = SM_MISSING;
		res->reason = xprintf("%s does not exist", keyfile);
		goto out;
	}
	if (r != 0) {
		set_fault(res, SM_UNREADABLE, res->realpath != NULL ?
		    res->realpath : keyfile, NULL, 0, xprintf("could not "
		    "resolve %s (needs --become)", keyfile));
		free(res->realpath);
		res->realpath = NULL;
		goto out;
	}
	if (u->home != NULL && u->home[0] == '/' &&
	    sm_realpath(f, u->home, &home, &hf) == 0)
		comparehome = 1;
	if (check_open(f, u, res->realpath, res))
		goto out;
	if (check_one(f, u, res->realpath, 1, &ev, res, &pf))
		goto out;
	walk[nwalk].path = xstrdup(res->realpath);
	walk[nwalk++].pf = pf;
	dir = xstrdup(res->realpath);
	for (;;) {
		char *slash = strrchr(dir, '/');

		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		if (check_one(f, u, dir, 0, &ev, res, &pf))
			goto out;
		if (nwalk < sizeof(walk) / sizeof(walk[0])) {
			walk[nwalk].path = xstrdup(dir);
			walk[nwalk++].pf = pf;
		}
		if (comparehome && strcmp(dir, home) == 0)
			break;
		if (strcmp(dir, "/") == 0)
			break;
	}
	res->verdict = SM_OK;
	inhome = comparehome && strncmp(res->realpath, home, strlen(home)) == 0 &&
	    (strcmp(home, "/") == 0 || res->realpath[strlen(home)] == '/');
	/* Accepted: the key file 0600, dirs in home 0700, home 0750. */
	for (i = 0; i < nwalk; i++) {
		if (i == 0)
			advise(res, walk[i].path, walk[i].pf, 0600, "0600");
		else if (inhome && strcmp(walk[i].path, home) == 0)
			advise(res, walk[i].path, walk[i].pf, 0750,
			    "0750 or stricter");
		else if (inhome)
			advise(res, walk[i].path, walk[i].pf, 0700, "0700");
		else
			advise(res, walk[i].path, walk[i].pf, 0755, "0755");
	}
 out:
	for (i = 0; i < nwalk; i++)
		free(walk[i].path);
	res->evidence = sbuf_steal(&ev, NULL);
	sbuf_cleanup(&ev);
	free(home);
	free(dir);
}

void
sm_result_cleanup(struct sm_result *res)
{
	free(res->realpath);
	free(res->fault);
	free(res->reason);
	free(res->evidence);
	memset(res, 0, sizeof(*res));
}
