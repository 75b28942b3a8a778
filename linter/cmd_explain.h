/* cmd_explain.h — `synolint explain RULE-ID`: one rule for a person. */
#ifndef SL_CMD_EXPLAIN_H
#define SL_CMD_EXPLAIN_H

#include <stdio.h>

#include "rules.h"

/*
 * Prints the rule's rationale, the evidence it looks at, the fix and the
 * references to fp. Returns 0, or SL_ERR_NOT_FOUND after printing to stderr
 * a one-line error with the closest rule ids.
 */
int	explain_rule(FILE *fp, const struct ruleset *, const char *id);

/* "synolint: error: no rule ID; did you mean ...?" on stderr, one line. */
void	explain_unknown(const struct ruleset *, const char *id);

/* Up to max ids of rs close to id (edit distance, case-insensitive). */
size_t	explain_suggest(const struct ruleset *, const char *id,
	    const char **out, size_t max);

#endif
