/*
 * report_priv.h — what the reporters share inside reports/: the reporter
 * table entry and small helpers. Not for use outside reports/.
 */
#ifndef SL_REPORT_PRIV_H
#define SL_REPORT_PRIV_H

#include <jansson.h>

#include "diag.h"
#include "findings.h"
#include "report.h"
#include "sbuf.h"

/*
 * A reporter formats a whole scan into out (memory); report_write() takes
 * care of where the bytes go. Returns 0 or a negative SL_ERR_* with a diag.
 */
typedef int (*report_fn)(struct sbuf *out, const struct scan_result *,
    const struct report_opts *, struct diag *);

struct reporter {
	const char	*name;		/* --report NAME */
	const char	*ext;		/* usual file extension, NULL for text */
	report_fn	 write;
};

int	report_text(struct sbuf *, const struct scan_result *,
	    const struct report_opts *, struct diag *);
int	report_junit(struct sbuf *, const struct scan_result *,
	    const struct report_opts *, struct diag *);
int	report_sarif(struct sbuf *, const struct scan_result *,
	    const struct report_opts *, struct diag *);
/* report_sarif() with at most max_results results (the most severe). */
int	report_sarif_max(struct sbuf *, const struct scan_result *,
	    const struct report_opts *, size_t max_results, struct diag *);
int	report_json(struct sbuf *, const struct scan_result *,
	    const struct report_opts *, struct diag *);
int	report_html(struct sbuf *, const struct scan_result *,
	    const struct report_opts *, struct diag *);

/* "critical", "high", "medium", "low", "info". */
const char	*report_severity(enum severity);

/* Findings of one host, for sorting without touching the scan result. */
struct finding_list {
	const struct finding	**v;
	size_t			  n;
};

/* Orders by (rule id, object, line, message), as findings_sort(). */
int	report_cmp_id(const void *, const void *);
/* Orders by (severity, most severe first), then as report_cmp_id(). */
int	report_cmp_severity(const void *, const void *);
/*
 * Fills fl with borrowed pointers to every finding of f, sorted with cmp;
 * free fl->v with free().
 */
void	report_sorted(const struct findings *f,
	    int (*cmp)(const void *, const void *), struct finding_list *fl);
/* The fix text for a finding (its own, else its rule's), or NULL. */
const char	*report_fix_text(const struct finding *);

/* Verdict and severity counts, so every report shows the same numbers. */
struct report_counts {
	size_t	verdict[VERDICT_ERROR + 1];
	size_t	fail[SEV_CRITICAL + 1];		/* FAIL findings by severity */
};
/* Adds the findings of f to c (c is not cleared). */
void	report_count(const struct findings *f, struct report_counts *c);

/*
 * Appends s percent-encoded for a URI: every byte other than RFC 3986's
 * unreserved characters (and '/' when keep_slash) becomes %XX, so any
 * byte string, valid UTF-8 or not, gives an ASCII URI component.
 */
int	report_uri_escape(struct sbuf *, const char *s, int keep_slash);

/*
 * The rules a report describes: every rule of sr->rules plus any other
 * rule a finding refers to (test fixtures, WAIVER-*), sorted by id and
 * unique by id. Borrowed pointers; free *rulesp with free().
 */
void	report_rules(const struct scan_result *sr,
	    const struct rule ***rulesp, size_t *np);

struct trust_map;
/* trust_write_dot() of m into a new string (*lenp its length). */
int	report_trust_dot(const struct trust_map *m, char **dotp, size_t *lenp);
/*
 * m drawn by Graphviz as a sanitised inline <svg> element (caller frees).
 * Without one (no dot, too large, dot failed) returns SL_ERR_* and sets
 * *why to a static sentence for the reader.
 */
int	report_trust_svg(const struct trust_map *m, char **svgp,
	    const char **why);

/*
 * A text output with a sticky error (the text and HTML reporters): after
 * the first failure nothing more is added and r keeps the SL_ERR_*.
 */
struct rout {
	struct sbuf	*b;
	int		 r;
};
void	rout_put(struct rout *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * jansson with a sticky error (report_jsonutil.c): once a call fails, rj
 * stays failed and the caller reports it once. Every string goes through
 * utf8_repair() first (json_string() refuses invalid UTF-8).
 */
struct rj {
	int	failed;
};
json_t	*rj_obj(struct rj *);
json_t	*rj_arr(struct rj *);
/* A JSON string of a repaired copy of s; JSON null when s is NULL. */
json_t	*rj_str(struct rj *, const char *s);
json_t	*rj_int(struct rj *, long long);
/* Sets obj[key] = val, stealing val (NULL val or obj marks rj failed). */
void	 rj_set(struct rj *, json_t *obj, const char *key, json_t *val);
/* obj[key] = string s; nothing when s is NULL. */
void	 rj_set_str(struct rj *, json_t *obj, const char *key, const char *s);
/* Appends val to arr, stealing val. */
void	 rj_append(struct rj *, json_t *arr, json_t *val);
/*
 * Dumps root with JSON_SORT_KEYS | JSON_INDENT(2) and a final newline into
 * out. Returns 0, or SL_ERR_* with a diag naming what.
 */
int	 rj_dump(struct sbuf *out, json_t *root, const char *what,
	    struct diag *);

#endif
