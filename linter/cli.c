/*
 * cli.c — argv to struct cli_opts. One table lists every option with the
 * subcommands that take it; getopt_long's table and each --help text are
 * generated from it so they cannot drift.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "diag.h"
#include "err.h"
#include "facts.h"
#include "report.h"
#include "sl_limits.h"
#include "shard.h"
#include "targets.h"
#include "version.h"
#include "xmalloc.h"

#define C_SCAN		(1u << CMD_SCAN)
#define C_CAPTURE	(1u << CMD_CAPTURE)
#define C_EFF		(1u << CMD_SSHD_EFFECTIVE)
#define C_RULES		(1u << CMD_RULES)
#define C_KEYS		(1u << CMD_KEYS)
#define C_MERGE		(1u << CMD_MERGE)
#define C_EXPLAIN	(1u << CMD_EXPLAIN)
#define C_REMOTE	(C_SCAN | C_CAPTURE | C_EFF | C_KEYS)

enum opt_id {
	OPT_HELP = 'h', OPT_OUTPUT = 'o', OPT_MATCH = 'C', OPT_VERBOSE = 'v',
	OPT_QUIET = 'q', OPT_IDENTITY = 'i', OPT_LOGIN = 'l', OPT_PORT = 'p',
	OPT_SSH_CONFIG = 'F', OPT_JOBS = 'j',
	OPT_ROOT = 256, OPT_BUNDLE, OPT_LOCAL, OPT_REPORT, OPT_FAIL_ON,
	OPT_RULES, OPT_ONLY, OPT_SKIP, OPT_OPENSSH, OPT_ALL, OPT_COLOR,
	OPT_DUMP, OPT_INVENTORY, OPT_KNOWN_HOSTS, OPT_ACCEPT_NEW, OPT_BECOME,
	OPT_TIMEOUT, OPT_PROFILE, OPT_FORMAT
};

struct opt_def {
	const char	*name;
	int		 id;		/* short letter or OPT_* */
	const char	*arg;		/* NULL: takes no argument */
	unsigned int	 cmds;
	const char	*help;
};

/* Report options, numbered apart so other option work merges cleanly. */
enum { OPT_WAIVERS = 400 };
/* Fix options (fix.h), numbered apart too. */
enum { OPT_DRY_RUN = 500, OPT_FIX_SCRIPT, OPT_FIX_RISKY, OPT_FIX };
/* Fleet options (sharding), numbered apart for the same reason. */
enum { OPT_SHARD = 540, OPT_LIST_TARGETS };
/* Configuration options. */
enum { OPT_CONFIG = 560, OPT_NO_CONFIG };

static const struct opt_def opt_table[] = {
	{ "accept-new", OPT_ACCEPT_NEW, NULL, C_REMOTE,
	  "record the key of a host not yet in known_hosts (else it is refused)" },
	{ "all", OPT_ALL, NULL, C_SCAN,
	  "also list passed and not-applicable checks in the text report" },
	{ "become", OPT_BECOME, NULL, C_REMOTE,
	  "run the collector on remote hosts through sudo (see below)" },
	{ "bundle", OPT_BUNDLE, "FILE", C_SCAN | C_EFF | C_KEYS,
	  "audit a bundle saved by `synolint capture` (repeatable)" },
	{ "color", OPT_COLOR, "WHEN", C_SCAN,
	  "colour the text report: auto (default, on a TTY), always, never" },
	{ "config", OPT_CONFIG, "FILE", C_REMOTE | C_RULES | C_EXPLAIN,
	  "read FILE instead of the configuration files (see README)" },
	{ "dry-run", OPT_DRY_RUN, NULL, C_SCAN,
	  "print each host's fix plan and the diff of every file it would change; change nothing" },
	{ "dump", OPT_DUMP, NULL, C_RULES,
	  "print the whole rule set in normalised rule-file syntax" },
	{ "fail-on", OPT_FAIL_ON, "SEVERITY", C_SCAN,
	  "exit 1 on findings at or above info|low|medium|high|critical (default: low)" },
	{ "fix", OPT_FIX, NULL, C_SCAN,
	  "apply the fixes over each host's session (SSH targets only), verify a new login, roll back if it fails, rescan" },
	{ "fix-risky", OPT_FIX_RISKY, NULL, C_SCAN,
	  "also plan fixes that may cut off logins (else only those named exactly by --only)" },
	{ "fix-script", OPT_FIX_SCRIPT, "FILE", C_SCAN,
	  "write the fixes as one reviewable POSIX sh script (mode 0700) to run on the hosts" },
	{ "format", OPT_FORMAT, "FORMAT", C_KEYS | C_MERGE,
	  "keys: text (default), json or dot (Graphviz: dot -Tsvg); merge: "
	  "json, sarif or junit (default: from the content)" },
	{ "help", OPT_HELP, NULL, C_SCAN | C_CAPTURE | C_EFF | C_RULES | C_KEYS |
	  C_MERGE | C_EXPLAIN,
	  "show this help and exit" },
	{ "identity", OPT_IDENTITY, "FILE", C_REMOTE,
	  "private key for remote hosts, tried before ssh-agent and the defaults" },
	{ "inventory", OPT_INVENTORY, "FILE", C_SCAN | C_KEYS,
	  "hosts, one per line, `#` comments, [group] headers (see below)" },
	{ "jobs", OPT_JOBS, "N", C_SCAN | C_KEYS,
	  "scan up to N hosts at once (default 8)" },
	{ "known-hosts", OPT_KNOWN_HOSTS, "FILE", C_REMOTE,
	  "verify host keys against FILE (default ~/.ssh/known_hosts)" },
	{ "list-targets", OPT_LIST_TARGETS, NULL, C_SCAN,
	  "print the targets this shard would scan, one per line, and exit" },
	{ "local", OPT_LOCAL, NULL, C_SCAN | C_CAPTURE | C_EFF | C_KEYS,
	  "audit the machine synolint runs on (run it on the NAS itself)" },
	{ "login", OPT_LOGIN, "USER", C_REMOTE,
	  "user for targets that name none (default: ssh_config, then yours)" },
	{ "match", OPT_MATCH, "SPEC", C_EFF,
	  "connection context as `sshd -T -C`: user=U,host=H,addr=A,laddr=L,lport=P,rdomain=R" },
	{ "no-config", OPT_NO_CONFIG, NULL, C_REMOTE | C_RULES | C_EXPLAIN,
	  "read no configuration file" },
	{ "only", OPT_ONLY, "ID", C_SCAN,
	  "evaluate (and fix) only this rule id or glob (repeatable)" },
	{ "openssh-version", OPT_OPENSSH, "X.Y", C_SCAN | C_EFF | C_KEYS,
	  "OpenSSH version of the target when the bundle does not tell (default 9.2)" },
	{ "output", OPT_OUTPUT, "FILE", C_CAPTURE | C_MERGE,
	  "write to FILE, atomically (capture: required; merge: default stdout)" },
	{ "port", OPT_PORT, "PORT", C_REMOTE,
	  "ssh port for targets that name none (default: ssh_config, then 22)" },
	{ "profile", OPT_PROFILE, "NAME", C_SCAN | C_RULES | C_EXPLAIN,
	  "rule values for home, business or internet (default: the rule set's default, internet)" },
	{ "report", OPT_REPORT, "FORMAT[:PATH]", C_SCAN,
	  "write a report: text (default, stdout), junit, sarif, json or html; repeatable" },
	{ "root", OPT_ROOT, "DIR", C_SCAN | C_CAPTURE | C_EFF | C_KEYS,
	  "audit a NAS filesystem mounted or copied at DIR (repeatable for scan)" },
	{ "rules", OPT_RULES, "DIR", C_SCAN | C_RULES | C_EXPLAIN,
	  "also load every *.rules file in DIR (repeatable)" },
	{ "shard", OPT_SHARD, "K/N", C_SCAN,
	  "scan only shard K of N (stable hash of each target, see below)" },
	{ "skip", OPT_SKIP, "ID", C_SCAN,
	  "do not evaluate (or fix) this rule id or glob (repeatable)" },
	{ "ssh-config", OPT_SSH_CONFIG, "FILE", C_REMOTE,
	  "ssh client config to read instead of ~/.ssh/config, /etc/ssh/ssh_config" },
	{ "timeout", OPT_TIMEOUT, "SECONDS", C_REMOTE,
	  "give up on a host after SECONDS, connect + collect (default 300)" },
	{ "waivers", OPT_WAIVERS, "FILE", C_SCAN,
	  "accepted risks with expiry dates (docs/waivers.md)" },
	{ NULL, 0, NULL, 0, NULL }
};

static const struct {
	const char	*name;
	enum cli_cmd	 cmd;
	const char	*synopsis;
	const char	*what;
} cmd_table[] = {
	{ "scan", CMD_SCAN,
	  "scan [HOST | @GROUP]... [--inventory FILE] [--root DIR]... [--bundle FILE]...\n"
	  "              [--local] [--report FORMAT[:PATH]]... [--fail-on SEVERITY]\n"
	  "              [--rules DIR]... [--only ID]... [--skip ID]... [--waivers FILE]\n"
	  "              [--dry-run] [--fix-script FILE] [--fix] [--fix-risky]\n"
	  "              [--shard K/N] [--list-targets] [SSH OPTIONS]",
	  "audit hosts and report findings" },
	{ "capture", CMD_CAPTURE,
	  "capture (HOST | --root DIR | --local) -o FILE [SSH OPTIONS]",
	  "save what the collector sees as a bundle for offline audits" },
	{ "sshd-effective", CMD_SSHD_EFFECTIVE,
	  "sshd-effective (HOST | --root DIR | --bundle FILE | --local) [-C SPEC]",
	  "print the effective sshd configuration like `sshd -T` (exit 1 if sshd would refuse it)" },
	{ "rules", CMD_RULES, "rules [--rules DIR]... [--dump] [ID]",
	  "list the rule catalogue, or show one rule in full" },
	{ "keys", CMD_KEYS,
	  "keys [HOST | @GROUP]... [--inventory FILE] [--root DIR]... [--bundle FILE]...\n"
	  "              [--local] [--format text|json|dot] [SSH OPTIONS]",
	  "list every key: where it is authorized, where its private half lies, and the trust map" },
	{ "explain", CMD_EXPLAIN, "explain [--rules DIR]... [--profile NAME] RULE-ID",
	  "why a rule matters, what it looks at, how to fix it, references" },
	{ "merge", CMD_MERGE,
	  "merge [--format json|sarif|junit] [-o FILE] REPORT...",
	  "combine the JSON, SARIF or JUnit reports of `scan --shard` jobs into one" },
	{ NULL, CMD_NONE, NULL, NULL }
};

static void
usage_main(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: synolint [-v | -q] [--config FILE | --no-config] COMMAND "
	    "[OPTIONS]\n"
	    "       synolint --version | --help\n\n"
	    "Audit the SSH exposure of Synology NAS boxes.\n\n"
	    "Commands:\n");
	for (i = 0; cmd_table[i].name != NULL; i++)
		fprintf(fp, "  %-16s %s\n", cmd_table[i].name, cmd_table[i].what);
	fprintf(fp, "\nGlobal options:\n"
	    "  -v, --verbose    more messages on stderr (repeatable)\n"
	    "  -q, --quiet      only errors on stderr\n"
	    "  --config FILE    read FILE instead of the configuration files\n"
	    "  --no-config      read no configuration file\n"
	    "  --version        print the version and the linked library versions\n"
	    "  -h, --help       show this help and exit\n\n"
	    "Run `synolint COMMAND -h` for the options of a command.\n"
	    "Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage,\n"
	    "configuration or rule error; 3 at least one host could not be scanned.\n");
}

static void
usage_cmd(FILE *fp, size_t ci)
{
	unsigned int mask = 1u << cmd_table[ci].cmd;
	size_t i;

	fprintf(fp, "usage: synolint %s\n\n%s.\n\nOptions:\n",
	    cmd_table[ci].synopsis, cmd_table[ci].what);
	for (i = 0; opt_table[i].name != NULL; i++) {
		const struct opt_def *o = &opt_table[i];
		char left[64];

		if ((o->cmds & mask) == 0)
			continue;
		if (o->id < 256)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->id,
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(fp, "  %-30s %s\n", left, o->help);
	}
	if (cmd_table[ci].cmd == CMD_SCAN)
		fprintf(fp, "\nReport formats: %s. A report without PATH (or with "
		    "PATH -) goes to stdout.\n", report_formats());
	if (cmd_table[ci].cmd == CMD_MERGE)
		fprintf(fp, "\nEvery REPORT must be of one kind, written by one "
		    "synolint version with one\nrule set and --fail-on, and "
		    "no host may be in two of them. Hosts come out in\nname "
		    "order; the totals are recomputed. Errors exit 2.\n");
	if (cmd_table[ci].cmd == CMD_RULES || cmd_table[ci].cmd == CMD_MERGE ||
	    cmd_table[ci].cmd == CMD_EXPLAIN)
		return;
	fprintf(fp, "\nHOST is [USER@]NAME[:PORT] ([ADDR]:PORT for IPv6), or an "
	    "alias of the ssh\nclient config (HostName, User, Port, IdentityFile, "
	    "ProxyCommand,\nProxyJump). The user and port in HOST win over -l/-p, "
	    "which win over the\nssh config. Host keys are checked against "
	    "known_hosts: an unknown key is\nrefused unless --accept-new (then "
	    "recorded), a changed key always.\nAuthentication is by public key "
	    "only (ssh-agent, -i, the config's and the\ndefault keys), never a "
	    "prompt.\n"
	    "--become runs the collector as root with `sudo -n`, or, when "
	    "SYNOLINT_BECOME_PASSWORD\nis set or a password is typed at the "
	    "prompt on the terminal, `sudo -S` with the\npassword on stdin; it "
	    "never appears in arguments, logs or reports. Without\n--become, what "
	    "only root may read is reported as \"could not check (needs --become)\".\n");
	if (cmd_table[ci].cmd == CMD_SCAN)
		fprintf(fp, "\nAn inventory lists one HOST per line; \"[NAME]\" "
		    "starts a group, named on the\ncommand line as @NAME (@all: "
		    "every host). Without HOST arguments every host of\nthe "
		    "inventory is scanned. A host that cannot be scanned (unreachable, "
		    "refused,\nauthentication, host key, timeout, collector failure) is "
		    "reported as an error\nand makes the exit status 3; the others are "
		    "still scanned. Remote targets come\nafter --root/--bundle/--local "
		    "ones in reports, in command-line order.\n"
		    "\n--shard K/N keeps the targets whose FNV-1a 64 hash of the "
		    "label (the host as\nwritten after alias and inventory "
		    "expansion, the --root or --bundle path),\nmodulo N, is K-1: "
		    "the N shards of a CI matrix are disjoint and cover the\n"
		    "fleet. `synolint merge` combines their reports.\n");
}

static int usage_error(const char *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints one line naming the command and the mistake; returns SL_ERR_USAGE. */
static int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "synolint: ");
	if (cmd != NULL)
		fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see `synolint%s%s -h`)\n", cmd ? " " : "",
	    cmd ? cmd : "");
	return SL_ERR_USAGE;
}

static void
add_target(struct cli_opts *o, enum target_kind kind, const char *arg)
{
	o->targets = xreallocarray(o->targets, o->ntargets + 1,
	    sizeof(*o->targets));
	memset(&o->targets[o->ntargets], 0, sizeof(o->targets[0]));
	o->targets[o->ntargets].kind = kind;
	o->targets[o->ntargets].arg = arg != NULL ? xstrdup(arg) : NULL;
	o->ntargets++;
}

/* A decimal in [lo, hi], or -1. */
static long
parse_num(const char *s, long lo, long hi)
{
	char *end = NULL;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return -1;
	return v;
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

size_t
cli_count_remote(const struct cli_opts *o)
{
	size_t i, n = 0;

	for (i = 0; i < o->ntargets; i++)
		if (o->targets[i].kind == TARGET_SSH)
			n++;
	return n;
}

/*
 * Positional arguments (and --inventory) become remote targets after the
 * others. Errors are printed here: a diag with file:line, or usage.
 */
static int
add_remote_targets(const char *cmd, char **args, size_t nargs,
    struct cli_opts *o)
{
	struct inventory inv;
	struct target_defaults def = { o->remote.user, o->remote.port };
	struct ssh_target *tv = NULL;
	struct diag d;
	size_t i, n = 0;
	int r = SL_OK, have_inv = 0;

	diag_init(&d);
	memset(&inv, 0, sizeof(inv));
	if (o->remote.inventory != NULL) {
		if ((r = inventory_load(o->remote.inventory, &inv, &d)) != SL_OK)
			goto out;
		have_inv = 1;
	}
	if (nargs == 0 && !have_inv)
		goto out;
	r = targets_resolve((const char *const *)args, nargs,
	    have_inv ? &inv : NULL, &def, &tv, &n, &d);
	if (r != SL_OK)
		goto out;
	if (o->ntargets > SL_MAX_HOSTS || n > SL_MAX_HOSTS - o->ntargets) {
		diag_error(&d, NULL, 0, "more than %u hosts in one run",
		    SL_MAX_HOSTS);
		r = SL_ERR_TOO_LARGE;
		goto out;
	}
	/* one allocation: growing by one copies quadratically */
	o->targets = xreallocarray(o->targets, o->ntargets + n + 1,
	    sizeof(*o->targets));
	for (i = 0; i < n; i++) {
		memset(&o->targets[o->ntargets], 0, sizeof(o->targets[0]));
		o->targets[o->ntargets].kind = TARGET_SSH;
		o->targets[o->ntargets].arg = xstrdup(tv[i].label);
		o->targets[o->ntargets].ssh = tv[i];	/* moves */
		memset(&tv[i], 0, sizeof(tv[i]));
		o->ntargets++;
	}
 out:
	if (r != SL_OK) {
		for (i = 0; i < d.n; i++) {
			char *line = diag_format(&d.v[i]);

			fprintf(stderr, "synolint: %s: %s\n", cmd, line);
			free(line);
		}
		r = SL_ERR_USAGE;
	}
	targets_free(tv, n);
	if (have_inv || o->remote.inventory != NULL)
		inventory_cleanup(&inv);
	diag_cleanup(&d);
	return r;
}

/* The settings a configuration file may give (config.h), and their flags. */
static const struct {
	const char	*key;		/* config key and long option name */
	int		 id;
	unsigned int	 bit;
} settings[] = {
	{ "profile", OPT_PROFILE, CLI_SET_PROFILE },
	{ "report", OPT_REPORT, CLI_SET_REPORTS },
	{ "jobs", OPT_JOBS, CLI_SET_JOBS },
	{ "timeout", OPT_TIMEOUT, CLI_SET_TIMEOUT },
	{ "rules", OPT_RULES, CLI_SET_RULES },
	{ "waivers", OPT_WAIVERS, CLI_SET_WAIVERS },
	{ "fail-on", OPT_FAIL_ON, CLI_SET_FAIL_ON },
	{ "known-hosts", OPT_KNOWN_HOSTS, CLI_SET_KNOWN_HOSTS },
	{ "color", OPT_COLOR, CLI_SET_COLOR },
};
#define NSETTINGS	(sizeof(settings) / sizeof(settings[0]))

/*
 * Sets one setting from a flag's or a configuration file's text. Returns 0,
 * or -1 with *why (allocated) saying what is wrong with v.
 */
static int
set_setting(struct cli_opts *o, int id, const char *v, char **why)
{
	long n;

	*why = NULL;
	switch (id) {
	case OPT_REPORT:
		strv_push(&o->reports, v);
		break;
	case OPT_RULES:
		strv_push(&o->rule_dirs, v);
		break;
	case OPT_PROFILE:
		set_str(&o->profile, v);
		break;
	case OPT_WAIVERS:
		set_str(&o->waivers, v);
		break;
	case OPT_KNOWN_HOSTS:
		set_str(&o->remote.known_hosts, v);
		break;
	case OPT_FAIL_ON:
		if (severity_parse(v, &o->fail_on) != 0)
			*why = xprintf("unknown severity \"%s\" (info, low, "
			    "medium, high or critical)", v);
		break;
	case OPT_JOBS:
		if ((n = parse_num(v, 1, CLI_MAX_JOBS)) < 0)
			*why = xprintf("\"%s\" is not a number from 1 to %d",
			    v, CLI_MAX_JOBS);
		else
			o->jobs = (int)n;
		break;
	case OPT_TIMEOUT:
		if ((n = parse_num(v, 1, CLI_MAX_TIMEOUT)) < 0)
			*why = xprintf("\"%s\" is not a number of seconds "
			    "from 1 to %d", v, CLI_MAX_TIMEOUT);
		else
			o->timeout_s = (int)n;
		break;
	case OPT_COLOR:
		if (strcmp(v, "auto") == 0)
			o->color = -1;
		else if (strcmp(v, "always") == 0)
			o->color = 1;
		else if (strcmp(v, "never") == 0)
			o->color = 0;
		else
			*why = xprintf("\"%s\" is not auto, always or never",
			    v);
		break;
	}
	return *why != NULL ? -1 : 0;
}

static int
flag_setting(const char *cmd, struct cli_opts *o, int id, const char *v)
{
	size_t i;
	char *why;
	int r;

	for (i = 0; i < NSETTINGS; i++)
		if (settings[i].id == id)
			break;
	if (i == NSETTINGS)
		return SL_ERR_INTERNAL;
	/* a flag replaces a list the configuration gave, then adds to it */
	o->from_flags |= settings[i].bit;
	if (set_setting(o, id, v, &why) == 0)
		return SL_OK;
	r = usage_error(cmd, "--%s: %s", settings[i].key, why);
	free(why);
	return r;
}

/*
 * Fills what no flag set from the configuration files (flag > user file >
 * system file > default). Errors are "FILE:LINE: error: ..." lines.
 */
static int
apply_config(struct cli_opts *o)
{
	struct config cfg;
	struct diag d;
	size_t i, k;
	char *why;
	int r;

	config_init(&cfg);
	diag_init(&d);
	r = config_load(&cfg, o->config_file, o->no_config, &d);
	for (i = 0; r == SL_OK && i < NSETTINGS; i++) {
		const struct strv *v = config_get(&cfg, settings[i].key);

		if ((o->from_flags & settings[i].bit) != 0)
			continue;
		for (k = 0; v != NULL && k + 1 < v->n; k += 2)
			if (set_setting(o, settings[i].id, v->v[k], &why) != 0) {
				diag_error(&d, v->v[k + 1], 0, "%s: %s",
				    settings[i].key, why);
				free(why);
				r = SL_ERR_PARSE;
				break;
			}
	}
	diag_print(stderr, &d);
	diag_cleanup(&d);
	config_cleanup(&cfg);
	return r == SL_OK ? SL_OK : SL_ERR_USAGE;
}

/* Drops the targets outside --shard K/N (shard.h: hash of the label). */
static void
keep_shard(struct cli_opts *o)
{
	size_t i, j;

	for (i = j = 0; i < o->ntargets; i++) {
		struct cli_target *t = &o->targets[i];
		const char *label = t->kind == TARGET_LOCAL ? "local" : t->arg;

		if (shard_keeps(label, o->shard_k, o->shard_n)) {
			o->targets[j++] = *t;
			continue;
		}
		free(t->arg);
		ssh_target_cleanup(&t->ssh);
	}
	o->ntargets = j;
}

static int
parse_version(const char *s)
{
	char *end = NULL;
	long maj, min;

	maj = strtol(s, &end, 10);
	if (end == s || *end != '.' || maj < 1 || maj > 99)
		return 0;
	s = end + 1;
	min = strtol(s, &end, 10);
	if (end == s || min < 0 || min > 99 || (*end != '\0' && *end != 'p'))
		return 0;
	return (int)(maj * 100 + min);
}

static int
parse_cmd_options(int argc, char **argv, size_t ci, struct cli_opts *o)
{
	const char *cmd = cmd_table[ci].name;
	unsigned int mask = 1u << cmd_table[ci].cmd;
	struct option lopts[sizeof(opt_table) / sizeof(opt_table[0])];
	char shorts[32];
	size_t i, nl = 0, ns = 0;
	int c;

	memset(lopts, 0, sizeof(lopts));
	shorts[ns++] = ':';
	for (i = 0; opt_table[i].name != NULL; i++) {
		const struct opt_def *d = &opt_table[i];

		if ((d->cmds & mask) == 0)
			continue;
		lopts[nl].name = d->name;
		lopts[nl].has_arg = d->arg ? required_argument : no_argument;
		lopts[nl].val = d->id;
		nl++;
		if (d->id < 256) {
			shorts[ns++] = (char)d->id;
			if (d->arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lopts, NULL)) != -1) {
		switch (c) {
		case OPT_HELP:
			usage_cmd(stdout, ci);
			return 1;
		case OPT_ROOT:
			add_target(o, TARGET_ROOT, optarg);
			break;
		case OPT_BUNDLE:
			add_target(o, TARGET_BUNDLE, optarg);
			break;
		case OPT_LOCAL:
			add_target(o, TARGET_LOCAL, NULL);
			break;
		case OPT_REPORT:
		case OPT_RULES:
		case OPT_FAIL_ON:
		case OPT_PROFILE:
		case OPT_WAIVERS:
		case OPT_KNOWN_HOSTS:
		case OPT_JOBS:
		case OPT_TIMEOUT:
		case OPT_COLOR:
			if (flag_setting(cmd, o, c, optarg) != SL_OK)
				return SL_ERR_USAGE;
			break;
		case OPT_ONLY:
			strv_push(&o->only, optarg);
			break;
		case OPT_SKIP:
			strv_push(&o->skip, optarg);
			break;
		case OPT_OPENSSH:
			if ((o->openssh_version = parse_version(optarg)) == 0)
				return usage_error(cmd, "--openssh-version: \"%s\" "
				    "is not a version like 9.2", optarg);
			break;
		case OPT_OUTPUT:
			free(o->output);
			o->output = xstrdup(optarg);
			break;
		case OPT_MATCH:
			free(o->match_spec);
			o->match_spec = xstrdup(optarg);
			break;
		case OPT_ALL:
			o->all = 1;
			break;
		case OPT_DRY_RUN:
			o->dry_run = 1;
			break;
		case OPT_FIX_SCRIPT:
			set_str(&o->fix_script, optarg);
			break;
		case OPT_FIX_RISKY:
			o->fix_risky = 1;
			break;
		case OPT_FIX:
			o->fix = 1;
			break;
		case OPT_IDENTITY:
			set_str(&o->remote.identity, optarg);
			break;
		case OPT_SSH_CONFIG:
			set_str(&o->remote.config_file, optarg);
			break;
		case OPT_INVENTORY:
			set_str(&o->remote.inventory, optarg);
			break;
		case OPT_LOGIN: {
			struct ssh_target t;
			const char *why = NULL;
			char *spec = xprintf("%s@x", optarg);

			if (ssh_target_parse(spec, &t, &why) != SL_OK) {
				free(spec);
				return usage_error(cmd, "-l: bad user \"%s\": %s",
				    optarg, why);
			}
			ssh_target_cleanup(&t);
			free(spec);
			set_str(&o->remote.user, optarg);
			break;
		}
		case OPT_PORT:
			if ((o->remote.port = target_parse_port(optarg)) == 0)
				return usage_error(cmd, "-p: \"%s\" is not a port "
				    "(1-65535)", optarg);
			break;
		case OPT_ACCEPT_NEW:
			o->remote.accept_new = 1;
			break;
		case OPT_BECOME:
			o->remote.become = 1;
			break;
		case OPT_SHARD:
			if (shard_parse(optarg, &o->shard_k, &o->shard_n) != 0)
				return usage_error(cmd, "--shard: \"%s\" is not "
				    "K/N with 1 <= K <= N <= %d", optarg,
				    SHARD_MAX);
			break;
		case OPT_LIST_TARGETS:
			o->list_targets = 1;
			break;
		case OPT_CONFIG:
			set_str(&o->config_file, optarg);
			break;
		case OPT_NO_CONFIG:
			o->no_config = 1;
			break;
		case OPT_DUMP:
			o->dump = 1;
			break;
		case OPT_FORMAT:
			if (cmd_table[ci].cmd == CMD_MERGE) {
				if (strcmp(optarg, "json") != 0 &&
				    strcmp(optarg, "sarif") != 0 &&
				    strcmp(optarg, "junit") != 0)
					return usage_error(cmd, "--format: \"%s\" "
					    "is not json, sarif or junit", optarg);
			} else if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "dot") != 0)
				return usage_error(cmd, "--format: \"%s\" is not "
				    "text, json or dot", optarg);
			set_str(&o->format, optarg);
			break;
		case ':':
			return usage_error(cmd, "option %s needs an argument",
			    argv[optind - 1]);
		default:
			return usage_error(cmd, "unknown option %s",
			    argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	if (cmd_table[ci].cmd != CMD_MERGE && apply_config(o) != SL_OK)
		return SL_ERR_USAGE;

	switch (cmd_table[ci].cmd) {
	case CMD_MERGE:
		if (argc == 0)
			return usage_error(cmd, "%s", "give the reports to merge");
		for (i = 0; i < (size_t)argc; i++)
			strv_push(&o->inputs, argv[i]);
		return 0;
	case CMD_EXPLAIN:
		if (argc != 1)
			return usage_error(cmd, "%s", argc == 0 ? "give a rule "
			    "id (`synolint rules` lists them)" :
			    "give one rule id");
		o->rule_id = xstrdup(argv[0]);
		return 0;
	case CMD_RULES:
		if (argc > 1)
			return usage_error(cmd, "unexpected argument \"%s\"",
			    argv[1]);
		if (argc == 1)
			o->rule_id = xstrdup(argv[0]);
		return 0;
	case CMD_KEYS:
	case CMD_SCAN:
		if (add_remote_targets(cmd, argv, (size_t)argc, o) != SL_OK)
			return SL_ERR_USAGE;
		if (o->ntargets == 0)
			return usage_error(cmd, "%s", "nothing to scan: give "
			    "HOST, --inventory FILE, --root DIR, --bundle FILE "
			    "or --local");
		if (o->shard_n > 0)
			keep_shard(o);
		if (o->jobs == 0)
			o->jobs = CLI_DEFAULT_JOBS;
		if (o->fix && (o->dry_run || o->fix_script != NULL))
			return usage_error(cmd, "%s", "--fix cannot be combined "
			    "with --dry-run or --fix-script");
		if (o->fix && cli_count_remote(o) != o->ntargets)
			return usage_error(cmd, "%s", "--fix applies over SSH "
			    "only (it must prove a new login works): for --root, "
			    "--local or --bundle targets write --fix-script FILE "
			    "and run it");
		if (o->fix_risky && !o->dry_run && o->fix_script == NULL &&
		    !o->fix)
			return usage_error(cmd, "%s", "--fix-risky needs "
			    "--dry-run, --fix-script FILE or --fix");
		return 0;
	case CMD_CAPTURE:
	case CMD_SSHD_EFFECTIVE:
		if (argc > 1 || (argc == 1 && o->ntargets > 0))
			return usage_error(cmd, "%s", "give exactly one target");
		if (argc == 1 && argv[0][0] == '@')
			return usage_error(cmd, "%s: give one host, not a group",
			    argv[0]);
		if (add_remote_targets(cmd, argv, (size_t)argc, o) != SL_OK)
			return SL_ERR_USAGE;
		if (o->ntargets != 1)
			return usage_error(cmd, "%s", "give exactly one target");
		o->jobs = 1;
		if (cmd_table[ci].cmd == CMD_CAPTURE) {
			if (o->targets[0].kind == TARGET_BUNDLE)
				return usage_error(cmd, "%s",
				    "capture takes HOST, --root DIR or --local");
			if (o->output == NULL)
				return usage_error(cmd, "%s",
				    "-o FILE is required");
		}
		return 0;
	case CMD_NONE:
		break;
	}
	return SL_ERR_INTERNAL;
}

int
cli_parse(int argc, char **argv, struct cli_opts *o)
{
	size_t ci;
	int i;

	memset(o, 0, sizeof(*o));
	strv_init(&o->reports);
	strv_init(&o->rule_dirs);
	strv_init(&o->only);
	strv_init(&o->skip);
	strv_init(&o->inputs);
	o->fail_on = SEV_LOW;
	o->color = -1;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			version_print(stdout);
			return 1;
		} else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			usage_main(stdout);
			return 1;
		} else if (strcmp(argv[i], "-v") == 0 ||
		    strcmp(argv[i], "--verbose") == 0) {
			o->verbosity++;
		} else if (strcmp(argv[i], "-vv") == 0) {
			o->verbosity += 2;
		} else if (strcmp(argv[i], "--no-config") == 0) {
			o->no_config = 1;
		} else if (strncmp(argv[i], "--config=", 9) == 0) {
			set_str(&o->config_file, argv[i] + 9);
		} else if (strcmp(argv[i], "--config") == 0) {
			if (i + 1 == argc)
				return usage_error(NULL, "%s", "--config needs "
				    "a FILE");
			set_str(&o->config_file, argv[++i]);
		} else if (strcmp(argv[i], "-q") == 0 ||
		    strcmp(argv[i], "--quiet") == 0) {
			o->verbosity = -1;
		} else
			return usage_error(NULL, "unknown option %s", argv[i]);
	}
	if (i == argc) {
		usage_main(stderr);
		return SL_ERR_USAGE;
	}
	for (ci = 0; cmd_table[ci].name != NULL; ci++)
		if (strcmp(argv[i], cmd_table[ci].name) == 0)
			break;
	if (cmd_table[ci].name == NULL)
		return usage_error(NULL, "unknown command \"%s\"", argv[i]);
	o->cmd = cmd_table[ci].cmd;
	return parse_cmd_options(argc - i, argv + i, ci, o);
}

void
cli_opts_cleanup(struct cli_opts *o)
{
	size_t i;

	for (i = 0; i < o->ntargets; i++) {
		free(o->targets[i].arg);
		ssh_target_cleanup(&o->targets[i].ssh);
	}
	free(o->targets);
	free(o->remote.identity);
	free(o->remote.config_file);
	free(o->remote.known_hosts);
	free(o->remote.inventory);
	free(o->remote.user);
	strv_cleanup(&o->reports);
	strv_cleanup(&o->rule_dirs);
	strv_cleanup(&o->only);
	strv_cleanup(&o->skip);
	strv_cleanup(&o->inputs);
	free(o->output);
	free(o->profile);
	free(o->match_spec);
	free(o->rule_id);
	free(o->format);
	free(o->waivers);
	free(o->fix_script);
	free(o->config_file);
	memset(o, 0, sizeof(*o));
}
