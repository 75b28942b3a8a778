/*
 * sl_report_render.h — what the reporter tests share: render a scan with
 * one reporter into memory, parse JSON output, and walk it by a dotted
 * path ("runs.0.results"). Header-only, like the other test helpers.
 */
#ifndef SL_REPORT_RENDER_H
#define SL_REPORT_RENDER_H

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "diag.h"
#include "err.h"
#include "report.h"
#include "report_priv.h"
#include "sbuf.h"
#include "sl_check.h"
#include "xmalloc.h"

/*
 * The report fn writes for sr (verbose as --all), asserting success and no
 * diagnostic. Caller frees; *lenp (may be NULL) gets the length.
 */
static inline char *
sl_render(report_fn fn, const struct scan_result *sr, int verbose,
    size_t *lenp)
{
	struct report_opts opts = { 0, verbose };
	struct diag d;
	struct sbuf b;
	char *s;

	diag_init(&d);
	sbuf_init(&b, 0);
	ck_assert_int_eq(fn(&b, sr, &opts, &d), SL_OK);
	ck_assert_uint_eq(d.n, 0);
	diag_cleanup(&d);
	s = sbuf_steal(&b, lenp);
	sbuf_cleanup(&b);
	return s;
}

/* s as JSON (duplicate keys rejected), or the test fails. */
static inline json_t *
sl_parse_json(const char *s)
{
	json_error_t err;
	json_t *root;

	root = json_loads(s, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL)
		ck_abort_msg("not JSON: %s (line %d)", err.text, err.line);
	return root;
}

/* o at a dotted path; digits index arrays. NULL when absent. */
static inline json_t *
sl_json_get(json_t *o, const char *path)
{
	char *p = xstrdup(path), *tok, *save = NULL;
	json_t *cur = o;

	for (tok = strtok_r(p, ".", &save); tok != NULL && cur != NULL;
	    tok = strtok_r(NULL, ".", &save)) {
		if (*tok >= '0' && *tok <= '9')
			cur = json_array_get(cur, (size_t)atoi(tok));
		else
			cur = json_object_get(cur, tok);
	}
	free(p);
	return cur;
}

/* The string at path, or "(none)". */
static inline const char *
sl_json_sget(json_t *o, const char *path)
{
	const char *v = json_string_value(sl_json_get(o, path));

	return v != NULL ? v : "(none)";
}

#endif
