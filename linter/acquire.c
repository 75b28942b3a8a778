/* acquire.c — target -> (collector over a session | saved bundle) -> facts. */
#include <stdlib.h>
#include <string.h>

#include "acquire.h"
#include "bundle.h"
#include "collector.h"
#include "err.h"
#include "log.h"
#include "sl_limits.h"
#include "session.h"
#include "session_ssh.h"

const char *
acquire_label(const struct cli_target *t)
{
	return t->kind == TARGET_LOCAL ? "local" : t->arg;
}

void
acquire_ssh_opts(const struct acquire_ctx *ctx, const struct cli_target *t,
    struct ssh_conn_opts *cop)
{
	const struct remote_opts *ro = &ctx->opts->remote;
	struct ssh_conn_opts co;

	memset(&co, 0, sizeof(co));
	co.target = &t->ssh;
	co.identity = ro->identity;
	co.config_file = ro->config_file;
	co.known_hosts = ro->known_hosts;
	co.accept_new = ro->accept_new;
	co.become = ro->become;
	co.become_password = ctx->become_password;
	co.timeout_s = ctx->opts->timeout_s;
	co.label = acquire_label(t);
	*cop = co;
}

static int
open_ssh(const struct acquire_ctx *ctx, const struct cli_target *t,
    struct session **sp, struct diag *d)
{
	struct ssh_conn_opts co;

	acquire_ssh_opts(ctx, t, &co);
	return session_ssh_open(&co, sp, d);
}

static int
bundle_bytes(const struct acquire_ctx *ctx, const struct cli_target *t,
    struct sbuf *out, struct acquire_times *tm, struct diag *d)
{
	struct session_opts so = { ctx->opts->timeout_s, acquire_label(t) };
	struct session *s = NULL;
	long long t0;
	int r = SL_ERR_INTERNAL;

	switch (t->kind) {
	case TARGET_ROOT:
		r = session_root_open(t->arg, &so, &s, d);
		break;
	case TARGET_LOCAL:
		r = session_local_open(&so, &s, d);
		break;
	case TARGET_SSH:
		r = open_ssh(ctx, t, &s, d);
		break;
	case TARGET_BUNDLE:
		return SL_ERR_INTERNAL;
	}
	if (r != SL_OK)
		goto out;
	if (t->kind == TARGET_SSH) {
		verbose("%s: connected to %s, host key %s", acquire_label(t),
		    session_ssh_banner(s), session_ssh_hostkey(s) != NULL ?
		    session_ssh_hostkey(s) : "?");
		(void)snprintf(tm->server, sizeof(tm->server), "%s",
		    session_ssh_banner(s) != NULL ? session_ssh_banner(s) : "");
		(void)snprintf(tm->host_key, sizeof(tm->host_key), "%s",
		    session_ssh_hostkey(s) != NULL ? session_ssh_hostkey(s) :
		    "");
	}
	session_ssh_times(s, &tm->connect_ms, &tm->auth_ms);
	t0 = log_mono_ms();
	r = collector_run(s, NULL, out, d);
	tm->collect_ms = log_mono_ms() - t0;
	tm->round_trips = session_exec_count(s);
	tm->bytes = out->len;
	if (r == SL_OK && ctx->sessions != NULL) {
		/* --fix: the same session applies the fixes later. */
		ctx->sessions[t - ctx->opts->targets] = s;
		s = NULL;
	}
 out:
	session_free(s);
	return r;
}

int
acquire_bundle_bytes(const struct acquire_ctx *ctx,
    const struct cli_target *t, struct sbuf *out, struct diag *d)
{
	struct acquire_times tm;

	return bundle_bytes(ctx, t, out, &tm, d);
}

int
acquire_facts(const struct acquire_ctx *ctx, const struct cli_target *t,
    struct facts **factsp, struct diag *d)
{
	return acquire_facts_timed(ctx, t, factsp, NULL, d);
}

int
acquire_facts_timed(const struct acquire_ctx *ctx,
    const struct cli_target *t, struct facts **factsp,
    struct acquire_times *times, struct diag *d)
{
	struct acquire_times tm = { -1, -1, -1, 0, 0, "", "" };
	long long t0;
	struct facts_opts fo = { acquire_label(t),
	    ctx->opts->openssh_version };
	struct bundle *b = NULL;
	struct sbuf raw;
	int r = SL_ERR_INTERNAL;

	*factsp = NULL;
	sbuf_init(&raw, SL_MAX_BUNDLE);
	if (t->kind == TARGET_BUNDLE) {
		t0 = log_mono_ms();
		r = bundle_load_file(t->arg, &b, d);
		tm.collect_ms = log_mono_ms() - t0;
	} else {
		r = bundle_bytes(ctx, t, &raw, &tm, d);
		if (r == SL_OK)
			r = bundle_parse(raw.data, raw.len,
			    t->kind == TARGET_LOCAL ? "collector output (local)" :
			    t->arg, &b, d);
	}
	if (r != SL_OK)
		goto out;
	r = facts_build(b, &fo, factsp, d);	/* consumes b */
	b = NULL;
 out:
	if (times != NULL)
		*times = tm;
	bundle_free(b);
	sbuf_cleanup(&raw);
	return r;
}
