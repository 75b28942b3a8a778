/*
 * waivers.h — accepted risks with an expiry date (--waivers FILE, format in
 * docs/waivers.md). Applied to a whole scan after the rules ran: a matching
 * FAIL becomes WAIVED with the justification; an expired waiver stops
 * applying and is reported (WAIVER-001), and a live one that matched no
 * finding in the whole run is reported as stale (WAIVER-002).
 */
#ifndef SL_WAIVERS_H
#define SL_WAIVERS_H

#include <stddef.h>

#include "diag.h"
#include "findings.h"
#include "rules.h"

#define WAIVER_RULE_EXPIRED	"WAIVER-001"
#define WAIVER_RULE_STALE	"WAIVER-002"

struct waiver {
	unsigned int	 line;		/* in waivers->file */
	char		*rule;		/* fnmatch(3) patterns */
	char		*host;
	char		*object;
	char		 expires[11];	/* YYYY-MM-DD: the last day it applies */
	char		*justification;
	int		 expired;	/* today is after expires */
	size_t		 matched;	/* FAIL findings it matched in the run */
	size_t		 waived;	/* of those, the ones it waived */
};

struct waivers {
	char		*file;		/* as given on the command line */
	char		 today[11];	/* YYYY-MM-DD (UTC) the expiry is judged on */
	struct waiver	*v;
	size_t		 n;
	struct rule	 rules[2];	/* WAIVER-001 (expired), WAIVER-002 (stale) */
};

/*
 * Reads and parses FILE (bounded: SL_MAX_WAIVERS_FILE bytes, SL_MAX_WAIVERS
 * entries). "Today" is SOURCE_DATE_EPOCH's UTC date when set, else the
 * clock's. Every error is a diag with file:line:column; returns 0,
 * SL_ERR_PARSE, SL_ERR_TOO_LARGE, SL_ERR_SYSTEM or SL_ERR_USAGE.
 */
int	waivers_load(const char *path, struct waivers **wp, struct diag *);
/*
 * Parses data[0..len) as the waivers file named file, judged on today
 * ("YYYY-MM-DD"; NULL: as waivers_load). For tests and waivers_load.
 */
int	waivers_parse(const char *file, const char *data, size_t len,
	    const char *today, struct waivers **wp, struct diag *);
void	waivers_free(struct waivers *);

/*
 * Applies w to every scanned host of sr (call once, after the rules ran):
 * the first live waiver matching a FAIL finding (rule id, host name, object)
 * waives it; expired and stale waivers become FAIL findings of WAIVER-001
 * and WAIVER-002 in sr->run_findings, located at their waiver's line.
 * Sets sr->waivers = w (w must outlive sr's reports).
 */
void	waivers_apply(struct waivers *w, struct scan_result *sr);
/*
 * The live waiver that would waive finding f of host (the first, as
 * waivers_apply picks it), NULL if none; counts nothing. For the fixer,
 * which plans before waivers_apply runs.
 */
const struct waiver *waivers_covers(const struct waivers *w, const char *host,
	    const struct finding *f);

#endif
