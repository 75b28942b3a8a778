/*
 * facts.h — the typed model of one host, built from a bundle. The facts own
 * the bundle they were built from; every string below points into it or is
 * owned by the facts, and stays valid until facts_free().
 */
#ifndef SL_FACTS_H
#define SL_FACTS_H

#include <stddef.h>

#include "diag.h"
#include "strv.h"

struct bundle;
struct sshd_config;

enum path_type {
	PT_MISSING,		/* lstat: ENOENT */
	PT_UNREADABLE,		/* lstat failed otherwise (EACCES: needs --become) */
	PT_FILE,
	PT_DIR,
	PT_SYMLINK,
	PT_OTHER
};

/* One lstat record, as the collector saw it on the host. */
struct path_fact {
	const char	*path;		/* absolute, as on the host ("/var/services/homes/a") */
	enum path_type	 type;
	unsigned int	 mode;		/* permission bits, 07777 */
	unsigned long	 uid;
	unsigned long	 gid;
	const char	*owner;		/* name from the host's passwd, NULL if unknown */
	const char	*group;		/* name from the host's group, NULL if unknown */
	long long	 size;
	int		 acl;		/* 1: ACL present, 0: none, -1: unknown */
	const char	*link;		/* symlink target, NULL if not a symlink */
	const char	*realpath;	/* every symlink resolved, NULL if unresolvable */
	const char	*err;		/* strerror text when PT_UNREADABLE, else NULL */
};

/* The content of one small text file the collector sent. */
struct file_fact {
	const char	*path;		/* absolute, as on the host */
	const char	*data;		/* NUL-terminated (may hold other NULs); NULL if unreadable */
	size_t		 len;
	int		 truncated;	/* the collector cut it at its limit */
	const char	*err;		/* why unreadable, NULL if read */
};

/* The output of one command the collector ran ("sshd -T", "sshd -V", ...). */
struct cmd_fact {
	const char	*name;
	int		 status;	/* exit status, -1 if it could not run */
	const char	*out;		/* NUL-terminated */
	size_t		 len;
};

struct group_fact {
	const char	*name;
	unsigned long	 gid;
	struct strv	 members;	/* supplementary members from /etc/group */
};

struct user_fact {
	const char	*name;
	unsigned long	 uid;
	unsigned long	 gid;
	const char	*gecos;
	const char	*home;
	const char	*shell;
	struct strv	 groups;	/* every group name, primary first */
	int		 is_admin;	/* uid 0 or member of "administrators" */
	int		 can_login;	/* shell is not nologin/false/empty */
	int		 disabled;	/* 1 disabled (shadow expire or '!'), 0 no, -1 unknown */
};

struct host_fact {
	const char	*name;		/* label in reports: hostname, root dir or bundle */
	const char	*hostname;	/* what the host says it is, NULL if unknown */
	const char	*session;	/* "root", "local", "ssh" */
	const char	*collector_version;
	const char	*bundle_version;
	int		 privileged;	/* the collector ran as root */
	const char	*openssh_version;	/* "9.2", NULL if unknown */
	int		 openssh_version_num;	/* 902; the assumed default when unknown */
	int		 openssh_version_assumed; /* 1 if openssh_version_num is the default */
	const char	*dsm_version;	/* productversion "6.2.3", NULL if not DSM */
	const char	*dsm_build;	/* buildnumber, NULL if unknown */
};

struct facts {
	struct host_fact	 host;
	struct user_fact	*users;
	size_t			 nusers;
	struct group_fact	*groups;
	size_t			 ngroups;
	struct path_fact	*paths;		/* sorted by path */
	size_t			 npaths;
	struct file_fact	*files;		/* sorted by path */
	size_t			 nfiles;
	struct cmd_fact		*cmds;
	size_t			 ncmds;
	/* Key/value pairs of /etc/synoinfo.conf ("key" -> "value"), may be empty. */
	struct strv		 synoinfo_keys;
	struct strv		 synoinfo_values;
	/* Parsed /etc/ssh/sshd_config with its Includes; NULL if absent. */
	struct sshd_config	*sshd;
	const char		*sshd_config_path;
	/* Problems found while building: bad lines in sshd_config, etc. */
	struct diag		 diag;
	struct bundle		*bundle;	/* owned */
};

/* Defaults for building facts. */
struct facts_opts {
	const char	*name;			/* host label; NULL: from the bundle */
	int		 openssh_version;	/* override, e.g. 902; 0: from bundle */
};

/*
 * Builds the facts from a parsed bundle. Consumes bundle (also on failure).
 * Returns 0 and sets *factsp, or a negative SL_ERR_* with the reason in diag.
 */
int	facts_build(struct bundle *bundle, const struct facts_opts *,
	    struct facts **factsp, struct diag *);
void	facts_free(struct facts *);

/* Lookups: borrowed pointers valid until facts_free(), NULL if absent. */
const struct path_fact	*facts_path(const struct facts *, const char *path);
const struct file_fact	*facts_file(const struct facts *, const char *path);
const struct cmd_fact	*facts_cmd(const struct facts *, const char *name);
const struct user_fact	*facts_user(const struct facts *, const char *name);
const struct user_fact	*facts_user_by_uid(const struct facts *, unsigned long);
const struct group_fact	*facts_group_by_gid(const struct facts *, unsigned long);
const char		*facts_synoinfo(const struct facts *, const char *key);

/* The default OpenSSH version assumed when the target's is unknown. */
#define SL_DEFAULT_OPENSSH_VERSION	902
/* "9.2p1" / "OpenSSH_7.4p1" -> 902 / 704; 0 if unparseable. */
int	openssh_version_parse(const char *);

#endif
