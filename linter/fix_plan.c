/*
 * fix_plan.c — findings -> the fix plan of one host (fix.h).
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fix.h"
#include "xmalloc.h"

int
fix_plan_build(const struct facts *f, const struct findings *fs,
    const struct fix_opts *o, struct fix_plan **planp, struct diag *d)
{
	(void)f;
	(void)fs;
	(void)o;
	(void)d;
	*planp = xcalloc(1, sizeof(**planp));	/* XXX stub: empty plan */
	return SL_OK;
}

void
fix_plan_free(struct fix_plan *p)
{
	free(p);
}

size_t
fix_plan_count(const struct fix_plan *p)
{
	(void)p;
	return 0;
}

int
fix_rule_risky(const char *rule_id, const char **whyp)
{
	(void)rule_id;
	*whyp = NULL;
	return 0;
}

int
fix_plan_print(FILE *fp, const struct fix_plan *p)
{
	(void)fp;
	(void)p;
	return SL_OK;
}
