/*
 * report_json.c — everything synolint knows about a scan as one JSON
 * document (format "synolint-report", version 1; docs/json-report.md and
 * docs/json-report.schema.json): hosts, every finding, the summary the exit
 * status is computed from, what the waivers did and the key trust map. Deterministic: keys
 * sorted, findings in (host, rule, object) order, and the only time in it
 * is SOURCE_DATE_EPOCH's.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "runclock.h"
#include "sbuf.h"
#include "trust.h"
#include "waivers.h"

#define JSON_REPORT_VERSION	1

static const char *
verdict_key(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:
		return "pass";
	case VERDICT_FAIL:
		return "fail";
	case VERDICT_NA:
		return "not_applicable";
	case VERDICT_WAIVED:
		return "waived";
	case VERDICT_ERROR:
		break;
	}
	return "error";
}

static json_t *
counts_json(struct rj *j, const struct report_counts *c)
{
	json_t *o = rj_obj(j), *sev = rj_obj(j);
	int v, s;

	for (v = VERDICT_PASS; v <= VERDICT_ERROR; v++)
		rj_set(j, o, verdict_key((enum verdict)v),
		    rj_int(j, (long long)c->verdict[v]));
	for (s = SEV_INFO; s <= SEV_CRITICAL; s++)
		rj_set(j, sev, report_severity((enum severity)s),
		    rj_int(j, (long long)c->fail[s]));
	rj_set(j, o, "fail_by_severity", sev);
	return o;
}

static json_t *
finding_json(struct rj *j, const char *host, const struct finding *f)
{
	json_t *o = rj_obj(j), *loc, *w;

	rj_set(j, o, "host", rj_str(j, host));
	rj_set_str(j, o, "rule", f->rule->id);
	rj_set(j, o, "title", rj_str(j, f->rule->title));
	rj_set_str(j, o, "verdict", verdict_key(f->verdict));
	rj_set_str(j, o, "severity", report_severity(f->rule->severity));
	rj_set_str(j, o, "object", f->object);
	rj_set(j, o, "message", rj_str(j, f->message));
	rj_set(j, o, "evidence", rj_str(j, f->evidence));
	if (f->loc_file != NULL) {
		loc = rj_obj(j);
		rj_set_str(j, loc, "file", f->loc_file);
		rj_set(j, loc, "line", f->loc_line > 0 ?
		    rj_int(j, f->loc_line) : json_null());
		rj_set(j, o, "location", loc);
	} else
		rj_set(j, o, "location", json_null());
	rj_set(j, o, "breaks_login", json_boolean(f->breaks_login));
	rj_set(j, o, "fix", rj_str(j, f->verdict == VERDICT_FAIL ||
	    f->verdict == VERDICT_WAIVED ? report_fix_text(f) : NULL));
	if (f->waiver != NULL) {
		w = rj_obj(j);
		rj_set_str(j, w, "file", f->waiver->file);
		rj_set(j, w, "line", rj_int(j, f->waiver->line));
		rj_set_str(j, w, "expires", f->waiver->expires);
		rj_set_str(j, w, "justification", f->waiver->justification);
		rj_set(j, o, "waiver", w);
	} else
		rj_set(j, o, "waiver", json_null());
	return o;
}

static void
add_findings(struct rj *j, json_t *arr, const char *host,
    const struct findings *fs)
{
	struct finding_list fl = { NULL, 0 };
	size_t i;

	report_sorted(fs, report_cmp_id, &fl);
	for (i = 0; i < fl.n; i++)
		rj_append(j, arr, finding_json(j, host, fl.v[i]));
	free(fl.v);
}

/* What --fix did on the host (absent without --fix). */
static json_t *
host_fix_json(struct rj *j, const struct host_fix *hf)
{
	json_t *o = rj_obj(j), *acts = rj_arr(j), *bk = rj_arr(j);
	size_t i;

	rj_set_str(j, o, "outcome", hf->outcome);
	rj_set(j, o, "message", rj_str(j, hf->message));
	for (i = 0; i < hf->n; i++) {
		const struct host_fix_entry *e = &hf->v[i];
		json_t *a = rj_obj(j);

		rj_set_str(j, a, "state", e->state);
		rj_set_str(j, a, "rule", e->rule_id);
		rj_set(j, a, "object", rj_str(j, e->object));
		rj_set_str(j, a, "detail", e->detail);
		rj_append(j, acts, a);
	}
	for (i = 0; i < hf->nbackups; i++)
		rj_append(j, bk, rj_str(j, hf->backups[i]));
	rj_set(j, o, "actions", acts);
	rj_set(j, o, "backups", bk);
	rj_set(j, o, "rollback", rj_str(j, hf->rollback));
	return o;
}

static json_t *
host_json(struct rj *j, const struct host_result *h)
{
	json_t *o = rj_obj(j), *v = rj_obj(j);
	struct report_counts c;

	memset(&c, 0, sizeof(c));
	report_count(&h->findings, &c);
	rj_set_str(j, o, "name", h->name);
	rj_set_str(j, o, "status", h->status == SL_OK ? "scanned" :
	    "not_scanned");
	rj_set(j, o, "error", h->status == SL_OK ? json_null() :
	    rj_str(j, h->error != NULL ? h->error : sl_strerror(h->status)));
	rj_set(j, o, "error_kind", h->status == SL_OK ? json_null() :
	    rj_str(j, sl_strerror(h->status)));
	rj_set(j, v, "dsm", rj_str(j, h->dsm_version));
	rj_set(j, v, "openssh", rj_str(j, h->openssh_version));
	rj_set(j, o, "versions", v);
	rj_set(j, o, "counts", counts_json(j, &c));
	if (h->ssh_host_key != NULL) {
		json_t *ssh = rj_obj(j);

		rj_set(j, ssh, "server", rj_str(j, h->ssh_server));
		rj_set_str(j, ssh, "host_key", h->ssh_host_key);
		rj_set(j, o, "ssh", ssh);
	} else
		rj_set(j, o, "ssh", json_null());
	if (h->fix != NULL)
		rj_set(j, o, "fix", host_fix_json(j, h->fix));
	return o;
}

static json_t *
waiver_json(struct rj *j, const struct waivers *ws, const struct waiver *w)
{
	json_t *o = rj_obj(j);

	rj_set_str(j, o, "file", ws->file);
	rj_set(j, o, "line", rj_int(j, w->line));
	rj_set_str(j, o, "rule", w->rule);
	rj_set_str(j, o, "host", w->host);
	rj_set_str(j, o, "object", w->object);
	rj_set_str(j, o, "expires", w->expires);
	rj_set_str(j, o, "justification", w->justification);
	rj_set(j, o, "matched", rj_int(j, (long long)w->matched));
	rj_set(j, o, "waived", rj_int(j, (long long)w->waived));
	return o;
}

static json_t *
waivers_json(struct rj *j, const struct waivers *ws)
{
	json_t *o, *applied, *expired, *stale;
	size_t i;

	if (ws == NULL)
		return json_null();
	o = rj_obj(j);
	applied = rj_arr(j);
	expired = rj_arr(j);
	stale = rj_arr(j);
	for (i = 0; i < ws->n; i++) {
		const struct waiver *w = &ws->v[i];

		if (w->expired)
			rj_append(j, expired, waiver_json(j, ws, w));
		else if (w->matched == 0)
			rj_append(j, stale, waiver_json(j, ws, w));
		else
			rj_append(j, applied, waiver_json(j, ws, w));
	}
	rj_set_str(j, o, "file", ws->file);
	rj_set_str(j, o, "today", ws->today);
	rj_set(j, o, "applied", applied);
	rj_set(j, o, "expired", expired);
	rj_set(j, o, "stale", stale);
	return o;
}

static json_t *
account_json(struct rj *j, const struct trust_map *m, size_t h,
    const char *user, int admin)
{
	json_t *o = rj_obj(j);

	rj_set_str(j, o, "host", m->hosts[h]->name);
	rj_set_str(j, o, "user", user);
	rj_set(j, o, "admin", json_boolean(admin));
	return o;
}

/* The key trust map's numbers and edges (synolint keys has the rest). */
static json_t *
trust_json(struct rj *j, const struct trust_map *m)
{
	json_t *o, *edges, *e, *from, *to;
	size_t i, nweak = 0;

	if (m == NULL)
		return json_null();
	o = rj_obj(j);
	edges = rj_arr(j);
	for (i = 0; i < m->nedges; i++) {
		const struct trust_edge *te = &m->edges[i];
		const struct trust_priv *p = trust_edge_priv(m, te);
		const struct trust_auth *a = trust_edge_auth(m, te);
		int weak = trust_edge_weak(m, te);

		nweak += weak != 0;
		e = rj_obj(j);
		from = account_json(j, m, te->from_host, p->user, p->admin);
		rj_set_str(j, from, "key", p->path);
		to = account_json(j, m, te->to_host, a->user, a->admin);
		rj_set_str(j, to, "file", a->file);
		rj_set(j, to, "line", rj_int(j, a->line));
		rj_set(j, e, "from", from);
		rj_set(j, e, "to", to);
		rj_set_str(j, e, "fingerprint", p->fp);
		rj_set_str(j, e, "type", p->type);
		rj_set(j, e, "bits", rj_int(j, p->bits));
		rj_set_str(j, e, "passphrase", trust_passphrase_str(p->encrypted));
		rj_set_str(j, e, "restriction", trust_restriction(a));
		rj_set(j, e, "usable", json_boolean(a->usable));
		rj_set(j, e, "weak", json_boolean(weak));
		rj_append(j, edges, e);
	}
	rj_set(j, o, "accounts", rj_int(j, (long long)trust_map_accounts(m)));
	rj_set(j, o, "key_logins", rj_int(j, (long long)m->nedges));
	rj_set(j, o, "weak", rj_int(j, (long long)nweak));
	rj_set(j, o, "edges", edges);
	return o;
}

int
report_json(struct sbuf *out, const struct scan_result *sr,
    const struct report_opts *opts, struct diag *d)
{
	struct rj j = { 0 };
	struct report_counts total;
	json_t *root, *tool, *hosts, *findings, *summary;
	size_t i, nfailed = 0;
	char stamp[32];
	time_t now;
	int r, fixed;

	(void)opts;
	if ((r = runclock_now(&now, &fixed, d)) != SL_OK)
		return r;
	memset(&total, 0, sizeof(total));
	root = rj_obj(&j);
	rj_set_str(&j, root, "format", "synolint-report");
	rj_set(&j, root, "version", rj_int(&j, JSON_REPORT_VERSION));
	tool = rj_obj(&j);
	rj_set_str(&j, tool, "name", "synolint");
	rj_set_str(&j, tool, "version", SL_VERSION);
	rj_set(&j, root, "tool", tool);
	if (fixed) {
		if (runclock_iso8601(now, stamp, sizeof(stamp)) != SL_OK)
			j.failed = 1;
		else
			rj_set_str(&j, root, "generated", stamp);
	}

	hosts = rj_arr(&j);
	findings = rj_arr(&j);
	for (i = 0; i < sr->nhosts; i++) {
		const struct host_result *h = &sr->hosts[i];

		if (h->status != SL_OK)
			nfailed++;
		report_count(&h->findings, &total);
		rj_append(&j, hosts, host_json(&j, h));
		add_findings(&j, findings, h->name, &h->findings);
	}
	report_count(&sr->run_findings, &total);
	add_findings(&j, findings, NULL, &sr->run_findings);
	rj_set(&j, root, "hosts", hosts);
	rj_set(&j, root, "findings", findings);

	summary = rj_obj(&j);
	rj_set(&j, summary, "hosts", rj_int(&j, (long long)sr->nhosts));
	rj_set(&j, summary, "hosts_not_scanned", rj_int(&j,
	    (long long)nfailed));
	rj_set(&j, summary, "counts", counts_json(&j, &total));
	rj_set_str(&j, summary, "fail_on", report_severity(sr->fail_on));
	rj_set(&j, summary, "failing", rj_int(&j,
	    (long long)scan_result_count_fail(sr, sr->fail_on)));
	rj_set(&j, root, "summary", summary);
	rj_set(&j, root, "waivers", waivers_json(&j, sr->waivers));
	rj_set(&j, root, "trust", trust_json(&j, sr->trust));

	if (j.failed) {
		diag_error(d, NULL, 0, "json report: cannot build the JSON "
		    "document");
		r = SL_ERR_ALLOC;
	} else
		r = rj_dump(out, root, "json report", d);
	json_decref(root);
	return r;
}
