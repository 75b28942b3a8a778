/*
 * merge_sarif.c — `synolint merge` for SARIF 2.1.0 (docs/sarif.md): one run
 * whose rules are the shards' (which must be the same rule set), results and
 * notifications of every host in name order, the run's own results once, and
 * executionSuccessful only when every shard's was.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "merge.h"
#include "report_priv.h"

static json_t *
only_run(const struct merge_input *in, json_t *doc, struct diag *d)
{
	json_t *runs = json_object_get(doc, "runs");
	const char *ver = merge_json_str(doc, "version", NULL);
	const char *tool;

	if (ver == NULL || strcmp(ver, "2.1.0") != 0 || !json_is_array(runs)) {
		diag_error(d, in->name, 1, "not a SARIF 2.1.0 log");
		return NULL;
	}
	if (json_array_size(runs) != 1) {
		diag_error(d, in->name, 1, "%zu runs: synolint writes and "
		    "merges SARIF logs of one run", json_array_size(runs));
		return NULL;
	}
	tool = merge_json_str(json_array_get(runs, 0), "tool", "driver",
	    "name", NULL);
	if (tool == NULL || strcmp(tool, "synolint") != 0) {
		diag_error(d, in->name, 1, "a SARIF log of %s, not of synolint",
		    tool != NULL ? tool : "an unnamed tool");
		return NULL;
	}
	return json_array_get(runs, 0);
}

static json_t *
rules_of(json_t *run)
{
	return json_object_get(json_object_get(json_object_get(run, "tool"),
	    "driver"), "rules");
}

static json_t *
rule_by_id(json_t *rules, const char *id)
{
	size_t i;
	json_t *r;

	json_array_foreach(rules, i, r) {
		const char *x = merge_json_str(r, "id", NULL);

		if (x != NULL && strcmp(x, id) == 0)
			return r;
	}
	return NULL;
}

/* A rule both runs have is the same in both; each has the other's rule set
   apart from the rules of the run's own findings (WAIVER-*). */
static int
check_rules(const struct merge_input *in, json_t *run,
    const struct merge_input *in0, json_t *run0, struct diag *d)
{
	json_t *pair[2] = { rules_of(run), rules_of(run0) }, *r, *o;
	size_t i, k;

	for (k = 0; k < 2; k++)
		json_array_foreach(pair[k], i, r) {
			const char *id = merge_json_str(r, "id", NULL);

			o = id != NULL ? rule_by_id(pair[1 - k], id) : NULL;
			if (o == NULL && id != NULL &&
			    strncmp(id, "WAIVER-", 7) == 0)
				continue;
			if (o == NULL || !json_equal(o, r)) {
				diag_error(d, in->name, 1, "its rule set differs "
				    "from %s's at %s (other --rules, --profile or "
				    "rule files): merge the shards of one scan",
				    in0->name, id != NULL ? id : "a rule");
				return SL_ERR_USAGE;
			}
		}
	return SL_OK;
}

static int
check_run(const struct merge_input *in, json_t *run,
    const struct merge_input *in0, json_t *run0, struct diag *d)
{
	const char *v = merge_json_str(run, "tool", "driver", "version", NULL);
	const char *v0 = merge_json_str(run0, "tool", "driver", "version",
	    NULL);

	if (v == NULL || v0 == NULL || strcmp(v, v0) != 0) {
		diag_error(d, in->name, 1, "written by synolint %s, %s by "
		    "synolint %s: merge the reports of one synolint version",
		    v ? v : "(unknown)", in0->name, v0 ? v0 : "(unknown)");
		return SL_ERR_USAGE;
	}
	if (check_rules(in, run, in0, run0, d) != SL_OK)
		return SL_ERR_USAGE;
	return SL_OK;
}

/* Appends the items of arr (results or notifications) to v. */
static void
collect(json_t *arr, struct merge_item *v, size_t *n)
{
	size_t i;
	json_t *x;

	json_array_foreach(arr, i, x) {
		v[*n].v = x;
		v[*n].host = merge_json_str(x, "properties", "host", NULL);
		v[*n].seq = *n;
		(*n)++;
	}
}

/* Sorted items into a new array; the run's (host NULL) ones once each. */
static json_t *
sorted_array(struct rj *j, struct merge_item *v, size_t n)
{
	json_t *out = rj_arr(j);
	size_t i, k;

	merge_sort_items(v, n);
	for (i = 0; i < n; i++) {
		int dup = 0;

		for (k = i; v[i].host == NULL && k-- > 0 && v[k].host == NULL;)
			if (json_equal(json_object_get(v[k].v,
			    "partialFingerprints"), json_object_get(v[i].v,
			    "partialFingerprints")) &&
			    json_equal(json_object_get(v[k].v, "ruleId"),
			    json_object_get(v[i].v, "ruleId")))
				dup = 1;
		if (!dup)
			rj_append(j, out, json_incref(v[i].v));
	}
	return out;
}

/* A result at the waiver file:line uri:line was waived by it. */
static int
suppressed_at(json_t *results, const char *uri, json_int_t line)
{
	json_t *r, *sup, *loc;
	size_t i, k;

	json_array_foreach(results, i, r)
		json_array_foreach(json_object_get(r, "suppressions"), k, sup) {
			loc = json_object_get(json_object_get(sup, "location"),
			    "physicalLocation");
			if (merge_json_str(loc, "artifactLocation", "uri",
			    NULL) != NULL && strcmp(merge_json_str(loc,
			    "artifactLocation", "uri", NULL), uri) == 0 &&
			    json_integer_value(json_object_get(json_object_get(
			    loc, "region"), "startLine")) == line)
				return 1;
		}
	return 0;
}

/*
 * The results without the stale-waiver results (WAIVER-002) of a waiver
 * that waived a finding in another shard: a stale waiver is stale only when
 * it matched nothing in the whole fleet.
 */
static json_t *
drop_stale(struct rj *j, json_t *results)
{
	json_t *out = rj_arr(j), *r, *loc;
	const char *id, *uri;
	size_t i;

	json_array_foreach(results, i, r) {
		id = merge_json_str(r, "ruleId", NULL);
		loc = json_object_get(json_array_get(json_object_get(r,
		    "locations"), 0), "physicalLocation");
		uri = merge_json_str(loc, "artifactLocation", "uri", NULL);
		if (id != NULL && strcmp(id, "WAIVER-002") == 0 && uri != NULL &&
		    suppressed_at(results, uri, json_integer_value(
		    json_object_get(json_object_get(loc, "region"),
		    "startLine"))))
			continue;
		rj_append(j, out, json_incref(r));
	}
	json_decref(results);
	return out;
}

static int
referenced(json_t *results, json_t *notes, const char *id)
{
	json_t *x;
	const char *y;
	size_t i;

	json_array_foreach(results, i, x)
		if ((y = merge_json_str(x, "ruleId", NULL)) != NULL &&
		    strcmp(y, id) == 0)
			return 1;
	json_array_foreach(notes, i, x)
		if ((y = merge_json_str(x, "associatedRule", "id", NULL)) !=
		    NULL && strcmp(y, id) == 0)
			return 1;
	return 0;
}

static int
cmp_rule_id(const void *a, const void *b)
{
	const char *x = merge_json_str(*(json_t *const *)a, "id", NULL);
	const char *y = merge_json_str(*(json_t *const *)b, "id", NULL);

	return strcmp(x != NULL ? x : "", y != NULL ? y : "");
}

static void
set_index(json_t *obj, const char *key, json_t *rules, const char *id)
{
	size_t i;
	json_t *r;

	if (id == NULL)
		return;
	json_array_foreach(rules, i, r)
		if (strcmp(merge_json_str(r, "id", NULL), id) == 0) {
			json_object_set_new(obj, key, json_integer(
			    (json_int_t)i));
			return;
		}
}

/*
 * The run's rules as one run over the fleet lists them: the rule set every
 * shard has, and the rules of the run's findings still reported, sorted by
 * id; then every ruleIndex and associatedRule.index points into it.
 */
static json_t *
merged_rules(json_t **runs, size_t n, json_t *results, json_t *notes)
{
	json_t **v = NULL, *out, *r, *x;
	size_t i, k, m, nv = 0, cap = 0;

	for (i = 0; i < n; i++)
		cap += json_array_size(rules_of(runs[i]));
	if ((v = calloc(cap + 1, sizeof(*v))) == NULL ||
	    (out = json_array()) == NULL) {
		free(v);
		return NULL;
	}
	for (i = 0; i < n; i++)
		json_array_foreach(rules_of(runs[i]), k, r) {
			const char *id = merge_json_str(r, "id", NULL);
			int everywhere = 1, seen = 0;

			for (m = 0; m < nv && id != NULL && !seen; m++)
				seen = strcmp(merge_json_str(v[m], "id", NULL),
				    id) == 0;
			if (id == NULL || seen)
				continue;
			for (m = 0; m < n; m++)
				if (rule_by_id(rules_of(runs[m]), id) == NULL)
					everywhere = 0;
			if (everywhere || referenced(results, notes, id))
				v[nv++] = r;
		}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_rule_id);
	for (i = 0; i < nv; i++)
		json_array_append(out, v[i]);
	free(v);
	json_array_foreach(results, i, x)
		set_index(x, "ruleIndex", out, merge_json_str(x, "ruleId",
		    NULL));
	json_array_foreach(notes, i, x)
		set_index(json_object_get(x, "associatedRule"), "index", out,
		    merge_json_str(x, "associatedRule", "id", NULL));
	return out;
}

/* Each host in one input only (hosts seen through results and notes). */
static int
check_disjoint(const struct merge_input *in, json_t **runs, size_t n,
    struct diag *d)
{
	json_t *owner = json_object(), *x;
	const char *keys[] = { "results", NULL };
	size_t i, k, m;
	int r = SL_OK;

	for (i = 0; i < n && r == SL_OK; i++)
		for (m = 0; keys[m] != NULL && r == SL_OK; m++)
			json_array_foreach(json_object_get(runs[i], keys[m]),
			    k, x) {
				const char *h = merge_json_str(x, "properties",
				    "host", NULL);
				json_t *o;

				if (h == NULL)
					continue;
				o = json_object_get(owner, h);
				if (o == NULL)
					json_object_set_new(owner, h,
					    json_integer((json_int_t)i));
				else if (json_integer_value(o) !=
				    (json_int_t)i) {
					diag_error(d, NULL, 0, "host %s is in "
					    "%s and %s: were the shards from "
					    "different --shard N or target "
					    "lists?", h, in[json_integer_value(
					    o)].name, in[i].name);
					r = SL_ERR_USAGE;
					break;
				}
			}
	json_decref(owner);
	return r;
}

int
merge_sarif(const struct merge_input *in, size_t n, struct sbuf *out,
    struct diag *d)
{
	struct rj j = { 0 };
	json_t **docs = calloc(n, sizeof(*docs)), **runs = calloc(n,
	    sizeof(*runs));
	json_t *root = NULL, *run, *inv, *notes, *results;
	struct merge_item *ri = NULL, *ni = NULL;
	size_t i, nr = 0, nn = 0, cr = 0, cn = 0;
	int r = SL_ERR_PARSE, ok = 1;

	if (docs == NULL || runs == NULL) {
		r = SL_ERR_ALLOC;
		goto out;
	}
	for (i = 0; i < n; i++) {
		json_t *iv;

		if ((docs[i] = merge_load_json(&in[i], d)) == NULL ||
		    (runs[i] = only_run(&in[i], docs[i], d)) == NULL)
			goto out;
		if ((r = check_run(&in[i], runs[i], &in[0], runs[0], d)) !=
		    SL_OK)
			goto out;
		r = SL_ERR_PARSE;
		cr += json_array_size(json_object_get(runs[i], "results"));
		iv = json_array_get(json_object_get(runs[i], "invocations"), 0);
		cn += json_array_size(json_object_get(iv,
		    "toolExecutionNotifications"));
		if (!json_is_true(json_object_get(iv, "executionSuccessful")))
			ok = 0;
	}
	if ((r = check_disjoint(in, runs, n, d)) != SL_OK)
		goto out;
	r = SL_ERR_ALLOC;
	if ((ri = calloc(cr + 1, sizeof(*ri))) == NULL ||
	    (ni = calloc(cn + 1, sizeof(*ni))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		collect(json_object_get(runs[i], "results"), ri, &nr);
		collect(json_object_get(json_array_get(json_object_get(runs[i],
		    "invocations"), 0), "toolExecutionNotifications"), ni, &nn);
	}
	root = json_deep_copy(docs[0]);
	run = json_array_get(json_object_get(root, "runs"), 0);
	results = drop_stale(&j, sorted_array(&j, ri, nr));
	notes = sorted_array(&j, ni, nn);
	rj_set(&j, json_object_get(json_object_get(run, "tool"), "driver"),
	    "rules", merged_rules(runs, n, results, notes));
	inv = json_array_get(json_object_get(run, "invocations"), 0);
	if (inv == NULL) {
		diag_error(d, in[0].name, 1, "a SARIF run without invocations");
		json_decref(results);
		json_decref(notes);
		r = SL_ERR_PARSE;
		goto out;
	}
	rj_set(&j, inv, "executionSuccessful", json_boolean(ok));
	if (json_array_size(notes) > 0)
		rj_set(&j, inv, "toolExecutionNotifications", notes);
	else {
		json_object_del(inv, "toolExecutionNotifications");
		json_decref(notes);
	}
	rj_set(&j, run, "results", results);
	if (j.failed) {
		diag_error(d, NULL, 0, "merge: out of memory");
		goto out;
	}
	r = rj_dump(out, root, "merged sarif report", d);
 out:
	json_decref(root);
	for (i = 0; docs != NULL && i < n; i++)
		json_decref(docs[i]);
	free(docs);
	free(runs);
	free(ri);
	free(ni);
	return r;
}
