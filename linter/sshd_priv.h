/*
 * sshd_priv.h — internals shared by the sshd_*.c files: the parsed config,
 * the keyword table lookup, sshd's tokenizer and value checks, and the
 * Match/pattern/address matchers. Not for other modules: use sshd.h.
 */
#ifndef SL_SSHD_PRIV_H
#define SL_SSHD_PRIV_H

#include <stddef.h>

#include "sshd.h"
#include "sshd_keywords.h"
#include "strv.h"

struct sshd_kwrow {
	const char	*spelling;
	const char	*canon;
	enum sshd_type	 type;
	enum sshd_mode	 mode;
	unsigned int	 flags;
	int		 since;
	int		 until;
	enum sshd_status status;
	const char	*dflt;
};

/* One row per spelling in table order; NULL-terminated. */
extern const struct sshd_kwrow sshd_kwtab[];

/* The row for keyword (any case) at version v, NULL if unknown there. */
const struct sshd_kwrow *sshd_kw_lookup(const char *keyword, int v);
/* The canonical row of canon at version v, NULL if none. */
const struct sshd_kwrow *sshd_kw_canon(const char *canon, int v);
/* Default printed value(s) of a canonical keyword at version v, or NULL. */
const char *sshd_kw_default(const struct sshd_kwrow *, int v);

struct sshd_config {
	int			 version;
	struct sshd_directive	*dirs;
	size_t			 ndirs;
	size_t			 cap;
	struct strv		 matches;	/* criteria text, block n at n-1 */
	size_t			*match_parent;	/* block n: block in effect
						   where its file was included */
	struct strv		 strings;	/* owned storage for dirs' strings */
	size_t			 nlines;
};

/*
 * sshd's keyword split (strdelim with '='): *sp is advanced past the
 * keyword and one separator. Returns the keyword (in place, NUL-terminated)
 * or NULL for a bad quote.
 */
char	*sshd_strdelim(char **sp);
/*
 * sshd's argv_split(s, ..., terminate_on_comment=1): quotes, backslash
 * escapes, '#' at a token start ends the line. Returns 0 or -1 on an
 * unterminated quote.
 */
int	sshd_argv_split(const char *s, struct strv *out);

/*
 * Checks the arguments of one directive (args: the raw text after the
 * keyword) as servconf.c does for version v, and appends to out the value
 * strings `sshd -T` would print for this line alone. Returns 0, or -1 with a
 * one-line reason written to why.
 */
int	sshd_value_check(const struct sshd_kwrow *, const char *args, int v,
	    struct strv *out, char *why, size_t whylen);

/* Algorithm lists: kex_assemble_names() for the given type. */
int	sshd_algs_assemble(enum sshd_type, int v, const char *spec,
	    char **outp);
int	sshd_algs_valid(enum sshd_type, int v, const char *spec);

/* match.c equivalents. */
int	sshd_match_pattern(const char *s, const char *pattern);
int	sshd_match_pattern_list(const char *s, const char *list, int dolower);
/* addr_match_list(): 1 match, 0 none, -1 negated match, -2 bad list. */
int	sshd_addr_match_list(const char *addr, const char *list);
/*
 * Checks Match criteria text. Returns 0, or -1 with a reason in why.
 */
int	sshd_match_check(const char *criteria, char *why, size_t whylen);
/*
 * Evaluates Match criteria for ctx: 1 matches, 0 does not, -1 sshd -T -C
 * would stop (why says which connection field is missing).
 */
int	sshd_match_eval(const char *criteria, const struct sshd_match_ctx *,
	    char *why, size_t whylen);

#endif
