/*
 * targets.h — remote targets: "[user@]host[:port]" specs from the command
 * line and from inventory files (`--inventory FILE`: one target per line,
 * `#` comments, `[group]` headers expanded on the command line by "@group"),
 * -l/-p defaults, and deduplication in first-seen order.
 *
 * Host and user names are restricted to characters that are safe anywhere
 * libssh may put them (ProxyCommand %h/%r, known_hosts lines): letters,
 * digits, '.', '-', '_' (and ':' inside an IPv6 literal), never a leading
 * '-'. Anything else is rejected with a reason instead of being quoted.
 */
#ifndef SL_TARGETS_H
#define SL_TARGETS_H

#include <stddef.h>

#include "diag.h"
#include "strv.h"

#define TARGET_MAX_SPEC		1024u	/* one target spec or inventory line */
#define INVENTORY_MAX_SIZE	(4u * 1024 * 1024)
#define INVENTORY_MAX_HOSTS	100000u

struct ssh_target {
	char		*label;		/* as written: "admin@nas1:2222" */
	char		*host;		/* name, address or ssh_config alias */
	char		*user;		/* NULL: -l, ssh_config or the local user */
	unsigned int	 port;		/* 0: -p, ssh_config or 22 */
};

/*
 * Parses one spec into t (zeroed first; free with ssh_target_cleanup()).
 * Returns 0, or SL_ERR_PARSE with *why set to a static reason.
 */
int	ssh_target_parse(const char *spec, struct ssh_target *t,
	    const char **why);
void	ssh_target_cleanup(struct ssh_target *);
/* A deep copy of src into dst. */
void	ssh_target_copy(struct ssh_target *dst, const struct ssh_target *src);

struct inventory_host {
	char		*spec;
	unsigned int	 line;
	size_t		 group;		/* index into groups; (size_t)-1: none */
};

struct inventory {
	char			*path;
	struct inventory_host	*hosts;
	size_t			 nhosts;
	struct strv		 groups;	/* group names, in file order */
};

/*
 * Reads an inventory file (at most INVENTORY_MAX_SIZE bytes). Every spec is
 * checked with ssh_target_parse(); a mistake is an error "FILE:LINE: ...".
 * Returns 0, or SL_ERR_PARSE / SL_ERR_TOO_LARGE / SL_ERR_NOT_FOUND /
 * SL_ERR_SYSTEM with the reason in d. inv is always initialised.
 */
int	inventory_load(const char *path, struct inventory *inv, struct diag *d);
/* The same from memory; name labels the diags. */
int	inventory_parse(const char *data, size_t len, const char *name,
	    struct inventory *inv, struct diag *d);
/* Frees everything; inv is left zeroed (a zeroed inventory is empty). */
void	inventory_cleanup(struct inventory *);

struct target_defaults {
	const char	*user;		/* -l; NULL: none */
	unsigned int	 port;		/* -p; 0: none */
};

/*
 * Turns positional arguments into targets: a spec, or "@group" (a group of
 * inv; "@all" is every host of inv). With no arguments and an inventory,
 * every host of the inventory. Defaults fill a missing user or port. The
 * same (user, host, port) twice is kept once, at its first place.
 * Returns 0 and a new array in *tp / *np (free with targets_free()), or
 * SL_ERR_USAGE / SL_ERR_PARSE with one error in d.
 */
int	targets_resolve(const char *const args[], size_t nargs,
	    const struct inventory *inv, const struct target_defaults *def,
	    struct ssh_target **tp, size_t *np, struct diag *d);
void	targets_free(struct ssh_target *, size_t n);

/* Parses a port "1".."65535"; returns it or 0. */
unsigned int	target_parse_port(const char *s);

#endif
