/*
 * report_sarif.c — SARIF 2.1.0 (OASIS) with jansson, for GitHub code
 * scanning and other SARIF consumers. One run; tool.driver.rules[] carries
 * every rule's metadata; one result per FAIL, WAIVED (with a suppression)
 * and could-not-check (kind "open") finding; hosts that could not be
 * scanned are tool execution notifications. Mapping and its reasons:
 * docs/sarif.md.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "sbuf.h"
#include "xmalloc.h"

#define SARIF_SCHEMA	"https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_FP_KEY	"synolint/v1"

struct sarif {
	struct rj		 j;
	const struct rule	**rules;
	size_t			  nrules;
	json_t			 *notes;	/* toolExecutionNotifications */
};

/* critical/high: error; medium: warning; low/info: note. */
static const char *
sev_level(enum severity sev)
{
	switch (sev) {
	case SEV_CRITICAL:
	case SEV_HIGH:
		return "error";
	case SEV_MEDIUM:
		return "warning";
	case SEV_LOW:
	case SEV_INFO:
		break;
	}
	return "note";
}

/* GitHub's "security-severity" (CVSS-like score), NULL for info. */
static const char *
sev_score(enum severity sev)
{
	switch (sev) {
	case SEV_CRITICAL:
		return "9.5";
	case SEV_HIGH:
		return "8.0";
	case SEV_MEDIUM:
		return "5.5";
	case SEV_LOW:
		return "3.0";
	case SEV_INFO:
		break;
	}
	return NULL;
}

static long
rule_index(const struct sarif *s, const struct rule *r)
{
	size_t lo = 0, hi = s->nrules, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(r->id, s->rules[mid]->id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* { "text": s } */
static json_t *
message(struct rj *j, const char *s)
{
	json_t *m = rj_obj(j);

	rj_set(j, m, "text", rj_str(j, s != NULL && *s != '\0' ? s : "-"));
	return m;
}

static json_t *
rule_json(struct sarif *s, const struct rule *r)
{
	struct rj *j = &s->j;
	json_t *o = rj_obj(j), *cfg, *props, *tags;
	struct sbuf help;
	size_t i;

	sbuf_init(&help, 0);
	if (r->fix.text != NULL)
		(void)sbuf_putf(&help, "Fix: %s\n", r->fix.text);
	if (r->dsm_fix.text != NULL)
		(void)sbuf_putf(&help, "On DSM: %s\n", r->dsm_fix.text);
	if (r->refs.n > 0) {
		(void)sbuf_puts(&help, "References:");
		for (i = 0; i < r->refs.n; i++)
			(void)sbuf_putf(&help, " %s", r->refs.v[i]);
		(void)sbuf_puts(&help, "\n");
	}
	(void)sbuf_putf(&help, "Details: synolint rules %s", r->id);

	rj_set_str(j, o, "id", r->id);
	rj_set(j, o, "shortDescription", message(j, r->title != NULL ?
	    r->title : r->id));
	rj_set(j, o, "fullDescription", message(j, r->rationale != NULL ?
	    r->rationale : r->title));
	rj_set(j, o, "help", message(j, help.data));
	cfg = rj_obj(j);
	rj_set_str(j, cfg, "level", sev_level(r->severity));
	rj_set(j, o, "defaultConfiguration", cfg);

	props = rj_obj(j);
	tags = rj_arr(j);
	rj_append(j, tags, rj_str(j, "security"));
	rj_append(j, tags, rj_str(j, report_severity(r->severity)));
	for (i = 0; i < r->refs.n; i++)
		rj_append(j, tags, rj_str(j, r->refs.v[i]));
	rj_set(j, props, "tags", tags);
	rj_set_str(j, props, "severity", report_severity(r->severity));
	rj_set_str(j, props, "security-severity", sev_score(r->severity));
	rj_set_str(j, props, "scope", scope_name(r->scope));
	rj_set(j, o, "properties", props);
	sbuf_cleanup(&help);
	return o;
}

/*
 * synolint://HOST/PATH: the host label (a name, or the --root/--bundle
 * path) percent-encoded as one authority component, then the path.
 */
static char *
host_uri(const char *host, const char *path)
{
	struct sbuf b;

	sbuf_init(&b, 0);
	(void)sbuf_puts(&b, "synolint://");
	(void)report_uri_escape(&b, host, 0);
	if (path == NULL || *path != '/')
		(void)sbuf_putc(&b, '/');
	if (path != NULL)
		(void)report_uri_escape(&b, path, 1);
	return sbuf_steal(&b, NULL);
}

/* A local file (the waivers file): relative as given, or file:///abs. */
static char *
file_uri(const char *path)
{
	struct sbuf b;

	sbuf_init(&b, 0);
	if (*path == '/')
		(void)sbuf_puts(&b, "file://");
	(void)report_uri_escape(&b, path, 1);
	return sbuf_steal(&b, NULL);
}

static json_t *
physical_location(struct rj *j, const char *uri, unsigned int line)
{
	json_t *loc = rj_obj(j), *phys = rj_obj(j), *art = rj_obj(j), *reg;

	rj_set_str(j, art, "uri", uri);
	rj_set(j, phys, "artifactLocation", art);
	if (line > 0) {
		reg = rj_obj(j);
		rj_set(j, reg, "startLine", rj_int(j, line));
		rj_set(j, phys, "region", reg);
	}
	rj_set(j, loc, "physicalLocation", phys);
	return loc;
}

/*
 * Where a finding is: its config line when it has one, else the file the
 * object names ("file:/etc/ssh/sshd_config"), else the host itself; the
 * object is also given as a logical location.
 */
static json_t *
location(struct rj *j, const char *host, const struct finding *f)
{
	const char *path = NULL;
	json_t *loc, *logs, *lg;
	char *uri, *fqn;

	if (f->loc_file != NULL)
		path = f->loc_file;
	else if (strncmp(f->object, "file:", 5) == 0)
		path = f->object + 5;
	if (host != NULL)
		uri = host_uri(host, path);
	else
		uri = file_uri(path != NULL ? path : "-");
	loc = physical_location(j, uri, f->loc_file != NULL ? f->loc_line : 0);
	free(uri);

	logs = rj_arr(j);
	lg = rj_obj(j);
	rj_set_str(j, lg, "name", f->object);
	fqn = xprintf("%s/%s", host != NULL ? host : "run", f->object);
	rj_set_str(j, lg, "fullyQualifiedName", fqn);
	free(fqn);
	rj_set_str(j, lg, "kind", "resource");
	rj_append(j, logs, lg);
	rj_set(j, loc, "logicalLocations", logs);
	return loc;
}

/*
 * SHA-256 over (version, rule id, host, object, occurrence): no line, no
 * message, so a finding keeps its fingerprint when its file moves or its
 * wording changes; the occurrence number separates findings of one rule on
 * one object.
 */
static int
fingerprint(const char *rule, const char *host, const char *object,
    size_t occurrence, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	struct sbuf b;
	int ok;

	sbuf_init(&b, 0);
	(void)sbuf_put(&b, SARIF_FP_KEY, sizeof(SARIF_FP_KEY));
	(void)sbuf_put(&b, rule, strlen(rule) + 1);
	(void)sbuf_put(&b, host, strlen(host) + 1);
	(void)sbuf_put(&b, object, strlen(object) + 1);
	(void)sbuf_putf(&b, "%zu", occurrence);
	ok = EVP_Digest(b.data, b.len, md, &mdlen, EVP_sha256(), NULL);
	sbuf_cleanup(&b);
	if (ok != 1 || mdlen != 32)
		return SL_ERR_INTERNAL;
	for (i = 0; i < mdlen; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return SL_OK;
}

static json_t *
suppression(struct rj *j, const struct finding_waiver *w)
{
	json_t *sup = rj_obj(j);
	char *just, *uri;

	rj_set_str(j, sup, "kind", "external");
	rj_set_str(j, sup, "status", "accepted");
	just = xprintf("%s (waived until %s)", w->justification, w->expires);
	rj_set_str(j, sup, "justification", just);
	free(just);
	uri = file_uri(w->file);
	rj_set(j, sup, "location", physical_location(j, uri, w->line));
	free(uri);
	return sup;
}

static void
notify(struct sarif *s, const char *level, const char *text,
    const struct rule *rule, const char *host)
{
	struct rj *j = &s->j;
	json_t *n = rj_obj(j), *ref, *props;

	rj_set_str(j, n, "level", level);
	rj_set(j, n, "message", message(j, text));
	if (rule != NULL) {
		ref = rj_obj(j);
		rj_set_str(j, ref, "id", rule->id);
		if (rule_index(s, rule) >= 0)
			rj_set(j, ref, "index", rj_int(j, rule_index(s, rule)));
		rj_set(j, n, "associatedRule", ref);
	}
	if (host != NULL) {
		props = rj_obj(j);
		rj_set_str(j, props, "host", host);
		rj_set(j, n, "properties", props);
	}
	rj_append(j, s->notes, n);
}

static json_t *
result_json(struct sarif *s, const char *host, const struct finding *f,
    size_t occurrence)
{
	struct rj *j = &s->j;
	json_t *res = rj_obj(j), *locs, *fps, *props, *sups;
	const char *fix = report_fix_text(f);
	char hex[65], *text;
	long idx;

	rj_set_str(j, res, "ruleId", f->rule->id);
	if ((idx = rule_index(s, f->rule)) >= 0)
		rj_set(j, res, "ruleIndex", rj_int(j, idx));
	if (f->verdict == VERDICT_ERROR) {
		/* "open": the tool could not tell pass from fail (3.27.9) */
		rj_set_str(j, res, "kind", "open");
		rj_set_str(j, res, "level", "none");
	} else {
		rj_set_str(j, res, "kind", "fail");
		rj_set_str(j, res, "level", sev_level(f->rule->severity));
	}
	text = xprintf("%s%s%s: %s%s", host != NULL ? host : "",
	    host != NULL ? " " : "", f->object,
	    f->verdict == VERDICT_ERROR ? "could not check: " : "",
	    f->message != NULL && *f->message != '\0' ? f->message :
	    f->rule->title);
	rj_set(j, res, "message", message(j, text));
	free(text);

	locs = rj_arr(j);
	rj_append(j, locs, location(j, host, f));
	rj_set(j, res, "locations", locs);

	if (fingerprint(f->rule->id, host != NULL ? host : "", f->object,
	    occurrence, hex) != SL_OK)
		j->failed = 1;
	else {
		fps = rj_obj(j);
		rj_set_str(j, fps, SARIF_FP_KEY, hex);
		rj_set(j, res, "partialFingerprints", fps);
	}

	props = rj_obj(j);
	rj_set_str(j, props, "host", host);
	rj_set_str(j, props, "object", f->object);
	rj_set_str(j, props, "severity", report_severity(f->rule->severity));
	rj_set_str(j, props, "verdict", verdict_name(f->verdict));
	rj_set(j, props, "breaks_login", json_boolean(f->breaks_login));
	rj_set_str(j, props, "evidence", f->evidence);
	if (f->verdict != VERDICT_ERROR)
		rj_set_str(j, props, "fix", fix);
	rj_set(j, res, "properties", props);

	if (f->verdict == VERDICT_WAIVED && f->waiver != NULL) {
		sups = rj_arr(j);
		rj_append(j, sups, suppression(j, f->waiver));
		rj_set(j, res, "suppressions", sups);
	}
	return res;
}

/* Results of one host (or of the run when host is NULL), sorted. */
static void
add_results(struct sarif *s, json_t *results, const char *host,
    const struct findings *fs)
{
	struct finding_list fl = { NULL, 0 };
	const struct finding *f, *prev = NULL;
	size_t i, occ = 0;
	char *text;

	report_sorted(fs, report_cmp_id, &fl);
	for (i = 0; i < fl.n; i++) {
		f = fl.v[i];
		if (f->verdict != VERDICT_FAIL && f->verdict != VERDICT_WAIVED &&
		    f->verdict != VERDICT_ERROR)
			continue;
		if (prev != NULL && strcmp(prev->rule->id, f->rule->id) == 0 &&
		    strcmp(prev->object, f->object) == 0)
			occ++;
		else
			occ = 0;
		prev = f;
		rj_append(&s->j, results, result_json(s, host, f, occ));
		if (f->verdict == VERDICT_ERROR) {
			text = xprintf("%s %s %s: could not check: %s",
			    host != NULL ? host : "", f->rule->id, f->object,
			    f->message != NULL ? f->message : "-");
			notify(s, "warning", text, f->rule, host);
			free(text);
		}
	}
	free(fl.v);
}

int
report_sarif(struct sbuf *out, const struct scan_result *sr,
    const struct report_opts *opts, struct diag *d)
{
	struct sarif s;
	json_t *root, *runs, *run, *tool, *driver, *rules, *results, *inv, *invs;
	size_t i;
	char *text;
	int r, ok = 1;

	(void)opts;
	memset(&s, 0, sizeof(s));
	report_rules(sr, &s.rules, &s.nrules);
	root = rj_obj(&s.j);
	rj_set_str(&s.j, root, "$schema", SARIF_SCHEMA);
	rj_set_str(&s.j, root, "version", "2.1.0");

	driver = rj_obj(&s.j);
	rj_set_str(&s.j, driver, "name", "synolint");
	rj_set_str(&s.j, driver, "version", SL_VERSION);
	rj_set_str(&s.j, driver, "semanticVersion", SL_VERSION);
	rules = rj_arr(&s.j);
	for (i = 0; i < s.nrules; i++)
		rj_append(&s.j, rules, rule_json(&s, s.rules[i]));
	rj_set(&s.j, driver, "rules", rules);
	tool = rj_obj(&s.j);
	rj_set(&s.j, tool, "driver", driver);

	s.notes = rj_arr(&s.j);
	results = rj_arr(&s.j);
	for (i = 0; i < sr->nhosts; i++) {
		const struct host_result *h = &sr->hosts[i];

		if (h->status != SL_OK) {
			ok = 0;
			text = xprintf("%s: could not be scanned: %s", h->name,
			    h->error != NULL ? h->error :
			    sl_strerror(h->status));
			notify(&s, "error", text, NULL, h->name);
			free(text);
		}
		add_results(&s, results, h->name, &h->findings);
	}
	add_results(&s, results, NULL, &sr->run_findings);

	inv = rj_obj(&s.j);
	rj_set(&s.j, inv, "executionSuccessful", json_boolean(ok));
	if (s.notes != NULL && json_array_size(s.notes) > 0)
		rj_set(&s.j, inv, "toolExecutionNotifications", s.notes);
	else
		json_decref(s.notes);
	invs = rj_arr(&s.j);
	rj_append(&s.j, invs, inv);

	run = rj_obj(&s.j);
	rj_set(&s.j, run, "tool", tool);
	rj_set(&s.j, run, "invocations", invs);
	rj_set(&s.j, run, "results", results);
	rj_set_str(&s.j, run, "columnKind", "unicodeCodePoints");
	runs = rj_arr(&s.j);
	rj_append(&s.j, runs, run);
	rj_set(&s.j, root, "runs", runs);

	if (s.j.failed) {
		diag_error(d, NULL, 0, "sarif report: cannot build the JSON "
		    "document");
		r = SL_ERR_ALLOC;
	} else
		r = rj_dump(out, root, "sarif report", d);
	json_decref(root);
	free(s.rules);
	return r;
}
