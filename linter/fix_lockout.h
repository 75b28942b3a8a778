/*
 * fix_lockout.h — would a fix plan cut off synolint's own login? The
 * post-fix sshd configuration (the plan's new file contents over the
 * audited ones) is parsed and evaluated with the real effective-config code
 * for the connection synolint itself uses: its user (and that user's
 * groups), public-key authentication (the only method synolint uses), and
 * the port it connected to.
 */
#ifndef SL_FIX_LOCKOUT_H
#define SL_FIX_LOCKOUT_H

#include "facts.h"
#include "fix.h"

/* synolint's own login on the host. */
struct fix_login {
	const char	*user;		/* who synolint logged in as */
	unsigned int	 port;		/* the port it connected to; 0: unknown */
	const char	*addr;		/* its address as the host sees it; NULL */
};

/*
 * Returns 0 when the plan keeps that login working, 1 when it would cut
 * it (*whyp: one line naming the setting, to free), SL_ERR_* when the
 * post-fix configuration cannot be evaluated (*whyp set too). Only the
 * plan's used edits (fix_edit_used) count.
 */
int	fix_lockout_check(const struct fix_plan *, const struct facts *,
	    const struct fix_login *, char **whyp);

#endif
