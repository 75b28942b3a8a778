/*
 * sl_limits.h — every bound on input that comes from a host or a file, in one
 * place. Exceeding one is SL_ERR_TOO_LARGE for that host, never a crash.
 */
#ifndef SL_LIMITS_H
#define SL_LIMITS_H

#define SL_MAX_BUNDLE		(64u * 1024 * 1024)	/* whole bundle */
#define SL_MAX_RECORDS		200000u		/* records in one bundle */
#define SL_MAX_RECORD_DATA	(16u * 1024 * 1024)	/* one file's content */
#define SL_MAX_PATH		4096u		/* one path */
#define SL_MAX_LINE		65536u		/* one config line */
#define SL_MAX_LINE_TEXT	"65536"		/* the same, for messages */
#define SL_MAX_FIELD		8192u		/* one header field */
#define SL_MAX_HEADER		(2u * SL_MAX_FIELD + 256u)	/* one bundle record header */
#define SL_MAX_SYMLINKS		40u		/* symlinks followed resolving one path */
#define SL_MAX_RESOLVE_STEPS	4000000u	/* path components walked for all realpaths */
#define SL_MAX_INCLUDE_DEPTH	16u		/* nested sshd Include */
#define SL_MAX_INCLUDES		1024u		/* files read through sshd Include */
#define SL_MAX_CONFIG_LINES	200000u		/* lines across sshd files */
#define SL_MAX_USERS		100000u		/* passwd entries */
#define SL_MAX_USER_DIRECTIVES	20000000u	/* users x sshd directives: each
						 * user's effective config walks
						 * every directive */
#define SL_MAX_RULE_FILE	(4u * 1024 * 1024)	/* one .rules file */
#define SL_MAX_RULES		10000u
#define SL_MAX_RULE_ARGS	256u		/* tokens on one rule-file line */
#define SL_MAX_AUTHKEYS		100000u		/* key lines in one authorized_keys */
#define SL_MAX_AUTHKEYS_LINE	65536u		/* one authorized_keys line */
#define SL_MAX_KEY_BLOB		65536u		/* one decoded public key blob */
#define SL_MAX_CERT_PRINCIPALS	256u		/* OpenSSH's SSHKEY_CERT_MAX_PRINCIPALS */
#define SL_MAX_CERT_OPTIONS	1024u		/* critical options + extensions */
#define SL_MAX_KEY_HEADER	4096u		/* private key header read */
#define SL_MAX_WAIVERS_FILE	(1u * 1024 * 1024)	/* one --waivers file */
#define SL_MAX_WAIVERS		10000u		/* waivers in it */
#define SL_MAX_HOSTS		100000u		/* targets in one run (all sources) */
#define SL_MAX_REPORT		(256u * 1024 * 1024)	/* one report given to merge */
#define SL_MAX_STDERR		(1u * 1024 * 1024)	/* collector stderr */

#endif
