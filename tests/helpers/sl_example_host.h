/*
 * sl_example_host.h — what the fixer tests share: the seed's remote NAS
 * (examples/seed-remote.bundle) loaded, evaluated with the built-in rules
 * and its findings sorted. Header-only, like the other test helpers.
 */
#ifndef SL_EXAMPLE_HOST_H
#define SL_EXAMPLE_HOST_H

#include <stdlib.h>

#include "bundle.h"
#include "diag.h"
#include "engine.h"
#include "facts.h"
#include "findings.h"
#include "rules.h"
#include "sl_check.h"
#include "xmalloc.h"

struct host {
	struct ruleset	*rs;
	struct facts	*f;
	struct findings	 fs;
};

static inline void
host_load(struct host *h)
{
	const char *src = getenv("SL_SOURCE_DIR");
	char *path;
	struct bundle *b = NULL;
	struct diag d;

	ck_assert_ptr_nonnull(src);
	path = xprintf("%s/examples/seed-remote.bundle", src);
	diag_init(&d);
	ck_assert_int_eq(bundle_load_file(path, &b, &d), 0);
	ck_assert_int_eq(facts_build(b, NULL, &h->f, &d), 0);
	ck_assert_int_eq(ruleset_load(NULL, 1, &h->rs, &d), 0);
	findings_init(&h->fs);
	ck_assert_int_eq(engine_eval(h->rs, h->f, NULL, &h->fs), 0);
	findings_sort(&h->fs);
	diag_cleanup(&d);
	free(path);
}

static inline void
host_free(struct host *h)
{
	findings_cleanup(&h->fs);
	facts_free(h->f);
	ruleset_free(h->rs);
}

#endif
