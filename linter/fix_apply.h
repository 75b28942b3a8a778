/*
 * fix_apply.h — `synolint scan --fix`: applies each host's fix plan over the
 * very session the scan used (the rendered fix script, one exec of
 * `/bin/sh -s`), reads its SYNOLINT-FIX marker lines, verifies that a NEW
 * SSH connection still logs in exactly as synolint did, rolls back when it
 * does not (or when the script was interrupted), and refuses plans that
 * would cut synolint's own login (fix_lockout.h). Hosts run in parallel
 * (fleet_run). main.c then rescans and reports.
 *
 * Test hook, for the fault-injection tests only: SYNOLINT_TEST_FIX_FAULT=
 * after_temp | before_rename | after_rename | during_verify kills the fix
 * script at that point (as a dropped connection would) or fails the
 * verification connection. Never set it outside tests.
 */
#ifndef SL_FIX_APPLY_H
#define SL_FIX_APPLY_H

#include <stdio.h>

#include "acquire.h"
#include "cmd_fix.h"
#include "strv.h"

#define FIX_FAULT_ENV	"SYNOLINT_TEST_FIX_FAULT"
/* Test hook: SYNOLINT_TEST_FIX_PAUSE=FILE is created between plan and
   apply; synolint waits (up to 60 s) until it is removed. */
#define FIX_PAUSE_ENV	"SYNOLINT_TEST_FIX_PAUSE"

enum fix_outcome {
	FIXO_NONE,		/* nothing planned */
	FIXO_APPLIED,		/* changed, and a new login works */
	FIXO_ABORTED,		/* a check failed: nothing was changed */
	FIXO_ROLLED_BACK,	/* changed, then restored: the old configuration */
	FIXO_FAILED		/* could not apply, or the rollback failed */
};

struct fix_host_outcome {
	enum fix_outcome	 outcome;
	char			*message;	/* one line */
	char			*stamp;		/* backup suffix of this run */
	char			*rollback;	/* rollback script path, if written */
	struct strv		 backups;	/* backup files made */
	struct strv		 refused;	/* "RULE: why" refused for lockout */
	struct strv		 steps;		/* "STEP STATUS OBJECT" marker lines */
};

struct fix_apply {
	struct fix_run		 fr;		/* the plans (cmd_fix.h) */
	struct acquire_ctx	 ctx;		/* with one session slot per target */
	struct session		**sessions;
	struct fix_host_outcome	*out;		/* one per target */
	size_t			 n;
};

void	fix_apply_init(struct fix_apply *, const struct acquire_ctx *,
	    const struct waivers *);
/* fleet_host_hook: plans host i and refuses what would cut our login. */
void	fix_apply_hook(size_t i, const struct facts *,
	    const struct host_result *, void *arg);
/* Applies every plan (up to --jobs hosts at once); closes the sessions. */
void	fix_apply_run(struct fix_apply *);
/* Records each host's outcome in sr (host_result.fix), judged against
   sr's findings (the rescan): what the reports show. */
void	fix_apply_attach(const struct fix_apply *, struct scan_result *sr);
/* The "fixes" section of the text output, from sr's host_result.fix. */
void	fix_apply_print(FILE *, const struct scan_result *sr);
/* Whether some host may have changed (a rescan is needed). */
int	fix_apply_changed(const struct fix_apply *);
/* Whether some host's fix failed outright (exit 3). */
int	fix_apply_failed(const struct fix_apply *);
const char *fix_outcome_name(enum fix_outcome);
void	fix_apply_cleanup(struct fix_apply *);

#endif
