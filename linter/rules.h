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
 * Loads the built-in rules (if with_builtin) and every *.rules file of the
 * directories in dirs (NULL-terminated, may be NULL). Every problem is a
 * diag with file:line:column; any error fails the load with SL_ERR_PARSE.
 */
int	ruleset_load(const char *const dirs[], int with_builtin,
	    struct ruleset **rsp, struct diag *);
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
