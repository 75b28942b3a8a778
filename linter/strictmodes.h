/*
 * strictmodes.h — what sshd's StrictModes will refuse, decided from lstat
 * facts alone (OpenSSH's safe_path() walk on the realpath), and what it
 * accepts but a hardened host would not. Also what the user cannot open:
 * sshd reads authorized_keys with the user's uid and groups
 * (temporarily_use_uid), whatever StrictModes says.
 */
#ifndef SL_STRICTMODES_H
#define SL_STRICTMODES_H

#include "facts.h"

enum sm_verdict {
	SM_OK,			/* accepted, nothing to improve */
	SM_ADVICE,		/* accepted; hardening advice (0755 home, ACL, ...) */
	SM_REFUSED,		/* sshd refuses the file with StrictModes yes */
	SM_MISSING,		/* the file does not exist */
	SM_UNREADABLE		/* could not check: unreadable or not collected */
};

struct sm_result {
	enum sm_verdict	 verdict;
	char		*realpath;	/* of the key file, NULL if unresolved */
	char		*fault;		/* the path at fault (REFUSED/ADVICE/UNREADABLE) */
	char		*reason;	/* one line, sshd's words when REFUSED */
	char		*evidence;	/* every checked path: mode, ACL, owner */
	unsigned int	 fault_mode;	/* mode of fault */
	int		 fault_acl;	/* ACL of fault: 1, 0, -1 unknown */
	int		 fault_owner;	/* 1: fault is the owner, 0: the mode */
	unsigned int	 fix_mode;	/* mode that cures fault (when !fault_owner) */
	int		 unopenable;	/* REFUSED because the user cannot open
					   the file at all: StrictModes no
					   does not help */
};

/*
 * Checks keyfile (absolute, as sshd would open it) for user. Never fails:
 * the verdict says what could be decided. Call sm_result_cleanup() after.
 */
void	strictmodes_check(const struct facts *, const struct user_fact *,
	    const char *keyfile, struct sm_result *);
void	sm_result_cleanup(struct sm_result *);

/*
 * Resolves every symlink of path from the lstat facts (like realpath(3)).
 * Returns 0 and *realp (caller frees) and *factp (fact of the result, NULL
 * if not collected); SL_ERR_NOT_FOUND when a component is missing;
 * SL_ERR_SYSTEM when a component is unreadable (*realp then names it);
 * SL_ERR_PARSE on a symlink loop.
 */
int	sm_realpath(const struct facts *, const char *path, char **realp,
	    const struct path_fact **factp);

#endif
