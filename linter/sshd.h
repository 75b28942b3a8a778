/*
 * sshd.h — sshd_config as sshd reads it: a parser that keeps file:line for
 * every directive and expands Include in place, and the effective
 * configuration for a connection context (first value wins, Match blocks,
 * OpenSSH defaults for the target's version), printed like `sshd -T`.
 */
#ifndef SL_SSHD_H
#define SL_SSHD_H

#include <stdio.h>

#include "diag.h"
#include "strv.h"

/* Where configuration files come from: a bundle, a directory tree, memory. */
struct sshd_source {
	/*
	 * Looks up a file by absolute path. Returns 0 and a borrowed pointer
	 * to its NUL-terminated contents, SL_ERR_NOT_FOUND if it does not
	 * exist, or another SL_ERR_* if it exists but could not be read.
	 */
	int	(*read)(void *arg, const char *path, const char **datap,
		    size_t *lenp);
	/*
	 * Appends every existing path matching an absolute glob(3) pattern
	 * to out, sorted as glob(3) sorts. Returns 0 or SL_ERR_*.
	 */
	int	(*glob)(void *arg, const char *pattern, struct strv *out);
	void	*arg;
};

/* Files under a directory root ("/" for this machine). Caller keeps root. */
struct sshd_source_dir;
struct sshd_source_dir *sshd_source_dir_new(const char *root);
void	sshd_source_dir_free(struct sshd_source_dir *);
struct sshd_source sshd_source_dir(struct sshd_source_dir *);

/* What sshd thinks of a directive. */
enum sshd_kw_status {
	SSHD_KW_OK,
	SSHD_KW_DEPRECATED,	/* sshd: "Deprecated option" (ignored) */
	SSHD_KW_UNSUPPORTED,	/* sshd: "Unsupported option" (ignored) */
	SSHD_KW_UNKNOWN,	/* sshd: "Bad configuration option" (fatal) */
	SSHD_KW_BAD_VALUE,	/* keyword known, value rejected (fatal) */
	SSHD_KW_NOT_IN_MATCH	/* keyword not allowed in a Match block (fatal) */
};

struct sshd_directive {
	const char	*keyword;	/* as written */
	const char	*name;		/* canonical lowercase sshd -T name, NULL if unknown */
	const char	*args;		/* raw argument text after the keyword */
	const char	*file;		/* absolute path on the host */
	unsigned int	 line;
	int		 match;		/* 0: global section, n: inside Match block n (1-based) */
	enum sshd_kw_status status;
};

struct sshd_config;

/*
 * Parses path (normally "/etc/ssh/sshd_config") and its Includes for the
 * given OpenSSH version (e.g. 902). Lines sshd would reject or ignore are
 * kept with their status and reported in diag with file:line; they do not
 * fail the parse. Returns 0 and *cfgp, or SL_ERR_NOT_FOUND if path does not
 * exist, SL_ERR_TOO_LARGE past the limits of sl_limits.h.
 */
int	sshd_config_load(const char *path, const struct sshd_source *,
	    int openssh_version, struct sshd_config **cfgp, struct diag *);
void	sshd_config_free(struct sshd_config *);
size_t	sshd_config_count(const struct sshd_config *);
/* Directives in the order sshd reads them (Includes expanded). Borrowed. */
const struct sshd_directive *sshd_config_get(const struct sshd_config *,
	    size_t i);
/* Number of Match blocks, and the criteria text of block n (1-based). */
size_t	sshd_config_nmatch(const struct sshd_config *);
const char *sshd_config_match_text(const struct sshd_config *, size_t n);

/* A connection, as `sshd -T -C` takes it. NULL fields are not given. */
struct sshd_match_ctx {
	const char		*user;
	const struct strv	*groups;	/* the user's groups, for Match Group */
	const char		*host;
	const char		*addr;
	const char		*laddr;
	int			 lport;		/* 0: not given */
	const char		*rdomain;
};

/* Parses "user=U,host=H,addr=A,laddr=L,lport=P,rdomain=R" (sshd -C). */
int	sshd_match_ctx_parse(const char *spec, struct sshd_match_ctx *,
	    struct strv *storage, struct diag *);

struct sshd_effective;

/*
 * The effective settings for ctx (NULL: no connection; Match blocks are
 * not applied, as `sshd -T` without -C). Returns 0 or SL_ERR_*.
 */
int	sshd_effective_new(const struct sshd_config *,
	    const struct sshd_match_ctx *ctx, struct sshd_effective **effp,
	    struct diag *);
void	sshd_effective_free(struct sshd_effective *);
/*
 * The value of a keyword (canonical lowercase name) exactly as `sshd -T`
 * prints it on its first line for that keyword, NULL if sshd -T prints none.
 */
const char *sshd_eff_value(const struct sshd_effective *, const char *name);
/* Every value line sshd -T prints for name (hostkey, port, ...); borrowed. */
const struct strv *sshd_eff_values(const struct sshd_effective *,
	    const char *name);
/*
 * The directive that set name, or NULL when the value is OpenSSH's default.
 * Borrowed from the config.
 */
const struct sshd_directive *sshd_eff_origin(const struct sshd_effective *,
	    const char *name);
/* Writes every setting in the format and order of `sshd -T`. */
int	sshd_eff_print(FILE *, const struct sshd_effective *);
/* Whether name is a keyword sshd -T prints for this version. */
int	sshd_keyword_known(const char *name, int openssh_version);

#endif
