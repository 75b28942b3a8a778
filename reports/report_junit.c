/*
 * report_junit.c — JUnit XML for CI, written with libxml2's xmlTextWriter:
 * one <testsuite> per host, one <testcase> per rule x object; <failure> for
 * FAIL, <skipped> for n/a and waived, <error> for could-not-check and for a
 * host that could not be scanned. Valid against tests/schemas/junit.xsd.
 *
 * Every string passes through utf8_repair_xml() inside the jw_* helpers
 * before libxml2 sees it: the writer escapes <>&" but happily emits raw
 * control characters and invalid UTF-8, which no XML parser accepts.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "runclock.h"
#include "sbuf.h"
#include "strv.h"
#include "utf8.h"
#include "xmalloc.h"


/* The writer with a sticky error: the first failing call stops the rest. */
struct jw {
	xmlTextWriterPtr	 w;
	int			 failed;
};

static void
jw_check(struct jw *j, int rc)
{
	if (rc < 0)
		j->failed = 1;
}

static void
jw_start(struct jw *j, const char *name)
{
	if (!j->failed)
		jw_check(j, xmlTextWriterStartElement(j->w, BAD_CAST name));
}

static void
jw_end(struct jw *j)
{
	if (!j->failed)
		jw_check(j, xmlTextWriterEndElement(j->w));
}

static void
jw_attr(struct jw *j, const char *name, const char *value)
{
	char *v;

	if (j->failed)
		return;
	v = utf8_repair_xml(value != NULL ? value : "",
	    value != NULL ? strlen(value) : 0, NULL);
	jw_check(j, xmlTextWriterWriteAttribute(j->w, BAD_CAST name,
	    BAD_CAST v));
	free(v);
}

/*
 * An xs:token attribute with minLength 1: whitespace-only values collapse
 * to nothing, so they get a placeholder.
 */
static void
jw_attr_token(struct jw *j, const char *name, const char *value)
{
	const char *p;

	for (p = value != NULL ? value : ""; *p != '\0'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			break;
	jw_attr(j, name, *p != '\0' ? value : "(unnamed)");
}

static void
jw_attr_size(struct jw *j, const char *name, size_t n)
{
	char buf[32];

	(void)snprintf(buf, sizeof(buf), "%zu", n);
	jw_attr(j, name, buf);
}

static void
jw_text(struct jw *j, const char *s, size_t len)
{
	char *v;

	if (j->failed)
		return;
	v = utf8_repair_xml(s, len, NULL);
	jw_check(j, xmlTextWriterWriteString(j->w, BAD_CAST v));
	free(v);
}

/* <property name=NAME value=VALUE/>, when value is known. */
static void
jw_property(struct jw *j, const char *name, const char *value)
{
	if (value == NULL)
		return;
	jw_start(j, "property");
	jw_attr(j, "name", name);
	jw_attr(j, "value", value);
	jw_end(j);
}

/*
 * runclock_now() (SOURCE_DATE_EPOCH, else the time of the run) as the
 * schema's YYYY-MM-DDTHH:MM:SS in UTC (no zone suffix: junit.xsd's type).
 */
static int
junit_timestamp(char *buf, size_t len, struct diag *d)
{
	struct tm tm;
	time_t t;
	int r;

	if ((r = runclock_now(&t, NULL, d)) != SL_OK)
		return r;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		diag_error(d, NULL, 0, "junit report: cannot format the time");
		return SL_ERR_INTERNAL;
	}
	return SL_OK;
}

/*
 * The body of a <failure> or <error>: everything a CI user needs (no fix for
 * an error: nothing was found to fix). The buffer is unbounded, so the
 * sbuf calls cannot fail.
 */
static void
finding_details(struct sbuf *b, const struct finding *f)
{
	const struct rule *rule = f->rule;
	const char *fix = f->verdict == VERDICT_FAIL ? report_fix_text(f) :
	    NULL;
	size_t i;

	(void)sbuf_putf(b, "%s %s\n", rule->id,
	    rule->title != NULL ? rule->title : "");
	(void)sbuf_putf(b, "severity: %s\n", report_severity(rule->severity));
	(void)sbuf_putf(b, "object: %s\n", f->object);
	if (f->message != NULL)
		(void)sbuf_putf(b, "message: %s\n", f->message);
	if (f->loc_file != NULL && f->loc_line != 0)
		(void)sbuf_putf(b, "location: %s:%u\n", f->loc_file,
		    f->loc_line);
	else if (f->loc_file != NULL)
		(void)sbuf_putf(b, "location: %s\n", f->loc_file);
	if (f->breaks_login)
		(void)sbuf_puts(b, "breaks key login today: yes\n");
	if (f->evidence != NULL)
		(void)sbuf_putf(b, "evidence: %s\n", f->evidence);
	if (rule->rationale != NULL)
		(void)sbuf_putf(b, "rationale: %s\n", rule->rationale);
	if (rule->refs.n > 0) {
		(void)sbuf_puts(b, "references:");
		for (i = 0; i < rule->refs.n; i++)
			(void)sbuf_putf(b, " %s", rule->refs.v[i]);
		(void)sbuf_puts(b, "\n");
	}
	if (fix != NULL)
		(void)sbuf_putf(b, "fix: %s\n", fix);
}

/* <failure> / <error> with message, type and the details as text. */
static void
jw_problem(struct jw *j, const char *elem, const struct finding *f,
    const char *type)
{
	struct sbuf b;

	sbuf_init(&b, 0);
	finding_details(&b, f);
	jw_start(j, elem);
	jw_attr(j, "message", f->message != NULL ? f->message : f->rule->title);
	jw_attr(j, "type", type);
	jw_text(j, b.data, b.len);
	jw_end(j);
	sbuf_cleanup(&b);
}

static void
jw_skipped(struct jw *j, const struct finding *f, const char *why)
{
	char *msg;

	msg = f->message != NULL && *f->message != '\0' ?
	    xprintf("%s: %s", why, f->message) : xstrdup(why);
	jw_start(j, "skipped");
	jw_attr(j, "message", msg);
	jw_end(j);
	free(msg);
}

static void
jw_testcase(struct jw *j, const struct host_result *h, const struct finding *f)
{
	char *name, *msg;

	name = xprintf("%s %s", f->rule->id, f->object);
	jw_start(j, "testcase");
	jw_attr(j, "name", name);
	jw_attr(j, "classname", h->name);
	jw_attr(j, "time", "0");
	switch (f->verdict) {
	case VERDICT_PASS:
		break;
	case VERDICT_FAIL:
		/* GitLab/Jenkins convention: type = rule id (severity in the body) */
		jw_problem(j, "failure", f, f->rule->id);
		break;
	case VERDICT_NA:
		jw_skipped(j, f, "not applicable");
		break;
	case VERDICT_WAIVED:
		if (f->waiver != NULL) {
			msg = xprintf("waived: %s (until %s, %s:%u)",
			    f->waiver->justification, f->waiver->expires,
			    f->waiver->file, f->waiver->line);
			jw_start(j, "skipped");
			jw_attr(j, "message", msg);
			jw_end(j);
			free(msg);
		} else
			jw_skipped(j, f, "waived");
		break;
	case VERDICT_ERROR:
		jw_problem(j, "error", f, "could not check");
		break;
	}
	jw_end(j);
	free(name);
}

static void
jw_suite(struct jw *j, size_t id, const struct host_result *h,
    const char *timestamp)
{
	struct finding_list fl = { NULL, 0 };
	size_t i, nfail = 0, nerr = 0, nskip = 0, ntests;
	const char *reason;

	for (i = 0; i < h->findings.n; i++) {
		switch (h->findings.v[i].verdict) {
		case VERDICT_FAIL:
			nfail++;
			break;
		case VERDICT_ERROR:
			nerr++;
			break;
		case VERDICT_NA:
		case VERDICT_WAIVED:
			nskip++;
			break;
		case VERDICT_PASS:
			break;
		}
	}
	ntests = h->findings.n;
	if (h->status != SL_OK) {
		ntests++;
		nerr++;
	}

	jw_start(j, "testsuite");
	jw_attr_token(j, "name", h->name);
	jw_attr(j, "package", "synolint");
	jw_attr_size(j, "id", id);
	jw_attr(j, "timestamp", timestamp);
	jw_attr_token(j, "hostname", h->name);
	jw_attr_size(j, "tests", ntests);
	jw_attr_size(j, "failures", nfail);
	jw_attr_size(j, "errors", nerr);
	jw_attr_size(j, "skipped", nskip);
	jw_attr(j, "time", "0");

	jw_start(j, "properties");
	jw_property(j, "dsm_version", h->dsm_version);
	jw_property(j, "openssh_version", h->openssh_version);
	jw_property(j, "ssh_server", h->ssh_server);
	jw_property(j, "ssh_host_key", h->ssh_host_key);
	jw_end(j);

	if (h->status != SL_OK) {
		reason = h->error != NULL ? h->error : sl_strerror(h->status);
		jw_start(j, "testcase");
		jw_attr(j, "name", "scan");
		jw_attr(j, "classname", h->name);
		jw_attr(j, "time", "0");
		jw_start(j, "error");
		jw_attr(j, "message", reason);
		jw_attr(j, "type", sl_strerror(h->status));
		jw_text(j, "host could not be scanned: ",
		    strlen("host could not be scanned: "));
		jw_text(j, reason, strlen(reason));
		jw_end(j);
		jw_end(j);
	}
	report_sorted(&h->findings, report_cmp_id, &fl);
	for (i = 0; i < fl.n; i++)
		jw_testcase(j, h, fl.v[i]);
	free(fl.v);

	jw_start(j, "system-out");
	jw_end(j);
	jw_start(j, "system-err");
	jw_end(j);
	jw_end(j);		/* testsuite */
}

int
report_junit(struct sbuf *out, const struct scan_result *sr,
    const struct report_opts *opts, struct diag *d)
{
	xmlBufferPtr buf = NULL;
	struct jw j = { NULL, 0 };
	char timestamp[32];
	size_t i;
	int r;

	(void)opts;
	if ((r = junit_timestamp(timestamp, sizeof(timestamp), d)) != SL_OK)
		return r;
	r = SL_ERR_INTERNAL;
	if ((buf = xmlBufferCreate()) == NULL ||
	    (j.w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		diag_error(d, NULL, 0, "junit report: cannot create XML writer");
		goto out;
	}
	jw_check(&j, xmlTextWriterSetIndent(j.w, 1));
	jw_check(&j, xmlTextWriterSetIndentString(j.w, BAD_CAST "  "));
	if (!j.failed)
		jw_check(&j, xmlTextWriterStartDocument(j.w, NULL, "UTF-8",
		    NULL));
	jw_start(&j, "testsuites");
	for (i = 0; i < sr->nhosts; i++)
		jw_suite(&j, i, &sr->hosts[i], timestamp);
	if (sr->run_findings.n > 0) {
		/* expired and stale waivers: a suite of their own */
		struct host_result run;

		memset(&run, 0, sizeof(run));
		run.name = (char *)(uintptr_t)"waivers";
		run.findings = sr->run_findings;
		jw_suite(&j, i, &run, timestamp);
	}
	jw_end(&j);
	if (!j.failed)
		jw_check(&j, xmlTextWriterEndDocument(j.w));
	if (!j.failed)
		jw_check(&j, xmlTextWriterFlush(j.w));
	if (j.failed) {
		diag_error(d, NULL, 0, "junit report: XML writer failed");
		goto out;
	}
	if ((r = sbuf_put(out, xmlBufferContent(buf),
	    (size_t)xmlBufferLength(buf))) != SL_OK ||
	    (out->len > 0 && out->data[out->len - 1] != '\n' &&
	    (r = sbuf_putc(out, '\n')) != SL_OK)) {
		diag_error(d, NULL, 0, "junit report: %s", sl_strerror(r));
		goto out;
	}
	r = SL_OK;
 out:
	if (j.w != NULL)
		xmlFreeTextWriter(j.w);
	if (buf != NULL)
		xmlBufferFree(buf);
	return r;
}
