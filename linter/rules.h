/*
 * rules.h — the rule set: rules/NAME.rules compiled once (built-in files plus
 * --rules directories), read-only afterwards. Predicates are C functions
 * registered in predicate_list.h.
 */
#ifndef SL_RULES_H
#define SL_RULES_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "strv.h"

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL };
enum scope { SCOPE_HOST, SCOPE_USER, SCOPE_FILE, SCOPE_KEY };

struct predicate;

/* A structured fix: an action name and its arguments ("sshd_set", ...). */
struct fix_spec {
	char		*action;	/* "sshd_set", "sshd_remove", "chmod", "manual" */
	struct strv	 args;
	char		*text;		/* human-readable steps */
};

struct rule {
	char			*id;		/* "SSHD-001"; stable forever */
	char			*title;
	char			*rationale;
	enum severity		 severity;
	enum scope		 scope;
	struct strv		 refs;		/* "CIS-5.2.10", "dev-sec:sshd-7", ... */
	const struct predicate	*pred;		/* resolved at load time */
	struct strv		 args;		/* predicate arguments */
	struct fix_spec		 fix;		/* fix.action NULL if none */
	struct fix_spec		 dsm_fix;	/* on DSM instead of fix; action NULL if none */
	char			*file;		/* where defined */
	unsigned int		 line;
};

struct ruleset;

/*
 * A profile: values for the ${variables} rule arguments may use, chosen
 * with --profile (rules/README.md). Every profile sets the same variables.
 */
struct rule_profile {
	char		*name;		/* "internet" */
	char		*title;		/* one line, may be NULL */
	int		 is_default;	/* used when --profile is not given */
	struct strv	 vars;		/* variable names, in file order */
	struct strv	 values;	/* their values: words joined by one space */
	char		*file;
	unsigned int	 line;
};

/*
 * Loads the built-in rules (if with_builtin) and every *.rules file of the
 * directories in dirs (NULL-terminated, may be NULL). Every problem is a
 * diag with file:line:column; any error fails the load with SL_ERR_PARSE.
 */
int	ruleset_load(const char *const dirs[], int with_builtin,
	    struct ruleset **rsp, struct diag *);
/*
 * As ruleset_load, with ${variables} resolved from the profile called
 * profile (NULL: the default profile). Profile blocks are read from every
 * file first; every other profile is checked too, so a value that breaks
 * a rule is an error whichever profile is chosen.
 */
int	ruleset_load_profile(const char *const dirs[], int with_builtin,
	    const char *profile, struct ruleset **rsp, struct diag *);
size_t	ruleset_profile_count(const struct ruleset *);
const struct rule_profile *ruleset_profile_get(const struct ruleset *,
	    size_t i);
/* The profile in use, NULL when the rule set defines none. */
const char *ruleset_profile_active(const struct ruleset *);
/* Prints every profile's values as a table (synolint rules). */
void	ruleset_print_profiles(FILE *, const struct ruleset *);
/* Parses one rule file's text into rs (used by ruleset_load and tests). */
int	ruleset_add_text(struct ruleset *, const char *file, const char *data,
	    size_t len, struct diag *);
struct ruleset *ruleset_new(void);
void	ruleset_free(struct ruleset *);
size_t	ruleset_count(const struct ruleset *);
/* Rules sorted by id. Borrowed until ruleset_free(). */
const struct rule *ruleset_rule(const struct ruleset *, size_t i);
const struct rule *ruleset_find(const struct ruleset *, const char *id);
/*
 * Prints the rule set in normalised rule-file syntax, sorted by id; loading
 * the output gives the same rules. Returns 0 or SL_ERR_SYSTEM.
 */
int	ruleset_dump(FILE *, const struct ruleset *);

const char	*severity_name(enum severity);
/* Returns 0 and *sevp, or SL_ERR_PARSE. */
int		 severity_parse(const char *, enum severity *sevp);
const char	*scope_name(enum scope);

#endif
