/*
 * pred_sshd.c — predicates on sshd's EFFECTIVE configuration (sshd.h):
 * every value is judged globally (no Match applied, like `sshd -T`) and
 * again for each user who can log in (user + groups as the Match context),
 * so a Match block that weakens a setting for some users is a finding
 * naming that user and the Match line. Facts read: facts->sshd (parsed
 * sshd_config with Includes), facts->diag (lines sshd rejects), the OpenSSH
 * version, the users, and on DSM /etc/synoinfo.conf (ssh_port).
 * Also the per-run cache of effective configurations (struct sshd_view).
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "predicates.h"
#include "sbuf.h"
#include "sshd.h"
#include "xmalloc.h"

int	pred_sshd_value_in(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_value_not_in(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_value_matches(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_int_range(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_maxstartups_max(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_list_excludes(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_any_set(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_port_not(const struct pred_ctx *, struct pred_out *);
int	pred_dsm_no_port_line(const struct pred_ctx *, struct pred_out *);
int	pred_sshd_directive_status(const struct pred_ctx *, struct pred_out *);

/* One cached effective configuration; err != 0 when it failed. */
struct view_slot {
	int			 done;
	int			 err;
	struct sshd_effective	*eff;
};

struct sshd_view {
	const struct facts	*facts;
	struct view_slot	 global;
	struct view_slot	*users;		/* indexed like facts->users */
	size_t			 nusers;
};

struct sshd_view *
sshd_view_new(const struct facts *f)
{
	struct sshd_view *v = xcalloc(1, sizeof(*v));

	v->facts = f;
	v->nusers = f->nusers;
	v->users = xcalloc(f->nusers + 1, sizeof(*v->users));
	return v;
}

void
sshd_view_free(struct sshd_view *v)
{
	size_t i;

	if (v == NULL)
		return;
	sshd_effective_free(v->global.eff);
	for (i = 0; i < v->nusers; i++)
		sshd_effective_free(v->users[i].eff);
	free(v->users);
	free(v);
}

/* The effective configuration for u (NULL: global), NULL if unavailable. */
static struct sshd_effective *
view_eff(struct sshd_view *v, const struct user_fact *u)
{
	struct view_slot *s = &v->global;
	struct sshd_match_ctx mc;
	struct diag d;

	if (v->facts->sshd == NULL)
		return NULL;
	if (u != NULL) {
		if (u < v->facts->users || u >= v->facts->users + v->nusers)
			return NULL;
		s = &v->users[u - v->facts->users];
	}
	if (!s->done) {
		memset(&mc, 0, sizeof(mc));
		if (u != NULL) {
			mc.user = u->name;
			mc.groups = &u->groups;
		}
		diag_init(&d);
		s->err = sshd_effective_new(v->facts->sshd, u != NULL ? &mc :
		    NULL, &s->eff, &d);
		diag_cleanup(&d);
		s->done = 1;
	}
	return s->err == 0 ? s->eff : NULL;
}

static char *
lower(const char *s)
{
	char *l = xstrdup(s), *p;

	for (p = l; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

int
sshd_view_value(struct sshd_view *v, const struct user_fact *u,
    const char *name, const char **valuep, const char **filep,
    unsigned int *linep)
{
	struct sshd_effective *eff;
	const struct sshd_directive *o;
	char *l = NULL;

	*valuep = NULL;
	*filep = NULL;
	*linep = 0;
	if ((eff = view_eff(v, u)) == NULL)
		return SL_ERR_NOT_FOUND;
	l = lower(name);
	*valuep = sshd_eff_value(eff, l);
	if ((o = sshd_eff_origin(eff, l)) != NULL) {
		*filep = o->file;
		*linep = o->line;
	}
	free(l);
	return 0;
}

/* The Match line that opened block n, NULL if not found. */
static const struct sshd_directive *
match_line(const struct sshd_config *cfg, int n)
{
	const struct sshd_directive *d;
	size_t i;

	for (i = 0; i < sshd_config_count(cfg); i++) {
		d = sshd_config_get(cfg, i);
		if (d->match == n && d->name != NULL &&
		    strcmp(d->name, "match") == 0)
			return d;
	}
	return NULL;
}

/*
 * The ERROR of every sshd rule when sshd_config was not parsed: as a
 * non-root collector the usual cause is a root-only (0600) config, which
 * --become can read; otherwise the host's diagnostics say why.
 */
static void
no_config(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct file_fact *ff;

	ff = facts_file(ctx->facts, "/etc/ssh/sshd_config");
	if (ff != NULL && ff->data == NULL && !ctx->facts->host.privileged)
		pred_emit(out, VERDICT_ERROR, NULL, "could not check: "
		    "/etc/ssh/sshd_config is not readable (needs --become)");
	else
		pred_emit(out, VERDICT_ERROR, NULL, "could not check: no "
		    "readable sshd_config (see the host's diagnostics)");
}

/*
 * A judge says whether value (NULL: sshd -T prints nothing) is acceptable;
 * on failure it may write a short reason ("weak: 3des-cbc") to why.
 */
typedef int (*judge_fn)(const struct pred_ctx *, const char *value,
    struct sbuf *why);

static void
describe(struct sbuf *b, const char *kw, const char *value,
    const struct sshd_directive *o)
{
	(void)sbuf_putf(b, "%s is %s", kw, value != NULL ? value : "not set");
	if (o != NULL)
		(void)sbuf_putf(b, " (%s:%u)", o->file, o->line);
	else
		(void)sbuf_puts(b, " (OpenSSH default)");
}

/*
 * Judges keyword globally, then for every login user whose effective value
 * differs from the global one (a Match block applies): one result for the
 * host, one more per user a Match block makes fail.
 */
static int
judge_keyword(const struct pred_ctx *ctx, struct pred_out *out,
    const char *keyword, judge_fn judge)
{
	const struct facts *f = ctx->facts;
	const struct sshd_directive *o, *m;
	struct sshd_effective *g, *e;
	struct pred_result *res;
	struct sbuf msg, why;
	const char *gv, *uv;
	char *l = NULL, *obj = NULL;
	size_t i;
	int ok;

	if ((g = view_eff(ctx->sshd, NULL)) == NULL) {
		no_config(ctx, out);
		return 0;
	}
	l = lower(keyword);
	if (!sshd_keyword_known(l, f->host.openssh_version_num)) {
		pred_emit(out, VERDICT_NA, NULL, "OpenSSH %d.%d has no %s",
		    f->host.openssh_version_num / 100,
		    f->host.openssh_version_num % 100, keyword);
		free(l);
		return 0;
	}
	sbuf_init(&msg, 0);
	sbuf_init(&why, 0);
	gv = sshd_eff_value(g, l);
	o = sshd_eff_origin(g, l);
	ok = judge(ctx, gv, &why);
	describe(&msg, keyword, gv, o);
	if (!ok && why.len > 0)
		(void)sbuf_putf(&msg, ": %s", why.data);
	res = pred_emit(out, ok ? VERDICT_PASS : VERDICT_FAIL, NULL, "%s",
	    msg.data);
	if (o != NULL) {
		res->loc_file = xstrdup(o->file);
		res->loc_line = o->line;
	}
	for (i = 0; i < f->nusers; i++) {
		if (!pred_login_user(&f->users[i]) ||
		    (e = view_eff(ctx->sshd, &f->users[i])) == NULL)
			continue;
		uv = sshd_eff_value(e, l);
		if ((uv == NULL && gv == NULL) ||
		    (uv != NULL && gv != NULL && strcmp(uv, gv) == 0))
			continue;
		sbuf_reset(&why);
		if (judge(ctx, uv, &why))
			continue;
		o = sshd_eff_origin(e, l);
		m = o != NULL && o->match > 0 ? match_line(f->sshd, o->match) :
		    NULL;
		sbuf_reset(&msg);
		(void)sbuf_putf(&msg, "for %s, ", f->users[i].name);
		if (m != NULL && o != NULL)
			(void)sbuf_putf(&msg, "\"Match %s\" (%s:%u) sets %s "
			    "%s (%s:%u)", m->args, m->file, m->line, keyword,
			    uv != NULL ? uv : "", o->file, o->line);
		else
			describe(&msg, keyword, uv, o);
		if (why.len > 0)
			(void)sbuf_putf(&msg, ": %s", why.data);
		free(obj);
		obj = xprintf("user:%s", f->users[i].name);
		res = pred_emit(out, VERDICT_FAIL, obj, "%s", msg.data);
		if (o != NULL) {
			res->loc_file = xstrdup(o->file);
			res->loc_line = o->line;
		}
	}
	free(obj);
	free(l);
	sbuf_cleanup(&msg);
	sbuf_cleanup(&why);
	return 0;
}

static int
in_list(const struct pred_ctx *ctx, const char *value)
{
	size_t i;

	for (i = 1; value != NULL && i < ctx->args->n; i++)
		if (strcasecmp(ctx->args->v[i], value) == 0)
			return 1;
	return 0;
}

static void
expected(const struct pred_ctx *ctx, struct sbuf *why, const char *lead)
{
	size_t i;

	(void)sbuf_puts(why, lead);
	for (i = 1; i < ctx->args->n; i++)
		(void)sbuf_putf(why, "%s%s", i > 1 ? ", " : " ",
		    ctx->args->v[i]);
}

static int
judge_in(const struct pred_ctx *ctx, const char *value, struct sbuf *why)
{
	if (in_list(ctx, value))
		return 1;
	expected(ctx, why, "expected");
	return 0;
}

static int
judge_not_in(const struct pred_ctx *ctx, const char *value, struct sbuf *why)
{
	if (!in_list(ctx, value))
		return 1;
	expected(ctx, why, "must not be");
	return 0;
}

int
pred_sshd_value_in(const struct pred_ctx *ctx, struct pred_out *out)
{
	return judge_keyword(ctx, out, ctx->args->v[0], judge_in);
}

int
pred_sshd_value_not_in(const struct pred_ctx *ctx, struct pred_out *out)
{
	return judge_keyword(ctx, out, ctx->args->v[0], judge_not_in);
}

static int
judge_regex(const struct pred_ctx *ctx, const char *value, struct sbuf *why)
{
	int matched = 0;

	if (value != NULL && re_match(ctx->res[1], value, strlen(value),
	    &matched) != 0) {
		(void)sbuf_puts(why, "regex match failed (limit)");
		return 0;
	}
	if (!matched)
		(void)sbuf_putf(why, "does not match /%s/",
		    re_pattern(ctx->res[1]));
	return matched;
}

int
pred_sshd_value_matches(const struct pred_ctx *ctx, struct pred_out *out)
{
	return judge_keyword(ctx, out, ctx->args->v[0], judge_regex);
}

static int
judge_range(const struct pred_ctx *ctx, const char *value, struct sbuf *why)
{
	unsigned long lo = strtoul(ctx->args->v[1], NULL, 10);
	unsigned long hi = strtoul(ctx->args->v[2], NULL, 10), n;
	char *end = NULL;

	if (value == NULL || *value == '\0')
		goto bad;
	n = strtoul(value, &end, 10);
	if (*end != '\0' || n < lo || n > hi)
		goto bad;
	return 1;
 bad:
	(void)sbuf_putf(why, "expected %lu to %lu", lo, hi);
	return 0;
}

int
pred_sshd_int_range(const struct pred_ctx *ctx, struct pred_out *out)
{
	return judge_keyword(ctx, out, ctx->args->v[0], judge_range);
}

/* MaxStartups "start:rate:full" or "start": start <= START, full <= FULL. */
static int
judge_maxstartups(const struct pred_ctx *ctx, const char *value,
    struct sbuf *why)
{
	unsigned long ms = strtoul(ctx->args->v[0], NULL, 10);
	unsigned long mf = strtoul(ctx->args->v[1], NULL, 10);
	unsigned long start, full;
	char *end = NULL;

	if (value == NULL)
		goto bad;
	start = strtoul(value, &end, 10);
	full = start;
	if (*end == ':') {
		(void)strtoul(end + 1, &end, 10);
		if (*end != ':')
			goto bad;
		full = strtoul(end + 1, &end, 10);
	}
	if (*end != '\0' || start > ms || full > mf)
		goto bad;
	return 1;
 bad:
	(void)sbuf_putf(why, "expected at most %lu unauthenticated "
	    "connections before dropping starts, all dropped at %lu", ms, mf);
	return 0;
}

int
pred_sshd_maxstartups_max(const struct pred_ctx *ctx, struct pred_out *out)
{
	return judge_keyword(ctx, out, "MaxStartups", judge_maxstartups);
}

static int
judge_excludes(const struct pred_ctx *ctx, const char *value, struct sbuf *why)
{
	char *copy, *tok, *save = NULL;
	size_t i;
	int n = 0;

	if (value == NULL)
		return 1;
	copy = xstrdup(value);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		for (i = 1; i < ctx->args->n; i++)
			if (fnmatch(ctx->args->v[i], tok, 0) == 0) {
				(void)sbuf_putf(why, "%s%s", n++ > 0 ? "," :
				    "weak: ", tok);
				break;
			}
	free(copy);
	return n == 0;
}

int
pred_sshd_list_excludes(const struct pred_ctx *ctx, struct pred_out *out)
{
	return judge_keyword(ctx, out, ctx->args->v[0], judge_excludes);
}

int
pred_sshd_any_set(const struct pred_ctx *ctx, struct pred_out *out)
{
	const char *v, *file;
	unsigned int line;
	size_t i;

	if (view_eff(ctx->sshd, NULL) == NULL) {
		no_config(ctx, out);
		return 0;
	}
	for (i = 0; i < ctx->args->n; i++) {
		if (sshd_view_value(ctx->sshd, NULL, ctx->args->v[i], &v,
		    &file, &line) == 0 && v != NULL && *v != '\0') {
			struct pred_result *res = pred_emit(out, VERDICT_PASS,
			    NULL, "%s %s", ctx->args->v[i], v);

			if (file != NULL) {
				res->loc_file = xstrdup(file);
				res->loc_line = line;
			}
			return 0;
		}
	}
	pred_emit(out, VERDICT_FAIL, NULL, "none of %s%s%s is set: every "
	    "account with a login shell may log in over SSH", ctx->args->v[0],
	    ctx->args->n > 1 ? " ... " : "",
	    ctx->args->n > 1 ? ctx->args->v[ctx->args->n - 1] : "");
	return 0;
}

/* The port a ListenAddress argument names, or NULL ("host", "[v6]", "v6"). */
static const char *
listen_port(const char *word, size_t len, size_t *plen)
{
	const char *c = NULL, *p;

	if (len > 0 && word[0] == '[') {
		p = memchr(word, ']', len);
		if (p == NULL || p + 1 >= word + len || p[1] != ':')
			return NULL;
		c = p + 1;
	} else {
		for (p = word; p < word + len; p++)
			if (*p == ':') {
				if (c != NULL)
					return NULL;	/* bare IPv6 */
				c = p;
			}
		if (c == NULL)
			return NULL;
	}
	*plen = (size_t)(word + len - (c + 1));
	return c + 1;
}

/*
 * The first global Port or ListenAddress line of cfg that makes sshd
 * listen on port, NULL if none does.
 */
static const struct sshd_directive *
port_line(const struct sshd_config *cfg, const char *port)
{
	const struct sshd_directive *d;
	const char *a, *lp;
	size_t i, n, pl, want = strlen(port);

	for (i = 0; cfg != NULL && i < sshd_config_count(cfg); i++) {
		d = sshd_config_get(cfg, i);
		if (d->match != 0 || d->status != SSHD_KW_OK ||
		    d->name == NULL || d->args == NULL)
			continue;
		a = d->args + strspn(d->args, " \t");
		n = strcspn(a, " \t");
		if (strcmp(d->name, "port") == 0 && n == want &&
		    strncmp(a, port, n) == 0)
			return d;
		if (strcmp(d->name, "listenaddress") == 0 &&
		    (lp = listen_port(a, n, &pl)) != NULL && pl == want &&
		    strncmp(lp, port, pl) == 0)
			return d;
	}
	return NULL;
}

static void
set_loc(struct pred_result *res, const struct sshd_directive *d)
{
	if (d == NULL)
		return;
	res->loc_file = xstrdup(d->file);
	res->loc_line = d->line;
}

/*
 * Fails when sshd listens on the port: on DSM the port of ssh_port in
 * /etc/synoinfo.conf (absent: 22) and every Port line of sshd_config (DSM's
 * sshd listens on both, shared/reference/dsm.md 2.2); elsewhere the
 * effective listen addresses (Port and ListenAddress, as sshd -T prints).
 * A config line that opens the port is the finding's location.
 */
int
pred_sshd_port_not(const struct pred_ctx *ctx, struct pred_out *out)
{
	const char *bad = ctx->args->v[0], *p, *colon;
	const struct sshd_directive *d;
	const struct strv *addrs;
	struct sshd_effective *g;
	size_t i;

	d = port_line(ctx->facts->sshd, bad);
	if (ctx->is_dsm) {
		/* DSM's patched sshd reads its port from synoinfo.conf. */
		p = pred_synoinfo(ctx->facts, "ssh_port");
		if (p == NULL || *p == '\0')
			p = "22";
		if (strcmp(p, bad) != 0 && d != NULL) {
			set_loc(pred_emit(out, VERDICT_FAIL, NULL, "sshd "
			    "listens on port %s: %s:%u adds it next to DSM's "
			    "SSH port %s (ssh_port in /etc/synoinfo.conf)", bad,
			    d->file, d->line, p), d);
			return 0;
		}
		pred_emit(out, strcmp(p, bad) == 0 ? VERDICT_FAIL :
		    VERDICT_PASS, NULL, "DSM's SSH port (ssh_port in "
		    "/etc/synoinfo.conf%s) is %s",
		    pred_synoinfo(ctx->facts, "ssh_port") == NULL ?
		    ", absent: default" : "", p);
		return 0;
	}
	if ((g = view_eff(ctx->sshd, NULL)) == NULL) {
		no_config(ctx, out);
		return 0;
	}
	addrs = sshd_eff_values(g, "listenaddress");
	for (i = 0; addrs != NULL && i < addrs->n; i++) {
		colon = strrchr(addrs->v[i], ':');
		if (colon == NULL || strcmp(colon + 1, bad) != 0)
			continue;
		set_loc(pred_emit(out, VERDICT_FAIL, NULL, "sshd listens on "
		    "%s%s", addrs->v[i], d == NULL ? " (OpenSSH default)" :
		    ""), d);
		return 0;
	}
	pred_emit(out, VERDICT_PASS, NULL, "sshd does not listen on port %s",
	    bad);
	return 0;
}

int
pred_dsm_no_port_line(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct sshd_config *cfg = ctx->facts->sshd;
	const struct sshd_directive *d;
	struct pred_result *res;
	char *obj;
	size_t i, n = 0;

	if (!ctx->is_dsm) {
		pred_emit(out, VERDICT_NA, NULL, "not a DSM host");
		return 0;
	}
	if (cfg == NULL) {
		no_config(ctx, out);
		return 0;
	}
	for (i = 0; i < sshd_config_count(cfg); i++) {
		d = sshd_config_get(cfg, i);
		if (d->name == NULL || strcmp(d->name, "port") != 0)
			continue;
		obj = xprintf("file:%s:%u", d->file, d->line);
		res = pred_emit(out, VERDICT_FAIL, obj, "%s:%u: \"%s %s\": DSM "
		    "sets the port from ssh_port in /etc/synoinfo.conf; this "
		    "line adds a second listener", d->file, d->line,
		    d->keyword, d->args);
		res->loc_file = xstrdup(d->file);
		res->loc_line = d->line;
		free(obj);
		n++;
	}
	if (n == 0)
		pred_emit(out, VERDICT_PASS, NULL, "no Port line in "
		    "sshd_config");
	return 0;
}

static const char *
status_name(enum sshd_kw_status s)
{
	switch (s) {
	case SSHD_KW_OK:		return "ok";
	case SSHD_KW_DEPRECATED:	return "deprecated";
	case SSHD_KW_UNSUPPORTED:	return "unsupported";
	case SSHD_KW_UNKNOWN:		return "unknown";
	case SSHD_KW_BAD_VALUE:		return "bad_value";
	case SSHD_KW_NOT_IN_MATCH:	return "not_in_match";
	}
	return "?";
}

static const char *
status_text(enum sshd_kw_status s)
{
	switch (s) {
	case SSHD_KW_DEPRECATED:
		return "deprecated option: sshd ignores it";
	case SSHD_KW_UNSUPPORTED:
		return "unsupported option: sshd ignores it";
	case SSHD_KW_UNKNOWN:
		return "bad configuration option: sshd refuses to start";
	case SSHD_KW_BAD_VALUE:
		return "bad value: sshd refuses to start";
	case SSHD_KW_NOT_IN_MATCH:
		return "not allowed within a Match block: sshd refuses to start";
	case SSHD_KW_OK:
	default:
		return "ok";
	}
}

int
pred_sshd_directive_status(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct sshd_config *cfg = ctx->facts->sshd;
	const struct sshd_directive *d;
	struct pred_result *res;
	char *obj;
	size_t i, n = 0;

	if (cfg == NULL) {
		no_config(ctx, out);
		return 0;
	}
	for (i = 0; i < sshd_config_count(cfg); i++) {
		d = sshd_config_get(cfg, i);
		if (strv_find(ctx->args, status_name(d->status)) < 0)
			continue;
		obj = xprintf("file:%s:%u", d->file, d->line);
		res = pred_emit(out, VERDICT_FAIL, obj, "%s:%u: %s: %s",
		    d->file, d->line, d->keyword, status_text(d->status));
		res->evidence = xprintf("%s %s", d->keyword, d->args);
		res->fix = xprintf("remove the %s line at %s:%u", d->keyword,
		    d->file, d->line);
		res->loc_file = xstrdup(d->file);
		res->loc_line = d->line;
		free(obj);
		n++;
	}
	if (n == 0)
		pred_emit(out, VERDICT_PASS, NULL, "no such directive in "
		    "sshd_config");
	return 0;
}
