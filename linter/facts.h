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

/* One entry of a path's ACL, from synoacltool -get (DSM) or getfacl -n. */
enum acl_who {
	ACLW_OWNER,		/* Synology "owner", POSIX "user::" */
	ACLW_USER,		/* a named user */
	ACLW_GROUP,		/* a named group */
	ACLW_OWNING_GROUP,	/* POSIX "group::" (the file's group) */
	ACLW_EVERYONE,		/* Synology "everyone", POSIX "other::" */
	ACLW_AUTHENTICATED,	/* Synology "authenticated_user" */
	ACLW_SYSTEM,		/* Synology "system" */
	ACLW_MASK		/* POSIX "mask::" (limits named entries) */
};

struct acl_entry {
	enum acl_who	 who;
	const char	*name;		/* user/group name (host's files), or the id; NULL if none */
	int		 allow;		/* 1 allow, 0 deny */
	int		 write;		/* grants write, append, delete-child, ACL change or ownership */
	int		 inherited;	/* Synology level > 0 */
	const char	*text;		/* the entry as listed */
};

struct acl_fact {
	const char		*path;		/* host path, as the stat record names it */
	const char		*source;	/* "synoacltool" or "getfacl" */
	struct acl_entry	*v;
	size_t			 n;
};

/* A DSM service switch: 1 on, 0 off, -1 unknown; source says where from. */
struct dsm_toggle {
	int		 on;
	const char	*source;
};

/*
 * DSM's own view of the box (facts_dsm.c): /etc.defaults/VERSION,
 * /etc/synoinfo.conf and, when the collector ran as root on the live box,
 * synowebapi's answers. Every "unknown" carries the reason.
 */
struct dsm_fact {
	int		 is_dsm;	/* /etc.defaults/VERSION was collected */
	int		 major, minor, micro;	/* 7, 2, 2; -1 unknown */
	int		 smallfix;	/* "Update N"; -1 unknown */
	const char	*model;		/* upnpmodelname, NULL if unknown */
	const char	*unique;	/* synology_<platform>_<model> */
	const char	*hw_version;	/* /proc/sys/kernel/syno_hw_version */
	const char	*service_manager; /* "synosystemctl" (7) / "synoservicectl" (6) */
	int		 sshd_active;	/* its answer for sshd: 1, 0, -1 unknown */
	const char	*webapi_reason;	/* why synowebapi was not read; NULL if it was */
	/* Auto Block */
	int		 ab_known;	/* 1: the values below were read */
	const char	*ab_source;	/* "synowebapi SYNO.Core.Security.AutoBlock", ... */
	const char	*ab_reason;	/* why unknown */
	int		 ab_enabled;
	long		 ab_attempts;
	long		 ab_within_mins;
	long		 ab_expire_days;	/* 0: blocks never expire */
	long		 ab_allow_count;	/* allow-list entries, -1 unknown */
	/* Terminal & SNMP, File Services */
	struct dsm_toggle ssh;		/* "Enable SSH service" (shell) */
	struct dsm_toggle telnet;
	struct dsm_toggle sftp;
	struct dsm_toggle rsync;	/* rsync service */
	long		 ssh_port;	/* DSM's SSH port (API, ssh_port, else 22) */
	const char	*ssh_port_source;
	/* Homes and accounts */
	int		 user_home;	/* userHomeEnable: 1, 0, -1 unknown */
	const char	*homes_target;	/* realpath of /var/services/homes, NULL unknown */
	int		 guest_enabled;	/* enableguest: 1, 0, -1 unknown */
	const char	*otp_enforce;	/* otp_enforce_option, NULL if absent */
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
	/* DSM's view (zeroed with is_dsm 0 elsewhere), ACLs, listeners. */
	struct dsm_fact		 dsm;
	struct acl_fact		*acls;		/* sorted by path */
	size_t			 nacls;
	unsigned int		*listen_ports;	/* TCP ports in LISTEN, sorted, unique */
	size_t			 nlisten;
	int			 listen_known;	/* /proc/net/tcp was collected */
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
const struct acl_fact	*facts_acl(const struct facts *, const char *path);
/* Whether something listens on TCP port (any address); -1 if unknown. */
int			 facts_listening(const struct facts *, unsigned int port);

/* The default OpenSSH version assumed when the target's is unknown. */
#define SL_DEFAULT_OPENSSH_VERSION	902
/* "9.2p1" / "OpenSSH_7.4p1" -> 902 / 704; 0 if unparseable. */
int	openssh_version_parse(const char *);

#endif
