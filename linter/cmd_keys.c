/*
 * cmd_keys.c — `synolint keys [targets...]`: acquires each target as scan
 * does (same --root/--bundle/--local/remote targets, same worker pool),
 * keeps only the summary of its keys (trust_host), joins them into a trust
 * map and writes it as text, JSON or Graphviz dot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_keys.h"
#include "err.h"
#include "facts.h"
#include "fleet.h"
#include "log.h"
#include "trust.h"
#include "xmalloc.h"

struct keys_job {
	const struct acquire_ctx	*ctx;
	struct trust_host		**hosts;	/* one per target */
	struct diag			*diags;
	int				*status;
	uint64_t			 now;
};

static void
keys_one(size_t i, void *arg)
{
	struct keys_job *j = arg;
	const struct cli_target *t = &j->ctx->opts->targets[i];
	struct facts *f = NULL;

	j->status[i] = acquire_facts(j->ctx, t, &f, &j->diags[i]);
	if (j->status[i] == SL_OK)
		j->hosts[i] = trust_host_build(f, acquire_label(t), j->now);
	facts_free(f);
}

int
cmd_keys(const struct acquire_ctx *ctx)
{
	const struct cli_opts *o = ctx->opts;
	struct keys_job j;
	struct trust_host **ok;
	struct trust_map m;
	const char **labels;
	const char *fmt = o->format != NULL ? o->format : "text";
	size_t i, k, nok = 0, nfail = 0;
	int r;

	memset(&j, 0, sizeof(j));
	j.ctx = ctx;
	j.now = trust_now();
	j.hosts = xcalloc(o->ntargets + 1, sizeof(*j.hosts));
	j.diags = xcalloc(o->ntargets + 1, sizeof(*j.diags));
	j.status = xcalloc(o->ntargets + 1, sizeof(*j.status));
	labels = xcalloc(o->ntargets + 1, sizeof(*labels));
	for (i = 0; i < o->ntargets; i++) {
		diag_init(&j.diags[i]);
		labels[i] = acquire_label(&o->targets[i]);
	}
	fleet_run(o->ntargets, o->jobs, 1, labels, keys_one, &j);
	ok = xcalloc(o->ntargets + 1, sizeof(*ok));
	for (i = 0; i < o->ntargets; i++) {
		if (j.status[i] == SL_OK) {
			ok[nok++] = j.hosts[i];
			continue;
		}
		nfail++;
		for (k = 0; k < j.diags[i].n; k++)
			if (j.diags[i].v[k].level == DIAG_ERROR) {
				char *line = diag_format(&j.diags[i].v[k]);

				sl_error("%s: could not be read: %s", labels[i],
				    line);
				free(line);
				break;
			}
		if (k == j.diags[i].n)
			sl_error("%s: could not be read: %s", labels[i],
			    sl_strerror(j.status[i]));
	}
	trust_map_init(&m, ok, nok);
	if (strcmp(fmt, "json") == 0)
		r = trust_write_json(stdout, &m);
	else if (strcmp(fmt, "dot") == 0)
		r = trust_write_dot(stdout, &m);
	else
		r = trust_write_text(stdout, &m);
	if (r == SL_OK && fflush(stdout) != 0)
		r = SL_ERR_SYSTEM;
	if (r != SL_OK)
		sl_error("cannot write to stdout");
	else if (nfail > 0)
		r = SL_ERR_CONNECT;
	trust_map_cleanup(&m);
	for (i = 0; i < o->ntargets; i++) {
		trust_host_free(j.hosts[i]);
		diag_cleanup(&j.diags[i]);
	}
	free(ok);
	free(labels);
	free(j.hosts);
	free(j.diags);
	free(j.status);
	return r;
}
