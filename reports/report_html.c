/*
 * report_html.c — one self-contained HTML file for a reviewer to open and
 * print: a summary table per host, then each host's findings by severity
 * with evidence and fix, what could not be checked, what is waived and why,
 * and the run's own findings (expired and stale waivers), and the fleet's
 * key trust map (an inline SVG from Graphviz when it is installed, and a
 * table). Inline CSS, no script, no external resource. The markup is also well-formed XML, so
 * tests can read the numbers back; every count cell carries class n-KIND
 * and data-count so a browser's DOM can be compared with the JSON report.
 * Every string passes through utf8_repair_xml() and is HTML-escaped.
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
#include "utf8.h"
#include "waivers.h"
#include "xmalloc.h"

#define NSEV	(SEV_CRITICAL + 1)

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
    "margin:2em auto;max-width:70em;padding:0 1em;color:#1a1a1a;"
    "line-height:1.4}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}\n"
    "h2{border-bottom:2px solid #444;padding-bottom:.2em;margin-top:2em}\n"
    "h3{margin:1.2em 0 .4em}\n"
    ".meta{color:#555}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9em}\n"
    "th,td{border:1px solid #bbb;padding:.25em .4em;text-align:left;"
    "overflow-wrap:anywhere}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.total td{font-weight:bold;background:#f0f0f0}\n"
    ".finding{border-left:6px solid #999;margin:.8em 0;padding:.4em .8em;"
    "background:#fafafa;page-break-inside:avoid;break-inside:avoid}\n"
    ".finding h4{margin:0 0 .3em;font-size:1em}\n"
    ".sev{display:inline-block;min-width:5.5em;font-weight:bold;"
    "text-transform:uppercase;font-size:.8em}\n"
    ".sev-critical{border-color:#8b0000}.sev-critical .sev{color:#8b0000}\n"
    ".sev-high{border-color:#d0312d}.sev-high .sev{color:#d0312d}\n"
    ".sev-medium{border-color:#e69500}.sev-medium .sev{color:#a66b00}\n"
    ".sev-low{border-color:#2a7ab0}.sev-low .sev{color:#2a7ab0}\n"
    ".sev-info{border-color:#888}.sev-info .sev{color:#555}\n"
    ".breaks{color:#fff;background:#8b0000;padding:0 .4em;border-radius:3px;"
    "font-size:.8em;margin-left:.5em}\n"
    "dl{display:grid;grid-template-columns:7em 1fr;gap:.1em .8em;margin:0}\n"
    "dt{color:#555}dd{margin:0}\n"
    "pre{white-space:pre-wrap;word-break:break-all;margin:0;"
    "font-size:.9em}\n"
    ".error{color:#8b008b;font-weight:bold}\n"
    "ul.brief li{margin:.2em 0}\n"
    "code{font-size:.95em}\n"
    "figure.trustmap{margin:1em 0;overflow-x:auto}\n"
    "figure.trustmap svg{max-width:100%;height:auto}\n"
    "figcaption{color:#555;font-size:.85em}\n"
    "tr.weak td{color:#8b0000}\n"
    ".note{color:#555;font-style:italic}\n"
    "@media print{body{margin:0;max-width:none}"
    "h2{page-break-before:auto;page-break-after:avoid}"
    ".finding{background:none}a{color:inherit;text-decoration:none}}\n";

/* Text: repaired for XML, then &, <, >, " and ' escaped. */
static void
esc(struct rout *o, const char *s)
{
	const char *p;
	char *t;

	if (o->r != SL_OK || s == NULL)
		return;
	t = utf8_repair_xml(s, strlen(s), NULL);
	for (p = t; *p != '\0' && o->r == SL_OK; p++) {
		switch (*p) {
		case '&':
			o->r = sbuf_puts(o->b, "&amp;");
			break;
		case '<':
			o->r = sbuf_puts(o->b, "&lt;");
			break;
		case '>':
			o->r = sbuf_puts(o->b, "&gt;");
			break;
		case '"':
			o->r = sbuf_puts(o->b, "&quot;");
			break;
		case '\'':
			o->r = sbuf_puts(o->b, "&#39;");
			break;
		case '\r':
			o->r = sbuf_puts(o->b, "&#13;");
			break;
		default:
			o->r = sbuf_putc(o->b, *p);
		}
	}
	free(t);
}

static void
count_cell(struct rout *o, const char *kind, size_t n)
{
	rout_put(o, "<td class=\"n n-%s\" data-count=\"%zu\">%zu</td>", kind, n, n);
}

static void
summary_row(struct rout *o, const char *cls, const char *name,
    const char *status, const char *dsm, const char *openssh,
    const struct report_counts *c)
{
	int s;

	rout_put(o, "<tr class=\"%s\" data-host=\"", cls);
	esc(o, name);
	rout_put(o, "\"><td>");
	esc(o, name);
	rout_put(o, "</td><td>");
	esc(o, status);
	rout_put(o, "</td><td>");
	esc(o, dsm != NULL ? dsm : "");
	rout_put(o, "</td><td>");
	esc(o, openssh != NULL ? openssh : "");
	rout_put(o, "</td>");
	for (s = SEV_CRITICAL; s >= SEV_INFO; s--)
		count_cell(o, report_severity((enum severity)s), c->fail[s]);
	count_cell(o, "fail", c->verdict[VERDICT_FAIL]);
	count_cell(o, "waived", c->verdict[VERDICT_WAIVED]);
	count_cell(o, "error", c->verdict[VERDICT_ERROR]);
	count_cell(o, "pass", c->verdict[VERDICT_PASS]);
	count_cell(o, "not_applicable", c->verdict[VERDICT_NA]);
	rout_put(o, "</tr>\n");
}

static void
put_summary(struct rout *o, const struct scan_result *sr)
{
	struct report_counts total, c;
	size_t i, nfailed = 0;
	char *label;
	int s;

	memset(&total, 0, sizeof(total));
	rout_put(o, "<h2 id=\"summary\">Summary</h2>\n<table class=\"summary\">\n"
	    "<thead><tr><th>Host</th><th>Status</th><th>DSM</th>"
	    "<th>OpenSSH</th>");
	for (s = SEV_CRITICAL; s >= SEV_INFO; s--)
		rout_put(o, "<th>%s</th>", report_severity((enum severity)s));
	rout_put(o, "<th>failed</th><th>waived</th><th>could not check</th>"
	    "<th>passed</th><th>n/a</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < sr->nhosts; i++) {
		const struct host_result *h = &sr->hosts[i];

		memset(&c, 0, sizeof(c));
		report_count(&h->findings, &c);
		report_count(&h->findings, &total);
		if (h->status != SL_OK)
			nfailed++;
		summary_row(o, "host", h->name, h->status == SL_OK ?
		    "scanned" : "not scanned", h->dsm_version,
		    h->openssh_version, &c);
	}
	if (sr->run_findings.n > 0) {
		memset(&c, 0, sizeof(c));
		report_count(&sr->run_findings, &c);
		report_count(&sr->run_findings, &total);
		summary_row(o, "run", "(waivers)", "", NULL, NULL, &c);
	}
	label = xprintf("%zu host%s, %zu not scanned", sr->nhosts,
	    sr->nhosts == 1 ? "" : "s", nfailed);
	summary_row(o, "total", "total", label, NULL, NULL, &total);
	free(label);
	rout_put(o, "</tbody>\n</table>\n");
	rout_put(o, "<p class=\"gate\">Failing at or above <b>%s</b> "
	    "(<code>--fail-on</code>): <span class=\"n-failing\" "
	    "data-count=\"%zu\">%zu</span>.</p>\n",
	    report_severity(sr->fail_on),
	    scan_result_count_fail(sr, sr->fail_on),
	    scan_result_count_fail(sr, sr->fail_on));
}

static void
put_dd(struct rout *o, const char *label, const char *value, int pre)
{
	if (value == NULL || *value == '\0')
		return;
	rout_put(o, "<dt>%s</dt><dd>%s", label, pre ? "<pre>" : "");
	esc(o, value);
	rout_put(o, "%s</dd>\n", pre ? "</pre>" : "");
}

static void
put_finding(struct rout *o, const struct finding *f)
{
	const char *sev = report_severity(f->rule->severity);

	rout_put(o, "<div class=\"finding sev-%s\" data-rule=\"", sev);
	esc(o, f->rule->id);
	rout_put(o, "\">\n<h4><span class=\"sev\">%s</span> ", sev);
	esc(o, f->rule->id);
	rout_put(o, " ");
	esc(o, f->rule->title);
	if (f->breaks_login)
		rout_put(o, "<span class=\"breaks\">breaks key login today</span>");
	rout_put(o, "</h4>\n<dl>\n");
	put_dd(o, "Object", f->object, 0);
	put_dd(o, "Problem", f->message, 0);
	if (f->loc_file != NULL) {
		rout_put(o, "<dt>Where</dt><dd><code>");
		esc(o, f->loc_file);
		if (f->loc_line > 0)
			rout_put(o, ":%u", f->loc_line);
		rout_put(o, "</code></dd>\n");
	}
	put_dd(o, "Evidence", f->evidence, 1);
	put_dd(o, "Why", f->rule->rationale, 0);
	put_dd(o, "Fix", report_fix_text(f), 1);
	rout_put(o, "</dl>\n</div>\n");
}

static void
put_brief_list(struct rout *o, const struct finding_list *fl, enum verdict v,
    const char *title, const char *cls)
{
	size_t i;
	int header = 0;

	for (i = 0; i < fl->n; i++) {
		const struct finding *f = fl->v[i];

		if (f->verdict != v)
			continue;
		if (!header) {
			rout_put(o, "<h3>%s</h3>\n<ul class=\"brief %s\">\n", title,
			    cls);
			header = 1;
		}
		rout_put(o, "<li><b>");
		esc(o, f->rule->id);
		rout_put(o, "</b> ");
		esc(o, f->object);
		if (f->message != NULL && *f->message != '\0') {
			rout_put(o, ": ");
			esc(o, f->message);
		}
		if (f->waiver != NULL) {
			rout_put(o, "<br/>waived until %s (", f->waiver->expires);
			esc(o, f->waiver->file);
			rout_put(o, ":%u): <i>", f->waiver->line);
			esc(o, f->waiver->justification);
			rout_put(o, "</i>");
		}
		rout_put(o, "</li>\n");
	}
	if (header)
		rout_put(o, "</ul>\n");
}

/* FAIL findings grouped by severity, most severe first. */
static void
put_fails(struct rout *o, const struct finding_list *fl)
{
	size_t i, n;
	int s;

	for (s = SEV_CRITICAL; s >= SEV_INFO; s--) {
		for (i = n = 0; i < fl->n; i++)
			if (fl->v[i]->verdict == VERDICT_FAIL &&
			    (int)fl->v[i]->rule->severity == s)
				n++;
		if (n == 0)
			continue;
		rout_put(o, "<h3>%s (%zu)</h3>\n", report_severity((enum severity)s),
		    n);
		for (i = 0; i < fl->n; i++)
			if (fl->v[i]->verdict == VERDICT_FAIL &&
			    (int)fl->v[i]->rule->severity == s)
				put_finding(o, fl->v[i]);
	}
}

static void
put_host(struct rout *o, size_t idx, const struct host_result *h)
{
	struct finding_list fl = { NULL, 0 };

	rout_put(o, "<div class=\"host\" id=\"host-%zu\">\n<h2>", idx);
	esc(o, h->name);
	rout_put(o, "</h2>\n");
	if (h->dsm_version != NULL || h->openssh_version != NULL) {
		rout_put(o, "<p class=\"meta\">");
		if (h->dsm_version != NULL) {
			rout_put(o, "DSM ");
			esc(o, h->dsm_version);
		}
		if (h->dsm_version != NULL && h->openssh_version != NULL)
			rout_put(o, ", ");
		if (h->openssh_version != NULL) {
			rout_put(o, "OpenSSH ");
			esc(o, h->openssh_version);
		}
		rout_put(o, "</p>\n");
	}
	if (h->status != SL_OK) {
		rout_put(o, "<p class=\"error\">Could not be scanned: ");
		esc(o, h->error != NULL ? h->error : sl_strerror(h->status));
		rout_put(o, "</p>\n");
	}
	report_sorted(&h->findings, report_cmp_severity, &fl);
	put_fails(o, &fl);
	put_brief_list(o, &fl, VERDICT_ERROR, "Could not check", "error");
	put_brief_list(o, &fl, VERDICT_WAIVED, "Waived", "waived");
	free(fl.v);
	rout_put(o, "</div>\n");
}

static void
put_account(struct rout *o, const struct trust_map *m, size_t h,
    const char *user, int admin)
{
	esc(o, m->hosts[h]->name);
	rout_put(o, ":");
	esc(o, user);
	if (admin)
		rout_put(o, " <b>(admin)</b>");
}

static void
put_trust_table(struct rout *o, const struct trust_map *m)
{
	size_t e;

	rout_put(o, "<table class=\"trust\">\n<thead><tr><th>From</th>"
	    "<th>Private key</th><th>Logs in to</th><th>Key</th>"
	    "<th>Passphrase</th><th>Restriction</th></tr></thead>\n"
	    "<tbody>\n");
	for (e = 0; e < m->nedges; e++) {
		const struct trust_edge *te = &m->edges[e];
		const struct trust_priv *p = trust_edge_priv(m, te);
		const struct trust_auth *a = trust_edge_auth(m, te);
		int weak = trust_edge_weak(m, te);

		rout_put(o, "<tr class=\"edge%s\"><td>", weak ? " weak" : "");
		put_account(o, m, te->from_host, p->user, p->admin);
		rout_put(o, "</td><td><code>");
		esc(o, p->path);
		rout_put(o, "</code></td><td>");
		put_account(o, m, te->to_host, a->user, a->admin);
		rout_put(o, "</td><td>");
		esc(o, p->type);
		rout_put(o, " %u <code>", p->bits);
		esc(o, p->fp);
		rout_put(o, "</code></td><td>%s</td><td>%s%s%s</td></tr>\n",
		    trust_passphrase_str(p->encrypted), trust_restriction(a),
		    a->usable ? "" : "; unused: ",
		    a->usable ? "" : a->unusable_why);
	}
	rout_put(o, "</tbody>\n</table>\n");
}

/*
 * The fleet's key trust map: the numbers, the Graphviz drawing inline when
 * dot is there (a note saying why when not), and the same edges as a table
 * so the page still tells everything on paper or without Graphviz.
 */
static void
put_trust_map(struct rout *o, const struct scan_result *sr)
{
	const struct trust_map *m = sr->trust;
	const char *why = NULL;
	char *svg = NULL;
	size_t e, nweak = 0, nacc;

	if (m == NULL)
		return;
	for (e = 0; e < m->nedges; e++)
		if (trust_edge_weak(m, &m->edges[e]))
			nweak++;
	nacc = trust_map_accounts(m);
	rout_put(o, "<h2 id=\"trust\">Key trust map</h2>\n<p class=\"trust-counts\">"
	    "<span class=\"n-trust-accounts\" data-count=\"%zu\">%zu</span> "
	    "account%s, <span class=\"n-trust-logins\" data-count=\"%zu\">%zu"
	    "</span> key login%s from one account to another, "
	    "<span class=\"n-trust-weak\" data-count=\"%zu\">%zu</span> of "
	    "them with a passphrase-less key and no restriction.</p>\n",
	    nacc, nacc, nacc == 1 ? "" : "s", m->nedges, m->nedges,
	    m->nedges == 1 ? "" : "s", nweak, nweak);
	if (m->nedges == 0) {
		rout_put(o, "<p class=\"meta\">No private key found on one "
		    "account is authorized for another.</p>\n");
		return;
	}
	if (report_trust_svg(m, &svg, &why) == SL_OK)
		rout_put(o, "<figure class=\"trustmap\">%s<figcaption>Red: "
		    "passphrase-less and unrestricted; double border: "
		    "administrator; dashed: sshd would not accept the key "
		    "today.</figcaption></figure>\n", svg);
	else
		rout_put(o, "<p class=\"note\">No drawing: %s. The table "
		    "lists the same key logins.</p>\n", why);
	free(svg);
	put_trust_table(o, m);
}

int
report_html(struct sbuf *out, const struct scan_result *sr,
    const struct report_opts *opts, struct diag *d)
{
	struct rout o = { out, SL_OK };
	struct finding_list fl = { NULL, 0 };
	char stamp[32];
	time_t now;
	size_t i;
	int r, fixed;

	(void)opts;
	if ((r = runclock_now(&now, &fixed, d)) != SL_OK)
		return r;
	if (runclock_iso8601(now, stamp, sizeof(stamp)) != SL_OK) {
		diag_error(d, NULL, 0, "html report: cannot format the time");
		return SL_ERR_INTERNAL;
	}
	rout_put(&o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"generator\" content=\"synolint %s\"/>\n"
	    "<title>synolint report</title>\n<style>\n%s</style>\n"
	    "</head>\n<body>\n<h1>synolint report</h1>\n"
	    "<p class=\"meta\">synolint %s, %s</p>\n", SL_VERSION, css,
	    SL_VERSION, stamp);
	put_summary(&o, sr);
	put_trust_map(&o, sr);
	for (i = 0; i < sr->nhosts; i++)
		put_host(&o, i, &sr->hosts[i]);
	if (sr->run_findings.n > 0) {
		rout_put(&o, "<div class=\"host run\" id=\"waivers\">\n<h2>Waivers ");
		esc(&o, sr->waivers != NULL ? sr->waivers->file : "");
		rout_put(&o, "</h2>\n");
		report_sorted(&sr->run_findings, report_cmp_severity, &fl);
		put_fails(&o, &fl);
		free(fl.v);
		rout_put(&o, "</div>\n");
	}
	rout_put(&o, "</body>\n</html>\n");
	if (o.r != SL_OK)
		diag_error(d, NULL, 0, "html report: %s", sl_strerror(o.r));
	return o.r;
}
