/*
 * cmd_fix.h — the fixer in `synolint scan`: a plan per host while the scan
 * runs (fleet_scan_hook), then --dry-run's output and --fix-script's file.
 */
#ifndef SL_CMD_FIX_H
#define SL_CMD_FIX_H

#include <stddef.h>

#include "cli.h"
#include "facts.h"
#include "findings.h"
#include "fix.h"

struct waivers;

struct fix_run {
	const struct cli_opts	*opts;
	const struct waivers	*waivers;	/* may be NULL */
	struct fix_plan		**plans;	/* one per target, NULL if unscanned */
	size_t			 n;
	const char *const	*only;		/* NULL-terminated or NULL */
	const char *const	*skip;
};

void	fix_run_init(struct fix_run *, const struct cli_opts *,
	    const struct waivers *);
/* fleet_host_hook: plans host i (thread-safe: writes plans[i] only). */
void	fix_run_hook(size_t i, const struct facts *, const struct host_result *,
	    void *arg);
/*
 * Prints the plans (--dry-run) and writes --fix-script. Returns 0 or
 * SL_ERR_* after printing the reason.
 */
int	fix_run_finish(struct fix_run *);
void	fix_run_cleanup(struct fix_run *);

#endif
