/*
 * report_sarif.c — SARIF 2.1.0 (OASIS) with jansson, for GitHub code
 * scanning and other SARIF consumers. One run; tool.driver.rules[] carries
 * every rule's metadata; one result per FAIL, WAIVED (with a suppression)
 * and could-not-check (kind "open") finding; hosts that could not be
 * scanned are tool execution notifications. Mapping and its reasons:
 * docs/sarif.md. GitHub code scanning's ingestion rules are followed as
 * documented (docs.github.com/en/code-security/code-scanning/
 * integrating-with-code-scanning/sarif-support-for-code-scanning): only
 * relative artifact URIs or file:// ones (another scheme gets the upload
 * rejected), a region.startLine on every location, primaryLocationLineHash
 * (the only fingerprint GitHub reads), and its limits on results, tags and
 * description lengths; tests/sarif_github_check.py checks each of them.
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
#define SARIF_GH_FP_KEY	"primaryLocationLineHash"
/* The base of every host artifact: HOST/PATH, see host_uri(). */
#define SARIF_HOSTS_BASE	"SYNOLINT_HOSTS"
/* GitHub's convention for the repository (checkout) root. */
#define SARIF_SRCROOT		"%SRCROOT%"
/* GitHub's hard limits (sarif-support-for-code-scanning, "Validating"). */
#define GH_MAX_RESULTS		25000
#define GH_MAX_TAGS		20
#define GH_MAX_DESCRIPTION	1024

struct sarif {
	struct rj		 j;
	const struct rule	**rules;
	size_t			  nrules;
	json_t			 *notes;	/* toolExecutionNotifications */
	size_t			  quota[SEV_CRITICAL + 2];	/* by rank() */
	size_t			  omitted;	/* over the results limit */
};

/* A result's priority when there are too many: could-not-check lowest. */
static int
rank(const struct finding *f)
{
	return f->verdict == VERDICT_ERROR ? 0 : (int)f->rule->severity + 1;
}

static int
is_result(const struct finding *f)
{
	return f->verdict == VERDICT_FAIL || f->verdict == VERDICT_WAIVED ||
	    f->verdict == VERDICT_ERROR;
}

static void
count_results(const struct findings *fs, size_t n[SEV_CRITICAL + 2])
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (is_result(&fs->v[i]))
			n[rank(&fs->v[i])]++;
}

/*
 * At most max results in the run, the most severe first (GitHub rejects a
 * run over 25,000 results and shows the 5,000 most severe).
 */
static void
set_quota(struct sarif *s, const struct scan_result *sr, size_t max)
{
	size_t n[SEV_CRITICAL + 2], i;
	int k;

	memset(n, 0, sizeof(n));
	for (i = 0; i < sr->nhosts; i++)
		count_results(&sr->hosts[i].findings, n);
	count_results(&sr->run_findings, n);
	for (k = SEV_CRITICAL + 1; k >= 0; k--) {
		s->quota[k] = n[k] < max ? n[k] : max;
		max -= s->quota[k];
	}
}

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

/*
 * { "text": s } cut to at most max bytes (GitHub's limit on descriptions),
 * at a UTF-8 character boundary, "..." marking the cut.
 */
static json_t *
message_max(struct rj *j, const char *s, size_t max)
{
	json_t *m;
	char *t;
	size_t n;

	if (s == NULL || strlen(s) <= max)
		return message(j, s);
	n = max - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;			/* not inside a character */
	t = xprintf("%.*s...", (int)n, s);
	m = message(j, t);
	free(t);
	return m;
}

/* Markdown's punctuation escaped, for rule text in help.markdown. */
static void
md_escape(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\`*_{}[]<>()#+-.!|~", *s) != NULL)
			(void)sbuf_putc(b, '\\');
		(void)sbuf_putc(b, *s);
	}
}

/* help.text and help.markdown: the fix, DSM's fix, the references. */
static json_t *
rule_help(struct rj *j, const struct rule *r)
{
	json_t *h;
	struct sbuf text, md;
	size_t i;

	sbuf_init(&text, 0);
	sbuf_init(&md, 0);
	if (r->fix.text != NULL) {
		(void)sbuf_putf(&text, "Fix: %s\n", r->fix.text);
		(void)sbuf_puts(&md, "**Fix:** ");
		md_escape(&md, r->fix.text);
		(void)sbuf_puts(&md, "\n\n");
	}
	if (r->dsm_fix.text != NULL) {
		(void)sbuf_putf(&text, "On DSM: %s\n", r->dsm_fix.text);
		(void)sbuf_puts(&md, "**On DSM:** ");
		md_escape(&md, r->dsm_fix.text);
		(void)sbuf_puts(&md, "\n\n");
	}
	if (r->refs.n > 0) {
		(void)sbuf_puts(&text, "References:");
		(void)sbuf_puts(&md, "**References:**\n\n");
		for (i = 0; i < r->refs.n; i++) {
			(void)sbuf_putf(&text, " %s", r->refs.v[i]);
			(void)sbuf_puts(&md, "* ");
			md_escape(&md, r->refs.v[i]);
			(void)sbuf_puts(&md, "\n");
		}
		(void)sbuf_puts(&text, "\n");
		(void)sbuf_puts(&md, "\n");
	}
	(void)sbuf_putf(&text, "Details: synolint rules %s", r->id);
	(void)sbuf_puts(&md, "Details: `synolint rules ");
	(void)sbuf_puts(&md, r->id);	/* rule ids are [A-Z0-9-] */
	(void)sbuf_puts(&md, "`");
	h = message(j, text.data);
	rj_set(j, h, "markdown", rj_str(j, md.data));
	sbuf_cleanup(&text);
	sbuf_cleanup(&md);
	return h;
}

static json_t *
rule_json(struct sarif *s, const struct rule *r)
{
	struct rj *j = &s->j;
	json_t *o = rj_obj(j), *cfg, *props, *tags;
	size_t i;

	rj_set_str(j, o, "id", r->id);
	rj_set(j, o, "shortDescription", message_max(j, r->title != NULL ?
	    r->title : r->id, GH_MAX_DESCRIPTION));
	rj_set(j, o, "fullDescription", message_max(j, r->rationale != NULL ?
	    r->rationale : r->title, GH_MAX_DESCRIPTION));
	rj_set(j, o, "help", rule_help(j, r));
	cfg = rj_obj(j);
	rj_set_str(j, cfg, "level", sev_level(r->severity));
	rj_set(j, o, "defaultConfiguration", cfg);

	props = rj_obj(j);
	tags = rj_arr(j);
	rj_append(j, tags, rj_str(j, "security"));
	rj_append(j, tags, rj_str(j, report_severity(r->severity)));
	for (i = 0; i < r->refs.n && i + 2 < GH_MAX_TAGS; i++)
		rj_append(j, tags, rj_str(j, r->refs.v[i]));
	rj_set(j, props, "tags", tags);
	rj_set_str(j, props, "severity", report_severity(r->severity));
	/* with the "security" tag: a security result (GitHub) */
	rj_set_str(j, props, "security-severity", sev_score(r->severity));
	if (sev_score(r->severity) == NULL)
		rj_set_str(j, props, "problem.severity", "recommendation");
	/* deterministic checks of configuration, not heuristics */
	rj_set_str(j, props, "precision", "high");
	rj_set_str(j, props, "scope", scope_name(r->scope));
	rj_set(j, o, "properties", props);
	return o;
}

/*
 * HOST/PATH, relative to SARIF_HOSTS_BASE: the host label (a name, or the
 * --root/--bundle path) percent-encoded as one segment, then the path on
 * that host. Relative because GitHub rejects an upload whose absolute URIs
 * do not share the checkout's file: scheme, and resolves relative ones
 * against the repository root whatever their uriBaseId.
 */
static char *
host_uri(const char *host, const char *path)
{
	struct sbuf b;

	sbuf_init(&b, 0);
	if (strcmp(host, ".") == 0 || strcmp(host, "..") == 0)
		(void)sbuf_puts(&b, host[1] == '.' ? "%2E%2E" : "%2E");
	else
		(void)report_uri_escape(&b, host, 0);
	(void)sbuf_putc(&b, '/');
	if (path != NULL) {
		while (*path == '/')
			path++;
		(void)report_uri_escape(&b, path, 1);
	}
	return sbuf_steal(&b, NULL);
}

/*
 * A local file (the waivers file): relative as given (to %SRCROOT%, the
 * checkout in CI), or file:///abs, the one absolute scheme GitHub takes.
 */
static char *
file_uri(const char *path, const char **basep)
{
	struct sbuf b;

	sbuf_init(&b, 0);
	*basep = NULL;
	if (*path == '/')
		(void)sbuf_puts(&b, "file://");
	else {
		*basep = SARIF_SRCROOT;
		while (path[0] == '.' && path[1] == '/')
			path += 2;	/* GitHub mishandles "./x" */
	}
	(void)report_uri_escape(&b, path, 1);
	return sbuf_steal(&b, NULL);
}

/*
 * GitHub requires region.startLine: the line at fault, else 1 (the finding
 * is about the whole file or host, as upload-sarif itself assumes).
 */
static json_t *
physical_location(struct rj *j, const char *uri, const char *base,
    unsigned int line)
{
	json_t *loc = rj_obj(j), *phys = rj_obj(j), *art = rj_obj(j), *reg;

	rj_set_str(j, art, "uri", uri);
	rj_set_str(j, art, "uriBaseId", base);
	rj_set(j, phys, "artifactLocation", art);
	reg = rj_obj(j);
	rj_set(j, reg, "startLine", rj_int(j, line > 0 ? line : 1));
	rj_set(j, phys, "region", reg);
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
	const char *path = NULL, *base = SARIF_HOSTS_BASE;
	json_t *loc, *logs, *lg;
	char *uri, *fqn;

	if (f->loc_file != NULL)
		path = f->loc_file;
	else if (strncmp(f->object, "file:", 5) == 0)
		path = f->object + 5;
	if (host != NULL)
		uri = host_uri(host, path);
	else
		uri = file_uri(path != NULL ? path : "-", &base);
	loc = physical_location(j, uri, base, f->loc_file != NULL ?
	    f->loc_line : 0);
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
	const char *base;
	char *just, *uri;

	rj_set_str(j, sup, "kind", "external");
	rj_set_str(j, sup, "status", "accepted");
	just = xprintf("%s (waived until %s)", w->justification, w->expires);
	rj_set_str(j, sup, "justification", just);
	free(just);
	uri = file_uri(w->file, &base);
	rj_set(j, sup, "location", physical_location(j, uri, base, w->line));
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
		/*
		 * GitHub reads only primaryLocationLineHash ("HEX:N", as
		 * upload-sarif computes it from a file's line); ours hashes
		 * identity, not text, and upload-sarif keeps a value it finds.
		 */
		text = xprintf("%.16s:%zu", hex, occurrence + 1);
		rj_set_str(j, fps, SARIF_GH_FP_KEY, text);
		free(text);
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
		if (!is_result(f))
			continue;
		if (prev != NULL && strcmp(prev->rule->id, f->rule->id) == 0 &&
		    strcmp(prev->object, f->object) == 0)
			occ++;
		else
			occ = 0;
		prev = f;
		if (s->quota[rank(f)] == 0) {
			s->omitted++;
			continue;
		}
		s->quota[rank(f)]--;
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

/*
 * SARIF_HOSTS_BASE is no directory anywhere, so it has no uri, only a
 * description (and a non-file absolute URI would get the upload rejected).
 */
static json_t *
base_ids(struct rj *j)
{
	json_t *ids = rj_obj(j), *hosts = rj_obj(j);

	rj_set(j, hosts, "description", message(j, "The audited hosts: in "
	    "HOST/PATH the first segment is synolint's host label "
	    "(percent-encoded: a host name, or the --root or --bundle path), "
	    "the rest the absolute path on that host."));
	rj_set(j, ids, SARIF_HOSTS_BASE, hosts);
	return ids;
}

int
report_sarif(struct sbuf *out, const struct scan_result *sr,
    const struct report_opts *opts, struct diag *d)
{
	return report_sarif_max(out, sr, opts, GH_MAX_RESULTS, d);
}

int
report_sarif_max(struct sbuf *out, const struct scan_result *sr,
    const struct report_opts *opts, size_t max_results, struct diag *d)
{
	struct sarif s;
	json_t *root, *runs, *run, *tool, *driver, *rules, *results, *inv, *invs;
	size_t i;
	char *text;
	int r, ok = 1;

	(void)opts;
	memset(&s, 0, sizeof(s));
	report_rules(sr, &s.rules, &s.nrules);
	set_quota(&s, sr, max_results);
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
	if (s.omitted > 0) {
		text = xprintf("%zu results left out: GitHub code scanning "
		    "takes at most %zu per run, so the least severe were "
		    "dropped (the JSON report has every finding)", s.omitted,
		    max_results);
		notify(&s, "warning", text, NULL, NULL);
		free(text);
	}

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
	rj_set(&s.j, run, "originalUriBaseIds", base_ids(&s.j));
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
