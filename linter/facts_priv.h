/*
 * facts_priv.h — what the facts_*.c files share and nobody else sees: the
 * owner of every string the facts allocate, and the build steps.
 */
#ifndef SL_FACTS_PRIV_H
#define SL_FACTS_PRIV_H

#include <stddef.h>

#include "facts.h"
#include "strv.h"

struct facts_impl {
	struct facts	 pub;		/* first: a struct facts * is one of these */
	struct strv	 owned;		/* strings and buffers the facts allocated */
	/* Lookup indexes into pub.users / pub.groups. */
	const struct user_fact	**user_by_name;	/* by (name, file order) */
	const struct user_fact	**user_by_uid;	/* by (uid, file order) */
	const struct group_fact	**group_by_gid;	/* by (gid, file order) */
};

/* Keeps s (from malloc) until facts_free(); returns it. */
char	*facts_own(struct facts_impl *, char *s);

/* Host facts from meta, VERSION, synoinfo.conf and sshd -V. */
void	facts_build_host(struct facts_impl *, const struct facts_opts *);
/* Users and groups from /etc/passwd, /etc/group, /etc/shadow. */
int	facts_build_users(struct facts_impl *, struct diag *);
void	facts_free_users(struct facts_impl *);
/* Paths (with owner names and realpath), files and commands. */
int	facts_build_paths(struct facts_impl *, struct diag *);
void	facts_free_paths(struct facts_impl *);

/*
 * /etc/ssh/sshd_config and its Includes from the file records (after the
 * host and the files are built). Parse problems go to the facts' diag;
 * returns non-zero only past a limit (SL_ERR_TOO_LARGE).
 */
int	facts_build_sshd(struct facts_impl *);
void	facts_free_sshd(struct facts_impl *);

/* DSM's view, ACL listings and listeners (facts_dsm.c; after paths). */
int	facts_build_dsm(struct facts_impl *, struct diag *);
void	facts_free_dsm(struct facts_impl *);

/*
 * Shell-style key="value" lines (synoinfo.conf, VERSION) appended to keys
 * and values; bad lines go to d as warnings with file:line.
 */
void	facts_parse_kv(const char *file, const char *data, size_t len,
	    struct strv *keys, struct strv *values, struct diag *d);

#endif
