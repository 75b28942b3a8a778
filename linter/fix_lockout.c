/*
 * fix_lockout.c — the lockout evaluator (fix_lockout.h): the plan's new
 * files laid over the audited ones as an sshd_source, sshd_config_load()
 * on that, sshd_effective_new() for synolint's own connection context,
 * then the settings that decide whether that login still succeeds.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fix_lockout.h"
#include "sshd.h"
#include "xmalloc.h"

#define SSHD_CONFIG	"/etc/ssh/sshd_config"

struct overlay {
	const struct fix_plan	*plan;
	const struct facts	*facts;
};

static const struct fix_edit *
overlay_edit(const struct overlay *ov, const char *path)
{
	size_t i;

	for (i = 0; i < ov->plan->nedits; i++)
		if (fix_edit_used(ov->plan, i) &&
		    strcmp(ov->plan->edits[i].path, path) == 0)
			return &ov->plan->edits[i];
	return NULL;
}

static int
ov_read(void *arg, const char *path, const char **datap, size_t *lenp)
{
	const struct overlay *ov = arg;
	const struct fix_edit *e = overlay_edit(ov, path);
	const struct file_fact *ff;

	*datap = NULL;
	*lenp = 0;
	if (e != NULL) {
		*datap = e->content;
		*lenp = e->content_len;
		return 0;
	}
	if ((ff = facts_file(ov->facts, path)) == NULL)
		return SL_ERR_NOT_FOUND;
	if (ff->data == NULL)
		return SL_ERR_NOT_FOUND;
	*datap = ff->data;
	*lenp = ff->len;
	return 0;
}

static int
ov_glob(void *arg, const char *pattern, struct strv *out)
{
	const struct overlay *ov = arg;
	const struct facts *f = ov->facts;
	size_t i;

	for (i = 0; i < f->nfiles; i++)
		if (f->files[i].data != NULL && fnmatch(pattern,
		    f->files[i].path, FNM_PATHNAME | FNM_PERIOD) == 0)
			strv_push(out, f->files[i].path);
	return 0;
}

/* sshd's user pattern "USER[@HOST]": does user (from addr) match it? */
static int
user_pattern_matches(const char *pat, const char *user)
{
	char *p = xstrdup(pat), *at = strchr(p, '@');
	int m;

	if (at != NULL)
		*at = '\0';	/* XXX the host part is not checked: assume it matches */
	m = fnmatch(p, user, 0) == 0;
	free(p);
	return m;
}

/* Whether any of the space-separated patterns in list matches name(s). */
static int
list_matches(const struct strv *vals, const char *user,
    const struct strv *groups)
{
	size_t i, k;

	for (i = 0; vals != NULL && i < vals->n; i++) {
		char *copy = xstrdup(vals->v[i]), *tok, *save = NULL;
		int hit = 0;

		for (tok = strtok_r(copy, " ,", &save); tok != NULL && !hit;
		    tok = strtok_r(NULL, " ,", &save)) {
			if (user != NULL && user_pattern_matches(tok, user))
				hit = 1;
			for (k = 0; groups != NULL && k < groups->n && !hit; k++)
				if (fnmatch(tok, groups->v[k], 0) == 0)
					hit = 1;
		}
		free(copy);
		if (hit)
			return 1;
	}
	return 0;
}

static int
has_values(const struct strv *v)
{
	return v != NULL && v->n > 0 && v->v[0][0] != '\0';
}

/* AuthenticationMethods: some list that publickey alone satisfies. */
static int
methods_allow_publickey(const char *v)
{
	char *copy, *tok, *save = NULL;
	int ok = 0;

	if (v == NULL || strcmp(v, "any") == 0)
		return 1;
	copy = xstrdup(v);
	for (tok = strtok_r(copy, " ", &save); tok != NULL && !ok;
	    tok = strtok_r(NULL, " ", &save))
		if (strcmp(tok, "publickey") == 0)
			ok = 1;
	free(copy);
	return ok;
}

static char *
judge(const struct sshd_effective *eff, const struct fix_login *l,
    const struct strv *groups)
{
	const char *v;
	const struct strv *vs;
	size_t i;
	int port_ok = 0;

	v = sshd_eff_value(eff, "pubkeyauthentication");
	if (v != NULL && strcmp(v, "no") == 0)
		return xprintf("PubkeyAuthentication would be no for %s, and "
		    "synolint logs in with a key", l->user);
	if (!methods_allow_publickey(sshd_eff_value(eff,
	    "authenticationmethods")))
		return xprintf("AuthenticationMethods would need more than the "
		    "key synolint logs in with as %s", l->user);
	v = sshd_eff_value(eff, "permitrootlogin");
	if (strcmp(l->user, "root") == 0 && v != NULL &&
	    (strcmp(v, "no") == 0 || strcmp(v, "forced-commands-only") == 0))
		return xprintf("PermitRootLogin %s would refuse synolint's own "
		    "login as root", v);
	vs = sshd_eff_values(eff, "denyusers");
	if (has_values(vs) && list_matches(vs, l->user, NULL))
		return xprintf("DenyUsers would exclude %s, the user synolint "
		    "logs in as", l->user);
	vs = sshd_eff_values(eff, "allowusers");
	if (has_values(vs) && !list_matches(vs, l->user, NULL))
		return xprintf("AllowUsers would not include %s, the user "
		    "synolint logs in as", l->user);
	vs = sshd_eff_values(eff, "denygroups");
	if (has_values(vs) && list_matches(vs, NULL, groups))
		return xprintf("DenyGroups would exclude a group of %s, the user "
		    "synolint logs in as", l->user);
	vs = sshd_eff_values(eff, "allowgroups");
	if (has_values(vs) && !list_matches(vs, NULL, groups))
		return xprintf("AllowGroups would include no group of %s, the "
		    "user synolint logs in as", l->user);
	vs = sshd_eff_values(eff, "port");
	if (l->port != 0 && vs != NULL && vs->n > 0) {
		for (i = 0; i < vs->n; i++)
			if (strtoul(vs->v[i], NULL, 10) == l->port)
				port_ok = 1;
		if (!port_ok)
			return xprintf("sshd would no longer listen on port %u, "
			    "the port synolint connects to", l->port);
	}
	return NULL;
}

int
fix_lockout_check(const struct fix_plan *plan, const struct facts *f,
    const struct fix_login *l, char **whyp)
{
	struct overlay ov = { plan, f };
	struct sshd_source src = { ov_read, ov_glob, &ov };
	struct sshd_config *cfg = NULL;
	struct sshd_effective *eff = NULL;
	struct sshd_match_ctx ctx;
	const struct user_fact *u;
	struct diag d;
	size_t i;
	int r, used = 0;

	*whyp = NULL;
	for (i = 0; i < plan->nactions; i++) {
		const struct fix_action *a = &plan->actions[i];

		/* DSM's own port setting (DSM-004) moves the listener. */
		if (a->planned && a->kind == FIX_DSM_WEBAPI && l->port != 0 &&
		    strcmp(a->rule_id, "DSM-004") == 0) {
			*whyp = xprintf("%s would move DSM's SSH port away from "
			    "port %u, the port synolint connects to",
			    a->rule_id, l->port);
			return 1;
		}
	}
	for (i = 0; i < plan->nedits; i++)
		used |= fix_edit_used(plan, i);
	if (!used || l->user == NULL)
		return 0;
	diag_init(&d);
	memset(&ctx, 0, sizeof(ctx));
	ctx.user = l->user;
	ctx.addr = l->addr;
	ctx.lport = (int)l->port;
	u = facts_user(f, l->user);
	if (u != NULL)
		ctx.groups = &u->groups;
	r = sshd_config_load(plan->host.sshd_config != NULL ?
	    plan->host.sshd_config : SSHD_CONFIG, &src,
	    f->host.openssh_version_num, &cfg, &d);
	if (r == SL_OK && d.nerrors > 0)
		r = SL_ERR_PARSE;
	if (r == SL_OK)
		r = sshd_effective_new(cfg, &ctx, &eff, &d);
	if (r != SL_OK) {
		*whyp = xprintf("the fixed sshd configuration cannot be "
		    "evaluated: %s", d.n > 0 ? d.v[0].msg : sl_strerror(r));
		goto out;
	}
	*whyp = judge(eff, l, ctx.groups);
	r = *whyp != NULL ? 1 : 0;
 out:
	sshd_effective_free(eff);
	sshd_config_free(cfg);
	diag_cleanup(&d);
	return r;
}
