/*
 * engine.c — rule x object -> finding. For each selected rule (only/skip
 * globs on the id) the engine picks the objects of its scope (the host once,
 * or every user who can log in), calls the rule's predicate and turns each
 * result into a finding with a concrete fix for that object. Never prints.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "err.h"
#include "predicates.h"
#include "rules_priv.h"
#include "sbuf.h"
#include "shquote.h"
#include "trust.h"
#include "xmalloc.h"

static int
glob_any(const char *const *globs, const char *id)
{
	size_t i;

	for (i = 0; globs[i] != NULL; i++)
		if (fnmatch(globs[i], id, 0) == 0)
			return 1;
	return 0;
}

static int
selected(const struct engine_opts *o, const char *id)
{
	if (o == NULL)
		return 1;
	if (o->only != NULL && !glob_any(o->only, id))
		return 0;
	if (o->skip != NULL && glob_any(o->skip, id))
		return 0;
	return 1;
}

/* The fix when a user's file leads out of the home: never chown/chmod it. */
static void
outside_home(struct sbuf *b, const char *quoted, const char *user)
{
	(void)sbuf_putf(b, "%s is outside %s's home: replace the symlink that "
	    "leads there with a file of %s's own (do not chown or chmod %s)",
	    quoted, user, user, quoted);
}

/*
 * May --fix chmod/chown res->path? Not when it lies outside the user's
 * home (a symlink there leads elsewhere). render_fix() then says so, and
 * add_finding() gives --fix no path.
 */
static int
fix_path_allowed(const struct pred_ctx *ctx, const struct pred_result *res)
{
	const struct fix_spec *fs = &ctx->rule->fix;

	if (ctx->is_dsm && ctx->rule->dsm_fix.action != NULL)
		fs = &ctx->rule->dsm_fix;
	if (ctx->user == NULL || fs->action == NULL)
		return 1;
	if (strcmp(fs->action, "chmod") == 0)
		return pred_fix_in_home(ctx->facts, ctx->user, res->path, 1);
	if (strcmp(fs->action, "chown") == 0)
		return pred_fix_in_home(ctx->facts, ctx->user, res->path, 0);
	return 1;
}

/* The concrete fix for one failing object, NULL if the rule has none. */
static char *
render_fix(const struct pred_ctx *ctx, const struct pred_result *res)
{
	const struct rule *r = ctx->rule;
	const struct fix_spec *fs = &r->fix;
	const char *cfg = ctx->facts != NULL &&
	    ctx->facts->sshd_config_path != NULL ?
	    ctx->facts->sshd_config_path : "/etc/ssh/sshd_config";
	struct sbuf b;
	char *q = NULL, *owner = NULL, *s = NULL;
	size_t i;

	if (res->fix != NULL)
		return xstrdup(res->fix);
	if (ctx->is_dsm && r->dsm_fix.action != NULL)
		fs = &r->dsm_fix;
	if (fs->action == NULL)
		return r->fix.text != NULL ? xstrdup(r->fix.text) : NULL;
	sbuf_init(&b, 0);
	if (strcmp(fs->action, "manual") == 0)
		(void)sbuf_puts(&b, fs->args.v[0]);
	else if (strcmp(fs->action, "chmod") == 0 && res->path != NULL &&
	    ctx->user != NULL && !fix_path_allowed(ctx, res)) {
		q = shquote(res->path);
		outside_home(&b, q, ctx->user->name);
	} else if (strcmp(fs->action, "chmod") == 0 && res->path != NULL) {
		q = shquote(res->path);
		(void)sbuf_putf(&b, "chmod %04o %s", res->mode & 07777 &
		    (unsigned int)strtoul(fs->args.v[0], NULL, 8), q);
		if (res->acl == 1)
			(void)sbuf_puts(&b, " (this drops its ACL; on DSM the "
			    "Security Advisor may report check_home_acl)");
	} else if (strcmp(fs->action, "chown") == 0 && res->path != NULL) {
		q = shquote(res->path);
		owner = pred_expand(fs->args.v[0], ctx->user);
		if (ctx->user != NULL && !fix_path_allowed(ctx, res))
			outside_home(&b, q, ctx->user->name);
		else
			(void)sbuf_putf(&b, "chown %s %s", owner != NULL ?
			    owner : fs->args.v[0], q);
	} else if (strcmp(fs->action, "sshd_set") == 0) {
		(void)sbuf_puts(&b, "set \"");
		for (i = 0; i < fs->args.n; i++)
			(void)sbuf_putf(&b, "%s%s", i > 0 ? " " : "",
			    fs->args.v[i]);
		(void)sbuf_putf(&b, "\" in %s before the first Match block",
		    cfg);
		if (res->loc_file != NULL)
			(void)sbuf_putf(&b, " and remove the line at %s:%u",
			    res->loc_file, res->loc_line);
	} else if (strcmp(fs->action, "sshd_remove") == 0) {
		if (res->loc_file != NULL)
			(void)sbuf_putf(&b, "remove the %s line at %s:%u",
			    fs->args.v[0], res->loc_file, res->loc_line);
		else
			(void)sbuf_putf(&b, "remove %s from %s", fs->args.v[0],
			    cfg);
	} else if (fs->text != NULL)
		(void)sbuf_puts(&b, fs->text);
	if (b.len > 0)
		s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	free(q);
	free(owner);
	return s;
}

static void
add_finding(const struct pred_ctx *ctx, const char *defobj,
    const struct pred_result *res, struct findings *out)
{
	struct finding *f;

	f = findings_add(out, ctx->rule, res->object != NULL ? res->object :
	    defobj, res->verdict, res->message);
	f->evidence = res->evidence != NULL ? xstrdup(res->evidence) : NULL;
	f->loc_file = res->loc_file != NULL ? xstrdup(res->loc_file) : NULL;
	f->loc_line = res->loc_line;
	f->breaks_login = res->breaks_login ? 1 : 0;
	if (res->verdict == VERDICT_FAIL) {
		f->fix = render_fix(ctx, res);
		if (res->path != NULL && fix_path_allowed(ctx, res))
			f->fix_path = xstrdup(res->path);
	}
}

static void
eval_object(const struct pred_ctx *ctx, const char *defobj,
    struct findings *out)
{
	struct pred_out po;
	size_t i;
	int r;

	pred_out_init(&po);
	r = ctx->rule->pred->fn(ctx, &po);
	if (r != 0)
		findings_add(out, ctx->rule, defobj, VERDICT_ERROR,
		    sl_strerror(r));
	else if (po.n == 0)
		findings_add(out, ctx->rule, defobj, VERDICT_NA,
		    "nothing to check");
	for (i = 0; r == 0 && i < po.n; i++)
		add_finding(ctx, defobj, &po.v[i], out);
	pred_out_cleanup(&po);
}

static int
is_fleet(const struct rule *rule)
{
	return rule->pred != NULL && (rule->pred->scopes & SC_FLEET) != 0;
}

/* One fleet rule for host 0 of a fleet. */
static void
eval_fleet_rule(const struct rule *rule, const struct trust_map *fleet,
    size_t h, struct findings *out)
{
	struct pred_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.rule = rule;
	ctx.args = &rule->args;
	ctx.res = rule_res(rule);
	ctx.fleet = fleet;
	ctx.fleet_host = h;
	eval_object(&ctx, "host", out);
}

int
engine_has_fleet_rules(const struct ruleset *rs, const struct engine_opts *o)
{
	size_t i;

	for (i = 0; i < ruleset_count(rs); i++)
		if (is_fleet(ruleset_rule(rs, i)) &&
		    selected(o, ruleset_rule(rs, i)->id))
			return 1;
	return 0;
}

int
engine_eval_fleet(const struct ruleset *rs, const struct trust_map *fleet,
    size_t h, const struct engine_opts *opts, struct findings *out)
{
	const struct rule *rule;
	size_t i;

	for (i = 0; i < ruleset_count(rs); i++) {
		rule = ruleset_rule(rs, i);
		if (is_fleet(rule) && selected(opts, rule->id))
			eval_fleet_rule(rule, fleet, h, out);
	}
	return 0;
}

int
engine_eval(const struct ruleset *rs, const struct facts *facts,
    const struct engine_opts *opts, struct findings *out)
{
	return engine_eval_host(rs, facts, opts, 0, out);
}

int
engine_eval_host(const struct ruleset *rs, const struct facts *facts,
    const struct engine_opts *opts, int defer_fleet, struct findings *out)
{
	struct pred_ctx ctx;
	struct sshd_view *view = NULL;
	const struct rule *rule;
	struct trust_host *th = NULL;
	struct trust_map one;
	char *obj = NULL;
	size_t i, j;

	memset(&one, 0, sizeof(one));
	view = sshd_view_new(facts);
	for (i = 0; i < ruleset_count(rs); i++) {
		rule = ruleset_rule(rs, i);
		if (!selected(opts, rule->id) || rule->pred == NULL)
			continue;
		if (is_fleet(rule)) {
			if (defer_fleet)
				continue;
			/* A run of one host: the fleet is this host. */
			if (th == NULL) {
				th = trust_host_build(facts, facts->host.name,
				    trust_now());
				trust_map_init(&one, &th, 1);
			}
			eval_fleet_rule(rule, &one, 0, out);
			continue;
		}
		memset(&ctx, 0, sizeof(ctx));
		ctx.facts = facts;
		ctx.rule = rule;
		ctx.args = &rule->args;
		ctx.res = rule_res(rule);
		ctx.sshd = view;
		ctx.is_dsm = facts->host.dsm_version != NULL;
		if (rule->scope != SCOPE_USER) {
			eval_object(&ctx, "host", out);
			continue;
		}
		for (j = 0; j < facts->nusers; j++) {
			if (!pred_login_user(&facts->users[j]))
				continue;
			ctx.user = &facts->users[j];
			obj = xprintf("user:%s", ctx.user->name);
			eval_object(&ctx, obj, out);
			free(obj);
		}
	}
	sshd_view_free(view);
	trust_map_cleanup(&one);
	trust_host_free(th);
	return 0;
}
