/*
 * session.h — how bytes reach a host: run one argv there with some bytes on
 * stdin and bring back its exit status and bounded stdout/stderr. A session
 * owns its connection (or nothing, for local and root sessions) and nothing
 * else. Backends: session_local.c (fork/exec here), session_root.c (the same,
 * for a NAS filesystem copied or mounted under a directory), later ssh.
 *
 * exec takes an ARGV, never a command string: local backends hand it to
 * execv() (no shell at all), a remote backend quotes every element with
 * shquote(). Shell injection is impossible by construction.
 */
#ifndef SL_SESSION_H
#define SL_SESSION_H

#include "diag.h"
#include "sbuf.h"

struct session;

/* What one exec brought back. out and err belong to the caller. */
struct exec_result {
	struct sbuf	*out;		/* stdout, bounded by out->max */
	struct sbuf	*err;		/* stderr, bounded by err->max; NULL: discard */
	int		 status;	/* exit status, 128+N if killed by signal N,
					   -1 if the command could not run */
};

struct session_ops {
	const char	*name;		/* "local", "root", "ssh" */
	/* Runs argv (argv[0] an absolute path for local backends). */
	int		(*exec)(struct session *, const char *const argv[],
			    const struct sbuf *input, struct exec_result *);
	/* Releases the backend's state; optional. */
	void		(*close)(struct session *);
};

struct session_opts {
	int		 timeout_s;	/* per exec; 0: SESSION_DEFAULT_TIMEOUT */
	const char	*label;		/* host label for diagnostics; NULL: backend's */
};

#define SESSION_DEFAULT_TIMEOUT	300

/*
 * A session on this machine. Returns 0 and sets *sessionp (free with
 * session_free()), or a negative SL_ERR_*.
 */
int	session_local_open(const struct session_opts *,
	    struct session **sessionp, struct diag *);
/*
 * A session for the NAS filesystem under dir (a mounted disk or a copy):
 * commands run here, and the collector reads every host path under dir.
 * dir must be an existing directory; it is stored resolved (realpath).
 * Returns 0 and sets *sessionp, or a negative SL_ERR_* with a diag.
 */
int	session_root_open(const char *dir, const struct session_opts *,
	    struct session **sessionp, struct diag *);

/*
 * Runs argv on the session's host with input (may be NULL: empty stdin).
 * Resets res->out and res->err first. Returns 0 when the command ran to
 * its end (whatever its status), SL_ERR_TIMEOUT when it exceeded the
 * session's timeout (it is killed), SL_ERR_TOO_LARGE when it wrote more
 * than a buffer's max (it is killed), SL_ERR_NOT_FOUND / SL_ERR_SYSTEM
 * when it could not be started (status -1).
 */
int	session_exec(struct session *, const char *const argv[],
	    const struct sbuf *input, struct exec_result *);
/* NULL-safe. */
void	session_free(struct session *);

/* "local", "root", "ssh". */
const char	*session_name(const struct session *);
/* How many commands session_exec ran: round trips to the host. */
unsigned int	 session_exec_count(const struct session *);
/* The directory of a root session (resolved); NULL for other sessions. */
const char	*session_root(const struct session *);
/* The label given in the options, else the backend's (root: the directory). */
const char	*session_label(const struct session *);
int		 session_timeout(const struct session *);

/* For backends. */
struct session	*session_new(const struct session_ops *, void *priv,
		    const struct session_opts *);
void		*session_priv(const struct session *);
void		 session_set_root(struct session *, const char *dir);
/*
 * fork/execv argv on this machine: stdin from input, stdout/stderr into
 * res, killed (with its process group) after timeout_s seconds. Returns as
 * session_exec(). Shared by the local and root backends.
 */
int	session_local_exec(const char *const argv[], const struct sbuf *input,
	    int timeout_s, struct exec_result *res);

#endif
