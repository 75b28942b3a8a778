/*
 * report.h — reporters: text for people, JUnit XML for CI (SARIF and JSON
 * later). A report goes to stdout or to a file written as temp + rename.
 */
#ifndef SL_REPORT_H
#define SL_REPORT_H

#include <stdio.h>

#include "diag.h"
#include "findings.h"
#include "sbuf.h"

struct report_opts {
	int	color;		/* text: ANSI colours (main decides: TTY and not NO_COLOR) */
	int	verbose;	/* text: also list passes and n/a */
};

/* A parsed --report FORMAT[:PATH]. */
struct report_spec {
	const struct reporter	*reporter;
	char			*path;	/* NULL or "-": stdout */
};

/* Parses "junit:out.xml"; unknown format -> SL_ERR_USAGE with a diag. */
int	report_spec_parse(const char *arg, struct report_spec *, struct diag *);
void	report_spec_cleanup(struct report_spec *);
const char *report_spec_format(const struct report_spec *);
/* Comma-separated list of the format names, for --help. */
const char *report_formats(void);

/*
 * Writes the report. For a file path, writes PATH.XXXXXX in the same
 * directory and renames it over PATH only when complete.
 */
int	report_write(const struct report_spec *, const struct scan_result *,
	    const struct report_opts *, struct diag *);

/*
 * Writes bytes already formatted (synolint merge) where a report goes: stdout
 * for NULL or "-", else PATH through a temporary file renamed when complete.
 */
int	report_write_bytes(const char *path, const struct sbuf *out,
	    struct diag *);

#endif
