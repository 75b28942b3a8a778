/*
 * fix_apply.c — `--fix` (fix_apply.h): per host, lockout refusal at plan
 * time, then script over the scan's session -> markers -> a new login ->
 * rollback when needed -> a new login again. One function per step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "become.h"
#include "err.h"
#include "fix_apply.h"
#include "fix_lockout.h"
#include "fleet.h"
#include "log.h"
#include "session.h"
#include "session_ssh.h"
#include "shquote.h"
#include "sl_limits.h"
#include "xmalloc.h"

#define MARK		"SYNOLINT-FIX "
#define OUT_MAX		(1u << 20)

const char *
fix_outcome_name(enum fix_outcome o)
{
	switch (o) {
	case FIXO_NONE:		return "nothing to fix";
	case FIXO_APPLIED:	return "applied";
	case FIXO_ABORTED:	return "aborted";
	case FIXO_ROLLED_BACK:	return "rolled back";
	case FIXO_FAILED:	return "failed";
	}
	return "?";
}

void
fix_apply_init(struct fix_apply *fa, const struct acquire_ctx *ctx,
    const struct waivers *wv)
{
	size_t i;

	memset(fa, 0, sizeof(*fa));
	fix_run_init(&fa->fr, ctx->opts, wv);
	fa->n = ctx->opts->ntargets;
	fa->sessions = xcalloc(fa->n + 1, sizeof(*fa->sessions));
	fa->out = xcalloc(fa->n + 1, sizeof(*fa->out));
	for (i = 0; i < fa->n; i++) {
		strv_init(&fa->out[i].backups);
		strv_init(&fa->out[i].refused);
		strv_init(&fa->out[i].steps);
	}
	fa->ctx = *ctx;
	fa->ctx.sessions = fa->sessions;
}

/* Replans host i with extra rules skipped. */
static struct fix_plan *
replan(struct fix_apply *fa, size_t i, const struct facts *f,
    const struct host_result *h, const struct strv *extra_skip)
{
	const struct cli_target *t = &fa->fr.opts->targets[i];
	struct fix_plan *p = NULL;
	struct fix_opts fo;
	struct strv skip;
	struct diag d;
	size_t k;

	strv_init(&skip);
	for (k = 0; fa->fr.skip != NULL && fa->fr.skip[k] != NULL; k++)
		strv_push(&skip, fa->fr.skip[k]);
	for (k = 0; k < extra_skip->n; k++)
		strv_push(&skip, extra_skip->v[k]);
	memset(&fo, 0, sizeof(fo));
	fo.only = fa->fr.only;
	fo.skip = (const char *const *)skip.v;
	fo.fix_risky = fa->fr.opts->fix_risky;
	fo.root = t->kind == TARGET_ROOT ? t->arg : NULL;
	fo.waivers = fa->fr.waivers;
	fo.host = h->name;
	diag_init(&d);
	if (fix_plan_build(f, &h->findings, &fo, &p, &d) != SL_OK) {
		fix_plan_free(p);
		p = NULL;
	}
	diag_cleanup(&d);
	strv_cleanup(&skip);
	return p;
}

/* Marks rule_id's actions in p as refused with why. */
static void
mark_refused(struct fix_plan *p, const char *rule_id, const char *why)
{
	size_t k;

	for (k = 0; p != NULL && k < p->nactions; k++)
		if (strcmp(p->actions[k].rule_id, rule_id) == 0) {
			p->actions[k].planned = 0;
			free(p->actions[k].skip_reason);
			p->actions[k].skip_reason = xprintf("refused: it would "
			    "cut synolint's own login (%s)", why);
		}
}

void
fix_apply_hook(size_t i, const struct facts *f, const struct host_result *h,
    void *arg)
{
	struct fix_apply *fa = arg;
	struct fix_host_outcome *o = &fa->out[i];
	struct session *s = fa->sessions[i];
	struct fix_login l;
	struct strv cand, refused;
	char *why = NULL, *why2 = NULL;
	size_t k, c;
	int r;

	fix_run_hook(i, f, h, &fa->fr);
	if (fa->fr.plans[i] == NULL || s == NULL)
		return;
	memset(&l, 0, sizeof(l));
	l.user = session_ssh_user(s);
	l.port = session_ssh_port(s);
	strv_init(&cand);
	strv_init(&refused);
	/*
	 * r < 0: the fixed configuration does not even parse; sshd -t in the
	 * script rejects it before it is installed, so it is not judged here.
	 */
	r = fix_lockout_check(fa->fr.plans[i], f, &l, &why);
	while (r > 0) {
		struct fix_plan *p = fa->fr.plans[i], *np = NULL;
		const char *culprit = NULL;

		strv_cleanup(&cand);
		strv_init(&cand);
		for (k = 0; k < p->nactions; k++)
			if (p->actions[k].planned && p->actions[k].risky &&
			    strv_find(&cand, p->actions[k].rule_id) < 0)
				strv_push(&cand, p->actions[k].rule_id);
		if (cand.n == 0)
			break;		/* nothing risky left to drop */
		/* The one risky rule whose absence keeps the login, if any. */
		for (c = 0; c < cand.n && culprit == NULL; c++) {
			strv_push(&refused, cand.v[c]);
			np = replan(fa, i, f, h, &refused);
			free(why2);
			why2 = NULL;
			if (np != NULL && fix_lockout_check(np, f, &l, &why2) <= 0)
				culprit = cand.v[c];
			fix_plan_free(np);
			np = NULL;
			refused.n--;
			free(refused.v[refused.n]);
			refused.v[refused.n] = NULL;
		}
		if (culprit != NULL) {
			strv_push(&refused, culprit);
			strv_push_owned(&o->refused, xprintf("%s: %s", culprit,
			    why));
		} else {
			for (c = 0; c < cand.n; c++) {
				strv_push(&refused, cand.v[c]);
				strv_push_owned(&o->refused, xprintf("%s: %s",
				    cand.v[c], why));
			}
		}
		np = replan(fa, i, f, h, &refused);
		if (np == NULL)
			break;
		fix_plan_free(fa->fr.plans[i]);
		fa->fr.plans[i] = np;
		for (c = 0; c < o->refused.n; c++) {
			char *rid = xstrdup(o->refused.v[c]);

			*strchr(rid, ':') = '\0';
			mark_refused(np, rid, strchr(o->refused.v[c], ':') + 2);
			free(rid);
		}
		free(why);
		why = NULL;
		r = fix_lockout_check(np, f, &l, &why);
	}
	if (r > 0) {
		/* Still cut and nothing risky to drop: apply nothing. */
		const char *cut = why != NULL ? why :
		    "the fixed configuration cannot be evaluated";
		struct fix_plan *p = fa->fr.plans[i];

		strv_push_owned(&o->refused, xprintf("host: %s", cut));
		for (k = 0; k < p->nactions; k++)
			if (p->actions[k].planned)
				mark_refused(p, p->actions[k].rule_id, cut);
	}
	free(why);
	free(why2);
	strv_cleanup(&cand);
	strv_cleanup(&refused);
}

/* "YYYYmmddHHMMSS-PID" */
static char *
make_stamp(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char buf[32];

	(void)gmtime_r(&now, &tm);
	(void)strftime(buf, sizeof(buf), "%Y%m%d%H%M%S", &tm);
	return xprintf("%s-%ld", buf, (long)getpid());
}

/*
 * The test hook: a line "sl_fault POINT" at each fault point of sl_edit,
 * and sl_fault killing the script (as a dropped connection does) at the
 * chosen one. Returns 0, or SL_ERR_INTERNAL when the script no longer has
 * the anchors (the test then fails loudly).
 */
static int
inject_fault(struct sbuf *script, const char *point)
{
	static const struct {
		const char *name, *anchor;
		int after;
	} pts[] = {
		{ "after_temp", "\tif [ \"$6\" = 1 ]; then\n", 0 },
		{ "before_rename", "\tif ! mv -f \"$sl_t\" \"$sl_f\"; then\n", 0 },
		{ "after_rename", "\tsl_mark install ok \"$1\"\n", 1 },
		{ NULL, NULL, 0 }
	};
	struct sbuf nb;
	const char *at, *nl;
	size_t i, off;
	char *text;

	for (i = 0; pts[i].name != NULL; i++)
		if (strcmp(pts[i].name, point) == 0)
			break;
	if (pts[i].name == NULL)
		return SL_OK;		/* during_verify: on the C side */
	(void)sbuf_putc(script, '\0');
	text = script->data;
	if ((at = strstr(text, pts[i].anchor)) == NULL ||
	    (nl = strstr(text, "\nsl_mark() {")) == NULL || nl > at)
		return SL_ERR_INTERNAL;
	sbuf_init(&nb, script->max);
	off = (size_t)(at - text) + (pts[i].after ? strlen(pts[i].anchor) : 0);
	(void)sbuf_put(&nb, text, (size_t)(nl - text) + 1);
	(void)sbuf_puts(&nb, "# synolint test hook (" FIX_FAULT_ENV "): die as "
	    "a dropped connection would\nsl_fault() { printf 'synolint test "
	    "fault at %s\\n' \"$1\" >&2; kill -KILL $$; }\n");
	(void)sbuf_put(&nb, nl + 1, off - (size_t)(nl + 1 - text));
	(void)sbuf_puts(&nb, "\tsl_fault ");
	(void)sbuf_puts(&nb, point);
	(void)sbuf_puts(&nb, "\n");
	(void)sbuf_puts(&nb, text + off);
	sbuf_cleanup(script);
	*script = nb;
	return SL_OK;
}

/* Parses the marker lines of out into o. Returns the "done" seen (1). */
static int
read_markers(const struct sbuf *out, struct fix_host_outcome *o,
    int *changedp, int *checkfailp)
{
	const char *p = out->data, *end = out->data + out->len;
	int done = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xstrndup(p, len), *step, *status, *obj;

		p += len + 1;
		if (strncmp(line, MARK, strlen(MARK)) != 0 ||
		    (step = strstr(line, " step=")) == NULL ||
		    (status = strstr(line, " status=")) == NULL ||
		    (obj = strstr(line, " object=")) == NULL) {
			free(line);
			continue;
		}
		*strchr(step + 1, ' ') = '\0';
		*strchr(status + 1, ' ') = '\0';
		step += 6;
		status += 8;
		obj += 8;
		strv_push_owned(&o->steps, xprintf("%s %s %s", step, status,
		    obj));
		if (strcmp(step, "backup") == 0 && strcmp(status, "ok") == 0)
			strv_push(&o->backups, obj);
		if (strcmp(step, "rollback") == 0 &&
		    strcmp(status, "written") == 0) {
			free(o->rollback);
			o->rollback = xstrdup(obj);
		}
		if ((strcmp(step, "install") == 0 || strcmp(step, "chmod") == 0 ||
		    strcmp(step, "chown") == 0 || strcmp(step, "webapi") == 0) &&
		    strcmp(status, "ok") == 0)
			*changedp = 1;
		if (strcmp(step, "check") == 0 && strcmp(status, "ok") != 0)
			*checkfailp = 1;
		if (strcmp(step, "done") == 0)
			done = 1;
		free(line);
	}
	return done;
}

static int
validate_failed(const struct fix_host_outcome *o)
{
	size_t k;

	for (k = 0; k < o->steps.n; k++)
		if (strncmp(o->steps.v[k], "validate failed ", 16) == 0)
			return 1;
	return 0;
}

/* Runs script on host i: the scan's session, else a new one. */
static int
run_script(struct fix_apply *fa, size_t i, const struct sbuf *script,
    struct exec_result *res, struct diag *d)
{
	static const char *const argv[] = { "/bin/sh", "-s", NULL };
	const struct cli_target *t = &fa->fr.opts->targets[i];
	struct ssh_conn_opts co;
	int r = SL_ERR_CONNECT;

	if (fa->sessions[i] != NULL) {
		r = session_exec(fa->sessions[i], argv, script, res);
		if (r == SL_OK)
			return r;
		session_free(fa->sessions[i]);	/* dropped: try a new one */
		fa->sessions[i] = NULL;
	}
	acquire_ssh_opts(&fa->ctx, t, &co);
	if ((r = session_ssh_open(&co, &fa->sessions[i], d)) != SL_OK)
		return r;
	return session_exec(fa->sessions[i], argv, script, res);
}

/* A new connection, authenticated exactly as the scan's. */
static int
verify_login(struct fix_apply *fa, size_t i, int fault, char **whyp)
{
	const struct cli_target *t = &fa->fr.opts->targets[i];
	struct ssh_conn_opts co;
	struct diag d;
	int r;

	*whyp = NULL;
	if (fault) {
		*whyp = xstrdup("test hook: the verification connection was "
		    "dropped");
		return SL_ERR_CONNECT;
	}
	diag_init(&d);
	acquire_ssh_opts(&fa->ctx, t, &co);
	r = session_ssh_can_login(&co, &d);
	if (r != SL_OK)
		*whyp = d.n > 0 ? xstrdup(d.v[0].msg) : xstrdup(sl_strerror(r));
	diag_cleanup(&d);
	return r;
}

/*
 * An interrupted script may leave its temp file (PATH.synolint-new.XXXXXX)
 * beside an edited file: the rollback removes it first. Inserted after the
 * "#!/bin/sh" line, as the rollback ends with exit.
 */
static int
add_temp_cleanup(const struct fix_plan *p, struct sbuf *script)
{
	struct sbuf nb;
	const char *nl;
	size_t i;

	(void)sbuf_putc(script, '\0');
	script->len--;
	if ((nl = strchr(script->data, '\n')) == NULL)
		return SL_ERR_INTERNAL;
	sbuf_init(&nb, script->max);
	(void)sbuf_put(&nb, script->data, (size_t)(nl - script->data) + 1);
	for (i = 0; i < p->nedits; i++) {
		char *q;

		if (!fix_edit_used(p, i))
			continue;
		q = shquote(p->edits[i].path);
		(void)sbuf_putf(&nb, "rm -f -- %s.synolint-new.*\n", q);
		free(q);
	}
	(void)sbuf_put(&nb, nl + 1, script->len - (size_t)(nl + 1 -
	    script->data));
	sbuf_cleanup(script);
	*script = nb;
	return SL_OK;
}

/* Restores the backups of this run and reloads; then a new login. */
static void
roll_back(struct fix_apply *fa, size_t i, const char *cause)
{
	struct fix_host_outcome *o = &fa->out[i];
	struct exec_result res;
	struct sbuf script, out;
	struct diag d;
	char *why = NULL;
	int r, dummy = 0, dummy2 = 0;

	sbuf_init(&script, SL_MAX_BUNDLE);
	sbuf_init(&out, OUT_MAX);
	diag_init(&d);
	res.out = &out;
	res.err = NULL;
	res.status = -1;
	r = fix_rollback_render(fa->fr.plans[i], o->stamp, &script);
	if (r == SL_OK)
		r = add_temp_cleanup(fa->fr.plans[i], &script);
	if (r == SL_OK)
		r = run_script(fa, i, &script, &res, &d);
	if (r == SL_OK)
		(void)read_markers(&out, o, &dummy, &dummy2);
	if (r != SL_OK || res.status != 0) {
		o->outcome = FIXO_FAILED;
		o->message = xprintf("%s; the rollback FAILED (%s): restore by "
		    "hand from the .synolint-%s backups", cause, r != SL_OK ?
		    sl_strerror(r) : "its script failed", o->stamp);
	} else if (verify_login(fa, i, 0, &why) != SL_OK) {
		o->outcome = FIXO_FAILED;
		o->message = xprintf("%s; rolled back to the old configuration, "
		    "but a new login still fails: %s", cause, why);
	} else {
		o->outcome = FIXO_ROLLED_BACK;
		o->message = xprintf("%s; the old configuration is in place "
		    "again and a new login works", cause);
	}
	free(why);
	diag_cleanup(&d);
	sbuf_cleanup(&script);
	sbuf_cleanup(&out);
}

static void
apply_one(size_t i, void *arg)
{
	struct fix_apply *fa = arg;
	struct fix_host_outcome *o = &fa->out[i];
	struct fix_plan *p = fa->fr.plans[i];
	struct fix_script_opts so = { NULL, 0 };
	const char *fault = getenv(FIX_FAULT_ENV);
	struct exec_result res;
	struct sbuf script, out, err;
	struct diag d;
	char *why = NULL, *cause = NULL;
	int r, changed = 0, checkfail = 0, done;

	if (p == NULL) {
		o->outcome = FIXO_FAILED;
		o->message = xstrdup("not scanned: nothing applied");
		return;
	}
	if (fix_plan_count(p) == 0) {
		o->outcome = FIXO_NONE;
		o->message = xstrdup(o->refused.n > 0 ? "nothing applied: every "
		    "planned fix was refused" : "nothing to fix");
		return;
	}
	o->stamp = make_stamp();
	so.stamp = o->stamp;
	sbuf_init(&script, SL_MAX_BUNDLE);
	sbuf_init(&out, OUT_MAX);
	sbuf_init(&err, OUT_MAX);
	diag_init(&d);
	res.out = &out;
	res.err = &err;
	res.status = -1;
	r = fix_script_render(p, &so, &script);
	if (r == SL_OK && fault != NULL && *fault != '\0')
		r = inject_fault(&script, fault);
	if (r != SL_OK) {
		o->outcome = FIXO_FAILED;
		o->message = xprintf("cannot render the fix script: %s",
		    sl_strerror(r));
		goto out;
	}
	r = run_script(fa, i, &script, &res, &d);
	done = read_markers(&out, o, &changed, &checkfail);
	/* No marker at all: the script never started. Did sudo refuse? */
	if (r == SL_OK && res.status != 0 && o->steps.n == 0 &&
	    (why = become_sudo_message(err.data, err.len)) != NULL) {
		o->outcome = FIXO_ABORTED;
		o->message = xprintf("sudo did not run the fix script (%s); "
		    "nothing was changed", why);
		goto out;
	}
	if (r == SL_OK && (res.status == 1 || res.status == 3)) {
		o->outcome = FIXO_ABORTED;
		o->message = xstrdup(res.status == 3 ? "this is not the host "
		    "that was audited; nothing was changed" :
		    checkfail ? "a file or path changed since the audit; "
		    "nothing was changed" : "a check failed; nothing was "
		    "changed");
		goto out;
	}
	if (r != SL_OK || res.status != 0 || !done) {
		if (r == SL_OK && res.status == 2 && validate_failed(o))
			cause = xstrdup("sshd -t rejected the new configuration, "
			    "so it was not installed");
		else if (r == SL_OK && res.status == 2)
			cause = xstrdup("a step failed (the script rolled "
			    "back itself)");
		else
			cause = xprintf("the fix script was interrupted (%s)",
			    r != SL_OK ? sl_strerror(r) : "exit status");
		roll_back(fa, i, cause);
		goto out;
	}
	if (changed && verify_login(fa, i, fault != NULL &&
	    strcmp(fault, "during_verify") == 0, &why) != SL_OK) {
		cause = xprintf("a new login failed after the fix (%s)", why);
		roll_back(fa, i, cause);
		goto out;
	}
	o->outcome = FIXO_APPLIED;
	o->message = xstrdup(changed ? "the new configuration is in place and "
	    "a new login works" : "nothing needed changing");
 out:
	free(why);
	free(cause);
	diag_cleanup(&d);
	sbuf_cleanup(&script);
	sbuf_cleanup(&out);
	sbuf_cleanup(&err);
}

/*
 * Test hook: with SYNOLINT_TEST_FIX_PAUSE=FILE, create FILE between plan and
 * apply and wait (at most 60 s) until the test removes it, so a test can
 * change a host behind synolint's back.
 */
static void
test_pause(void)
{
	const char *f = getenv(FIX_PAUSE_ENV);
	FILE *fp;
	int k;

	if (f == NULL || *f == '\0' || (fp = fopen(f, "w")) == NULL)
		return;
	(void)fclose(fp);
	for (k = 0; k < 600 && access(f, F_OK) == 0; k++)
		(void)usleep(100000);
}

void
fix_apply_run(struct fix_apply *fa)
{
	const char **labels = xcalloc(fa->n + 1, sizeof(*labels));
	size_t i;

	test_pause();
	for (i = 0; i < fa->n; i++)
		labels[i] = acquire_label(&fa->fr.opts->targets[i]);
	fleet_run(fa->n, fa->fr.opts->jobs, 1, labels, apply_one, fa);
	for (i = 0; i < fa->n; i++) {
		session_free(fa->sessions[i]);
		fa->sessions[i] = NULL;
	}
	free(labels);
}

/* Whether host h of the rescan still fails rule_id on object. */
static int
still_fails(const struct host_result *h, const char *rule_id,
    const char *object)
{
	size_t k;

	for (k = 0; h != NULL && k < h->findings.n; k++) {
		const struct finding *f = &h->findings.v[k];

		if (f->verdict == VERDICT_FAIL &&
		    strcmp(f->rule->id, rule_id) == 0 &&
		    (object == NULL || strcmp(f->object, object) == 0))
			return 1;
	}
	return 0;
}

static void
add_entry(struct host_fix *hf, const char *state, const char *rule_id,
    const char *object, const char *detail)
{
	struct host_fix_entry *e;

	hf->v = xreallocarray(hf->v, hf->n + 1, sizeof(*hf->v));
	e = &hf->v[hf->n++];
	e->state = xstrdup(state);
	e->rule_id = xstrdup(rule_id);
	e->object = object != NULL ? xstrdup(object) : NULL;
	e->detail = xstrdup(detail != NULL ? detail : "");
}

/* "RULE: why" of the refused list, split for the report. */
static void
add_refused(struct host_fix *hf, const char *line)
{
	const char *c = strstr(line, ": ");
	char *id = c != NULL ? xstrndup(line, (size_t)(c - line)) :
	    xstrdup(line);

	add_entry(hf, "refused", id, NULL, c != NULL ? c + 2 : "");
	free(id);
}

void
fix_apply_attach(const struct fix_apply *fa, struct scan_result *sr)
{
	size_t i, k;

	for (i = 0; i < fa->n && i < sr->nhosts; i++) {
		const struct fix_host_outcome *o = &fa->out[i];
		const struct fix_plan *p = fa->fr.plans[i];
		struct host_result *h = &sr->hosts[i];
		struct host_fix *hf = xcalloc(1, sizeof(*hf));

		hf->outcome = xstrdup(fix_outcome_name(o->outcome));
		hf->message = o->message != NULL ? xstrdup(o->message) : NULL;
		for (k = 0; k < o->refused.n; k++)
			add_refused(hf, o->refused.v[k]);
		for (k = 0; p != NULL && k < p->nactions; k++) {
			const struct fix_action *a = &p->actions[k];
			const char *state;

			if (a->kind == FIX_MANUAL)
				continue;
			if (!a->planned) {
				add_entry(hf, "skipped", a->rule_id, a->object,
				    a->skip_reason);
				continue;
			}
			state = o->outcome != FIXO_APPLIED ? "not applied" :
			    h->status != SL_OK ? "applied (no rescan)" :
			    still_fails(h, a->rule_id, a->object) ?
			    "applied, still failing" : "fixed";
			if (strcmp(state, "fixed") == 0)
				add_entry(hf, "fixed", a->rule_id, a->object,
				    a->description);
			else
				add_entry(hf, "left", a->rule_id, a->object,
				    state);
		}
		hf->nbackups = o->backups.n;
		hf->backups = xcalloc(o->backups.n + 1, sizeof(char *));
		for (k = 0; k < o->backups.n; k++)
			hf->backups[k] = xstrdup(o->backups.v[k]);
		hf->rollback = o->rollback != NULL ? xstrdup(o->rollback) :
		    NULL;
		host_fix_free(h->fix);
		h->fix = hf;
	}
}

void
fix_apply_print(FILE *fp, const struct scan_result *sr)
{
	size_t i, k;

	fprintf(fp, "\nfixes (--fix)\n");
	for (i = 0; i < sr->nhosts; i++) {
		const struct host_result *h = &sr->hosts[i];
		const struct host_fix *hf = h->fix;

		if (hf == NULL)
			continue;
		fprintf(fp, "host %s: %s: %s\n", h->name, hf->outcome,
		    hf->message != NULL ? hf->message : "");
		for (k = 0; k < hf->n; k++) {
			const struct host_fix_entry *e = &hf->v[k];

			if (e->object == NULL)
				fprintf(fp, "  %-8s %s: %s\n", e->state,
				    e->rule_id, e->detail);
			else
				fprintf(fp, "  %-8s %-9s %s: %s\n", e->state,
				    e->rule_id, e->object, e->detail);
		}
		for (k = 0; k < hf->nbackups; k++)
			fprintf(fp, "  backup   %s\n", hf->backups[k]);
		if (hf->rollback != NULL)
			fprintf(fp, "  rollback %s\n", hf->rollback);
	}
}

int
fix_apply_changed(const struct fix_apply *fa)
{
	size_t i;

	for (i = 0; i < fa->n; i++)
		if (fa->out[i].outcome != FIXO_NONE &&
		    fa->out[i].outcome != FIXO_ABORTED)
			return 1;
	return 0;
}

int
fix_apply_failed(const struct fix_apply *fa)
{
	size_t i;

	for (i = 0; i < fa->n; i++)
		if (fa->out[i].outcome == FIXO_FAILED)
			return 1;
	return 0;
}

void
fix_apply_cleanup(struct fix_apply *fa)
{
	size_t i;

	for (i = 0; fa->out != NULL && i < fa->n; i++) {
		free(fa->out[i].message);
		free(fa->out[i].stamp);
		free(fa->out[i].rollback);
		strv_cleanup(&fa->out[i].backups);
		strv_cleanup(&fa->out[i].refused);
		strv_cleanup(&fa->out[i].steps);
	}
	for (i = 0; fa->sessions != NULL && i < fa->n; i++)
		session_free(fa->sessions[i]);
	free(fa->sessions);
	free(fa->out);
	fix_run_cleanup(&fa->fr);
	memset(fa, 0, sizeof(*fa));
}
