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
#include "err.h"
#include "facts.h"
#include "report.h"
#include "xmalloc.h"

#define C_SCAN		(1u << CMD_SCAN)
#define C_CAPTURE	(1u << CMD_CAPTURE)
#define C_EFF		(1u << CMD_SSHD_EFFECTIVE)
#define C_RULES		(1u << CMD_RULES)

enum opt_id {
	OPT_HELP = 'h', OPT_OUTPUT = 'o', OPT_MATCH = 'C', OPT_VERBOSE = 'v',
	OPT_QUIET = 'q',
	OPT_ROOT = 256, OPT_BUNDLE, OPT_LOCAL, OPT_REPORT, OPT_FAIL_ON,
	OPT_RULES, OPT_ONLY, OPT_SKIP, OPT_OPENSSH, OPT_ALL, OPT_COLOR,
	OPT_DUMP
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

static const struct opt_def opt_table[] = {
	{ "all", OPT_ALL, NULL, C_SCAN,
	  "also list passed and not-applicable checks in the text report" },
	{ "bundle", OPT_BUNDLE, "FILE", C_SCAN | C_EFF,
	  "audit a bundle saved by `synolint capture` (repeatable)" },
	{ "color", OPT_COLOR, "WHEN", C_SCAN,
	  "colour the text report: auto (default, on a TTY), always, never" },
	{ "dump", OPT_DUMP, NULL, C_RULES,
	  "print the whole rule set in normalised rule-file syntax" },
	{ "fail-on", OPT_FAIL_ON, "SEVERITY", C_SCAN,
	  "exit 1 on findings at or above info|low|medium|high|critical (default: low)" },
	{ "help", OPT_HELP, NULL, C_SCAN | C_CAPTURE | C_EFF | C_RULES,
	  "show this help and exit" },
	{ "local", OPT_LOCAL, NULL, C_SCAN | C_CAPTURE | C_EFF,
	  "audit the machine synolint runs on (run it on the NAS itself)" },
	{ "match", OPT_MATCH, "SPEC", C_EFF,
	  "connection context as `sshd -T -C`: user=U,host=H,addr=A,laddr=L,lport=P,rdomain=R" },
	{ "only", OPT_ONLY, "ID", C_SCAN,
	  "evaluate only this rule id or glob (repeatable)" },
	{ "openssh-version", OPT_OPENSSH, "X.Y", C_SCAN | C_EFF,
	  "OpenSSH version of the target when the bundle does not tell (default 9.2)" },
	{ "output", OPT_OUTPUT, "FILE", C_CAPTURE,
	  "write the bundle to FILE (required; written atomically)" },
	{ "report", OPT_REPORT, "FORMAT[:PATH]", C_SCAN,
	  "write a report: text (default, stdout), junit, sarif, json or html; repeatable" },
	{ "root", OPT_ROOT, "DIR", C_SCAN | C_CAPTURE | C_EFF,
	  "audit a NAS filesystem mounted or copied at DIR (repeatable for scan)" },
	{ "rules", OPT_RULES, "DIR", C_SCAN | C_RULES,
	  "also load every *.rules file in DIR (repeatable)" },
	{ "skip", OPT_SKIP, "ID", C_SCAN,
	  "do not evaluate this rule id or glob (repeatable)" },
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
	  "scan [--root DIR]... [--bundle FILE]... [--local] [--report FORMAT[:PATH]]...\n"
	  "              [--fail-on SEVERITY] [--rules DIR]... [--only ID]... [--skip ID]...",
	  "audit hosts and report findings" },
	{ "capture", CMD_CAPTURE, "capture (--root DIR | --local) -o FILE",
	  "save what the collector sees as a bundle for offline audits" },
	{ "sshd-effective", CMD_SSHD_EFFECTIVE,
	  "sshd-effective (--root DIR | --bundle FILE | --local) [-C SPEC]",
	  "print the effective sshd configuration like `sshd -T`" },
	{ "rules", CMD_RULES, "rules [--rules DIR]... [--dump] [ID]",
	  "list the rule catalogue, or show one rule in full" },
	{ NULL, CMD_NONE, NULL, NULL }
};

static void
usage_main(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: synolint [-v | -q] COMMAND [OPTIONS]\n"
	    "       synolint --version | --help\n\n"
	    "Audit and harden the SSH exposure of Synology NAS boxes.\n\n"
	    "Commands:\n");
	for (i = 0; cmd_table[i].name != NULL; i++)
		fprintf(fp, "  %-16s %s\n", cmd_table[i].name, cmd_table[i].what);
	fprintf(fp, "\nGlobal options:\n"
	    "  -v, --verbose    more messages on stderr (repeatable)\n"
	    "  -q, --quiet      only errors on stderr\n"
	    "  --version        print the version and exit\n"
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
	o->targets[o->ntargets].kind = kind;
	o->targets[o->ntargets].arg = arg != NULL ? xstrdup(arg) : NULL;
	o->ntargets++;
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
	shorts[ns++] = '+';
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
			strv_push(&o->reports, optarg);
			break;
		case OPT_RULES:
			strv_push(&o->rule_dirs, optarg);
			break;
		case OPT_ONLY:
			strv_push(&o->only, optarg);
			break;
		case OPT_SKIP:
			strv_push(&o->skip, optarg);
			break;
		case OPT_FAIL_ON:
			if (severity_parse(optarg, &o->fail_on) != 0)
				return usage_error(cmd, "--fail-on: unknown severity "
				    "\"%s\" (info, low, medium, high or critical)",
				    optarg);
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
		case OPT_WAIVERS:
			free(o->waivers);
			o->waivers = xstrdup(optarg);
			break;
		case OPT_ALL:
			o->all = 1;
			break;
		case OPT_DUMP:
			o->dump = 1;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else
				return usage_error(cmd, "--color: \"%s\" is not "
				    "auto, always or never", optarg);
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

	switch (cmd_table[ci].cmd) {
	case CMD_RULES:
		if (argc > 1)
			return usage_error(cmd, "unexpected argument \"%s\"",
			    argv[1]);
		if (argc == 1)
			o->rule_id = xstrdup(argv[0]);
		return 0;
	case CMD_SCAN:
		if (argc > 0)
			return usage_error(cmd, "unexpected argument \"%s\" "
			    "(remote hosts are not supported yet; use --root, "
			    "--bundle or --local)", argv[0]);
		if (o->ntargets == 0)
			return usage_error(cmd, "%s", "nothing to scan: give "
			    "--root DIR, --bundle FILE or --local");
		return 0;
	case CMD_CAPTURE:
	case CMD_SSHD_EFFECTIVE:
		if (argc > 0)
			return usage_error(cmd, "unexpected argument \"%s\"",
			    argv[0]);
		if (o->ntargets != 1)
			return usage_error(cmd, "%s", "give exactly one target");
		if (cmd_table[ci].cmd == CMD_CAPTURE) {
			if (o->targets[0].kind == TARGET_BUNDLE)
				return usage_error(cmd, "%s",
				    "capture takes --root DIR or --local");
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
	o->fail_on = SEV_LOW;
	o->color = -1;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			printf("synolint %s\n", SL_VERSION);
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

	for (i = 0; i < o->ntargets; i++)
		free(o->targets[i].arg);
	free(o->targets);
	strv_cleanup(&o->reports);
	strv_cleanup(&o->rule_dirs);
	strv_cleanup(&o->only);
	strv_cleanup(&o->skip);
	free(o->output);
	free(o->match_spec);
	free(o->rule_id);
	free(o->waivers);
	memset(o, 0, sizeof(*o));
}
