/*
 * pred_users.c — predicates on accounts. Facts read: facts->users (name,
 * uid, shell, disabled from /etc/shadow when the collector could read it).
 */
#include <string.h>

#include "err.h"
#include "predicates.h"
#include "sbuf.h"
#include "xmalloc.h"

int	pred_uid0_only_root(const struct pred_ctx *, struct pred_out *);
int	pred_user_not_enabled(const struct pred_ctx *, struct pred_out *);

int
pred_uid0_only_root(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct facts *f = ctx->facts;
	struct sbuf b;
	size_t i;

	if (f->nusers == 0) {
		pred_emit(out, VERDICT_ERROR, NULL, "no accounts collected");
		return 0;
	}
	sbuf_init(&b, 0);
	for (i = 0; i < f->nusers; i++)
		if (f->users[i].uid == 0 && strcmp(f->users[i].name, "root") != 0)
			(void)sbuf_putf(&b, "%s%s", b.len > 0 ? ", " : "",
			    f->users[i].name);
	if (b.len > 0)
		pred_emit(out, VERDICT_FAIL, NULL, "accounts other than root "
		    "have uid 0: %s", b.data);
	else
		pred_emit(out, VERDICT_PASS, NULL, "only root has uid 0");
	sbuf_cleanup(&b);
	return 0;
}

int
pred_user_not_enabled(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct facts *f = ctx->facts;
	struct sbuf on, unknown;
	size_t i, j;

	sbuf_init(&on, 0);
	sbuf_init(&unknown, 0);
	for (i = 0; i < ctx->args->n; i++)
		for (j = 0; j < f->nusers; j++) {
			const struct user_fact *u = &f->users[j];

			if (strcmp(u->name, ctx->args->v[i]) != 0)
				continue;
			if (u->disabled == 0)
				(void)sbuf_putf(&on, "%s%s", on.len > 0 ?
				    ", " : "", u->name);
			else if (u->disabled < 0)
				(void)sbuf_putf(&unknown, "%s%s",
				    unknown.len > 0 ? ", " : "", u->name);
		}
	if (on.len > 0)
		pred_emit(out, VERDICT_FAIL, NULL, "enabled: %s", on.data);
	else if (unknown.len > 0)
		pred_emit(out, VERDICT_ERROR, NULL, "could not tell whether %s "
		    "is disabled (/etc/shadow needs --become)", unknown.data);
	else
		pred_emit(out, VERDICT_PASS, NULL, "absent or disabled");
	sbuf_cleanup(&on);
	sbuf_cleanup(&unknown);
	return 0;
}
