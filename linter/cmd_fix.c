/*
 * cmd_fix.c — the fixer in `synolint scan` (cmd_fix.h): plans each host
 * from its facts and findings while they are alive, then prints the plans
 * for --dry-run and writes the --fix-script file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acquire.h"
#include "cmd_fix.h"
#include "err.h"
#include "log.h"
#include "xmalloc.h"

void
fix_run_init(struct fix_run *fr, const struct cli_opts *o,
    const struct waivers *wv)
{
	memset(fr, 0, sizeof(*fr));
	fr->opts = o;
	fr->waivers = wv;
	fr->n = o->ntargets;
	fr->plans = xcalloc(o->ntargets + 1, sizeof(*fr->plans));
	fr->only = o->only.n > 0 ? (const char *const *)o->only.v : NULL;
	fr->skip = o->skip.n > 0 ? (const char *const *)o->skip.v : NULL;
}

void
fix_run_hook(size_t i, const struct facts *f, const struct host_result *h,
    void *arg)
{
	struct fix_run *fr = arg;
	const struct cli_target *t = &fr->opts->targets[i];
	struct fix_opts fo;
	struct diag d;

	memset(&fo, 0, sizeof(fo));
	fo.only = fr->only;
	fo.skip = fr->skip;
	fo.fix_risky = fr->opts->fix_risky;
	fo.root = t->kind == TARGET_ROOT ? t->arg : NULL;
	fo.waivers = fr->waivers;
	fo.host = h->name;
	diag_init(&d);
	if (fix_plan_build(f, &h->findings, &fo, &fr->plans[i], &d) != SL_OK) {
		fix_plan_free(fr->plans[i]);
		fr->plans[i] = NULL;
	}
	diag_cleanup(&d);
}

int
fix_run_finish(struct fix_run *fr)
{
	const struct cli_opts *o = fr->opts;
	struct diag d;
	size_t i;
	int r = SL_OK;

	if (o->dry_run) {
		printf("\nfix plan (--dry-run: nothing was changed)\n");
		for (i = 0; i < fr->n; i++)
			if (fr->plans[i] == NULL)
				printf("host %s: could not be scanned: no plan\n",
				    acquire_label(&o->targets[i]));
			else if (fix_plan_print(stdout, fr->plans[i]) != SL_OK)
				r = SL_ERR_SYSTEM;
	}
	if (o->fix_script != NULL) {
		diag_init(&d);
		r = fix_script_write(o->fix_script, fr->plans, fr->n, &d);
		diag_print(stderr, &d);
		diag_cleanup(&d);
		if (r == SL_OK)
			verbose("wrote the fix script %s", o->fix_script);
	}
	return r;
}

void
fix_run_cleanup(struct fix_run *fr)
{
	size_t i;

	for (i = 0; fr->plans != NULL && i < fr->n; i++)
		fix_plan_free(fr->plans[i]);
	free(fr->plans);
	fr->plans = NULL;
}
