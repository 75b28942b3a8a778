/* engine.h — evaluates a rule set against one host's facts; never prints. */
#ifndef SL_ENGINE_H
#define SL_ENGINE_H

#include "facts.h"
#include "findings.h"
#include "rules.h"

struct trust_map;

struct engine_opts {
	const char *const	*only;	/* NULL-terminated rule ids/globs, NULL: all */
	const char *const	*skip;	/* NULL-terminated rule ids/globs, NULL: none */
};

/*
 * Appends one finding per rule x object to out (PASS, FAIL, NA or ERROR).
 * Returns 0, or SL_ERR_* on an internal failure (rule errors are ERROR
 * findings, not failures).
 */
int	engine_eval(const struct ruleset *, const struct facts *,
	    const struct engine_opts *, struct findings *out);

/*
 * Fleet rules (predicates with SC_FLEET) judge the keys of every host of a
 * run together. engine_eval() evaluates them over this host alone (a run
 * of one host); engine_eval_host() with defer_fleet 1 leaves them out, for
 * engine_eval_fleet() once every host was collected (fleet.c).
 */
int	engine_eval_host(const struct ruleset *, const struct facts *,
	    const struct engine_opts *, int defer_fleet, struct findings *out);

/* Whether a selected rule of rs needs the fleet pass. */
int	engine_has_fleet_rules(const struct ruleset *,
	    const struct engine_opts *);

/*
 * Evaluates the selected fleet rules for host h of fleet (no facts needed:
 * the trust map holds every host's keys), appending to out.
 */
int	engine_eval_fleet(const struct ruleset *, const struct trust_map *fleet,
	    size_t h, const struct engine_opts *, struct findings *out);

#endif
