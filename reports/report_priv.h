/*
 * report_priv.h — what the reporters share inside reports/: the reporter
 * table entry and small helpers. Not for use outside reports/.
 */
#ifndef SL_REPORT_PRIV_H
#define SL_REPORT_PRIV_H

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

#endif
