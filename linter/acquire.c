/* acquire.c — target -> (collector over a session | saved bundle) -> facts. */
#include <stdlib.h>
#include <string.h>

#include "acquire.h"
#include "bundle.h"
#include "collector.h"
#include "err.h"
#include "sl_limits.h"
#include "session.h"

const char *
acquire_label(const struct cli_target *t)
{
	return t->kind == TARGET_LOCAL ? "local" : t->arg;
}

int
acquire_bundle_bytes(const struct cli_target *t, struct sbuf *out,
    struct diag *d)
{
	struct session_opts so = { 0, acquire_label(t) };
	struct session *s = NULL;
	int r = SL_ERR_INTERNAL;

	switch (t->kind) {
	case TARGET_ROOT:
		r = session_root_open(t->arg, &so, &s, d);
		break;
	case TARGET_LOCAL:
		r = session_local_open(&so, &s, d);
		break;
	case TARGET_BUNDLE:
		return SL_ERR_INTERNAL;
	}
	if (r != SL_OK)
		goto out;
	r = collector_run(s, NULL, out, d);
 out:
	session_free(s);
	return r;
}

int
acquire_facts(const struct cli_target *t, int openssh_version,
    struct facts **factsp, struct diag *d)
{
	struct facts_opts fo = { acquire_label(t), openssh_version };
	struct bundle *b = NULL;
	struct sbuf raw;
	int r = SL_ERR_INTERNAL;

	*factsp = NULL;
	sbuf_init(&raw, SL_MAX_BUNDLE);
	if (t->kind == TARGET_BUNDLE) {
		r = bundle_load_file(t->arg, &b, d);
	} else {
		r = acquire_bundle_bytes(t, &raw, d);
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
	bundle_free(b);
	sbuf_cleanup(&raw);
	return r;
}
