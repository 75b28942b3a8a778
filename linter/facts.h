/*
 * facts.h — the typed model of one host, built from a bundle. The facts own
 * the bundle they were built from; every string below points into it or is
 * owned by the facts, and stays valid until facts_free().
 */
#ifndef SL_FACTS_H
#define SL_FACTS_H

#include <stddef.h>

#include "diag.h"
#include "keys.h"
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
	/* Every key file parsed (facts_keys.c); NULL for hand-built facts. */
	struct keys_model	*keys;
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

/*
 * ---- the keys model (facts_keys.c) ----------------------------------
 * Every authorized_keys file sshd may read for a user (the effective
 * AuthorizedKeysFile of that user's Match context, plus ~/.ssh/
 * authorized_keys and authorized_keys2 when they exist), every *.pub,
 * every private key header (id_* and host keys) and every known_hosts
 * file the collector sent. Pointers into the facts are borrowed; parsed
 * keys are owned by the model.
 */
struct key_user {
	const struct user_fact	*user;
	const char		*real_home;	/* its realpath if elsewhere, or NULL */
	struct strv		 akf;		/* effective AuthorizedKeysFile, absolute */
	int			 pubkey_auth;	/* effective PubkeyAuthentication */
	const char		*pubkey_algos;	/* PubkeyAcceptedAlgorithms (KeyTypes
						 * before 8.5), NULL if unknown */
	const char		*algos_file;	/* where it was set, NULL: default */
	unsigned int		 algos_line;
	/* sshd's allowed_user(): AllowUsers/DenyUsers/AllowGroups/DenyGroups
	   and PermitRootLogin; root_forced: only keys with command= */
	int			 login_allowed;
	const char		*login_why;	/* static, when !login_allowed */
	int			 root_forced;
};

struct key_authfile {
	const char		*path;		/* as the collector named it */
	const struct key_user	*kuser;		/* whose file it is */
	int			 sshd_reads;	/* in that user's AuthorizedKeysFile */
	int			 is_ak2;	/* basename authorized_keys2 */
	const struct path_fact	*stat;		/* NULL if not collected */
	const struct authkeys	*ak;		/* NULL if unreadable (err) */
	const char		*err;
};

struct key_pubfile {
	const char		*path;
	const struct user_fact	*user;		/* NULL for host keys */
	int			 hostkey;	/* /etc/ssh/ssh_host_*.pub or HostKey */
	struct pubkey		*key;		/* NULL if unparseable (why) */
	const char		*comment;	/* may be NULL */
	const char		*why;
};

struct key_privfile {
	const char		*path;
	const struct user_fact	*user;		/* NULL for host keys */
	int			 hostkey;
	const struct path_fact	*stat;
	struct privkey_info	 info;
	const char		*why;		/* not a private key header: why */
	const struct key_pubfile *pub;		/* PATH.pub, NULL if none */
};

struct key_known_hosts {
	const char		*path;
	const struct user_fact	*user;
	size_t			 nhashed;
	size_t			 nplain;
	struct strv		 plain;		/* unhashed host names, in order */
};

struct keys_model {
	int			 openssh_version;
	struct key_user		*users;
	size_t			 nusers;
	struct key_authfile	*afiles;
	size_t			 nafiles;
	struct key_pubfile	*pubs;
	size_t			 npubs;
	struct key_privfile	*privs;
	size_t			 nprivs;
	struct key_known_hosts	*known;
	size_t			 nknown;
	struct strv		 owned;
	struct authkeys		**parsed;	/* one per distinct file */
	const char		**parsed_path;	/* its path */
	size_t			 nparsed;
};

/*
 * Builds the keys model of f (its users, files and sshd configuration).
 * Lines sshd would skip are kept with their status; never fails on host
 * data. Returns 0 and *kmp (free with keys_model_free()).
 */
int	keys_model_build(const struct facts *f, struct keys_model **kmp);
void	keys_model_free(struct keys_model *);
/* The key_user of u, NULL if none. */
const struct key_user *keys_model_user(const struct keys_model *,
	    const struct user_fact *u);

/* The default OpenSSH version assumed when the target's is unknown. */
#define SL_DEFAULT_OPENSSH_VERSION	902
/* "9.2p1" / "OpenSSH_7.4p1" -> 902 / 704; 0 if unparseable. */
int	openssh_version_parse(const char *);

#endif
