/*
 * check_waivers.c — the --waivers file: every parse error with file:line:
 * column, and applying waivers to a scan: FAIL -> WAIVED with the
 * justification, the first matching waiver wins, expiry judged on
 * SOURCE_DATE_EPOCH's date (inclusive), expired and stale waivers reported
 * as run findings that every report shows, and the JSON report's waivers
 * section valid against its schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "sbuf.h"
#include "sl_check.h"
#include "sl_jsonschema.h"
#include "sl_report_fixture.h"
#include "sl_report_render.h"
#include "waivers.h"
#include "xmalloc.h"

static struct waivers *
parse_ok(const char *text, const char *today)
{
	struct waivers *w = NULL;
	struct diag d;

	diag_init(&d);
	if (waivers_parse("w.txt", text, strlen(text), today, &w, &d) !=
	    SL_OK) {
		char *m = d.n > 0 ? diag_format(&d.v[0]) : xstrdup("?");

		ck_abort_msg("parse failed: %s", m);
	}
	ck_assert_uint_eq(d.n, 0);
	diag_cleanup(&d);
	return w;
}

START_TEST(test_parse)
{
	struct waivers *w;

	w = parse_ok("# comment\n\n"
	    "SSHD-001 nas* host 2030-01-31 \"root login is key-only; \\\"ok\\\" "
	    "\\\\ OPS-1\"   # trailing comment\r\n"
	    "\tKEYS-*\t*\tkey:*\t2024-02-29\t\"legacy\"", "2024-03-01");
	ck_assert_uint_eq(w->n, 2);
	ck_assert_str_eq(w->today, "2024-03-01");
	ck_assert_uint_eq(w->v[0].line, 3);
	ck_assert_str_eq(w->v[0].rule, "SSHD-001");
	ck_assert_str_eq(w->v[0].host, "nas*");
	ck_assert_str_eq(w->v[0].object, "host");
	ck_assert_str_eq(w->v[0].expires, "2030-01-31");
	ck_assert_str_eq(w->v[0].justification,
	    "root login is key-only; \"ok\" \\ OPS-1");
	ck_assert_int_eq(w->v[0].expired, 0);
	ck_assert_uint_eq(w->v[1].line, 4);
	ck_assert_int_eq(w->v[1].expired, 1);
	waivers_free(w);
}
END_TEST

/* Expiry is inclusive: a waiver applies through its date. */
START_TEST(test_expiry_boundary)
{
	struct waivers *w;

	w = parse_ok("A * * 2024-05-31 \"x\"\n", "2024-05-31");
	ck_assert_int_eq(w->v[0].expired, 0);
	waivers_free(w);
	w = parse_ok("A * * 2024-05-31 \"x\"\n", "2024-06-01");
	ck_assert_int_eq(w->v[0].expired, 1);
	waivers_free(w);
}
END_TEST

/* Today from SOURCE_DATE_EPOCH when no date is given. */
START_TEST(test_today_from_sde)
{
	struct waivers *w;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);	/* 2023-11-14 */
	w = parse_ok("A * * 2023-11-14 \"x\"\nB * * 2023-11-13 \"y\"\n", NULL);
	ck_assert_str_eq(w->today, "2023-11-14");
	ck_assert_int_eq(w->v[0].expired, 0);
	ck_assert_int_eq(w->v[1].expired, 1);
	waivers_free(w);
}
END_TEST

static const struct {
	const char	*text;
	unsigned int	 line;
	unsigned int	 col;
	const char	*msg;
} bad[] = {
	{ "SSHD-001\n", 1, 9, "missing HOST" },
	{ "\nSSHD-001 * host\n", 2, 16, "missing EXPIRES" },
	{ "A * * 2024-01-01\n", 1, 17, "missing justification" },
	{ "A * * 2024-13-01 \"x\"\n", 1, 7, "EXPIRES \"2024-13-01\" is not" },
	{ "A * * 2023-02-29 \"x\"\n", 1, 7, "is not a date" },
	{ "A * * 31.12.2030 \"x\"\n", 1, 7, "is not a date" },
	{ "A * * 2030-01-01 x\n", 1, 18, "must be in double quotes" },
	{ "A * * 2030-01-01 \"x\n", 1, 18, "unterminated justification" },
	{ "A * * 2030-01-01 \"\"\n", 1, 18, "empty justification" },
	{ "A * * 2030-01-01 \"a\\nb\"\n", 1, 20, "unknown escape" },
	{ "A * * 2030-01-01 \"x\" y\n", 1, 22, "unexpected text" },
	{ "\"A\" * * 2030-01-01 \"x\"\n", 1, 1, "RULE must not be quoted" },
	{ "A * * 2030-01-01 \"\xff\"\n", 1, 1, "not valid UTF-8" },
	{ "A * * 2030-01-01 \"\x1b[2J\" z\n", 1, 25, "unexpected text" },
};

START_TEST(test_parse_errors)
{
	struct waivers *w = (struct waivers *)1;
	const char *t = bad[_i].text;
	struct diag d;
	char *m;

	diag_init(&d);
	ck_assert_int_eq(waivers_parse("w.txt", t, strlen(t), "2024-01-01", &w,
	    &d), SL_ERR_PARSE);
	ck_assert_ptr_null(w);
	ck_assert_uint_eq(d.nerrors, 1);
	m = diag_format(&d.v[0]);
	ck_assert_msg(d.v[0].line == bad[_i].line && d.v[0].col == bad[_i].col &&
	    strstr(m, bad[_i].msg) != NULL && strcmp(d.v[0].file, "w.txt") == 0,
	    "case %d: got %s", _i, m);
	ck_assert_ptr_null(strchr(m, '\033'));
	free(m);
	diag_cleanup(&d);
}
END_TEST

/* Every bad line is reported, not only the first. */
START_TEST(test_all_errors_reported)
{
	static const char t[] = "A * * 2030-01-01 \"ok\"\nB\nC * * x \"y\"\n";
	struct waivers *w;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(waivers_parse("w.txt", t, strlen(t), "2024-01-01", &w,
	    &d), SL_ERR_PARSE);
	ck_assert_uint_eq(d.nerrors, 2);
	ck_assert_uint_eq(d.v[0].line, 2);
	ck_assert_uint_eq(d.v[1].line, 3);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_bad_today)
{
	struct waivers *w;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(waivers_parse("w.txt", "", 0, "tomorrow", &w, &d),
	    SL_ERR_USAGE);
	diag_cleanup(&d);
	setenv("SOURCE_DATE_EPOCH", "-5", 1);
	diag_init(&d);
	ck_assert_int_ne(waivers_parse("w.txt", "", 0, NULL, &w, &d), SL_OK);
	ck_assert_uint_eq(d.nerrors, 1);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_load_errors)
{
	struct waivers *w;
	struct diag d;
	char *dir, *path;
	FILE *fp;

	diag_init(&d);
	ck_assert_int_eq(waivers_load("/nonexistent/w.txt", &w, &d),
	    SL_ERR_SYSTEM);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_int_eq(waivers_load("/tmp", &w, &d), SL_ERR_USAGE);
	diag_cleanup(&d);

	/* larger than the bound: refused, not read to the end */
	dir = sl_mkdtemp();
	path = xprintf("%s/big.txt", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fseek(fp, 2L * 1024 * 1024, SEEK_SET), 0);
	ck_assert_int_eq(fputc('\n', fp), '\n');
	ck_assert_int_eq(fclose(fp), 0);
	diag_init(&d);
	ck_assert_int_eq(waivers_load(path, &w, &d), SL_ERR_TOO_LARGE);
	diag_cleanup(&d);
	sl_rmtree(dir);
	free(dir);
	free(path);
}
END_TEST

static struct finding *
find(struct findings *fs, const char *rule, const char *object)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rule->id, rule) == 0 &&
		    strcmp(fs->v[i].object, object) == 0)
			return &fs->v[i];
	return NULL;
}

START_TEST(test_apply)
{
	struct fx fx;
	struct waivers *w;
	struct finding *f;
	struct findings *fs;

	fx_build(&fx);
	fs = &fx.sr.hosts[0].findings;
	w = parse_ok(
	    /* 1: waives SSHD-001 on nas1 */
	    "SSHD-0?1 nas? host 2030-01-01 \"key-only root, OPS-7\"\n"
	    /* 2: matches the same finding later: not used, still matched */
	    "SSHD-* * * 2030-01-01 \"second\"\n"
	    /* 3: expired: HOME-002 stays FAIL */
	    "HOME-002 nas1 user:alice 2023-01-01 \"old\"\n"
	    /* 4: matches a PASS only: stale */
	    "SSHD-010 nas1 host 2030-01-01 \"passes anyway\"\n"
	    /* 4b: the same with host "*": nas2 (not scanned) might match */
	    "SSHD-010 * host 2030-01-01 \"passes anyway\"\n"
	    /* 5: matches nothing (nas2 was not scanned, pattern nas1) */
	    "KEYS-003 nas1 key:bob:* 2030-01-01 \"typo\"\n"
	    /* 7: could apply to nas2, which was not scanned: not stale */
	    "KEYS-003 nas2 * 2030-01-01 \"nas2 only\"\n",
	    "2024-01-01");
	waivers_apply(w, &fx.sr);
	ck_assert_ptr_eq(fx.sr.waivers, w);

	f = find(fs, "SSHD-001", "host");
	ck_assert_int_eq(f->verdict, VERDICT_WAIVED);
	ck_assert_ptr_nonnull(f->waiver);
	ck_assert_str_eq(f->waiver->justification, "key-only root, OPS-7");
	ck_assert_str_eq(f->waiver->file, "w.txt");
	ck_assert_uint_eq(f->waiver->line, 1);
	ck_assert_str_eq(f->waiver->expires, "2030-01-01");
	ck_assert_uint_eq(w->v[0].matched, 1);
	ck_assert_uint_eq(w->v[0].waived, 1);
	ck_assert_uint_eq(w->v[1].matched, 1);
	ck_assert_uint_eq(w->v[1].waived, 0);

	f = find(fs, "HOME-002", "user:alice");
	ck_assert_int_eq(f->verdict, VERDICT_FAIL);
	ck_assert_ptr_null(f->waiver);
	ck_assert_uint_eq(w->v[2].matched, 1);
	/* the ERROR and the PASS are not waivable */
	ck_assert_int_eq(find(fs, "KEYS-003", "user:bob")->verdict,
	    VERDICT_ERROR);
	ck_assert_int_eq(find(fs, "SSHD-010", "host")->verdict, VERDICT_PASS);

	/* expired (line 3), stale (lines 4, 6); lines 5, 7 are unknown */
	ck_assert_uint_eq(fx.sr.run_findings.n, 3);
	f = find(&fx.sr.run_findings, WAIVER_RULE_EXPIRED, "waiver:w.txt:3");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->verdict, VERDICT_FAIL);
	ck_assert_int_eq(f->rule->severity, SEV_LOW);
	ck_assert_str_eq(f->loc_file, "w.txt");
	ck_assert_uint_eq(f->loc_line, 3);
	ck_assert_ptr_nonnull(strstr(f->message, "expired on 2023-01-01"));
	f = find(&fx.sr.run_findings, WAIVER_RULE_STALE, "waiver:w.txt:4");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->rule->severity, SEV_INFO);
	ck_assert_ptr_nonnull(find(&fx.sr.run_findings, WAIVER_RULE_STALE,
	    "waiver:w.txt:6"));

	/* the gate: expired waiver is low, stale is info */
	ck_assert_uint_eq(scan_result_count_fail(&fx.sr, SEV_LOW), 2 + 1);
	ck_assert_uint_eq(scan_result_count_fail(&fx.sr, SEV_INFO), 2 + 3);
	fx_cleanup(&fx);
	waivers_free(w);
}
END_TEST

/* Waived, expired and stale show in every report. */
START_TEST(test_every_report_shows_them)
{
	struct fx fx;
	struct waivers *w;
	size_t len;
	char *s;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	fx_build(&fx);
	w = parse_ok("SSHD-001 * host 2030-01-01 \"accepted \xc3\xa9 OPS-7\"\n"
	    "HOME-002 * * 2023-01-01 \"old\"\n"
	    "NOPE-* nas1 * 2030-01-01 \"stale one\"\n", NULL);
	waivers_apply(w, &fx.sr);

	s = sl_render(report_text, &fx.sr, 1, &len);
	ck_assert_ptr_nonnull(strstr(s, "until 2030-01-01 (w.txt:1): "
	    "accepted \xc3\xa9 OPS-7"));
	ck_assert_ptr_nonnull(strstr(s, "WAIVER-001"));
	ck_assert_ptr_nonnull(strstr(s, "WAIVER-002"));
	free(s);

	s = sl_render(report_junit, &fx.sr, 1, &len);
	ck_assert_ptr_nonnull(strstr(s, "<skipped message=\"waived: accepted "
	    "\xc3\xa9 OPS-7 (until 2030-01-01, w.txt:1)\"/>"));
	ck_assert_ptr_nonnull(strstr(s, "<testsuite name=\"waivers\""));
	ck_assert_ptr_nonnull(strstr(s, "WAIVER-001 waiver:w.txt:2"));
	free(s);

	s = sl_render(report_sarif, &fx.sr, 1, &len);
	ck_assert_ptr_nonnull(strstr(s, "\"justification\": \"accepted "
	    "\xc3\xa9 OPS-7 (waived until 2030-01-01)\""));
	ck_assert_ptr_nonnull(strstr(s, "\"ruleId\": \"WAIVER-002\""));
	ck_assert_int_eq(sl_validate_json("tests/schemas/sarif-schema-2.1.0.json",
	    s, len), 0);
	free(s);

	s = sl_render(report_json, &fx.sr, 1, &len);
	ck_assert_ptr_nonnull(strstr(s, "\"today\": \"2023-11-14\""));
	ck_assert_ptr_nonnull(strstr(s, "\"stale\": [\n      {"));
	ck_assert_int_eq(sl_validate_json("docs/json-report.schema.json", s,
	    len), 0);
	free(s);
	fx_cleanup(&fx);
	waivers_free(w);
}
END_TEST

static Suite *
waivers_suite(void)
{
	Suite *s = suite_create("waivers");
	TCase *tc = tcase_create("waivers");

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_expiry_boundary);
	tcase_add_test(tc, test_today_from_sde);
	tcase_add_loop_test(tc, test_parse_errors, 0,
	    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_all_errors_reported);
	tcase_add_test(tc, test_bad_today);
	tcase_add_test(tc, test_load_errors);
	tcase_add_test(tc, test_apply);
	tcase_add_test(tc, test_every_report_shows_them);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(waivers_suite)
