/*
 * re.h — PCRE2 for rule arguments: patterns are compiled once when the rule
 * set loads and matched many times against host text, which is hostile, so
 * every match runs under a match limit and a depth limit.
 */
#ifndef SL_RE_H
#define SL_RE_H

#include <stddef.h>

#define RE_MATCH_LIMIT	100000u		/* pcre2_set_match_limit() */
#define RE_DEPTH_LIMIT	1000u		/* pcre2_set_depth_limit() */

struct re;

/*
 * Compiles pattern (UTF-8, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, plus
 * PCRE2_MULTILINE so ^ and $ work per line of a file). JIT is used when
 * available, the interpreter otherwise. Returns 0 and *rep, or SL_ERR_PARSE
 * with *erroffp (0-based offset in pattern) and *errmsgp (caller frees).
 */
int	re_compile(const char *pattern, struct re **rep, size_t *erroffp,
	    char **errmsgp);
/*
 * Matches subject[0..len). Returns 0 and *matchedp (1 match, 0 no match:
 * PCRE2's -1), or SL_ERR_TOO_LARGE when a limit was hit, SL_ERR_INTERNAL
 * on any other PCRE2 error; *matchedp is 0 then. Invalid UTF-8 in the
 * subject never matches and is not an error.
 */
int	re_match(const struct re *, const char *subject, size_t len,
	    int *matchedp);
const char *re_pattern(const struct re *);
void	re_free(struct re *);

#endif
