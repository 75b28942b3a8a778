/*
 * findings.h — the results of evaluating rules against one host, and of a
 * whole scan. The engine produces them, reporters read them.
 */
#ifndef SL_FINDINGS_H
#define SL_FINDINGS_H

#include <stddef.h>

#include "rules.h"

enum verdict {
	VERDICT_PASS,
	VERDICT_FAIL,
	VERDICT_NA,		/* not applicable */
	VERDICT_WAIVED,
	VERDICT_ERROR		/* could not check */
};

struct finding {
	const struct rule	*rule;		/* borrowed: the ruleset outlives findings */
	char			*object;	/* owned: "host", "user:alice", "file:/etc/ssh/sshd_config" */
	enum verdict		 verdict;
	char			*message;	/* owned, one line */
	char			*evidence;	/* owned, may be NULL */
	char			*loc_file;	/* owned, may be NULL */
	unsigned int		 loc_line;	/* 0 if unknown */
	unsigned int		 breaks_login:1; /* sshd refuses key login today */
	char			*fix;		/* owned: the concrete fix for this object, may be NULL */
};

struct findings {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
};

void	findings_init(struct findings *);
void	findings_cleanup(struct findings *);
/* Appends a finding; strings are copied (NULL allowed except object). */
struct finding *findings_add(struct findings *, const struct rule *,
	    const char *object, enum verdict, const char *message);
/* Sorts by (rule id, object) so output is deterministic. */
void	findings_sort(struct findings *);

/* One scanned (or failed) host. */
struct host_result {
	char		*name;		/* label: host, root dir or bundle path */
	int		 status;	/* 0 scanned; SL_ERR_* if it could not be scanned */
	char		*error;		/* one line when status != 0 */
	char		*openssh_version; /* may be NULL */
	char		*dsm_version;	/* may be NULL */
	struct findings	 findings;
};

struct scan_result {
	const struct ruleset	*rules;		/* borrowed */
	struct host_result	*hosts;
	size_t			 nhosts;
	size_t			 cap;
	enum severity		 fail_on;
};

void	scan_result_init(struct scan_result *, const struct ruleset *);
void	scan_result_cleanup(struct scan_result *);
/* Appends a host, name copied; returns a pointer valid until the next add. */
struct host_result *scan_result_add_host(struct scan_result *, const char *name);

/* Counts of FAIL findings at or above sev over every host. */
size_t	scan_result_count_fail(const struct scan_result *, enum severity sev);
size_t	scan_result_count_failed_hosts(const struct scan_result *);

const char	*verdict_name(enum verdict);

#endif
