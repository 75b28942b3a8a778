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

/* The waiver that turned a FAIL into VERDICT_WAIVED (waivers.c). */
struct finding_waiver {
	char		*file;		/* the --waivers file */
	unsigned int	 line;		/* the waiver's line in it */
	char		*expires;	/* "YYYY-MM-DD", the last day it applies */
	char		*justification;
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
	struct finding_waiver	*waiver;	/* owned: set when verdict is VERDICT_WAIVED */
	char			*fix_path;	/* owned: the real path a chmod/chown fix
						   acts on (FAIL only), may be NULL */
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

/* One action of `--fix` on a host, as reported (fix_apply.c fills it). */
struct host_fix_entry {
	char		*state;		/* fixed, left, skipped, refused */
	char		*rule_id;
	char		*object;	/* NULL for a refused rule */
	char		*detail;	/* what was done, or why not */
};

/* What `--fix` did on one host; NULL in host_result without --fix. */
struct host_fix {
	char			*outcome;	/* fix_outcome_name() */
	char			*message;	/* one line, may be NULL */
	struct host_fix_entry	*v;
	size_t			 n;
	char			**backups;	/* backup files made, n_backups */
	size_t			 nbackups;
	char			*rollback;	/* rollback script path, may be NULL */
};

void	host_fix_free(struct host_fix *);

/* One scanned (or failed) host. */
struct host_result {
	char		*name;		/* label: host, root dir or bundle path */
	int		 status;	/* 0 scanned; SL_ERR_* if it could not be scanned */
	char		*error;		/* one line when status != 0 */
	char		*openssh_version; /* may be NULL */
	char		*dsm_version;	/* may be NULL */
	struct findings	 findings;
	struct host_fix	*fix;		/* owned: --fix outcome, else NULL */
	char		*ssh_server;	/* ssh targets: the server's banner */
	char		*ssh_host_key;	/* ssh targets: the verified host key,
					   "TYPE SHA256:..."; else NULL */
};

struct waivers;
struct trust_map;

struct scan_result {
	const struct ruleset	*rules;		/* borrowed */
	struct host_result	*hosts;
	size_t			 nhosts;
	size_t			 cap;
	enum severity		 fail_on;
	/*
	 * Findings about the run rather than one host: expired and stale
	 * waivers (WAIVER-001, WAIVER-002). Counted like host findings.
	 */
	struct findings		 run_findings;
	const struct waivers	*waivers;	/* borrowed; NULL without --waivers */
	/*
	 * Owned: the keys of every scanned host joined into one trust map
	 * (fleet_scan), for the reports; NULL when none was built.
	 */
	struct trust_map	*trust;
};

void	scan_result_init(struct scan_result *, const struct ruleset *);
void	scan_result_cleanup(struct scan_result *);
/* Appends a host, name copied; returns a pointer valid until the next add. */
struct host_result *scan_result_add_host(struct scan_result *, const char *name);

/* Counts of FAIL findings at or above sev over every host and the run. */
size_t	scan_result_count_fail(const struct scan_result *, enum severity sev);
size_t	scan_result_count_failed_hosts(const struct scan_result *);

const char	*verdict_name(enum verdict);

#endif
