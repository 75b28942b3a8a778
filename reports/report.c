/*
 * report.c — the reporter table (rpki-client's outputs[]), parsing of
 * --report FORMAT[:PATH], and delivery: stdout, or a temporary file in the
 * target's directory renamed over PATH only once it is complete.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "diag.h"
#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "sbuf.h"
#include "xmalloc.h"

static const struct reporter reporters[] = {
	{ "text",	NULL,		report_text },
	{ "junit",	".xml",		report_junit },
	{ "sarif",	".sarif",	report_sarif },
	{ "json",	".json",	report_json },
	{ "html",	".html",	report_html },
	{ NULL,		NULL,		NULL }
};

const char *
report_formats(void)
{
	return "text, junit, sarif, json, html";
}

int
report_spec_parse(const char *arg, struct report_spec *spec, struct diag *d)
{
	const struct reporter *rp;
	const char *colon;
	size_t namelen;

	memset(spec, 0, sizeof(*spec));
	colon = strchr(arg, ':');
	namelen = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
	for (rp = reporters; rp->name != NULL; rp++)
		if (strlen(rp->name) == namelen &&
		    strncmp(rp->name, arg, namelen) == 0)
			break;
	if (rp->name == NULL) {
		diag_error(d, NULL, 0, "--report %s: unknown format \"%.*s\" "
		    "(known: %s)", arg, (int)namelen, arg, report_formats());
		return SL_ERR_USAGE;
	}
	if (colon != NULL && colon[1] == '\0') {
		diag_error(d, NULL, 0, "--report %s: empty path after \"%s:\" "
		    "(omit it or use \"-\" for standard output)", arg, rp->name);
		return SL_ERR_USAGE;
	}
	spec->reporter = rp;
	spec->path = colon != NULL ? xstrdup(colon + 1) : NULL;
	return SL_OK;
}

void
report_spec_cleanup(struct report_spec *spec)
{
	if (spec == NULL)
		return;
	free(spec->path);
	memset(spec, 0, sizeof(*spec));
}

const char *
report_spec_format(const struct report_spec *spec)
{
	return spec->reporter != NULL ? spec->reporter->name : NULL;
}

const char *
report_severity(enum severity sev)
{
	switch (sev) {
	case SEV_INFO:
		return "info";
	case SEV_LOW:
		return "low";
	case SEV_MEDIUM:
		return "medium";
	case SEV_HIGH:
		return "high";
	case SEV_CRITICAL:
		return "critical";
	}
	return "unknown";
}

int
report_cmp_id(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int c;

	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return c;
	if ((c = strcmp(x->object, y->object)) != 0)
		return c;
	if (x->loc_line != y->loc_line)
		return x->loc_line < y->loc_line ? -1 : 1;
	return strcmp(x->message != NULL ? x->message : "",
	    y->message != NULL ? y->message : "");
}

int
report_cmp_severity(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;

	if (x->rule->severity != y->rule->severity)
		return x->rule->severity > y->rule->severity ? -1 : 1;
	return report_cmp_id(a, b);
}

void
report_sorted(const struct findings *f, int (*cmp)(const void *, const void *),
    struct finding_list *fl)
{
	size_t i;

	fl->n = f->n;
	fl->v = xcalloc(f->n + 1, sizeof(*fl->v));
	for (i = 0; i < f->n; i++)
		fl->v[i] = &f->v[i];
	if (fl->n > 1)
		qsort(fl->v, fl->n, sizeof(*fl->v), cmp);
}

const char *
report_fix_text(const struct finding *f)
{
	if (f->fix != NULL && *f->fix != '\0')
		return f->fix;
	if (f->rule->fix.text != NULL && *f->rule->fix.text != '\0')
		return f->rule->fix.text;
	return NULL;
}

void
report_count(const struct findings *f, struct report_counts *c)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		c->verdict[f->v[i].verdict]++;
		if (f->v[i].verdict == VERDICT_FAIL)
			c->fail[f->v[i].rule->severity]++;
	}
}

int
report_uri_escape(struct sbuf *b, const char *s, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	int r = SL_OK;

	for (p = (const unsigned char *)s; *p != '\0' && r == SL_OK; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || (keep_slash && *p == '/'))
			r = sbuf_putc(b, (char)*p);
		else
			r = sbuf_putf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	return r;
}

void
rout_put(struct rout *o, const char *fmt, ...)
{
	va_list ap;

	if (o->r != SL_OK)
		return;
	va_start(ap, fmt);
	o->r = sbuf_vputf(o->b, fmt, ap);
	va_end(ap);
}

static int
cmp_rule_ptr(const void *a, const void *b)
{
	const struct rule *x = *(const struct rule *const *)a;
	const struct rule *y = *(const struct rule *const *)b;

	return strcmp(x->id, y->id);
}

static void
add_rule(const struct rule ***v, size_t *n, size_t *cap, const struct rule *r)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[(*n)++] = r;
}

static void
add_finding_rules(const struct rule ***v, size_t *n, size_t *cap,
    const struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		add_rule(v, n, cap, f->v[i].rule);
}

void
report_rules(const struct scan_result *sr, const struct rule ***rulesp,
    size_t *np)
{
	const struct rule **v = NULL;
	size_t i, j, n = 0, cap = 0;

	for (i = 0; sr->rules != NULL && i < ruleset_count(sr->rules); i++)
		add_rule(&v, &n, &cap, ruleset_rule(sr->rules, i));
	for (i = 0; i < sr->nhosts; i++)
		add_finding_rules(&v, &n, &cap, &sr->hosts[i].findings);
	add_finding_rules(&v, &n, &cap, &sr->run_findings);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_rule_ptr);
	for (i = j = 0; i < n; i++)
		if (j == 0 || strcmp(v[j - 1]->id, v[i]->id) != 0)
			v[j++] = v[i];
	*rulesp = v;
	*np = j;
}

static int
write_stdout(const struct sbuf *out, struct diag *d)
{
	if (fwrite(out->data, 1, out->len, stdout) != out->len ||
	    fflush(stdout) != 0) {
		diag_errno(d, "cannot write report to standard output");
		return SL_ERR_SYSTEM;
	}
	return SL_OK;
}

/*
 * PATH.XXXXXX in PATH's directory (so rename() stays on one file system),
 * renamed over PATH when every byte is written and closed. Any failure
 * unlinks the temporary file and leaves an existing PATH untouched.
 */
static int
write_file(const char *path, const struct sbuf *out, struct diag *d)
{
	struct atomicfile af;
	int r;

	if ((r = atomicfile_open(&af, path, d)) != SL_OK)
		return r;
	if (fwrite(out->data, 1, out->len, af.fp) != out->len) {
		diag_errno(d, "cannot write %s", af.tmp);
		atomicfile_abort(&af);
		return SL_ERR_SYSTEM;
	}
	return atomicfile_commit(&af, d);
}

int
report_write_bytes(const char *path, const struct sbuf *out, struct diag *d)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return write_stdout(out, d);
	return write_file(path, out, d);
}

int
report_write(const struct report_spec *spec, const struct scan_result *sr,
    const struct report_opts *opts, struct diag *d)
{
	struct report_opts o = *opts;
	struct sbuf out;
	int to_stdout, r;

	to_stdout = spec->path == NULL || strcmp(spec->path, "-") == 0;
	if (!to_stdout)
		o.color = 0;		/* escape sequences belong on a tty */
	sbuf_init(&out, 0);
	r = spec->reporter->write(&out, sr, &o, d);
	if (r != SL_OK)
		goto out;
	if (to_stdout)
		r = write_stdout(&out, d);
	else
		r = write_file(spec->path, &out, d);
 out:
	sbuf_cleanup(&out);
	return r;
}
