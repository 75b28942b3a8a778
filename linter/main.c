/*
 * main.c — argv -> struct cli_opts -> cmd_*(); the only place that knows the
 * exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or
 * configuration error, 3 at least one host could not be scanned.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acquire.h"
#include "atomicfile.h"
#include "become.h"
#include "cli.h"
#include "cmd_explain.h"
#include "cmd_fix.h"
#include "cmd_keys.h"
#include "cmd_merge.h"
#include "fix_apply.h"
#include "engine.h"
#include "err.h"
#include "facts.h"
#include "findings.h"
#include "fleet.h"
#include "session_ssh.h"
#include "sl_limits.h"
#include "log.h"
#include "report.h"
#include "rules.h"
#include "sshd.h"
#include "waivers.h"
#include "xmalloc.h"

#define EXIT_CLEAN	0
#define EXIT_FINDINGS	1
#define EXIT_USAGE	2
#define EXIT_HOSTFAIL	3

/* One line per problem, then a one-line summary of the reason if none. */
static void
report_diag(struct diag *d, int r, const char *what)
{
	diag_print(stderr, d);
	if (d->nerrors == 0 && r != SL_OK)
		sl_error("%s: %s", what, sl_strerror(r));
}

static int
load_rules(const struct cli_opts *o, struct ruleset **rsp)
{
	struct diag d;
	int r;

	diag_init(&d);
	r = ruleset_load_profile((const char *const *)o->rule_dirs.v, 1,
	    o->profile, rsp, &d);
	report_diag(&d, r, "loading rules");
	diag_cleanup(&d);
	return r;
}

static int
cmd_scan(const struct acquire_ctx *ctx)
{
	const struct cli_opts *o = ctx->opts;
	struct ruleset *rs = NULL;
	struct scan_result sr;
	struct report_spec *specs = NULL;
	struct report_opts ropts = { 0, o->all };
	struct engine_opts eo = { NULL, NULL };
	struct waivers *wv = NULL;
	struct fix_run fr;
	struct fix_apply fa;
	int fixing = !o->fix && (o->dry_run || o->fix_script != NULL);
	size_t i, nspecs = 0;
	int ex = EXIT_USAGE, r;

	scan_result_init(&sr, NULL);
	if (load_rules(o, &rs) != SL_OK)
		goto out;
	sr.rules = rs;
	sr.fail_on = o->fail_on;
	nspecs = o->reports.n == 0 ? 1 : o->reports.n;
	specs = xcalloc(nspecs, sizeof(*specs));
	for (i = 0; i < nspecs; i++) {
		struct diag d;

		diag_init(&d);
		r = report_spec_parse(o->reports.n == 0 ? "text" :
		    o->reports.v[i], &specs[i], &d);
		report_diag(&d, r, "--report");
		diag_cleanup(&d);
		if (r != SL_OK)
			goto out;
	}
	if (o->waivers != NULL) {
		struct diag d;

		diag_init(&d);
		r = waivers_load(o->waivers, &wv, &d);
		report_diag(&d, r, "--waivers");
		diag_cleanup(&d);
		if (r != SL_OK)
			goto out;
	}
	if (o->only.n > 0)
		eo.only = (const char *const *)o->only.v;
	if (o->skip.n > 0)
		eo.skip = (const char *const *)o->skip.v;

	memset(&fr, 0, sizeof(fr));
	memset(&fa, 0, sizeof(fa));
	if (o->fix) {
		/*
		 * Plan (refusing what would cut our own login) over sessions
		 * kept open, apply over them, then rescan: the reports show
		 * the state after the fixes.
		 */
		fix_apply_init(&fa, ctx, wv);
		fleet_scan_hook(&fa.ctx, rs, &eo, &sr, fix_apply_hook, &fa);
		fix_apply_run(&fa);
		if (fix_apply_changed(&fa)) {
			scan_result_cleanup(&sr);
			scan_result_init(&sr, NULL);
			sr.rules = rs;
			sr.fail_on = o->fail_on;
			fleet_scan(ctx, rs, &eo, &sr);
		}
	} else if (fixing) {
		fix_run_init(&fr, o, wv);
		fleet_scan_hook(ctx, rs, &eo, &sr, fix_run_hook, &fr);
	} else
		fleet_scan(ctx, rs, &eo, &sr);

	if (wv != NULL)
		waivers_apply(wv, &sr);
	if (o->fix)
		fix_apply_attach(&fa, &sr);
	/* auto: a terminal, and NO_COLOR unset or empty (no-color.org) */
	ropts.color = o->color == -1 ? (isatty(STDOUT_FILENO) &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0')) :
	    o->color;
	ex = EXIT_CLEAN;
	for (i = 0; i < nspecs; i++) {
		struct diag d;

		diag_init(&d);
		r = report_write(&specs[i], &sr, &ropts, &d);
		report_diag(&d, r, "writing report");
		diag_cleanup(&d);
		if (r != SL_OK)
			ex = EXIT_USAGE;
	}
	if (fixing && fix_run_finish(&fr) != SL_OK)
		ex = EXIT_USAGE;
	if (o->fix) {
		fix_apply_print(stdout, &sr);
		if (ex == EXIT_CLEAN && fix_apply_failed(&fa))
			ex = EXIT_HOSTFAIL;
	}
	if (ex == EXIT_CLEAN) {
		if (scan_result_count_failed_hosts(&sr) > 0)
			ex = EXIT_HOSTFAIL;
		else if (scan_result_count_fail(&sr, o->fail_on) > 0)
			ex = EXIT_FINDINGS;
	}
 out:
	for (i = 0; specs != NULL && i < nspecs; i++)
		report_spec_cleanup(&specs[i]);
	free(specs);
	if (fixing)
		fix_run_cleanup(&fr);
	if (o->fix)
		fix_apply_cleanup(&fa);
	scan_result_cleanup(&sr);
	waivers_free(wv);
	ruleset_free(rs);
	return ex;
}

static int
cmd_capture(const struct acquire_ctx *ctx)
{
	const struct cli_opts *o = ctx->opts;
	struct atomicfile af;
	struct sbuf raw;
	struct diag d;
	int r, ex = EXIT_HOSTFAIL;

	diag_init(&d);
	sbuf_init(&raw, SL_MAX_BUNDLE);
	r = acquire_bundle_bytes(ctx, &o->targets[0], &raw, &d);
	if (r != SL_OK) {
		report_diag(&d, r, "capture");
		goto out;
	}
	if ((r = atomicfile_open(&af, o->output, &d)) != SL_OK) {
		report_diag(&d, r, "capture");
		ex = EXIT_USAGE;
		goto out;
	}
	if (fwrite(raw.data, 1, raw.len, af.fp) != raw.len)
		diag_errno(&d, "cannot write %s", af.tmp);
	if (d.nerrors > 0 || (r = atomicfile_commit(&af, &d)) != SL_OK) {
		atomicfile_abort(&af);
		report_diag(&d, r, "capture");
		ex = EXIT_USAGE;
		goto out;
	}
	verbose("wrote %zu bytes to %s", raw.len, o->output);
	ex = EXIT_CLEAN;
 out:
	sbuf_cleanup(&raw);
	diag_cleanup(&d);
	return ex;
}

static int
cmd_sshd_effective(const struct acquire_ctx *actx)
{
	const struct cli_opts *o = actx->opts;
	struct facts *f = NULL;
	struct sshd_effective *eff = NULL;
	struct sshd_match_ctx ctx, *ctxp = NULL;
	struct strv storage;
	struct diag d;
	int r, ex = EXIT_HOSTFAIL;

	diag_init(&d);
	strv_init(&storage);
	memset(&ctx, 0, sizeof(ctx));
	if (o->match_spec != NULL) {
		if ((r = sshd_match_ctx_parse(o->match_spec, &ctx, &storage,
		    &d)) != SL_OK) {
			report_diag(&d, r, "-C");
			ex = EXIT_USAGE;
			goto out;
		}
		ctxp = &ctx;
	}
	if ((r = acquire_facts(actx, &o->targets[0], &f, &d)) != SL_OK) {
		report_diag(&d, r, acquire_label(&o->targets[0]));
		goto out;
	}
	diag_print(stderr, &f->diag);
	if (f->sshd == NULL) {
		sl_error("%s: no sshd configuration (%s) found",
		    acquire_label(&o->targets[0]),
		    f->sshd_config_path ? f->sshd_config_path :
		    "/etc/ssh/sshd_config");
		goto out;
	}
	if (ctxp != NULL && ctx.user != NULL && ctx.groups == NULL) {
		const struct user_fact *u = facts_user(f, ctx.user);

		if (u != NULL)
			ctx.groups = &u->groups;
	}
	if ((r = sshd_effective_new(f->sshd, ctxp, &eff, &d)) != SL_OK) {
		report_diag(&d, r, "sshd-effective");
		goto out;
	}
	if (sshd_eff_print(stdout, eff) != SL_OK || fflush(stdout) != 0) {
		sl_error("cannot write to stdout");
		goto out;
	}
	ex = EXIT_CLEAN;
	if (f->diag.nerrors > 0) {
		/* Like `sshd -T`, fail; unlike it, still show the valid lines. */
		sl_error("sshd would refuse this configuration (%zu error%s "
		    "above); shown: what its valid lines give",
		    f->diag.nerrors, f->diag.nerrors == 1 ? "" : "s");
		ex = EXIT_FINDINGS;
	}
 out:
	sshd_effective_free(eff);
	facts_free(f);
	strv_cleanup(&storage);
	diag_cleanup(&d);
	return ex;
}

/* "  LABEL ACTION ARG..." when the rule has that fix. */
static void
print_fix_spec(const char *label, const struct fix_spec *fs)
{
	size_t i;

	if (fs->action == NULL)
		return;
	printf("  %s %s", label, fs->action);
	for (i = 0; i < fs->args.n; i++)
		printf(" %s", fs->args.v[i]);
	printf("\n");
}

static int
cmd_rules(const struct cli_opts *o)
{
	struct ruleset *rs = NULL;
	const struct rule *ru;
	size_t i;
	int ex = EXIT_USAGE;

	if (load_rules(o, &rs) != SL_OK)
		return EXIT_USAGE;
	if (o->dump) {
		ruleset_dump(stdout, rs);
		ex = EXIT_CLEAN;
	} else if (o->rule_id != NULL) {
		if ((ru = ruleset_find(rs, o->rule_id)) == NULL) {
			explain_unknown(rs, o->rule_id);
			goto out;
		}
		printf("%s: %s\n", ru->id, ru->title);
		printf("  severity:  %s\n", severity_name(ru->severity));
		printf("  scope:     %s\n", scope_name(ru->scope));
		printf("  defined:   %s:%u\n", ru->file, ru->line);
		printf("  rationale: %s\n", ru->rationale);
		for (i = 0; i < ru->refs.n; i++)
			printf("  reference: %s\n", ru->refs.v[i]);
		if (ru->fix.text != NULL)
			printf("  fix:       %s\n", ru->fix.text);
		print_fix_spec("action:   ", &ru->fix);
		print_fix_spec("on DSM:   ", &ru->dsm_fix);
		ex = EXIT_CLEAN;
	} else {
		for (i = 0; i < ruleset_count(rs); i++) {
			ru = ruleset_rule(rs, i);
			printf("%-10s %-8s %s\n", ru->id,
			    severity_name(ru->severity), ru->title);
		}
		ruleset_print_profiles(stdout, rs);
		ex = EXIT_CLEAN;
	}
 out:
	ruleset_free(rs);
	return ex;
}

static int
cmd_explain(const struct cli_opts *o)
{
	struct ruleset *rs = NULL;
	int ex;

	if (load_rules(o, &rs) != SL_OK)
		return EXIT_USAGE;
	ex = explain_rule(stdout, rs, o->rule_id) == SL_OK ? EXIT_CLEAN :
	    EXIT_USAGE;
	ruleset_free(rs);
	return ex;
}

/* scan --list-targets: what this shard would scan, without connecting. */
static int
list_targets(const struct cli_opts *o)
{
	size_t i;

	for (i = 0; i < o->ntargets; i++)
		printf("%s\n", acquire_label(&o->targets[i]));
	return EXIT_CLEAN;
}

int
main(int argc, char **argv)
{
	struct cli_opts o;
	struct acquire_ctx ctx = { NULL, NULL, NULL };
	char *password = NULL;
	int r, ex = EXIT_USAGE, ssh_up = 0;

	r = cli_parse(argc, argv, &o);
	if (r == 1) {
		ex = EXIT_CLEAN;
		goto out;
	}
	if (r != SL_OK)
		goto out;
	log_set_level(o.verbosity);
	ctx.opts = &o;
	if (o.cmd == CMD_SCAN && o.list_targets) {
		ex = list_targets(&o);
		goto out;
	}
	if (cli_count_remote(&o) > 0) {
		/* A closed connection is an error to report, not a signal. */
		(void)signal(SIGPIPE, SIG_IGN);
		if (o.remote.become &&
		    become_password_get(&password) != SL_OK)
			goto out;
		ctx.become_password = password;
		if (session_ssh_global_init() != SL_OK) {
			sl_error("cannot initialise libssh");
			goto out;
		}
		ssh_up = 1;
	}
	switch (o.cmd) {
	case CMD_SCAN:
		ex = cmd_scan(&ctx);
		break;
	case CMD_CAPTURE:
		ex = cmd_capture(&ctx);
		break;
	case CMD_SSHD_EFFECTIVE:
		ex = cmd_sshd_effective(&ctx);
		break;
	case CMD_RULES:
		ex = cmd_rules(&o);
		break;
	case CMD_KEYS:
		r = cmd_keys(&ctx);
		ex = r == SL_OK ? EXIT_CLEAN : r == SL_ERR_CONNECT ?
		    EXIT_HOSTFAIL : EXIT_USAGE;
		break;
	case CMD_EXPLAIN:
		ex = cmd_explain(&o);
		break;
	case CMD_MERGE:
		ex = cmd_merge(&o) == SL_OK ? EXIT_CLEAN : EXIT_USAGE;
		break;
	case CMD_NONE:
		break;
	}
 out:
	become_free(password);
	if (ssh_up)
		session_ssh_global_cleanup();
	cli_opts_cleanup(&o);
	if (fflush(stdout) != 0 && ex == EXIT_CLEAN)
		ex = EXIT_USAGE;
	return ex;
}
