/*
 * pred_dsm.c — predicates on DSM's own view of the box. Facts read:
 * facts->dsm (VERSION, synoinfo.conf, synowebapi answers, the service
 * manager), facts->acls (synoacltool/getfacl listings), facts->listen_ports,
 * users (is_admin, can_login, disabled), paths and the effective sshd
 * settings. Every "could not check" names its reason; on a host that is
 * not DSM each predicate is NA.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "predicates.h"
#include "sbuf.h"
#include "sshd.h"
#include "xmalloc.h"

int	pred_dsm_autoblock_enabled(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_autoblock_limits(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_service_off(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_ssh_port_not(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_shell_admins_only(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_guest_disabled(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_acl_no_foreign_write(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_acl_mode_explained(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_user_home_for_keys(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_sshd_port_agrees(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_ssh_off_not_listening(const struct pred_ctx *,
	    struct pred_out *);
int	pred_dsm_version_below(const struct pred_ctx *, struct pred_out *);

#define ADMIN_GROUP	"administrators"
#define FAKE_HOME	"@fake_home_link"

/* NA on a host without /etc.defaults/VERSION; returns 1 then. */
static int
not_dsm(const struct pred_ctx *ctx, struct pred_out *out)
{
	if (ctx->facts->dsm.is_dsm)
		return 0;
	pred_emit(out, VERDICT_NA, NULL, "not a DSM host (no "
	    "/etc.defaults/VERSION)");
	return 1;
}

static const char *
webapi_why(const struct facts *f)
{
	return f->dsm.webapi_reason != NULL ? f->dsm.webapi_reason :
	    "synowebapi's answer was unusable";
}

static void
ab_text(struct sbuf *b, const struct dsm_fact *d)
{
	(void)sbuf_putf(b, "%ld failed attempts within %ld minutes, ",
	    d->ab_attempts, d->ab_within_mins);
	if (d->ab_expire_days == 0)
		(void)sbuf_puts(b, "blocks never expire");
	else
		(void)sbuf_putf(b, "blocks expire after %ld days",
		    d->ab_expire_days);
	if (d->ab_allow_count >= 0)
		(void)sbuf_putf(b, ", %ld allow-list entr%s", d->ab_allow_count,
		    d->ab_allow_count == 1 ? "y" : "ies");
	(void)sbuf_putf(b, " (%s)", d->ab_source);
}

int
pred_dsm_autoblock_enabled(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct dsm_fact *d = &ctx->facts->dsm;
	struct sbuf b;

	if (not_dsm(ctx, out))
		return 0;
	if (!d->ab_known) {
		pred_emit(out, VERDICT_ERROR, NULL, "could not check Auto "
		    "Block: %s", d->ab_reason != NULL ? d->ab_reason :
		    "unknown reason");
		return 0;
	}
	sbuf_init(&b, 0);
	if (d->ab_enabled) {
		ab_text(&b, d);
		pred_emit(out, VERDICT_PASS, NULL, "Auto Block is on: %s",
		    b.data);
	} else
		pred_emit(out, VERDICT_FAIL, NULL, "Auto Block is off (%s): "
		    "failed SSH logins are never blocked", d->ab_source);
	sbuf_cleanup(&b);
	return 0;
}

int
pred_dsm_autoblock_limits(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct dsm_fact *d = &ctx->facts->dsm;
	long max_att = strtol(ctx->args->v[0], NULL, 10);
	long min_win = strtol(ctx->args->v[1], NULL, 10);
	long min_exp = strtol(ctx->args->v[2], NULL, 10);
	struct sbuf why, now;

	if (not_dsm(ctx, out))
		return 0;
	if (!d->ab_known) {
		pred_emit(out, VERDICT_ERROR, NULL, "could not check Auto "
		    "Block: %s", d->ab_reason != NULL ? d->ab_reason :
		    "unknown reason");
		return 0;
	}
	if (!d->ab_enabled) {
		pred_emit(out, VERDICT_NA, NULL, "Auto Block is off (DSM-001)");
		return 0;
	}
	sbuf_init(&why, 0);
	sbuf_init(&now, 0);
	if (d->ab_attempts > max_att)
		(void)sbuf_putf(&why, "%s%ld attempts allowed (at most %ld)",
		    why.len > 0 ? "; " : "", d->ab_attempts, max_att);
	if (d->ab_within_mins < min_win)
		(void)sbuf_putf(&why, "%sa window of %ld minutes (at least %ld: "
		    "a short window lets a guesser pace itself)",
		    why.len > 0 ? "; " : "", d->ab_within_mins, min_win);
	if (d->ab_expire_days != 0 && d->ab_expire_days < min_exp)
		(void)sbuf_putf(&why, "%sblocks expire after %ld days (at least "
		    "%ld, or never)", why.len > 0 ? "; " : "",
		    d->ab_expire_days, min_exp);
	ab_text(&now, d);
	if (why.len > 0)
		pred_emit(out, VERDICT_FAIL, NULL, "Auto Block is too lax: %s",
		    why.data)->evidence = xstrdup(now.data);
	else
		pred_emit(out, VERDICT_PASS, NULL, "Auto Block: %s", now.data);
	sbuf_cleanup(&why);
	sbuf_cleanup(&now);
	return 0;
}

static const struct dsm_toggle *
toggle_of(const struct dsm_fact *d, const char *name)
{
	if (strcmp(name, "ssh") == 0)
		return &d->ssh;
	if (strcmp(name, "telnet") == 0)
		return &d->telnet;
	if (strcmp(name, "sftp") == 0)
		return &d->sftp;
	if (strcmp(name, "rsync") == 0)
		return &d->rsync;
	return NULL;
}

int
pred_dsm_service_off(const struct pred_ctx *ctx, struct pred_out *out)
{
	const char *name = ctx->args->v[0];
	const struct dsm_toggle *t = toggle_of(&ctx->facts->dsm, name);

	if (not_dsm(ctx, out))
		return 0;
	if (t == NULL) {
		pred_emit(out, VERDICT_ERROR, NULL, "unknown DSM service \"%s\" "
		    "(ssh, telnet, sftp or rsync)", name);
		return 0;
	}
	if (t->on < 0)
		pred_emit(out, VERDICT_ERROR, NULL, "could not check whether "
		    "%s is on: %s", name, webapi_why(ctx->facts));
	else
		pred_emit(out, t->on ? VERDICT_FAIL : VERDICT_PASS, NULL,
		    "%s is %s (%s)", name, t->on ? "on" : "off", t->source);
	return 0;
}

int
pred_dsm_ssh_port_not(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct dsm_fact *d = &ctx->facts->dsm;
	size_t i;

	if (not_dsm(ctx, out))
		return 0;
	for (i = 0; i < ctx->args->n; i++)
		if (d->ssh_port == strtol(ctx->args->v[i], NULL, 10)) {
			pred_emit(out, VERDICT_FAIL, NULL, "DSM's SSH port is "
			    "%ld (%s)", d->ssh_port, d->ssh_port_source);
			return 0;
		}
	pred_emit(out, VERDICT_PASS, NULL, "DSM's SSH port is %ld (%s)",
	    d->ssh_port, d->ssh_port_source);
	return 0;
}

int
pred_dsm_shell_admins_only(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct facts *f = ctx->facts;
	struct pred_result *res;
	char *obj;
	size_t i, n = 0;

	if (not_dsm(ctx, out))
		return 0;
	if (f->nusers == 0) {
		pred_emit(out, VERDICT_ERROR, NULL, "no accounts collected");
		return 0;
	}
	for (i = 0; i < f->nusers; i++) {
		const struct user_fact *u = &f->users[i];

		if (!u->can_login || u->is_admin || u->disabled == 1)
			continue;
		obj = xprintf("user:%s", u->name);
		res = pred_emit(out, VERDICT_FAIL, obj, "%s is not in %s but has "
		    "the login shell %s%s", u->name, ADMIN_GROUP, u->shell,
		    u->disabled < 0 ? " (disabled? /etc/shadow not read)" : "");
		res->evidence = xprintf("/etc/passwd: %s ... %s", u->name,
		    u->shell);
		free(obj);
		n++;
	}
	if (n == 0)
		pred_emit(out, VERDICT_PASS, NULL, "only members of %s have a "
		    "login shell", ADMIN_GROUP);
	return 0;
}

int
pred_dsm_guest_disabled(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct facts *f = ctx->facts;
	const struct user_fact *g = facts_user(f, "guest");

	if (not_dsm(ctx, out))
		return 0;
	if (f->dsm.guest_enabled == 1)
		pred_emit(out, VERDICT_FAIL, NULL, "the guest account is "
		    "enabled (enableguest=\"yes\" in /etc/synoinfo.conf)");
	else if (g != NULL && g->disabled == 0)
		pred_emit(out, VERDICT_FAIL, NULL, "the guest account is "
		    "enabled (its /etc/shadow expire field is not 1)");
	else if (f->dsm.guest_enabled == 0 || (g != NULL && g->disabled == 1) ||
	    (g == NULL && f->nusers > 0))
		pred_emit(out, VERDICT_PASS, NULL, "the guest account is "
		    "disabled or absent");
	else
		pred_emit(out, VERDICT_ERROR, NULL, "could not check the guest "
		    "account: no enableguest in /etc/synoinfo.conf and "
		    "/etc/shadow not read");
	return 0;
}

/* --- ACLs ---------------------------------------------------------------- */

/*
 * Appends to who the entries of a that let someone other than the owner,
 * root, DSM's "system" and the administrators group write (POSIX: named
 * and group entries limited by the mask). Returns how many.
 */
static size_t
acl_foreign_writers(const struct path_fact *pf, const struct acl_fact *a,
    struct sbuf *who)
{
	const struct acl_entry *e;
	int mask_w = 1, everyone;
	size_t i, n = 0;

	for (i = 0; i < a->n; i++)
		if (a->v[i].who == ACLW_MASK)
			mask_w = a->v[i].write;
	for (i = 0; i < a->n; i++) {
		e = &a->v[i];
		if (!e->allow || !e->write)
			continue;
		switch (e->who) {
		case ACLW_OWNER:
		case ACLW_SYSTEM:
		case ACLW_MASK:
			continue;
		case ACLW_USER:
			if (!mask_w && strcmp(a->source, "getfacl") == 0)
				continue;
			if (e->name != NULL && (strcmp(e->name, "root") == 0 ||
			    (pf->owner != NULL && strcmp(e->name,
			    pf->owner) == 0)))
				continue;
			break;
		case ACLW_GROUP:
		case ACLW_OWNING_GROUP:
			if (!mask_w && strcmp(a->source, "getfacl") == 0)
				continue;
			if (e->who == ACLW_GROUP && e->name != NULL &&
			    strcmp(e->name, ADMIN_GROUP) == 0)
				continue;
			if (e->who == ACLW_OWNING_GROUP && pf->group != NULL &&
			    strcmp(pf->group, ADMIN_GROUP) == 0)
				continue;
			break;
		case ACLW_EVERYONE:
		case ACLW_AUTHENTICATED:
			break;
		}
		everyone = e->who == ACLW_EVERYONE ||
		    e->who == ACLW_AUTHENTICATED;
		(void)sbuf_putf(who, "%s%s (%s)", n > 0 ? ", " : "",
		    everyone ? "everyone" : e->who == ACLW_OWNING_GROUP ?
		    "the file's group" : e->name != NULL ? e->name : "?",
		    e->text);
		n++;
	}
	return n;
}

typedef int (*acl_judge)(const struct pred_ctx *, const char *tmpl,
    const struct path_fact *, const struct acl_fact *, struct pred_out *);

/* Runs judge over each path argument that exists and carries an ACL. */
static int
acl_paths(const struct pred_ctx *ctx, struct pred_out *out, acl_judge judge)
{
	const struct path_fact *pf;
	const struct acl_fact *a;
	size_t i, before = out->n;
	char *p, *obj;

	for (i = 0; i < ctx->args->n; i++) {
		if ((p = pred_expand(ctx->args->v[i], ctx->user)) == NULL)
			continue;
		pf = pred_path(ctx->facts, p);
		if (pf == NULL || pf->type == PT_MISSING ||
		    pf->type == PT_UNREADABLE || pf->acl == 0) {
			free(p);
			continue;
		}
		a = facts_acl(ctx->facts, pf->realpath != NULL ? pf->realpath :
		    pf->path);
		if (a == NULL && pf->acl == 1) {
			obj = xprintf("file:%s", p);
			pred_emit(out, VERDICT_ERROR, obj, "%s carries an ACL "
			    "the collector could not list (no synoacltool or "
			    "getfacl output)", p);
			free(obj);
		} else if (a != NULL)
			judge(ctx, p, pf, a, out);
		free(p);
	}
	if (out->n == before)
		pred_emit(out, VERDICT_PASS, NULL, "no ACL found on these "
		    "paths");
	return 0;
}

static int
judge_foreign(const struct pred_ctx *ctx, const char *p,
    const struct path_fact *pf, const struct acl_fact *a, struct pred_out *out)
{
	struct pred_result *res;
	struct sbuf who;
	char mode[64], *obj;

	(void)ctx;
	sbuf_init(&who, 0);
	obj = xprintf("file:%s", p);
	pred_mode_text(mode, sizeof(mode), pf);
	if (acl_foreign_writers(pf, a, &who) > 0) {
		res = pred_emit(out, VERDICT_FAIL, obj, "%s (%s) can really be "
		    "written by others through its ACL: %s%s", p, mode,
		    who.data, (pf->mode & 022) == 0 ? "; the mode bits look "
		    "safe, so sshd's StrictModes does not notice" : "");
		res->evidence = xprintf("%s %s: %s", strcmp(a->source,
		    "synoacltool") == 0 ? "synoacltool -get" : "getfacl",
		    pf->realpath != NULL ? pf->realpath : p, who.data);
		res->path = xstrdup(pf->realpath != NULL ? pf->realpath : p);
		res->mode = pf->mode;
		res->acl = 1;
	} else
		pred_emit(out, VERDICT_PASS, obj, "%s: the ACL (%s) lets only "
		    "the owner, root and administrators write", p, a->source);
	free(obj);
	sbuf_cleanup(&who);
	return 0;
}

static int
judge_mode(const struct pred_ctx *ctx, const char *p,
    const struct path_fact *pf, const struct acl_fact *a, struct pred_out *out)
{
	struct pred_result *res;
	struct sbuf who;
	char *obj;

	(void)ctx;
	/* Only Synology ACLs decide access themselves; POSIX modes are real. */
	if (strcmp(a->source, "synoacltool") != 0 || (pf->mode & 022) == 0)
		return 0;
	sbuf_init(&who, 0);
	obj = xprintf("file:%s", p);
	if (acl_foreign_writers(pf, a, &who) == 0) {
		res = pred_emit(out, VERDICT_FAIL, obj, "%s shows mode %04o only "
		    "because of DSM's ACL: the ACL lets only the owner, root "
		    "and administrators write, but sshd's StrictModes judges "
		    "the mode bits and refuses the keys below it", p, pf->mode);
		res->breaks_login = 1;
		res->path = xstrdup(pf->realpath != NULL ? pf->realpath : p);
		res->mode = pf->mode;
		res->acl = 1;
		res->evidence = xprintf("synoacltool -get %s", res->path);
	}
	free(obj);
	sbuf_cleanup(&who);
	return 0;
}

int
pred_dsm_acl_no_foreign_write(const struct pred_ctx *ctx, struct pred_out *out)
{
	return acl_paths(ctx, out, judge_foreign);
}

int
pred_dsm_acl_mode_explained(const struct pred_ctx *ctx, struct pred_out *out)
{
	if (not_dsm(ctx, out))
		return 0;
	return acl_paths(ctx, out, judge_mode);
}

/* --- homes, ports, service state ----------------------------------------- */

/* The effective global value of an sshd keyword, NULL if unknown. */
static const char *
sshd_global(const struct pred_ctx *ctx, const char *kw)
{
	const char *v = NULL, *file = NULL;
	unsigned int line = 0;

	if (ctx->sshd == NULL || sshd_view_value(ctx->sshd, NULL, kw, &v,
	    &file, &line) != 0)
		return NULL;
	return v;
}

int
pred_dsm_user_home_for_keys(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct facts *f = ctx->facts;
	const struct dsm_fact *d = &f->dsm;
	const char *pw, *am, *pk;
	const struct file_fact *ak;
	struct sbuf keys;
	size_t i;
	char *p;
	int off;

	if (not_dsm(ctx, out))
		return 0;
	off = d->user_home == 0 || (d->homes_target != NULL &&
	    strstr(d->homes_target, FAKE_HOME) != NULL);
	if (!off && d->user_home < 0 && d->homes_target == NULL) {
		pred_emit(out, VERDICT_ERROR, NULL, "could not tell whether the "
		    "user home service is on (no userHomeEnable, "
		    "/var/services/homes not resolved)");
		return 0;
	}
	if (!off) {
		pred_emit(out, VERDICT_PASS, NULL, "the user home service is on "
		    "(/var/services/homes -> %s)", d->homes_target != NULL ?
		    d->homes_target : "?");
		return 0;
	}
	sbuf_init(&keys, 0);
	for (i = 0; i < f->nusers; i++) {
		if (!pred_login_user(&f->users[i]))
			continue;
		p = xprintf("%s/.ssh/authorized_keys", f->users[i].home);
		if ((ak = pred_file(f, p)) != NULL && ak->data != NULL)
			(void)sbuf_putf(&keys, "%s%s", keys.len > 0 ? ", " : "",
			    f->users[i].name);
		free(p);
	}
	pw = sshd_global(ctx, "passwordauthentication");
	am = sshd_global(ctx, "authenticationmethods");
	pk = sshd_global(ctx, "pubkeyauthentication");
	if (keys.len > 0 || (pk != NULL && strcmp(pk, "yes") == 0 &&
	    ((pw != NULL && strcmp(pw, "no") == 0) ||
	    (am != NULL && strcmp(am, "publickey") == 0))))
		pred_emit(out, VERDICT_FAIL, NULL, "the user home service is "
		    "off (/var/services/homes -> %s) while %s%s: ~/.ssh/"
		    "authorized_keys lives in homes that do not exist, so key "
		    "logins fail", d->homes_target != NULL ? d->homes_target :
		    "the fake home link", keys.len > 0 ?
		    "authorized_keys exist for " : "sshd accepts only keys",
		    keys.len > 0 ? keys.data : "");
	else
		pred_emit(out, VERDICT_PASS, NULL, "the user home service is "
		    "off and no key logins are expected");
	sbuf_cleanup(&keys);
	return 0;
}

static int
port_allowed(const struct facts *f, long port)
{
	const char *k[] = { "sftpPort", "rsync_sshd_port" };
	const char *v;
	size_t i;

	if (port == f->dsm.ssh_port)
		return 1;
	for (i = 0; i < 2; i++)
		if ((v = pred_synoinfo(f, k[i])) != NULL &&
		    strtol(v, NULL, 10) == port && port > 0)
			return 1;
	return 0;
}

int
pred_dsm_sshd_port_agrees(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct facts *f = ctx->facts;
	const struct dsm_fact *d = &f->dsm;
	const struct sshd_directive *dir;
	struct pred_result *res;
	size_t i, before = out->n;
	char *obj;

	if (not_dsm(ctx, out))
		return 0;
	for (i = 0; f->sshd != NULL && i < sshd_config_count(f->sshd); i++) {
		dir = sshd_config_get(f->sshd, i);
		if (dir->name == NULL || strcmp(dir->name, "port") != 0 ||
		    port_allowed(f, strtol(dir->args, NULL, 10)))
			continue;
		obj = xprintf("file:%s:%u", dir->file, dir->line);
		res = pred_emit(out, VERDICT_FAIL, obj, "%s:%u: sshd also "
		    "listens on port %s, which DSM's Terminal settings do not "
		    "show (DSM's SSH port is %ld, %s)", dir->file, dir->line,
		    dir->args, d->ssh_port, d->ssh_port_source);
		res->loc_file = xstrdup(dir->file);
		res->loc_line = dir->line;
		free(obj);
	}
	if (d->ssh.on == 1 && facts_listening(f, (unsigned int)d->ssh_port) ==
	    0)
		pred_emit(out, VERDICT_FAIL, NULL, "DSM shows SSH on port %ld "
		    "(%s) but nothing listens there", d->ssh_port,
		    d->ssh_port_source);
	if (out->n == before)
		pred_emit(out, VERDICT_PASS, NULL, "sshd's ports agree with "
		    "DSM's SSH port %ld (%s)", d->ssh_port,
		    d->ssh_port_source);
	return 0;
}

int
pred_dsm_ssh_off_not_listening(const struct pred_ctx *ctx,
    struct pred_out *out)
{
	const struct facts *f = ctx->facts;
	const struct dsm_fact *d = &f->dsm;
	int lis, run;

	if (not_dsm(ctx, out))
		return 0;
	if (d->ssh.on < 0) {
		pred_emit(out, VERDICT_ERROR, NULL, "could not check DSM's SSH "
		    "switch: %s", webapi_why(f));
		return 0;
	}
	if (d->ssh.on == 1) {
		pred_emit(out, VERDICT_PASS, NULL, "SSH is on in DSM (%s)",
		    d->ssh.source);
		return 0;
	}
	lis = facts_listening(f, (unsigned int)d->ssh_port);
	run = lis == 1 || d->sshd_active == 1;
	if (!run && lis < 0 && d->sshd_active < 0) {
		pred_emit(out, VERDICT_ERROR, NULL, "SSH is off in DSM; could "
		    "not tell whether sshd still runs (no listeners or service "
		    "state collected)");
		return 0;
	}
	if (!run)
		pred_emit(out, VERDICT_PASS, NULL, "SSH is off in DSM and sshd "
		    "does not run");
	else if (d->sftp.on == 1 || d->rsync.on == 1)
		pred_emit(out, VERDICT_PASS, NULL, "SSH (shell) is off in DSM; "
		    "sshd keeps running for %s, as DSM intends", d->sftp.on == 1 ?
		    "SFTP" : "rsync over SSH");
	else
		pred_emit(out, VERDICT_FAIL, NULL, "SSH is off in DSM (%s) but "
		    "sshd still runs (%s)", d->ssh.source, lis == 1 ?
		    "a socket listens on DSM's SSH port" : d->service_manager);
	return 0;
}

/* "7.2.1" -> 70201 (missing parts 0); -1 if not a version. */
static long
version_num(const char *s)
{
	long part[3] = { 0, 0, 0 };
	char *end;
	int i;

	for (i = 0; i < 3; i++) {
		part[i] = strtol(s, &end, 10);
		if (end == s || part[i] < 0 || part[i] > 99)
			return -1;
		if (*end == '\0')
			break;
		if (*end != '.')
			return -1;
		s = end + 1;
	}
	if (i == 3)
		return -1;
	return part[0] * 10000 + part[1] * 100 + part[2];
}

int
pred_dsm_version_below(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct dsm_fact *d = &ctx->facts->dsm;
	long want = version_num(ctx->args->v[0]), have;

	if (not_dsm(ctx, out))
		return 0;
	if (want < 0) {
		pred_emit(out, VERDICT_ERROR, NULL, "bad version \"%s\" in the "
		    "rule (expected X.Y or X.Y.Z)", ctx->args->v[0]);
		return 0;
	}
	if (d->major < 0) {
		pred_emit(out, VERDICT_ERROR, NULL, "could not read the DSM "
		    "version from /etc.defaults/VERSION");
		return 0;
	}
	have = d->major * 10000L + (d->minor > 0 ? d->minor : 0) * 100L +
	    (d->micro > 0 ? d->micro : 0);
	if (have < want)
		pred_emit(out, VERDICT_FAIL, NULL, "DSM %s is older than %s: %s",
		    ctx->facts->host.dsm_version, ctx->args->v[0],
		    ctx->args->v[1]);
	else
		pred_emit(out, VERDICT_PASS, NULL, "DSM %s is %s or newer",
		    ctx->facts->host.dsm_version, ctx->args->v[0]);
	return 0;
}
