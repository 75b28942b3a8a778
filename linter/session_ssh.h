/*
 * session_ssh.h — the ssh backend of session.h (libssh): one connection per
 * session, host keys verified against known_hosts (never trusting ssh_config
 * to turn that off), public-key authentication only (ssh-agent, -i, the
 * default and ssh_config identities; never a passphrase or password prompt),
 * and exec over one channel with the argv quoted by shquote().
 */
#ifndef SL_SESSION_SSH_H
#define SL_SESSION_SSH_H

#include "diag.h"
#include "session.h"
#include "targets.h"

struct ssh_conn_opts {
	const struct ssh_target	*target;
	const char	*identity;	/* -i FILE; NULL: agent and defaults only */
	const char	*config_file;	/* -F FILE; NULL: ~/.ssh/config and
					   /etc/ssh/ssh_config */
	const char	*known_hosts;	/* NULL: ~/.ssh/known_hosts */
	int		 accept_new;	/* record an unknown host key */
	int		 become;	/* run every argv through sudo */
	/*
	 * With become: the sudo password (borrowed; must outlive the session).
	 * NULL: `sudo -n` (no password; fails if sudo wants one).
	 */
	const char	*become_password;
	int		 timeout_s;	/* connect + auth + exec; 0: default */
	const char	*label;		/* for diagnostics; NULL: target label */
};

/*
 * Calls ssh_init(); once, before any thread opens a session. Returns 0 or
 * SL_ERR_SYSTEM. session_ssh_global_cleanup() after the last session.
 */
int	session_ssh_global_init(void);
void	session_ssh_global_cleanup(void);

/*
 * Connects, verifies the host key and authenticates, all within
 * opts->timeout_s. Returns 0 and *sessionp, or (with one error in d)
 * SL_ERR_CONNECT, SL_ERR_TIMEOUT, SL_ERR_HOSTKEY_UNKNOWN (the message holds
 * the key's SHA256 fingerprint), SL_ERR_HOSTKEY_CHANGED, SL_ERR_AUTH,
 * SL_ERR_USAGE (an unreadable -F or -i file).
 * Safe to call from several threads, one session per thread.
 */
int	session_ssh_open(const struct ssh_conn_opts *,
	    struct session **sessionp, struct diag *);

/* The user the session authenticated as; NULL for other sessions. */
const char	*session_ssh_user(const struct session *);
/* The port it connected to; 0 for other sessions. */
unsigned int	 session_ssh_port(const struct session *);
/*
 * "Can I still log in?": opens a NEW connection with o exactly as
 * session_ssh_open() does (host key checked, public-key authentication),
 * then closes it. Returns 0 or the SL_ERR_* of session_ssh_open() with the
 * reason in d. The fixer's verification after a reload.
 */
int	session_ssh_can_login(const struct ssh_conn_opts *, struct diag *);

/* "ssh-ed25519 SHA256:..." of the server; NULL for other sessions. */
const char	*session_ssh_hostkey(const struct session *);
/* The server's identification string ("SSH-2.0-OpenSSH_9.2p1 ..."), made
   printable; NULL for other sessions. */
const char	*session_ssh_banner(const struct session *);
/* Milliseconds spent connecting (with the host key check) and
   authenticating; -1 for a session that is not ssh. */
void		 session_ssh_times(const struct session *, long long *connect_ms,
		    long long *auth_ms);

/* The become wrapper's marker line protocol, exposed for tests: the argv
   actually sent for argv under opts (NULL-terminated; free the array and
   *markerp, not the borrowed elements). */
const char	**session_ssh_wrap_argv(const char *const argv[], int become,
		    int with_password, char **markerp);

#endif
