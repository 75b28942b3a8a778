/*
 * fleet.h — many hosts at once: runs the per-host pipeline (session →
 * collector → bundle → facts → engine) for every target on up to --jobs
 * worker threads. Each host fills only its own host_result, which sits at
 * the target's command-line position, so reports do not depend on timing.
 * One host failing never stops or corrupts the others.
 */
#ifndef SL_FLEET_H
#define SL_FLEET_H

#include <stddef.h>

#include "acquire.h"
#include "engine.h"
#include "findings.h"
#include "rules.h"

/*
 * Calls fn(i, arg) once for every i in [0, n), on up to jobs threads (1:
 * in this thread, in order). When progress is non-zero and stderr is a
 * terminal, a progress line shows how many are done; labels[i] (may be
 * NULL) names what is running. Returns when all calls have returned.
 */
void	fleet_run(size_t n, int jobs, int progress, const char *const *labels,
	    void (*fn)(size_t, void *), void *arg);

/*
 * Scans every target of ctx->opts into sr (one host_result per target, in
 * target order) with the rule set rs (read-only, shared by the threads).
 * Hosts that could not be scanned get status and error set; the reasons go
 * to stderr (warnings only with -v) after all hosts ran, in target order.
 */
void	fleet_scan(const struct acquire_ctx *ctx, const struct ruleset *rs,
	    const struct engine_opts *eo, struct scan_result *sr);

/*
 * As fleet_scan, and for every host that was scanned calls hook(i, facts,
 * host, arg) in its worker thread, after its findings are in (fleet rules
 * excepted) and before its facts are freed; i is the target's index.
 * The fixer plans there (fix.h).
 */
typedef void (*fleet_host_hook)(size_t i, const struct facts *,
	    const struct host_result *, void *arg);
void	fleet_scan_hook(const struct acquire_ctx *ctx, const struct ruleset *rs,
	    const struct engine_opts *eo, struct scan_result *sr,
	    fleet_host_hook hook, void *arg);

#endif
