/*
 * check_report_json.c — the JSON reporter: valid against the documented
 * schema (docs/json-report.schema.json), counts that agree with the
 * findings, deterministic bytes, SOURCE_DATE_EPOCH as the only timestamp,
 * and hostile host strings that stay valid JSON.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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
#include "xmalloc.h"

#define JSON_SCHEMA	"docs/json-report.schema.json"

static long long
iget(json_t *o, const char *path)
{
	json_t *v = sl_json_get(o, path);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", path);
	return json_integer_value(v);
}

START_TEST(test_schema_valid)
{
	struct fx fx;
	size_t len;
	char *s;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	fx_build(&fx);
	s = sl_render(report_json, &fx.sr, 0, &len);
	ck_assert_int_eq(sl_validate_json(JSON_SCHEMA, s, len), 0);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

/* A document that breaks the schema is caught (the validator works). */
START_TEST(test_schema_rejects)
{
	static const char bad[] = "{\"format\": \"synolint-report\", "
	    "\"version\": 2}";

	ck_assert_int_eq(sl_validate_json(JSON_SCHEMA, bad, strlen(bad)), 1);
}
END_TEST

START_TEST(test_contents)
{
	struct fx fx;
	json_t *root, *f, *fs;
	size_t i, nfail = 0;
	char *s;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	fx_build(&fx);
	s = sl_render(report_json, &fx.sr, 0, NULL);
	root = sl_parse_json(s);
	ck_assert_str_eq(sl_json_sget(root, "format"), "synolint-report");
	ck_assert_int_eq(iget(root, "version"), 1);
	ck_assert_str_eq(sl_json_sget(root, "generated"), "2023-11-14T22:13:20Z");
	ck_assert_str_eq(sl_json_sget(root, "hosts.0.name"), "nas1");
	ck_assert_str_eq(sl_json_sget(root, "hosts.0.status"), "scanned");
	ck_assert(json_is_null(sl_json_get(root, "hosts.0.error")));
	ck_assert_str_eq(sl_json_sget(root, "hosts.0.versions.dsm"), "7.1.1-42962");
	ck_assert_str_eq(sl_json_sget(root, "hosts.1.status"), "not_scanned");
	ck_assert_str_eq(sl_json_sget(root, "hosts.1.error"),
	    "connect to nas2 port 22: Connection refused");
	ck_assert_str_eq(sl_json_sget(root, "hosts.1.error_kind"), "connection failed");

	ck_assert_int_eq(iget(root, "summary.hosts"), 2);
	ck_assert_int_eq(iget(root, "summary.hosts_not_scanned"), 1);
	ck_assert_int_eq(iget(root, "summary.counts.fail"), 3);
	ck_assert_int_eq(iget(root, "summary.counts.waived"), 1);
	ck_assert_int_eq(iget(root, "summary.counts.error"), 1);
	ck_assert_int_eq(iget(root, "summary.counts.pass"), 1);
	ck_assert_int_eq(iget(root, "summary.counts.not_applicable"), 1);
	ck_assert_int_eq(iget(root, "summary.counts.fail_by_severity.critical"),
	    1);
	ck_assert_int_eq(iget(root, "summary.counts.fail_by_severity.high"), 1);
	ck_assert_int_eq(iget(root, "summary.counts.fail_by_severity.low"), 0);
	ck_assert_str_eq(sl_json_sget(root, "summary.fail_on"), "low");
	ck_assert_int_eq(iget(root, "summary.failing"), 3);
	ck_assert_int_eq(iget(root, "hosts.0.counts.fail"), 3);
	ck_assert(json_is_null(sl_json_get(root, "waivers")));

	/* the counts agree with the findings listed */
	fs = sl_json_get(root, "findings");
	ck_assert_uint_eq(json_array_size(fs), 7);
	json_array_foreach(fs, i, f)
		if (strcmp(sl_json_sget(f, "verdict"), "fail") == 0)
			nfail++;
	ck_assert_uint_eq(nfail, 3);

	/* sorted by rule id, then object */
	ck_assert_str_eq(sl_json_sget(root, "findings.0.rule"), "DSM-001");
	ck_assert_str_eq(sl_json_sget(root, "findings.1.rule"), "HOME-002");
	f = sl_json_get(root, "findings.1");
	ck_assert_str_eq(sl_json_sget(f, "severity"), "critical");
	ck_assert(json_is_true(sl_json_get(f, "breaks_login")));
	ck_assert_str_eq(sl_json_sget(f, "fix"),
	    "chmod 755 /volume1/homes/alice\nthen log in again with the key");
	ck_assert(json_is_null(sl_json_get(f, "location")));
	f = sl_json_get(root, "findings.5");
	ck_assert_str_eq(sl_json_sget(f, "rule"), "SSHD-001");
	ck_assert_str_eq(sl_json_sget(f, "location.file"), "/etc/ssh/sshd_config");
	ck_assert_int_eq(iget(f, "location.line"), 14);
	ck_assert_str_eq(sl_json_sget(f, "host"), "nas1");
	ck_assert_str_eq(sl_json_sget(root, "findings.2.evidence"),
	    "ssh-dss AAAAB3NzaC1kc3M... alice@old");
	ck_assert_str_eq(sl_json_sget(root, "findings.4.verdict"), "error");
	ck_assert(json_is_null(sl_json_get(root, "findings.4.fix")));
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_no_timestamp_without_sde)
{
	struct fx fx;
	json_t *root;
	char *a, *b;

	unsetenv("SOURCE_DATE_EPOCH");
	fx_build(&fx);
	a = sl_render(report_json, &fx.sr, 0, NULL);
	b = sl_render(report_json, &fx.sr, 0, NULL);
	ck_assert_str_eq(a, b);
	root = sl_parse_json(a);
	ck_assert_ptr_null(sl_json_get(root, "generated"));
	json_decref(root);
	free(a);
	free(b);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_bad_sde)
{
	struct report_opts opts = { 0, 0 };
	struct fx fx;
	struct diag d;
	struct sbuf b;

	setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
	fx_build(&fx);
	diag_init(&d);
	sbuf_init(&b, 0);
	ck_assert_int_eq(report_json(&b, &fx.sr, &opts, &d), SL_ERR_USAGE);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "SOURCE_DATE_EPOCH"));
	sbuf_cleanup(&b);
	diag_cleanup(&d);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_deterministic_order)
{
	struct fx fx;
	struct findings *fs;
	struct finding tmp;
	char *a, *b;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	fx_build(&fx);
	a = sl_render(report_json, &fx.sr, 0, NULL);
	fs = &fx.sr.hosts[0].findings;
	tmp = fs->v[0];
	fs->v[0] = fs->v[fs->n - 1];
	fs->v[fs->n - 1] = tmp;
	b = sl_render(report_json, &fx.sr, 0, NULL);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_hostile_strings)
{
	struct fx fx;
	struct host_result *h;
	struct finding *f;
	json_t *root;
	size_t len;
	char *s;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	fx_build(&fx);
	h = &fx.sr.hosts[0];
	free(h->openssh_version);
	h->openssh_version = xstrdup("OpenSSH_\xff\x80\x01\x1b]0;pwn\x07");
	f = findings_add(&h->findings, &fx.rules[FX_SSHD], "user:\xc3",
	    VERDICT_FAIL, "quote \" backslash \\ tab\t nul-free \xf4\x90\x80\x80");
	f->evidence = xstrdup("\xef\xbb\xbf\x7f\x1f");
	s = sl_render(report_json, &fx.sr, 0, &len);
	root = sl_parse_json(s);
	ck_assert_str_eq(sl_json_sget(root, "hosts.0.versions.openssh"),
	    "OpenSSH_\xef\xbf\xbd\xef\xbf\xbd\x01\x1b]0;pwn\x07");
	ck_assert_int_eq(sl_validate_json(JSON_SCHEMA, s, len), 0);
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_run_findings_counted)
{
	struct fx fx;
	json_t *root, *f;
	char *s;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	fx_build(&fx);
	f = NULL;
	(void)findings_add(&fx.sr.run_findings, &fx.rules[FX_EMPTY],
	    "waiver:w:1", VERDICT_FAIL, "expired");
	s = sl_render(report_json, &fx.sr, 0, NULL);
	root = sl_parse_json(s);
	ck_assert_int_eq(iget(root, "summary.counts.fail"), 4);
	ck_assert_int_eq(iget(root, "summary.failing"), 4);
	f = sl_json_get(root, "findings.7");
	ck_assert(json_is_null(sl_json_get(f, "host")));
	ck_assert_str_eq(sl_json_sget(f, "object"), "waiver:w:1");
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite *s = suite_create("report_json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, test_schema_valid);
	tcase_add_test(tc, test_schema_rejects);
	tcase_add_test(tc, test_contents);
	tcase_add_test(tc, test_no_timestamp_without_sde);
	tcase_add_test(tc, test_bad_sde);
	tcase_add_test(tc, test_deterministic_order);
	tcase_add_test(tc, test_hostile_strings);
	tcase_add_test(tc, test_run_findings_counted);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(json_suite)
