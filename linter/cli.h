/*
 * cli.h — the command line: one option table per subcommand that drives both
 * getopt_long and the --help text, parsed into struct cli_opts.
 */
#ifndef SL_CLI_H
#define SL_CLI_H

#include "rules.h"
#include "strv.h"
#include "targets.h"

enum cli_cmd { CMD_NONE, CMD_SCAN, CMD_CAPTURE, CMD_SSHD_EFFECTIVE, CMD_RULES,
	CMD_KEYS, CMD_MERGE, CMD_EXPLAIN };

/*
 * A host to audit: --root/--bundle/--local targets in command-line order,
 * then the remote ones (positional arguments and inventory groups).
 */
enum target_kind { TARGET_ROOT, TARGET_BUNDLE, TARGET_LOCAL, TARGET_SSH };
struct cli_target {
	enum target_kind	 kind;
	char			*arg;	/* directory, bundle path or the remote
					   target as written; NULL for local */
	struct ssh_target	 ssh;	/* TARGET_SSH */
};

/* How remote targets are reached (the ssh options of scan and capture). */
struct remote_opts {
	char		*identity;	/* -i FILE */
	char		*config_file;	/* -F FILE */
	char		*known_hosts;	/* --known-hosts FILE */
	char		*inventory;	/* --inventory FILE */
	char		*user;		/* -l USER */
	unsigned int	 port;		/* -p PORT; 0: unset */
	int		 accept_new;	/* --accept-new */
	int		 become;	/* --become */
};

/* Settings a flag gave, so the configuration files do not override them. */
#define CLI_SET_PROFILE		(1u << 0)
#define CLI_SET_REPORTS		(1u << 1)
#define CLI_SET_JOBS		(1u << 2)
#define CLI_SET_TIMEOUT		(1u << 3)
#define CLI_SET_RULES		(1u << 4)
#define CLI_SET_WAIVERS		(1u << 5)
#define CLI_SET_FAIL_ON		(1u << 6)
#define CLI_SET_KNOWN_HOSTS	(1u << 7)
#define CLI_SET_COLOR		(1u << 8)

#define CLI_DEFAULT_JOBS	8
#define CLI_MAX_JOBS		256
#define CLI_MAX_TIMEOUT		86400

struct cli_opts {
	enum cli_cmd		 cmd;
	struct cli_target	*targets;
	size_t			 ntargets;
	struct strv		 reports;	/* --report FORMAT[:PATH] */
	struct strv		 rule_dirs;	/* --rules DIR */
	struct strv		 only;		/* --only ID */
	struct strv		 skip;		/* --skip ID */
	enum severity		 fail_on;
	int			 openssh_version;	/* --openssh-version, 0: unset */
	char			*output;	/* capture -o */
	char			*match_spec;	/* sshd-effective -C */
	char			*rule_id;	/* rules ID */
	char			*profile;	/* --profile NAME, NULL: default */
	char			*waivers;	/* scan --waivers FILE */
	int			 dump;		/* rules --dump */
	int			 all;		/* scan --all: list passes too */
	int			 color;		/* -1 auto, 0 never, 1 always */
	int			 verbosity;
	struct remote_opts	 remote;
	int			 jobs;		/* --jobs, hosts in parallel */
	int			 timeout_s;	/* --timeout per host; 0: default */
	char			*format;	/* keys --format text|json|dot */
	/* scan: the fixer (fix.h) */
	int			 dry_run;	/* --dry-run */
	char			*fix_script;	/* --fix-script FILE */
	int			 fix_risky;	/* --fix-risky */
	int			 fix;		/* --fix (fix_apply.c) */
	unsigned int		 shard_k;	/* --shard K/N; 0: no sharding */
	unsigned int		 shard_n;
	int			 list_targets;	/* scan --list-targets */
	struct strv		 inputs;	/* merge FILE... */
	char			*config_file;	/* --config FILE */
	int			 no_config;	/* --no-config */
	unsigned int		 from_flags;	/* CLI_SET_* given as flags */
};

/* The number of remote targets in o. */
size_t	cli_count_remote(const struct cli_opts *);

/*
 * Parses argv. Returns 0 to run opts->cmd, 1 when --help/--version/-h was
 * handled (exit 0), or SL_ERR_USAGE after printing a one-line error.
 */
int	cli_parse(int argc, char **argv, struct cli_opts *);
void	cli_opts_cleanup(struct cli_opts *);

#endif
