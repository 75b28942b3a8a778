/*
 * fix_plan.c — findings -> the fix plan of one host (fix.h). What a rule's
 * fix does comes from the rule data (fix / dsmfix); what is risky and which
 * DSM settings go through synowebapi is the table below. Everything the
 * plan needs is copied, so it outlives the facts.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fix.h"
#include "predicates.h"
#include "sbuf.h"
#include "sshd.h"
#include "waivers.h"
#include "xmalloc.h"

/*
 * Rules whose fix may cut off logins: planned only when named exactly with
 * --only, or with --fix-risky. Manual-only rules are listed for the record.
 */
static const struct {
	const char	*id;
	const char	*why;
} risky_rules[] = {
	{ "SSHD-001", "PermitRootLogin no locks out whoever logs in as root "
	  "(on DSM 6 root may be the only key login)" },
	{ "SSHD-002", "PasswordAuthentication no locks out every account "
	  "without a working key" },
	{ "SSHD-003", "KbdInteractiveAuthentication no ends password logins "
	  "through PAM" },
	{ "SSHD-006", "StrictModes yes refuses keys in homes with loose modes "
	  "(fix HOME-001 first)" },
	{ "SSHD-007", "a low MaxAuthTries refuses clients that offer several "
	  "keys before the right one" },
	{ "SSHD-019", "AllowUsers/AllowGroups shut out every other account" },
	{ "SSHD-020", "changing the port cuts off clients and firewall rules "
	  "using the old one" },
	{ "SSHD-021", "removing the Port line closes a listener clients may "
	  "use" },
	{ "SSHD-022", "a shorter cipher list refuses old clients" },
	{ "SSHD-023", "a shorter MAC list refuses old clients" },
	{ "SSHD-024", "a shorter key exchange list refuses old clients" },
	{ "SSHD-025", "a shorter host key algorithm list refuses old clients" },
	{ "DSM-004", "changing DSM's SSH port cuts off clients and firewall "
	  "rules using the old one" },
	{ "DSM-010", "removing the Port line closes a listener clients may "
	  "use" },
	{ "KEY-004", "refusing ssh-rsa signatures locks out old clients with "
	  "RSA keys (DSM 6's own ssh among them)" },
	{ NULL, NULL }
};

int
fix_rule_risky(const char *rule_id, const char **whyp)
{
	size_t i;

	for (i = 0; risky_rules[i].id != NULL; i++)
		if (strcmp(risky_rules[i].id, rule_id) == 0) {
			if (whyp != NULL)
				*whyp = risky_rules[i].why;
			return 1;
		}
	if (whyp != NULL)
		*whyp = NULL;
	return 0;
}

static int
glob_any(const char *const *globs, const char *id)
{
	size_t i;

	for (i = 0; globs != NULL && globs[i] != NULL; i++)
		if (fnmatch(globs[i], id, 0) == 0)
			return 1;
	return 0;
}

static int
named_exactly(const char *const *ids, const char *id)
{
	size_t i;

	for (i = 0; ids != NULL && ids[i] != NULL; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

static int
has_ctl(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

struct builder {
	const struct facts	*f;
	const struct findings	*fs;
	const struct fix_opts	*o;
	struct fix_plan		*p;
	struct sshd_editor	*ed;
};

static struct fix_action *
add_action(struct fix_plan *p, const struct finding *fd, enum fix_kind kind)
{
	struct fix_action *a;

	p->actions = xreallocarray(p->actions, p->nactions + 1,
	    sizeof(*p->actions));
	a = &p->actions[p->nactions++];
	memset(a, 0, sizeof(*a));
	a->rule_id = xstrdup(fd->rule->id);
	a->object = xstrdup(fd->object);
	a->kind = kind;
	a->edit = -1;
	a->acl = -1;
	a->risky = fix_rule_risky(fd->rule->id, NULL);
	strv_init(&a->webapi);
	strv_init(&a->webapi_undo);
	return a;
}

static void
skip(struct fix_action *a, char *reason)
{
	a->planned = 0;
	free(a->skip_reason);
	a->skip_reason = reason;
}

/* The reason the rule is not planned by selection, or NULL. */
static char *
deselected(const struct builder *b, const struct finding *fd)
{
	const char *id = fd->rule->id, *why;
	const struct waiver *w;

	if (glob_any(b->o->skip, id))
		return xprintf("--skip %s", id);
	if (b->o->waivers != NULL && b->o->host != NULL &&
	    (w = waivers_covers(b->o->waivers, b->o->host, fd)) != NULL)
		return xprintf("waived (%s:%u, until %s)", b->o->waivers->file,
		    w->line, w->expires);
	if (fix_rule_risky(id, &why) && !b->o->fix_risky &&
	    !named_exactly(b->o->only, id))
		return xprintf("risky: %s; name it with --only %s or use "
		    "--fix-risky", why, id);
	return NULL;
}

static const struct fix_spec *
spec_of(const struct builder *b, const struct rule *r)
{
	if (b->f->dsm.is_dsm && r->dsm_fix.action != NULL)
		return &r->dsm_fix;
	return &r->fix;
}

/* The audited lstat record of a path to chmod/chown, or why not. */
static const struct path_fact *
audited(const struct facts *f, const char *path, char **whyp)
{
	const struct path_fact *pf = facts_path(f, path);
	size_t i;

	*whyp = NULL;
	if (pf == NULL)
		for (i = 0; i < f->npaths; i++)
			if (f->paths[i].realpath != NULL &&
			    strcmp(f->paths[i].realpath, path) == 0 &&
			    f->paths[i].type != PT_SYMLINK) {
				pf = &f->paths[i];
				break;
			}
	if (pf == NULL)
		*whyp = xprintf("%s was not audited", path);
	else if (pf->type == PT_SYMLINK)
		*whyp = xprintf("%s is a symlink (never changed through one)",
		    path);
	else if (pf->type != PT_FILE && pf->type != PT_DIR)
		*whyp = xprintf("%s is not a regular file or directory", path);
	else if (path[0] != '/' || has_ctl(path))
		*whyp = xprintf("%s: not a plain absolute path", path);
	return *whyp == NULL ? pf : NULL;
}

static void
plan_path(struct builder *b, const struct finding *fd,
    const struct fix_spec *fs, char *unsel)
{
	const struct path_fact *pf = NULL;
	const struct user_fact *u = NULL;
	struct fix_action *a;
	int chown_ = strcmp(fs->action, "chown") == 0;
	char *why = NULL, mt[64];

	/* HOME-001 names the fix per path: a chown when the owner is wrong */
	if (!chown_ && fd->fix != NULL && strncmp(fd->fix, "chown ", 6) == 0)
		chown_ = 1;
	a = add_action(b->p, fd, chown_ ? FIX_CHOWN : FIX_CHMOD);
	a->target = xstrdup(fd->fix_path != NULL ? fd->fix_path : "?");
	a->planned = 1;
	if (fd->fix_path == NULL)
		why = xstrdup("no path inside the user's home to change "
		    "(a path outside it is never changed by --fix)");
	else
		pf = audited(b->f, fd->fix_path, &why);
	if (pf != NULL) {
		a->expect_mode = pf->mode & 07777;
		a->expect_uid = pf->uid;
		a->expect_gid = pf->gid;
		a->acl = pf->acl;
		a->is_dir = pf->type == PT_DIR;
		pred_mode_text(mt, sizeof(mt), pf);
	}
	if (pf != NULL && chown_) {
		const char *name = fs->args.n > 0 && strcmp(fs->action,
		    "chown") == 0 ? fs->args.v[0] : "%u";

		if (strcmp(name, "%u") == 0 &&
		    strncmp(fd->object, "user:", 5) == 0)
			u = facts_user(b->f, fd->object + 5);
		else if (strcmp(name, "%u") != 0)
			u = facts_user(b->f, name);
		if (u == NULL)
			why = xprintf("no user to give %s to", fd->fix_path);
		else {
			a->new_uid = u->uid;
			a->new_owner = xstrdup(u->name);
			a->description = xprintf("chown %s %s (now uid %lu)",
			    u->name, fd->fix_path, pf->uid);
		}
	} else if (pf != NULL) {
		unsigned long max = strtoul(fs->args.v[0], NULL, 8);

		a->new_mode = a->expect_mode & (unsigned int)max;
		a->description = xprintf("chmod %04o %s (now %s%s)",
		    a->new_mode, fd->fix_path, mt, pf->acl == 1 ?
		    "; the POSIX mode is what changes: on DSM chmod drops the "
		    "Synology ACL, check the homes share's permissions after" :
		    "");
	}
	if (a->description == NULL)
		a->description = xprintf("%s %s", chown_ ? "chown" : "chmod",
		    a->target);
	if (why != NULL)
		skip(a, why);
	else if (unsel != NULL)
		skip(a, xstrdup(unsel));
}

/* Borrowed file contents for the editor (complete files only). */
static const char *
read_fact(void *arg, const char *path, size_t *lenp)
{
	const struct facts *f = arg;
	const struct file_fact *ff = facts_file(f, path);

	if (ff == NULL || ff->data == NULL || ff->truncated ||
	    memchr(ff->data, '\0', ff->len) != NULL)
		return NULL;
	*lenp = ff->len;
	return ff->data;
}

/* Every FAIL finding of rule r (findings are sorted by rule id). */
static void
plan_sshd(struct builder *b, const struct rule *r, const struct fix_spec *fs,
    size_t first, size_t end)
{
	const struct finding *fd = &b->fs->v[first];
	char *unsel = NULL, *value = NULL, *why = NULL;
	const char **files = xcalloc(end - first + 1, sizeof(*files));
	unsigned int *lines = xcalloc(end - first + 1, sizeof(*lines));
	int set = strcmp(fs->action, "sshd_set") == 0, ch = 0;
	size_t i, n = 0;
	struct sbuf v;

	/* one edit serves every object: a waived one keeps the rule unfixed */
	for (i = first; i < end && unsel == NULL; i++)
		if (b->fs->v[i].verdict == VERDICT_FAIL)
			unsel = deselected(b, &b->fs->v[i]);
	sbuf_init(&v, 0);
	for (i = 1; set && i < fs->args.n; i++)
		(void)sbuf_putf(&v, "%s%s", i > 1 ? " " : "", fs->args.v[i]);
	value = sbuf_steal(&v, NULL);
	for (i = first; i < end; i++)
		if (b->fs->v[i].verdict == VERDICT_FAIL &&
		    b->fs->v[i].loc_file != NULL) {
			files[n] = b->fs->v[i].loc_file;
			lines[n++] = b->fs->v[i].loc_line;
		}
	if (b->ed == NULL)
		why = xprintf("no readable sshd configuration was collected");
	else if (unsel == NULL) {
		sshd_editor_tag(b->ed, r->id);
		ch = set ? sshd_editor_set(b->ed, fs->args.v[0], value, files,
		    lines, n) : sshd_editor_remove(b->ed, fs->args.v[0], r->id);
		if (ch == SL_ERR_UNSUPPORTED)
			why = xprintf("OpenSSH %d.%d does not know %s",
			    b->p->host.openssh_version / 100,
			    b->p->host.openssh_version % 100, fs->args.v[0]);
		else if (ch < 0)
			why = xprintf("a file of the sshd configuration was not "
			    "collected whole");
		else if (ch == 0)
			why = xstrdup("already so in the configuration files");
	}
	for (i = first; i < end; i++) {
		struct fix_action *a;

		fd = &b->fs->v[i];
		if (fd->verdict != VERDICT_FAIL)
			continue;
		a = add_action(b->p, fd, set ? FIX_SSHD_SET : FIX_SSHD_REMOVE);
		a->target = xstrdup(fs->args.v[0]);
		/* add_edit() names the files */
		a->description = set ? xprintf("set %s %s", fs->args.v[0],
		    value) : xprintf("comment out %s", fs->args.v[0]);
		a->planned = 1;
		if (unsel != NULL)
			skip(a, xstrdup(unsel));
		else if (why != NULL)
			skip(a, xstrdup(why));
	}
	free(unsel);
	free(why);
	free(value);
	free(files);
	free(lines);
}

/* The Auto Block thresholds of DSM-002 (its check args), else defaults. */
static void
ab_limits(const struct findings *fs, long *att, long *win, long *exp)
{
	size_t i;

	*att = 10;
	*win = 5;
	*exp = 0;
	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rule->id, "DSM-002") == 0 &&
		    fs->v[i].rule->args.n == 3) {
			*att = strtol(fs->v[i].rule->args.v[0], NULL, 10);
			*win = strtol(fs->v[i].rule->args.v[1], NULL, 10);
			*exp = strtol(fs->v[i].rule->args.v[2], NULL, 10);
			break;
		}
}

/* DSM-001/DSM-002: Auto Block through DSM's own web API. */
static int
plan_webapi(struct builder *b, const struct finding *fd)
{
	const struct dsm_fact *d = &b->f->dsm;
	struct fix_action *a;
	long att, win, exp, na, nw, ne;
	char *unsel;

	if (strcmp(fd->rule->id, "DSM-001") != 0 &&
	    strcmp(fd->rule->id, "DSM-002") != 0)
		return 0;
	if (!d->is_dsm)
		return 0;
	ab_limits(b->fs, &att, &win, &exp);
	na = d->ab_enabled && d->ab_attempts > 0 && d->ab_attempts < att ?
	    d->ab_attempts : att;
	nw = d->ab_enabled && d->ab_within_mins > win ? d->ab_within_mins :
	    win;
	ne = d->ab_enabled && (d->ab_expire_days == 0 ||
	    d->ab_expire_days >= exp) ? d->ab_expire_days : 0;
	a = add_action(b->p, fd, FIX_DSM_WEBAPI);
	a->target = xstrdup("SYNO.Core.Security.AutoBlock");
	a->planned = 1;
	strv_push(&a->webapi, "api=SYNO.Core.Security.AutoBlock");
	strv_push(&a->webapi, "method=set");
	strv_push(&a->webapi, "version=1");
	strv_push(&a->webapi, "enable=true");
	strv_push_owned(&a->webapi, xprintf("attempts=%ld", na));
	strv_push_owned(&a->webapi, xprintf("within_mins=%ld", nw));
	strv_push_owned(&a->webapi, xprintf("expire_day=%ld", ne));
	strv_push(&a->webapi_undo, "api=SYNO.Core.Security.AutoBlock");
	strv_push(&a->webapi_undo, "method=set");
	strv_push(&a->webapi_undo, "version=1");
	if (d->ab_enabled) {
		strv_push(&a->webapi_undo, "enable=true");
		strv_push_owned(&a->webapi_undo, xprintf("attempts=%ld",
		    d->ab_attempts));
		strv_push_owned(&a->webapi_undo, xprintf("within_mins=%ld",
		    d->ab_within_mins));
		strv_push_owned(&a->webapi_undo, xprintf("expire_day=%ld",
		    d->ab_expire_days));
	} else
		strv_push(&a->webapi_undo, "enable=false");
	if (ne == 0)
		a->description = xprintf("Auto Block on: %ld attempts within "
		    "%ld minutes, blocks never expire, through synowebapi", na,
		    nw);
	else
		a->description = xprintf("Auto Block on: %ld attempts within "
		    "%ld minutes, blocks expire after %ld days, through "
		    "synowebapi", na, nw, ne);
	if ((unsel = deselected(b, fd)) != NULL)
		skip(a, unsel);
	else if (!d->ab_known)
		skip(a, xstrdup("Auto Block's current settings are unknown"));
	else if (!b->f->host.privileged && b->o->root == NULL)
		skip(a, xstrdup("synowebapi needs root: scan with --become"));
	else if (b->o->root != NULL)
		skip(a, xstrdup("a --root tree runs no DSM: change it in DSM"));
	return 1;
}

static void
plan_manual(struct builder *b, const struct finding *fd)
{
	struct fix_action *a = add_action(b->p, fd, FIX_MANUAL);

	a->target = xstrdup(fd->object);
	a->description = xstrdup(fd->fix != NULL ? fd->fix :
	    fd->rule->fix.text != NULL ? fd->rule->fix.text :
	    "no fix is known");
}

static void
host_facts(struct fix_host *h, const struct facts *f, const struct fix_opts *o)
{
	h->label = xstrdup(o->host != NULL ? o->host : f->host.name != NULL ?
	    f->host.name : "host");
	h->hostname = f->host.hostname != NULL ? xstrdup(f->host.hostname) :
	    NULL;
	h->session = xstrdup(o->root != NULL ? "root" : f->host.session != NULL ?
	    f->host.session : "unknown");
	h->root = o->root != NULL ? xstrdup(o->root) : NULL;
	h->is_dsm = f->dsm.is_dsm;
	h->dsm_major = f->dsm.is_dsm ? f->dsm.major : -1;
	h->sshd_path = xstrdup(f->dsm.is_dsm ? "/usr/bin/sshd" :
	    "/usr/sbin/sshd");
	h->sshd_config = xstrdup(f->sshd_config_path != NULL ?
	    f->sshd_config_path : "/etc/ssh/sshd_config");
	h->openssh_version = f->host.openssh_version_num;
}

static int
add_edit(const char *path, const char *old, size_t oldlen, const char *new_,
    size_t newlen, void *arg)
{
	struct builder *b = arg;
	struct fix_plan *p = b->p;
	const struct path_fact *pf = facts_path(b->f, path);
	const struct strv *tags = sshd_editor_tags(b->ed, path);
	struct fix_edit *e;
	char *d;
	size_t i;

	p->edits = xreallocarray(p->edits, p->nedits + 1, sizeof(*p->edits));
	e = &p->edits[p->nedits++];
	memset(e, 0, sizeof(*e));
	e->path = xstrdup(path);
	e->original = xstrndup(old, oldlen);
	e->original_len = oldlen;
	e->content = xstrndup(new_, newlen);
	e->content_len = newlen;
	e->mode = pf != NULL ? pf->mode & 07777 : 0600;
	e->uid = pf != NULL ? pf->uid : 0;
	e->gid = pf != NULL ? pf->gid : 0;
	strv_init(&e->rules);
	for (i = 0; tags != NULL && i < tags->n; i++)
		strv_push(&e->rules, tags->v[i]);
	for (i = 0; i < p->nactions; i++) {
		struct fix_action *a = &p->actions[i];

		if ((a->kind != FIX_SSHD_SET && a->kind != FIX_SSHD_REMOVE) ||
		    !a->planned || strv_find(&e->rules, a->rule_id) < 0)
			continue;
		if (a->edit < 0) {	/* its first file */
			a->edit = (long)(p->nedits - 1);
			d = xprintf("%s in %s", a->description, path);
		} else
			d = xprintf("%s, %s", a->description, path);
		free(a->description);
		a->description = d;
		/* an edited file must be safe to replace */
		if (pf == NULL || pf->type != PT_FILE || has_ctl(path))
			skip(a, xprintf("%s is %s", path, pf == NULL ?
			    "not audited" : pf->type == PT_SYMLINK ?
			    "a symlink" : "not a plain file"));
	}
	return 0;
}

/*
 * Several actions on one path (HOME-001 and HOME-002 on a home) run one
 * after the other: each expects what the one before left.
 */
static void
chain_paths(struct fix_plan *p)
{
	size_t i, k;

	for (i = 0; i < p->nactions; i++) {
		struct fix_action *a = &p->actions[i];

		if (!a->planned || (a->kind != FIX_CHMOD && a->kind != FIX_CHOWN))
			continue;
		for (k = i + 1; k < p->nactions; k++) {
			struct fix_action *n = &p->actions[k];

			if (!n->planned || (n->kind != FIX_CHMOD &&
			    n->kind != FIX_CHOWN) ||
			    strcmp(n->target, a->target) != 0)
				continue;
			n->expect_mode = a->kind == FIX_CHMOD ? a->new_mode :
			    a->expect_mode;
			n->expect_uid = a->kind == FIX_CHOWN ? a->new_uid :
			    a->expect_uid;
			if (n->kind == FIX_CHMOD) {
				n->new_mode &= n->expect_mode;
				free(n->description);
				n->description = xprintf("chmod %04o %s (after "
				    "%s: %04o)", n->new_mode, n->target,
				    a->rule_id, n->expect_mode);
			}
			break;	/* n chains on to the next */
		}
	}
}

int
fix_plan_build(const struct facts *f, const struct findings *fs,
    const struct fix_opts *o, struct fix_plan **planp, struct diag *d)
{
	struct fix_opts none;
	struct builder b;
	size_t i, j;
	int r = SL_OK;

	(void)d;
	if (o == NULL) {
		memset(&none, 0, sizeof(none));
		o = &none;
	}
	memset(&b, 0, sizeof(b));
	b.f = f;
	b.fs = fs;
	b.o = o;
	b.p = xcalloc(1, sizeof(*b.p));
	host_facts(&b.p->host, f, o);
	if (f->sshd != NULL)
		b.ed = sshd_editor_new(f->sshd, b.p->host.sshd_config,
		    f->host.openssh_version_num, read_fact, (void *)f);
	for (i = 0; i < fs->n; i = j) {
		const struct rule *ru = fs->v[i].rule;
		const struct fix_spec *spec = spec_of(&b, ru);
		int any = 0;

		for (j = i; j < fs->n && fs->v[j].rule == ru; j++)
			any |= fs->v[j].verdict == VERDICT_FAIL;
		if (!any)
			continue;
		if (spec->action != NULL &&
		    (strcmp(spec->action, "sshd_set") == 0 ||
		    strcmp(spec->action, "sshd_remove") == 0)) {
			plan_sshd(&b, ru, spec, i, j);
			continue;
		}
		for (size_t k = i; k < j; k++) {
			const struct finding *fd = &fs->v[k];
			char *unsel;

			if (fd->verdict != VERDICT_FAIL || plan_webapi(&b, fd))
				continue;
			if (spec->action != NULL &&
			    (strcmp(spec->action, "chmod") == 0 ||
			    strcmp(spec->action, "chown") == 0)) {
				unsel = deselected(&b, fd);
				plan_path(&b, fd, spec, unsel);
				free(unsel);
			} else
				plan_manual(&b, fd);
		}
	}
	if (b.ed != NULL)
		r = sshd_editor_each(b.ed, add_edit, &b);
	chain_paths(b.p);
	sshd_editor_free(b.ed);
	*planp = b.p;
	return r;
}

void
fix_plan_free(struct fix_plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nactions; i++) {
		struct fix_action *a = &p->actions[i];

		free(a->rule_id);
		free(a->object);
		free(a->target);
		free(a->description);
		free(a->skip_reason);
		free(a->new_owner);
		strv_cleanup(&a->webapi);
		strv_cleanup(&a->webapi_undo);
	}
	free(p->actions);
	for (i = 0; i < p->nedits; i++) {
		free(p->edits[i].path);
		free(p->edits[i].original);
		free(p->edits[i].content);
		strv_cleanup(&p->edits[i].rules);
	}
	free(p->edits);
	free(p->host.label);
	free(p->host.hostname);
	free(p->host.session);
	free(p->host.root);
	free(p->host.sshd_path);
	free(p->host.sshd_config);
	free(p);
}

int
fix_edit_used(const struct fix_plan *p, size_t i)
{
	size_t k;

	for (k = 0; k < p->nactions; k++)
		if (p->actions[k].planned &&
		    (p->actions[k].kind == FIX_SSHD_SET ||
		    p->actions[k].kind == FIX_SSHD_REMOVE) &&
		    strv_find(&p->edits[i].rules, p->actions[k].rule_id) >= 0)
			return 1;
	return 0;
}

size_t
fix_plan_count(const struct fix_plan *p)
{
	size_t i, n = 0;

	for (i = 0; p != NULL && i < p->nactions; i++)
		n += p->actions[i].planned && p->actions[i].kind != FIX_MANUAL;
	return n;
}

static const char *
kind_name(enum fix_kind k)
{
	switch (k) {
	case FIX_SSHD_SET:	return "sshd_set";
	case FIX_SSHD_REMOVE:	return "sshd_remove";
	case FIX_CHMOD:		return "chmod";
	case FIX_CHOWN:		return "chown";
	case FIX_DSM_WEBAPI:	return "synowebapi";
	case FIX_MANUAL:	return "manual";
	}
	return "?";
}

int
fix_plan_print(FILE *fp, const struct fix_plan *p)
{
	size_t i, nplan = fix_plan_count(p), nskip = 0, nman = 0;
	struct sbuf diff;
	int pass;

	for (i = 0; i < p->nactions; i++) {
		nskip += !p->actions[i].planned &&
		    p->actions[i].kind != FIX_MANUAL;
		nman += p->actions[i].kind == FIX_MANUAL;
	}
	fprintf(fp, "host %s: %zu fix%s planned, %zu skipped, %zu to do by "
	    "hand\n", p->host.label, nplan, nplan == 1 ? "" : "es", nskip,
	    nman);
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < p->nactions; i++) {
			const struct fix_action *a = &p->actions[i];
			int m = a->kind == FIX_MANUAL;

			if ((pass == 0 && (!a->planned || m)) ||
			    (pass == 1 && (a->planned || m)) ||
			    (pass == 2 && !m))
				continue;
			fprintf(fp, "  %-7s %-9s %-11s %s\n", pass == 0 ? "fix" :
			    pass == 1 ? "skip" : "manual", a->rule_id,
			    kind_name(a->kind), a->object);
			fprintf(fp, "                            %s\n",
			    a->description);
			if (pass == 1)
				fprintf(fp, "                            "
				    "skipped: %s\n", a->skip_reason);
		}
	sbuf_init(&diff, 0);
	for (i = 0; i < p->nedits; i++) {
		if (fix_edit_used(p, i))
			(void)fix_diff(&diff, p->edits[i].path,
			    p->edits[i].original, p->edits[i].original_len,
			    p->edits[i].content, p->edits[i].content_len);
	}
	if (diff.len > 0)
		fwrite(diff.data, 1, diff.len, fp);
	sbuf_cleanup(&diff);
	return ferror(fp) ? SL_ERR_SYSTEM : SL_OK;
}
