/*
 * merge_json.c — `synolint merge` for the JSON report (docs/json-report.md):
 * hosts of every shard in name order, each host's findings as its shard
 * wrote them, the run's own findings (waivers) once, and the summary and
 * waiver counts recomputed over the whole fleet.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "merge.h"
#include "report_priv.h"
#include "xmalloc.h"

#define JSON_REPORT_VERSION	1

static const char *const verdicts[] = {
	"pass", "fail", "not_applicable", "waived", "error", NULL
};
static const char *const severities[] = {
	"info", "low", "medium", "high", "critical", NULL
};

static int
severity_rank(const char *s)
{
	int i;

	for (i = 0; s != NULL && severities[i] != NULL; i++)
		if (strcmp(s, severities[i]) == 0)
			return i;
	return -1;
}

/* Same format, version, synolint version and --fail-on as the first input. */
static int
check_input(const struct merge_input *in, json_t *doc,
    const struct merge_input *in0, json_t *doc0, struct diag *d)
{
	const char *fmt = merge_json_str(doc, "format", NULL);
	const char *tv = merge_json_str(doc, "tool", "version", NULL);
	const char *tv0 = merge_json_str(doc0, "tool", "version", NULL);
	const char *fo = merge_json_str(doc, "summary", "fail_on", NULL);
	const char *fo0 = merge_json_str(doc0, "summary", "fail_on", NULL);
	const char *wf = merge_json_str(doc, "waivers", "file", NULL);
	const char *wf0 = merge_json_str(doc0, "waivers", "file", NULL);
	json_t *ver = json_object_get(doc, "version");

	if (fmt == NULL || strcmp(fmt, "synolint-report") != 0 ||
	    !json_is_array(json_object_get(doc, "hosts")) ||
	    !json_is_array(json_object_get(doc, "findings"))) {
		diag_error(d, in->name, 1, "not a synolint JSON report");
		return SL_ERR_PARSE;
	}
	if (!json_is_integer(ver) ||
	    json_integer_value(ver) != JSON_REPORT_VERSION) {
		diag_error(d, in->name, 1, "JSON report version %s: this "
		    "synolint merges version %d", json_is_integer(ver) ?
		    "other than 1" : "missing", JSON_REPORT_VERSION);
		return SL_ERR_PARSE;
	}
	if (tv == NULL || tv0 == NULL || strcmp(tv, tv0) != 0) {
		diag_error(d, in->name, 1, "written by synolint %s, %s by "
		    "synolint %s: merge the reports of one synolint version",
		    tv ? tv : "(unknown)", in0->name, tv0 ? tv0 : "(unknown)");
		return SL_ERR_USAGE;
	}
	if (fo == NULL || fo0 == NULL || strcmp(fo, fo0) != 0) {
		diag_error(d, in->name, 1, "scanned with --fail-on %s, %s with "
		    "--fail-on %s", fo ? fo : "(unknown)", in0->name,
		    fo0 ? fo0 : "(unknown)");
		return SL_ERR_USAGE;
	}
	if ((wf == NULL) != (wf0 == NULL) ||
	    (wf != NULL && strcmp(wf, wf0) != 0)) {
		diag_error(d, in->name, 1, "waivers %s, %s has waivers %s: "
		    "give every shard the same --waivers", wf ? wf : "(none)",
		    in0->name, wf0 ? wf0 : "(none)");
		return SL_ERR_USAGE;
	}
	return SL_OK;
}

/* {verdict: n, ..., fail_by_severity: {...}} from a findings array. */
static json_t *
count_findings(struct rj *j, json_t *findings, const char *fail_on,
    size_t *failing)
{
	size_t nv[5] = { 0 }, ns[5] = { 0 }, i, k;
	json_t *o = rj_obj(j), *sev = rj_obj(j), *f;
	int limit = severity_rank(fail_on), r;

	json_array_foreach(findings, i, f) {
		const char *v = merge_json_str(f, "verdict", NULL);

		for (k = 0; v != NULL && verdicts[k] != NULL; k++)
			if (strcmp(v, verdicts[k]) == 0)
				nv[k]++;
		if (v != NULL && strcmp(v, "fail") == 0 &&
		    (r = severity_rank(merge_json_str(f, "severity",
		    NULL))) >= 0) {
			ns[r]++;
			if (r >= limit)
				(*failing)++;
		}
	}
	for (k = 0; verdicts[k] != NULL; k++)
		rj_set(j, o, verdicts[k], rj_int(j, (long long)nv[k]));
	for (k = 0; severities[k] != NULL; k++)
		rj_set(j, sev, severities[k], rj_int(j, (long long)ns[k]));
	rj_set(j, o, "fail_by_severity", sev);
	return o;
}

static int
cmp_run_finding(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *rx = merge_json_str(x, "rule", NULL);
	const char *ry = merge_json_str(y, "rule", NULL);
	int c;

	if ((c = strcmp(rx ? rx : "", ry ? ry : "")) != 0)
		return c;
	rx = merge_json_str(x, "object", NULL);
	ry = merge_json_str(y, "object", NULL);
	return strcmp(rx ? rx : "", ry ? ry : "");
}

/*
 * The waivers section over the fleet: each waiver (by line) with matched and
 * waived summed over the shards, then put back in applied, expired or stale.
 * Fills applied_lines with the lines that matched somewhere.
 */
static json_t *
merge_waivers(struct rj *j, json_t **docs, size_t n, json_t *matched_lines)
{
	static const char *const lists[] = { "applied", "expired", "stale",
	    NULL };
	json_t *out, *byline = json_object(), *w, *cur, *a, *e, *s;
	const char *key;
	size_t i, k, x;
	char line[32];

	if (json_is_null(json_object_get(docs[0], "waivers")) ||
	    json_object_get(docs[0], "waivers") == NULL) {
		json_decref(byline);
		return json_null();
	}
	for (i = 0; i < n; i++)
		for (k = 0; lists[k] != NULL; k++)
			json_array_foreach(json_object_get(json_object_get(
			    docs[i], "waivers"), lists[k]), x, w) {
				snprintf(line, sizeof(line), "%012lld",
				    (long long)json_integer_value(
				    json_object_get(w, "line")));
				if ((cur = json_object_get(byline, line)) ==
				    NULL) {
					cur = json_deep_copy(w);
					json_object_set_new(cur, "_expired",
					    json_boolean(k == 1));
					json_object_set_new(byline, line, cur);
					continue;
				}
				json_object_set_new(cur, "matched", json_integer(
				    json_integer_value(json_object_get(cur,
				    "matched")) + json_integer_value(
				    json_object_get(w, "matched"))));
				json_object_set_new(cur, "waived", json_integer(
				    json_integer_value(json_object_get(cur,
				    "waived")) + json_integer_value(
				    json_object_get(w, "waived"))));
			}
	out = json_deep_copy(json_object_get(docs[0], "waivers"));
	a = rj_arr(j);
	e = rj_arr(j);
	s = rj_arr(j);
	/* keys are zero-padded lines: sorted keys give line order */
	{
		const char **keys = calloc(json_object_size(byline) + 1,
		    sizeof(*keys));
		size_t nk = 0;

		if (keys == NULL)
			j->failed = 1;
		json_object_foreach(byline, key, w)
			if (keys != NULL)
				keys[nk++] = key;
		for (i = 0; keys != NULL && i < nk; i++)
			for (k = i + 1; k < nk; k++)
				if (strcmp(keys[k], keys[i]) < 0) {
					const char *t = keys[i];

					keys[i] = keys[k];
					keys[k] = t;
				}
		for (i = 0; keys != NULL && i < nk; i++) {
			int expired;

			w = json_deep_copy(json_object_get(byline, keys[i]));
			expired = json_is_true(json_object_get(w, "_expired"));

			json_object_del(w, "_expired");
			if (json_integer_value(json_object_get(w, "matched")) > 0)
				json_object_set_new(matched_lines, keys[i],
				    json_true());
			rj_append(j, expired ? e : json_integer_value(
			    json_object_get(w, "matched")) == 0 ? s : a, w);
		}
		free(keys);
	}
	json_decref(byline);
	rj_set(j, out, "applied", a);
	rj_set(j, out, "expired", e);
	rj_set(j, out, "stale", s);
	return out;
}

/*
 * The "trust" sections (the key trust map, docs/json-report.md): the union of
 * the shards' edges, by the host of their private key (stable), with the
 * counts recomputed. A key on a host of one shard that logs in to a host of
 * another is in neither shard's map, so it is not in the union either.
 * Returns NULL when no input has the key (an older report).
 */
static json_t *
merge_trust(struct rj *j, json_t **docs, size_t n)
{
	json_t *out, *edges, *ends, *e, *t;
	struct merge_item *v = NULL;
	size_t i, k, nv = 0, cap = 0, nweak = 0, any = 0;

	for (i = 0; i < n; i++) {
		if ((t = json_object_get(docs[i], "trust")) == NULL)
			continue;
		any++;
		cap += json_array_size(json_object_get(t, "edges"));
	}
	if (any == 0)
		return NULL;
	if (cap == 0 && json_is_null(json_object_get(docs[0], "trust")))
		return json_null();
	if ((v = calloc(cap + 1, sizeof(*v))) == NULL ||
	    (ends = json_object()) == NULL) {
		free(v);
		j->failed = 1;
		return NULL;
	}
	for (i = 0; i < n; i++)
		json_array_foreach(json_object_get(json_object_get(docs[i],
		    "trust"), "edges"), k, e) {
			v[nv].v = e;
			v[nv].host = merge_json_str(e, "from", "host", NULL);
			v[nv].seq = nv;
			nv++;
		}
	merge_sort_items(v, nv);
	out = rj_obj(j);
	edges = rj_arr(j);
	for (i = 0; i < nv; i++) {
		static const char *const end[] = { "from", "to" };

		for (k = 0; k < 2; k++) {
			const char *h = merge_json_str(v[i].v, end[k], "host",
			    NULL);
			const char *u = merge_json_str(v[i].v, end[k], "user",
			    NULL);
			char *id = xprintf("%s\n%s", h ? h : "", u ? u : "");

			json_object_set_new(ends, id, json_true());
			free(id);
		}
		nweak += json_is_true(json_object_get(v[i].v, "weak"));
		rj_append(j, edges, json_incref(v[i].v));
	}
	rj_set(j, out, "accounts", rj_int(j, (long long)json_object_size(ends)));
	rj_set(j, out, "key_logins", rj_int(j, (long long)nv));
	rj_set(j, out, "weak", rj_int(j, (long long)nweak));
	rj_set(j, out, "edges", edges);
	json_decref(ends);
	free(v);
	return out;
}

/* A stale-waiver finding (WAIVER-002) whose waiver matched in another shard. */
static int
stale_elsewhere(json_t *f, json_t *matched_lines)
{
	const char *rule = merge_json_str(f, "rule", NULL);
	const char *obj = merge_json_str(f, "object", NULL);
	const char *colon;
	char line[32];

	if (rule == NULL || strcmp(rule, "WAIVER-002") != 0 || obj == NULL ||
	    (colon = strrchr(obj, ':')) == NULL)
		return 0;
	snprintf(line, sizeof(line), "%012lld", atoll(colon + 1));
	return json_object_get(matched_lines, line) != NULL;
}

int
merge_json(const struct merge_input *in, size_t n, struct sbuf *out,
    struct diag *d)
{
	struct rj j = { 0 };
	json_t **docs = calloc(n, sizeof(*docs));
	json_t *root = NULL, *hosts, *findings, *byhost, *run, *summary, *h, *f;
	json_t *matched_lines = json_object(), *trust;
	struct merge_item *items = NULL;
	const char *generated = NULL, *name, *prev;
	size_t i, k, nh = 0, nfailed = 0, failing = 0, cap = 0;
	int r = SL_ERR_ALLOC;

	if (docs == NULL || matched_lines == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		if ((docs[i] = merge_load_json(&in[i], d)) == NULL ||
		    (r = check_input(&in[i], docs[i], &in[0], docs[0], d)) !=
		    SL_OK) {
			r = docs[i] == NULL ? SL_ERR_PARSE : r;
			goto out;
		}
		cap += json_array_size(json_object_get(docs[i], "hosts"));
	}
	r = SL_ERR_ALLOC;
	if ((items = calloc(cap + 1, sizeof(*items))) == NULL)
		goto out;
	byhost = json_object();
	run = json_array();
	for (i = 0; i < n; i++) {
		const char *g = merge_json_str(docs[i], "generated", NULL);

		if (g != NULL && (generated == NULL || strcmp(g, generated) > 0))
			generated = g;
		json_array_foreach(json_object_get(docs[i], "hosts"), k, h) {
			items[nh].v = h;
			items[nh].host = merge_json_str(h, "name", NULL);
			items[nh].seq = nh;
			if (items[nh].host == NULL) {
				diag_error(d, in[i].name, 1, "a host without a "
				    "name");
				r = SL_ERR_PARSE;
				json_decref(byhost);
				json_decref(run);
				goto out;
			}
			nh++;
		}
		json_array_foreach(json_object_get(docs[i], "findings"), k, f) {
			json_t *list;

			name = merge_json_str(f, "host", NULL);
			if (name == NULL) {
				json_array_append(run, f);
				continue;
			}
			if ((list = json_object_get(byhost, name)) == NULL) {
				list = json_array();
				json_object_set_new(byhost, name, list);
			}
			json_array_append(list, f);
		}
	}
	merge_sort_items(items, nh);
	prev = NULL;
	for (i = 0; i < nh; i++) {
		if (prev != NULL && strcmp(prev, items[i].host) == 0) {
			diag_error(d, NULL, 0, "host %s is in more than one "
			    "report: were the shards from different --shard N "
			    "or target lists?", prev);
			r = SL_ERR_USAGE;
			json_decref(byhost);
			json_decref(run);
			goto out;
		}
		prev = items[i].host;
	}

	root = json_deep_copy(docs[0]);
	hosts = rj_arr(&j);
	findings = rj_arr(&j);
	for (i = 0; i < nh; i++) {
		json_t *list = json_object_get(byhost, items[i].host);

		if (strcmp(merge_json_str(items[i].v, "status", NULL) ?
		    merge_json_str(items[i].v, "status", NULL) : "",
		    "scanned") != 0)
			nfailed++;
		json_array_append(hosts, items[i].v);
		json_array_foreach(list, k, f)
			json_array_append(findings, f);
	}
	rj_set(&j, root, "waivers", merge_waivers(&j, docs, n,
	    matched_lines));
	/* the run's findings (waivers): once each, sorted as one run sorts */
	{
		size_t nr = json_array_size(run);
		json_t **rv = calloc(nr + 1, sizeof(*rv));

		for (k = 0; rv != NULL && k < nr; k++)
			rv[k] = json_array_get(run, k);
		if (rv != NULL && nr > 1)
			qsort(rv, nr, sizeof(*rv), cmp_run_finding);
		for (k = 0; rv != NULL && k < nr; k++) {
			if (k > 0 && cmp_run_finding(&rv[k - 1], &rv[k]) == 0)
				continue;
			if (stale_elsewhere(rv[k], matched_lines))
				continue;
			json_array_append(findings, rv[k]);
		}
		if (rv == NULL)
			j.failed = 1;
		free(rv);
	}
	json_decref(byhost);
	json_decref(run);
	rj_set(&j, root, "hosts", hosts);
	summary = json_deep_copy(json_object_get(docs[0], "summary"));
	rj_set(&j, summary, "hosts", rj_int(&j, (long long)nh));
	rj_set(&j, summary, "hosts_not_scanned", rj_int(&j,
	    (long long)nfailed));
	rj_set(&j, summary, "counts", count_findings(&j, findings,
	    merge_json_str(summary, "fail_on", NULL), &failing));
	rj_set(&j, summary, "failing", rj_int(&j, (long long)failing));
	rj_set(&j, root, "summary", summary);
	rj_set(&j, root, "findings", findings);
	if (generated != NULL)
		rj_set_str(&j, root, "generated", generated);
	if ((trust = merge_trust(&j, docs, n)) != NULL)
		rj_set(&j, root, "trust", trust);
	r = j.failed ? SL_ERR_ALLOC : rj_dump(out, root, "merged json report",
	    d);
	if (j.failed)
		diag_error(d, NULL, 0, "merge: out of memory");
 out:
	json_decref(root);
	json_decref(matched_lines);
	for (i = 0; docs != NULL && i < n; i++)
		json_decref(docs[i]);
	free(docs);
	free(items);
	return r;
}
