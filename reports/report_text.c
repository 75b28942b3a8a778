/*
 * report_text.c — the report for people: one block per host, failures first
 * (most severe first), then what could not be checked, then (verbose) the
 * rest; a summary per host and one for the run. Everything a host sent is
 * passed through utf8_term() so no control sequence reaches the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "sbuf.h"
#include "utf8.h"
#include "waivers.h"
#include "xmalloc.h"

#define NSEV	(SEV_CRITICAL + 1)

/* ANSI SGR sequences, used only with opts->color. */
#define C_RESET		"\033[0m"
#define C_BOLD		"\033[1m"
#define C_BREAKS	"\033[1;31m"
#define C_ERROR		"\033[35m"
#define C_DIM		"\033[2m"

static const char *const sev_color[NSEV] = {
	[SEV_INFO] = "\033[2m",
	[SEV_LOW] = "\033[36m",
	[SEV_MEDIUM] = "\033[33m",
	[SEV_HIGH] = "\033[31m",
	[SEV_CRITICAL] = "\033[1;31m",
};

/* The output with a sticky error: after the first failure nothing is added. */
struct out {
	struct rout			 w;
	const struct report_opts	*opts;
};

/* A string from a host (or anything not ours): made safe for a terminal. */
static void
put_safe(struct out *o, const char *s)
{
	if (o->w.r != SL_OK || s == NULL)
		return;
	o->w.r = utf8_repair_buf(o->w.b, s, strlen(s), UTF8_TERM);
}

static void
color(struct out *o, const char *code)
{
	if (o->opts->color)
		rout_put(&o->w, "%s", code);
}

static void
put_severity(struct out *o, enum severity sev)
{
	color(o, sev_color[sev]);
	rout_put(&o->w, "%-8s", report_severity(sev));
	color(o, C_RESET);
}

/* "label: value" under a finding, on one line whatever value holds. */
static void
put_field(struct out *o, const char *label, const char *value)
{
	if (value == NULL)
		return;
	rout_put(&o->w, "           %-9s ", label);
	put_safe(o, value);
	rout_put(&o->w, "\n");
}

/*
 * Fix steps may span lines: each line is made safe on its own and indented
 * under the first, so no line can pass for a finding or a host header.
 */
static void
put_fix(struct out *o, const char *value)
{
	const char *nl;
	char *line;
	int first = 1;

	if (value == NULL)
		return;
	do {
		nl = strchr(value, '\n');
		line = nl != NULL ? xstrndup(value, (size_t)(nl - value)) :
		    xstrdup(value);
		rout_put(&o->w, "           %-9s ", first ? "fix:" : "");
		put_safe(o, line);
		rout_put(&o->w, "\n");
		free(line);
		first = 0;
		value = nl != NULL ? nl + 1 : NULL;
	} while (value != NULL && *value != '\0');
}

static void
put_location(struct out *o, const struct finding *f)
{
	if (f->loc_file == NULL)
		return;
	rout_put(&o->w, "           %-9s ", "where:");
	put_safe(o, f->loc_file);
	if (f->loc_line != 0)
		rout_put(&o->w, ":%u", f->loc_line);
	rout_put(&o->w, "\n");
}

static void
put_fail(struct out *o, const struct finding *f)
{
	rout_put(&o->w, "  ");
	put_severity(o, f->rule->severity);
	rout_put(&o->w, " ");
	color(o, C_BOLD);
	put_safe(o, f->rule->id);
	color(o, C_RESET);
	rout_put(&o->w, " ");
	put_safe(o, f->rule->title);
	if (f->breaks_login) {
		rout_put(&o->w, " ");
		color(o, C_BREAKS);
		rout_put(&o->w, "[breaks key login today]");
		color(o, C_RESET);
	}
	rout_put(&o->w, "\n");
	put_field(o, "object:", f->object);
	put_field(o, "problem:", f->message);
	put_location(o, f);
	if (o->opts->verbose)
		put_field(o, "evidence:", f->evidence);
	put_fix(o, report_fix_text(f));
}

/* One line: "RULE-ID object: message". */
static void
put_brief(struct out *o, const struct finding *f)
{
	rout_put(&o->w, "    ");
	put_safe(o, f->rule->id);
	rout_put(&o->w, " ");
	put_safe(o, f->object);
	if (f->message != NULL && *f->message != '\0') {
		rout_put(&o->w, ": ");
		put_safe(o, f->message);
	}
	rout_put(&o->w, "\n");
	if (f->verdict == VERDICT_WAIVED && f->waiver != NULL) {
		rout_put(&o->w, "      until %s (", f->waiver->expires);
		put_safe(o, f->waiver->file);
		rout_put(&o->w, ":%u): ", f->waiver->line);
		put_safe(o, f->waiver->justification);
		rout_put(&o->w, "\n");
	}
}

static void
put_section(struct out *o, const struct finding_list *fl, enum verdict v,
    const char *title, const char *code)
{
	size_t i;
	int header = 0;

	for (i = 0; i < fl->n; i++) {
		if (fl->v[i]->verdict != v)
			continue;
		if (!header) {
			rout_put(&o->w, "  ");
			color(o, code);
			rout_put(&o->w, "%s:", title);
			color(o, C_RESET);
			rout_put(&o->w, "\n");
			header = 1;
		}
		put_brief(o, fl->v[i]);
	}
}

struct counts {
	size_t	fail[NSEV];
	size_t	nfail;
	size_t	verdicts[VERDICT_ERROR + 1];
};

static void
count_host(const struct host_result *h, struct counts *c)
{
	size_t i;

	for (i = 0; i < h->findings.n; i++) {
		const struct finding *f = &h->findings.v[i];

		c->verdicts[f->verdict]++;
		if (f->verdict == VERDICT_FAIL) {
			c->fail[f->rule->severity]++;
			c->nfail++;
		}
	}
}

static void
put_sev_counts(struct out *o, const size_t fail[NSEV])
{
	int s;

	for (s = SEV_CRITICAL; s >= SEV_INFO; s--) {
		if (fail[s] != 0)
			color(o, sev_color[s]);
		rout_put(&o->w, "%zu %s", fail[s], report_severity((enum severity)s));
		if (fail[s] != 0)
			color(o, C_RESET);
		if (s != SEV_INFO)
			rout_put(&o->w, ", ");
	}
}

static void
put_host(struct out *o, const struct host_result *h, struct counts *total)
{
	struct finding_list fl = { NULL, 0 };
	struct counts c;
	size_t i;

	memset(&c, 0, sizeof(c));
	count_host(h, &c);
	color(o, C_BOLD);
	rout_put(&o->w, "host ");
	put_safe(o, h->name);
	color(o, C_RESET);
	if (h->status == SL_OK &&
	    (h->dsm_version != NULL || h->openssh_version != NULL)) {
		rout_put(&o->w, " (");
		if (h->dsm_version != NULL) {
			rout_put(&o->w, "DSM ");
			put_safe(o, h->dsm_version);
		}
		if (h->dsm_version != NULL && h->openssh_version != NULL)
			rout_put(&o->w, ", ");
		if (h->openssh_version != NULL) {
			rout_put(&o->w, "OpenSSH ");
			put_safe(o, h->openssh_version);
		}
		rout_put(&o->w, ")");
	}
	rout_put(&o->w, "\n");
	if (h->status != SL_OK) {
		rout_put(&o->w, "  ");
		color(o, C_ERROR);
		rout_put(&o->w, "could not be scanned:");
		color(o, C_RESET);
		rout_put(&o->w, " ");
		put_safe(o, h->error != NULL ? h->error :
		    sl_strerror(h->status));
		rout_put(&o->w, "\n");
	}

	report_sorted(&h->findings, report_cmp_severity, &fl);
	for (i = 0; i < fl.n; i++)
		if (fl.v[i]->verdict == VERDICT_FAIL)
			put_fail(o, fl.v[i]);
	put_section(o, &fl, VERDICT_ERROR, "could not check", C_ERROR);
	put_section(o, &fl, VERDICT_WAIVED, "waived", C_DIM);
	if (o->opts->verbose) {
		put_section(o, &fl, VERDICT_NA, "not applicable", C_DIM);
		put_section(o, &fl, VERDICT_PASS, "passed", C_DIM);
	}
	free(fl.v);

	rout_put(&o->w, "  summary: ");
	if (h->status != SL_OK)
		rout_put(&o->w, "not scanned\n");
	else {
		rout_put(&o->w, "%zu failed (", c.nfail);
		put_sev_counts(o, c.fail);
		rout_put(&o->w, "), %zu could not be checked, %zu waived, %zu passed, "
		    "%zu n/a\n", c.verdicts[VERDICT_ERROR],
		    c.verdicts[VERDICT_WAIVED], c.verdicts[VERDICT_PASS],
		    c.verdicts[VERDICT_NA]);
	}
	for (i = 0; i < NSEV; i++)
		total->fail[i] += c.fail[i];
	total->nfail += c.nfail;
	for (i = 0; i <= VERDICT_ERROR; i++)
		total->verdicts[i] += c.verdicts[i];
}

/* Findings about the run itself (expired and stale waivers). */
static void
put_run(struct out *o, const struct scan_result *sr, struct counts *total)
{
	struct finding_list fl = { NULL, 0 };
	struct host_result pseudo;
	size_t i;

	if (sr->run_findings.n == 0)
		return;
	color(o, C_BOLD);
	rout_put(&o->w, "waivers ");
	put_safe(o, sr->waivers != NULL ? sr->waivers->file : "");
	color(o, C_RESET);
	rout_put(&o->w, "\n");
	report_sorted(&sr->run_findings, report_cmp_severity, &fl);
	for (i = 0; i < fl.n; i++)
		if (fl.v[i]->verdict == VERDICT_FAIL)
			put_fail(o, fl.v[i]);
	free(fl.v);
	memset(&pseudo, 0, sizeof(pseudo));
	pseudo.findings = sr->run_findings;
	count_host(&pseudo, total);
	rout_put(&o->w, "\n");
}

int
report_text(struct sbuf *b, const struct scan_result *sr,
    const struct report_opts *opts, struct diag *d)
{
	struct out o = { { b, SL_OK }, opts };
	struct counts total;
	size_t i, nfailed = 0;

	memset(&total, 0, sizeof(total));
	for (i = 0; i < sr->nhosts; i++) {
		if (i > 0)
			rout_put(&o.w, "\n");
		put_host(&o, &sr->hosts[i], &total);
		if (sr->hosts[i].status != SL_OK)
			nfailed++;
	}
	if (sr->nhosts > 0)
		rout_put(&o.w, "\n");
	put_run(&o, sr, &total);
	rout_put(&o.w, "%zu host%s, %zu could not be scanned: ", sr->nhosts,
	    sr->nhosts == 1 ? "" : "s", nfailed);
	put_sev_counts(&o, total.fail);
	rout_put(&o.w, "\n");
	if (o.w.r != SL_OK)
		diag_error(d, NULL, 0, "text report: %s", sl_strerror(o.w.r));
	return o.w.r;
}
