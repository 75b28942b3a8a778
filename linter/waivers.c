/*
 * waivers.c — --waivers FILE: parsing (docs/waivers.md), and applying the
 * waivers to a finished scan. A waiver turns matching FAIL findings into
 * WAIVED; when it has expired it no longer does, and it is reported itself
 * (WAIVER-001); a live waiver that matched nothing anywhere is reported as
 * stale (WAIVER-002). Those two are findings of the run, not of a host, so
 * every reporter shows them and --fail-on gates on them.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "err.h"
#include "runclock.h"
#include "sbuf.h"
#include "sl_limits.h"
#include "utf8.h"
#include "waivers.h"
#include "xmalloc.h"

static void
synthetic_rule(struct rule *r, const char *id, const char *title,
    enum severity sev, const char *rationale, const char *fix,
    const char *file)
{
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(id);
	r->title = xstrdup(title);
	r->rationale = xstrdup(rationale);
	r->severity = sev;
	r->scope = SCOPE_HOST;
	strv_init(&r->refs);
	strv_init(&r->args);
	strv_init(&r->fix.args);
	strv_init(&r->dsm_fix.args);
	r->fix.action = xstrdup("manual");
	r->fix.text = xstrdup(fix);
	r->file = xstrdup(file);
}

static void
synthetic_rule_cleanup(struct rule *r)
{
	free(r->id);
	free(r->title);
	free(r->rationale);
	strv_cleanup(&r->refs);
	strv_cleanup(&r->args);
	strv_cleanup(&r->fix.args);
	strv_cleanup(&r->dsm_fix.args);
	free(r->fix.action);
	free(r->fix.text);
	free(r->file);
}

static struct waivers *
waivers_new(const char *file)
{
	struct waivers *w = xcalloc(1, sizeof(*w));

	w->file = xstrdup(file);
	synthetic_rule(&w->rules[0], WAIVER_RULE_EXPIRED,
	    "Waivers are renewed or removed before they expire", SEV_LOW,
	    "A waiver accepts a risk until a date. Once that date has passed "
	    "it no longer applies: the findings it covered fail again, and "
	    "the accepted risk needs a new decision.",
	    "Fix the findings the waiver covered, or renew the waiver with a "
	    "new expiry date and a current justification.", file);
	synthetic_rule(&w->rules[1], WAIVER_RULE_STALE,
	    "Waivers match a finding", SEV_INFO,
	    "A waiver that matches nothing is dead weight: the risk it "
	    "accepted is gone, or its patterns are wrong, and it may silently "
	    "waive an unrelated finding later.",
	    "Remove the waiver, or correct its rule, host or object pattern.",
	    file);
	return w;
}

void
waivers_free(struct waivers *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].rule);
		free(w->v[i].host);
		free(w->v[i].object);
		free(w->v[i].justification);
	}
	free(w->v);
	synthetic_rule_cleanup(&w->rules[0]);
	synthetic_rule_cleanup(&w->rules[1]);
	free(w->file);
	free(w);
}

/* 1 if s is a real date YYYY-MM-DD (years 1970-9999), else 0. */
static int
valid_date(const char *s, size_t len)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, dd, i, leap;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || dd < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return dd <= mdays[m - 1] + (m == 2 && leap);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The parser's position in one line, for file:line:column diags. */
struct lp {
	const char	*file;
	unsigned int	 lineno;
	const char	*line;		/* start of the line */
	const char	*p;
	const char	*end;
	struct diag	*d;
};

static int lp_error(struct lp *, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static int
lp_error(struct lp *lp, const char *at, const char *fmt, ...)
{
	struct sbuf msg;
	va_list ap;
	char *safe;

	sbuf_init(&msg, 0);
	va_start(ap, fmt);
	(void)sbuf_vputf(&msg, fmt, ap);
	va_end(ap);
	/* the message quotes the file: nothing in it may drive a terminal */
	safe = utf8_term(msg.data != NULL ? msg.data : "invalid waiver");
	diag_add(lp->d, DIAG_ERROR, lp->file, lp->lineno,
	    (unsigned int)(at - lp->line) + 1, "%s", safe);
	free(safe);
	sbuf_cleanup(&msg);
	return SL_ERR_PARSE;
}

static void
skip_blanks(struct lp *lp)
{
	while (lp->p < lp->end && is_blank(*lp->p))
		lp->p++;
}

/* A bare field: up to the next blank. NULL (with a diag) if missing. */
static char *
bare_field(struct lp *lp, const char *what)
{
	const char *start;

	skip_blanks(lp);
	if (lp->p == lp->end || *lp->p == '#') {
		(void)lp_error(lp, lp->p, "missing %s (a waiver is: RULE HOST "
		    "OBJECT EXPIRES \"JUSTIFICATION\")", what);
		return NULL;
	}
	if (*lp->p == '"') {
		(void)lp_error(lp, lp->p, "%s must not be quoted", what);
		return NULL;
	}
	start = lp->p;
	while (lp->p < lp->end && !is_blank(*lp->p))
		lp->p++;
	return xstrndup(start, (size_t)(lp->p - start));
}

/* "text" with \" and \\ escapes. NULL (with a diag) on error. */
static char *
quoted_field(struct lp *lp)
{
	struct sbuf b;
	const char *start;

	skip_blanks(lp);
	if (lp->p == lp->end || *lp->p == '#') {
		(void)lp_error(lp, lp->p, "missing %s (a waiver is: RULE HOST "
		    "OBJECT EXPIRES \"JUSTIFICATION\")", "justification");
		return NULL;
	}
	if (*lp->p != '"') {
		(void)lp_error(lp, lp->p, "%s must be in double quotes",
		    "the justification");
		return NULL;
	}
	start = lp->p++;
	sbuf_init(&b, 0);
	for (;;) {
		if (lp->p == lp->end) {
			(void)lp_error(lp, start, "%s", "unterminated "
			    "justification (missing closing \")");
			sbuf_cleanup(&b);
			return NULL;
		}
		if (*lp->p == '"')
			break;
		if (*lp->p == '\\') {
			if (lp->p + 1 == lp->end ||
			    (lp->p[1] != '"' && lp->p[1] != '\\')) {
				(void)lp_error(lp, lp->p, "%s", "unknown escape "
				    "in justification (only \\\" and \\\\)");
				sbuf_cleanup(&b);
				return NULL;
			}
			lp->p++;
		}
		(void)sbuf_putc(&b, *lp->p++);
	}
	lp->p++;		/* closing quote */
	if (b.len == 0) {
		(void)lp_error(lp, start, "%s", "empty justification: say why "
		    "the risk is accepted");
		sbuf_cleanup(&b);
		return NULL;
	}
	return sbuf_steal(&b, NULL);
}

static int
parse_line(struct waivers *w, struct lp *lp)
{
	struct waiver x;
	char *date = NULL;
	int r = SL_ERR_PARSE;

	memset(&x, 0, sizeof(x));
	skip_blanks(lp);
	if (lp->p == lp->end || *lp->p == '#')
		return SL_OK;		/* blank or comment */
	if (!utf8_valid(lp->line, (size_t)(lp->end - lp->line)))
		return lp_error(lp, lp->line, "%s", "line is not valid UTF-8 "
		    "(or contains a NUL byte)");
	if (w->n >= SL_MAX_WAIVERS)
		return lp_error(lp, lp->line, "more than %u waivers",
		    SL_MAX_WAIVERS);
	x.line = lp->lineno;
	if ((x.rule = bare_field(lp, "RULE")) == NULL ||
	    (x.host = bare_field(lp, "HOST")) == NULL ||
	    (x.object = bare_field(lp, "OBJECT")) == NULL ||
	    (date = bare_field(lp, "EXPIRES")) == NULL)
		goto out;
	if (!valid_date(date, strlen(date))) {
		(void)lp_error(lp, lp->p - strlen(date), "EXPIRES \"%s\" is not "
		    "a date YYYY-MM-DD", date);
		goto out;
	}
	memcpy(x.expires, date, sizeof(x.expires));
	if ((x.justification = quoted_field(lp)) == NULL)
		goto out;
	skip_blanks(lp);
	if (lp->p != lp->end && *lp->p != '#') {
		(void)lp_error(lp, lp->p, "%s", "unexpected text after the "
		    "justification");
		goto out;
	}
	x.expired = strcmp(w->today, x.expires) > 0;
	w->v = xreallocarray(w->v, w->n + 1, sizeof(*w->v));
	w->v[w->n++] = x;
	memset(&x, 0, sizeof(x));
	r = SL_OK;
 out:
	free(x.rule);
	free(x.host);
	free(x.object);
	free(x.justification);
	free(date);
	return r;
}

int
waivers_parse(const char *file, const char *data, size_t len,
    const char *today, struct waivers **wp, struct diag *d)
{
	struct waivers *w;
	struct lp lp;
	const char *p = data, *end = data + len, *nl;
	time_t now;
	int r, bad = 0;

	*wp = NULL;
	w = waivers_new(file);
	if (today != NULL) {
		if (!valid_date(today, strlen(today))) {
			diag_error(d, NULL, 0, "waivers: \"%s\" is not a date "
			    "YYYY-MM-DD", today);
			waivers_free(w);
			return SL_ERR_USAGE;
		}
		memcpy(w->today, today, sizeof(w->today));
	} else if ((r = runclock_now(&now, NULL, d)) != SL_OK ||
	    (r = runclock_date(now, w->today, sizeof(w->today))) != SL_OK) {
		if (d->nerrors == 0)
			diag_error(d, NULL, 0, "waivers: cannot tell today's "
			    "date");
		waivers_free(w);
		return r;
	}
	memset(&lp, 0, sizeof(lp));
	lp.file = file;
	lp.d = d;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		lp.lineno++;
		lp.line = lp.p = p;
		lp.end = nl != NULL ? nl : end;
		if (lp.end > lp.line && lp.end[-1] == '\r')
			lp.end--;
		if ((size_t)(lp.end - lp.line) > SL_MAX_LINE) {
			diag_add(d, DIAG_ERROR, file, lp.lineno, 0,
			    "line longer than %u bytes", SL_MAX_LINE);
			bad = 1;
		} else if (parse_line(w, &lp) != SL_OK)
			bad = 1;
		if (w->n >= SL_MAX_WAIVERS && bad)
			break;
		p = nl != NULL ? nl + 1 : end;
	}
	if (bad) {
		waivers_free(w);
		return SL_ERR_PARSE;
	}
	*wp = w;
	return SL_OK;
}

int
waivers_load(const char *path, struct waivers **wp, struct diag *d)
{
	struct sbuf b;
	struct stat st;
	char buf[8192];
	ssize_t got;
	int fd, r;

	*wp = NULL;
	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1) {
		diag_errno(d, "--waivers: open %s", path);
		return SL_ERR_SYSTEM;
	}
	sbuf_init(&b, SL_MAX_WAIVERS_FILE);
	if (fstat(fd, &st) == -1) {
		diag_errno(d, "--waivers: stat %s", path);
		r = SL_ERR_SYSTEM;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "not a regular file");
		r = SL_ERR_USAGE;
		goto out;
	}
	for (;;) {
		if ((got = read(fd, buf, sizeof(buf))) == -1) {
			if (errno == EINTR)
				continue;
			diag_errno(d, "--waivers: read %s", path);
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (got == 0)
			break;
		if (sbuf_put(&b, buf, (size_t)got) != SL_OK) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "waivers file larger "
			    "than %u bytes", SL_MAX_WAIVERS_FILE);
			r = SL_ERR_TOO_LARGE;
			goto out;
		}
	}
	r = waivers_parse(path, b.data != NULL ? b.data : "", b.len, NULL, wp,
	    d);
 out:
	close(fd);
	sbuf_cleanup(&b);
	return r;
}

static int
matches(const struct waiver *w, const char *host, const struct finding *f)
{
	return fnmatch(w->rule, f->rule->id, 0) == 0 &&
	    fnmatch(w->host, host, 0) == 0 &&
	    fnmatch(w->object, f->object, 0) == 0;
}

static void
waive(struct finding *f, const struct waivers *ws, const struct waiver *w)
{
	f->verdict = VERDICT_WAIVED;
	f->waiver = xcalloc(1, sizeof(*f->waiver));
	f->waiver->file = xstrdup(ws->file);
	f->waiver->line = w->line;
	f->waiver->expires = xstrdup(w->expires);
	f->waiver->justification = xstrdup(w->justification);
}

/* Did a host this waiver could apply to fail to be scanned? */
static int
host_unscanned(const struct waiver *w, const struct scan_result *sr)
{
	size_t i;

	for (i = 0; i < sr->nhosts; i++)
		if (sr->hosts[i].status != SL_OK &&
		    fnmatch(w->host, sr->hosts[i].name, 0) == 0)
			return 1;
	return 0;
}

static void
report_waiver(struct waivers *ws, struct scan_result *sr,
    const struct waiver *w, const struct rule *rule, const char *message)
{
	struct finding *f;
	char *object;

	object = xprintf("waiver:%s:%u", ws->file, w->line);
	f = findings_add(&sr->run_findings, rule, object, VERDICT_FAIL,
	    message);
	f->evidence = xprintf("%s %s %s %s \"%s\"", w->rule, w->host,
	    w->object, w->expires, w->justification);
	f->loc_file = xstrdup(ws->file);
	f->loc_line = w->line;
	free(object);
}

void
waivers_apply(struct waivers *ws, struct scan_result *sr)
{
	size_t i, j, k;
	char *msg;
	int done;

	for (i = 0; i < sr->nhosts; i++) {
		struct host_result *h = &sr->hosts[i];

		for (j = 0; j < h->findings.n; j++) {
			struct finding *f = &h->findings.v[j];

			if (f->verdict != VERDICT_FAIL)
				continue;
			done = 0;
			for (k = 0; k < ws->n; k++) {
				struct waiver *w = &ws->v[k];

				if (!matches(w, h->name, f))
					continue;
				w->matched++;
				if (!w->expired && !done) {
					waive(f, ws, w);
					w->waived++;
					done = 1;
				}
			}
		}
	}
	for (k = 0; k < ws->n; k++) {
		const struct waiver *w = &ws->v[k];

		if (w->expired) {
			msg = xprintf("waiver for %s on %s, %s expired on %s: "
			    "%zu failing finding%s no longer waived", w->rule,
			    w->host, w->object, w->expires, w->matched,
			    w->matched == 1 ? " is" : "s are");
			report_waiver(ws, sr, w, &ws->rules[0], msg);
			free(msg);
		} else if (w->matched == 0 && !host_unscanned(w, sr)) {
			msg = xprintf("waiver for %s on %s, %s (until %s) "
			    "matched no failing finding", w->rule, w->host,
			    w->object, w->expires);
			report_waiver(ws, sr, w, &ws->rules[1], msg);
			free(msg);
		}
	}
	findings_sort(&sr->run_findings);
	sr->waivers = ws;
}

const struct waiver *
waivers_covers(const struct waivers *ws, const char *host,
    const struct finding *f)
{
	size_t i;

	if (ws == NULL || f->verdict != VERDICT_FAIL)
		return NULL;
	for (i = 0; i < ws->n; i++)
		if (!ws->v[i].expired && matches(&ws->v[i], host, f))
			return &ws->v[i];
	return NULL;
}
