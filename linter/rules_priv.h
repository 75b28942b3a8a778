/*
 * rules_priv.h — the rule set's insides, shared by rules_parse.c, ruleset.c
 * and the engine: compiled regexes travel with each rule.
 */
#ifndef SL_RULES_PRIV_H
#define SL_RULES_PRIV_H

#include "re.h"
#include "rules.h"

struct rule_priv {
	struct rule	 r;	/* first: a struct rule * is a struct rule_priv * */
	struct re	**res;	/* one slot per predicate argument, NULL if not a regex */
	size_t		 nres;
};

struct ruleset {
	struct rule_priv **v;	/* sorted by id after every add */
	size_t		   n;
	size_t		   cap;
	struct strv	   ids;	/* every id seen, also of rejected rules */
	struct strv	   locs;	/* "file:line" of each id */
	struct rule_profile *profiles;
	size_t		   nprofiles;
	int		   profiles_borrowed;	/* a scratch copy: do not free */
	long		   active;	/* index into profiles, -1: none */
};

/* Reads the profile blocks of one file's text into rs (pass 1). */
int	ruleset_add_profiles(struct ruleset *, const char *file,
	    const char *data, size_t len, struct diag *);
void	rule_profile_cleanup(struct rule_profile *);

/* Compiled regexes of r's predicate arguments, indexed like r->args. */
struct re *const *rule_res(const struct rule *);
void	rule_priv_free(struct rule_priv *);
/* Takes ownership of rp. */
void	ruleset_append(struct ruleset *, struct rule_priv *);

#endif
