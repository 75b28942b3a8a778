/* engine.h — evaluates a rule set against one host's facts; never prints. */
#ifndef SL_ENGINE_H
#define SL_ENGINE_H

#include "facts.h"
#include "findings.h"
#include "rules.h"

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

#endif
