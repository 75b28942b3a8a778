/*
 * cmd_merge.c — `synolint merge [--format K] [-o FILE] REPORT...`: reads the
 * reports (bounded), checks they are of one kind, merges them (reports/
 * merge_*.c) and writes the result atomically or to stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_merge.h"
#include "diag.h"
#include "err.h"
#include "merge.h"
#include "report.h"
#include "sbuf.h"
#include "sl_limits.h"
#include "xmalloc.h"

static int
read_report(const char *path, struct sbuf *b, struct diag *d)
{
	FILE *fp;
	char buf[65536];
	size_t n;
	int r = SL_OK;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		return SL_ERR_SYSTEM;
	}
	while (r == SL_OK && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if ((r = sbuf_put(b, buf, n)) != SL_OK)
			diag_error(d, path, 0, "larger than %u bytes",
			    SL_MAX_REPORT);
	if (r == SL_OK && ferror(fp)) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		r = SL_ERR_SYSTEM;
	}
	if (fp != stdin)
		(void)fclose(fp);
	return r;
}

int
cmd_merge(const struct cli_opts *o)
{
	size_t i, n = o->inputs.n;
	struct sbuf *bufs = xcalloc(n, sizeof(*bufs));
	struct merge_input *in = xcalloc(n, sizeof(*in));
	enum merge_kind kind = MERGE_UNKNOWN, k;
	struct sbuf out;
	struct diag d;
	int r = SL_OK;

	diag_init(&d);
	sbuf_init(&out, SL_MAX_REPORT);
	if (o->format != NULL)
		kind = merge_kind_parse(o->format);
	for (i = 0; i < n; i++)
		sbuf_init(&bufs[i], SL_MAX_REPORT);
	for (i = 0; i < n && r == SL_OK; i++) {
		if ((r = read_report(o->inputs.v[i], &bufs[i], &d)) != SL_OK)
			break;
		in[i].name = o->inputs.v[i];
		in[i].data = (const char *)bufs[i].data;
		in[i].len = bufs[i].len;
		k = merge_detect(in[i].data, in[i].len);
		if (o->format == NULL && k == MERGE_UNKNOWN) {
			diag_error(&d, in[i].name, 1, "not a synolint JSON, "
			    "SARIF or JUnit report");
			r = SL_ERR_PARSE;
		} else if (o->format == NULL && i > 0 && k != kind) {
			diag_error(&d, in[i].name, 1, "a %s report, but %s is "
			    "a %s report: merge reports of one kind",
			    merge_kind_name(k), in[0].name,
			    merge_kind_name(kind));
			r = SL_ERR_USAGE;
		} else if (o->format == NULL)
			kind = k;
	}
	if (r == SL_OK) {
		switch (kind) {
		case MERGE_JSON:
			r = merge_json(in, n, &out, &d);
			break;
		case MERGE_SARIF:
			r = merge_sarif(in, n, &out, &d);
			break;
		case MERGE_JUNIT:
			r = merge_junit(in, n, &out, &d);
			break;
		case MERGE_UNKNOWN:
			r = SL_ERR_INTERNAL;
			break;
		}
	}
	if (r == SL_OK)
		r = report_write_bytes(o->output, &out, &d);
	diag_print(stderr, &d);
	for (i = 0; i < n; i++)
		sbuf_cleanup(&bufs[i]);
	free(bufs);
	free(in);
	sbuf_cleanup(&out);
	diag_cleanup(&d);
	return r == SL_OK ? SL_OK : SL_ERR_USAGE;
}
