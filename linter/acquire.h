/*
 * acquire.h — from a command-line target to a bundle and its facts: runs the
 * collector over the right session (--root, --local, ssh) or reads a saved
 * bundle. Safe to call from several threads at once (one target each).
 */
#ifndef SL_ACQUIRE_H
#define SL_ACQUIRE_H

#include "cli.h"
#include "diag.h"
#include "facts.h"
#include "sbuf.h"

/* What every acquisition of one run shares; read-only while hosts run. */
struct acquire_ctx {
	const struct cli_opts	*opts;
	const char		*become_password;	/* NULL: sudo -n */
	/*
	 * NULL, or one slot per target of opts: a target's session is kept
	 * there after its collector ran (--fix applies over it; the caller
	 * frees them). Each worker writes only its own slot.
	 */
	struct session		**sessions;
};

struct ssh_conn_opts;
/* The connection options of a remote target (borrowing from ctx and t). */
void	acquire_ssh_opts(const struct acquire_ctx *, const struct cli_target *,
	    struct ssh_conn_opts *);
/* Where the time of one host went (-v); -1: not applicable. */
struct acquire_times {
	long long	 connect_ms;	/* ssh: connect and host key check */
	long long	 auth_ms;	/* ssh: authentication */
	long long	 collect_ms;	/* the collector run, or reading a bundle */
	unsigned int	 round_trips;	/* commands run on the host */
	size_t		 bytes;		/* bundle size */
	/* ssh: what the host showed (empty otherwise; control bytes made
	   printable by the session, truncated to fit) */
	char		 server[256];	/* its version banner */
	char		 host_key[160];	/* "TYPE SHA256:..." as verified */
};

/* The label a target has in reports: the directory, bundle path, remote
   target as written, or "local". */
const char *acquire_label(const struct cli_target *);

/*
 * Runs the collector for a --root, --local or remote target and returns the
 * raw bundle bytes in out (bounded by SL_MAX_BUNDLE). Returns 0 or SL_ERR_*
 * with the reason in diag.
 */
int	acquire_bundle_bytes(const struct acquire_ctx *,
	    const struct cli_target *, struct sbuf *out, struct diag *);

/*
 * Builds the facts of a target of any kind. Returns 0 and *factsp, or
 * SL_ERR_* with the reason in diag.
 */
int	acquire_facts(const struct acquire_ctx *, const struct cli_target *,
	    struct facts **factsp, struct diag *);
/* As acquire_facts, and fills times (which may be NULL). */
int	acquire_facts_timed(const struct acquire_ctx *,
	    const struct cli_target *, struct facts **factsp,
	    struct acquire_times *times, struct diag *);

#endif
