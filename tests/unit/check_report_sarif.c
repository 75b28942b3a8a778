/*
 * check_report_sarif.c — the SARIF 2.1.0 reporter: schema-valid output
 * (python3-jsonschema against tests/schemas/sarif-schema-2.1.0.json), the
 * severity-to-level mapping, locations, suppressions for waived findings,
 * notifications for hosts not scanned, fingerprints that survive reruns and
 * wording changes, determinism, and hostile host strings.
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

#define SARIF_SCHEMA	"tests/schemas/sarif-schema-2.1.0.json"

/* The fixture with a real waiver on its waived finding. */
static void
fx_build_waived(struct fx *fx)
{
	struct findings *fs;
	size_t i;

	fx_build(fx);
	fs = &fx->sr.hosts[0].findings;
	for (i = 0; i < fs->n; i++)
		if (fs->v[i].verdict == VERDICT_WAIVED) {
			fs->v[i].waiver = xcalloc(1, sizeof(*fs->v[i].waiver));
			fs->v[i].waiver->file = xstrdup("ci/waivers.txt");
			fs->v[i].waiver->line = 7;
			fs->v[i].waiver->expires = xstrdup("2030-01-01");
			fs->v[i].waiver->justification =
			    xstrdup("legacy backup box, ticket OPS-12");
		}
}

static json_t *
results_of(json_t *root)
{
	return json_object_get(json_array_get(json_object_get(root, "runs"),
	    0), "results");
}

/* The result for rule id and object, or NULL. */
static json_t *
find_result(json_t *root, const char *rule, const char *object)
{
	json_t *res = results_of(root), *r;
	size_t i;

	json_array_foreach(res, i, r) {
		json_t *p = json_object_get(r, "properties");

		if (strcmp(json_string_value(json_object_get(r, "ruleId")),
		    rule) == 0 && strcmp(json_string_value(json_object_get(p,
		    "object")), object) == 0)
			return r;
	}
	return NULL;
}

static const char *
fingerprint_of(json_t *r)
{
	return sl_json_sget(r, "partialFingerprints.synolint/v1");
}

START_TEST(test_schema_valid)
{
	struct fx fx;
	size_t len;
	char *s;

	fx_build_waived(&fx);
	s = sl_render(report_sarif, &fx.sr, 0, &len);
	ck_assert_int_eq(sl_validate_json(SARIF_SCHEMA, s, len), 0);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_rules_metadata)
{
	struct fx fx;
	json_t *root, *rules, *r;
	size_t i, n = 0;
	char *s;

	fx_build_waived(&fx);
	s = sl_render(report_sarif, &fx.sr, 0, NULL);
	root = sl_parse_json(s);
	ck_assert_str_eq(sl_json_sget(root, "version"), "2.1.0");
	ck_assert_str_eq(sl_json_sget(root, "runs.0.tool.driver.name"), "synolint");
	rules = json_object_get(json_object_get(json_object_get(
	    json_array_get(json_object_get(root, "runs"), 0), "tool"),
	    "driver"), "rules");
	ck_assert_uint_eq(json_array_size(rules), FX_NRULES);
	json_array_foreach(rules, i, r) {
		if (strcmp(sl_json_sget(r, "id"), "SSHD-001") != 0)
			continue;
		n++;
		ck_assert_str_eq(sl_json_sget(r, "shortDescription.text"),
		    "Root cannot log in with a password");
		ck_assert_str_eq(sl_json_sget(r, "fullDescription.text"),
		    "Why SSHD-001 matters.");
		ck_assert_ptr_nonnull(strstr(sl_json_sget(r, "help.text"),
		    "Set PermitRootLogin prohibit-password"));
		ck_assert_str_eq(sl_json_sget(r, "defaultConfiguration.level"), "error");
		ck_assert_str_eq(sl_json_sget(r, "properties.tags.1"), "high");
		ck_assert_str_eq(sl_json_sget(r, "properties.tags.2"), "CIS-5.2.10");
		ck_assert_str_eq(sl_json_sget(r, "properties.tags.3"), "dev-sec:sshd-7");
		ck_assert_str_eq(sl_json_sget(r, "properties.security-severity"), "8.0");
	}
	ck_assert_uint_eq(n, 1);
	/* rules sorted by id, so ruleIndex points at the right one */
	ck_assert_str_eq(sl_json_sget(rules, "0.id"), "DSM-001");
	r = find_result(root, "KEYS-003", "key:alice:1");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(sl_json_sget(json_array_get(rules, (size_t)json_integer_value(
	    json_object_get(r, "ruleIndex"))), "id"), "KEYS-003");
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_results)
{
	struct fx fx;
	json_t *root, *r;
	char *s;

	fx_build_waived(&fx);
	s = sl_render(report_sarif, &fx.sr, 0, NULL);
	root = sl_parse_json(s);
	/* FAIL x3, WAIVED, ERROR; no PASS or n/a results */
	ck_assert_uint_eq(json_array_size(results_of(root)), 5);
	ck_assert_ptr_null(find_result(root, "SSHD-010", "host"));
	ck_assert_ptr_null(find_result(root, "DSM-001", "host"));

	r = find_result(root, "SSHD-001", "host");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(sl_json_sget(r, "kind"), "fail");
	ck_assert_str_eq(sl_json_sget(r, "level"), "error");
	ck_assert_str_eq(sl_json_sget(r,
	    "locations.0.physicalLocation.artifactLocation.uri"),
	    "nas1/etc/ssh/sshd_config");
	ck_assert_str_eq(sl_json_sget(r,
	    "locations.0.physicalLocation.artifactLocation.uriBaseId"),
	    "SYNOLINT_HOSTS");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    json_object_get(json_array_get(json_object_get(r, "locations"), 0),
	    "physicalLocation"), "region"), "startLine")), 14);
	ck_assert_str_eq(sl_json_sget(r, "message.text"), "nas1 host: PermitRootLogin yes");

	r = find_result(root, "HOME-002", "user:alice");
	ck_assert_str_eq(sl_json_sget(r, "level"), "error");	/* critical */
	ck_assert_str_eq(sl_json_sget(r,
	    "locations.0.physicalLocation.artifactLocation.uri"),
	    "nas1/");
	/* GitHub requires a startLine: 1 for the host as a whole */
	ck_assert_int_eq(json_integer_value(sl_json_get(r,
	    "locations.0.physicalLocation.region.startLine")), 1);
	ck_assert(json_is_true(json_object_get(json_object_get(r,
	    "properties"), "breaks_login")));

	r = find_result(root, "KEYS-003", "key:alice:1");
	ck_assert_str_eq(sl_json_sget(r, "level"), "warning");	/* medium */

	r = find_result(root, "KEYS-003", "key:alice:2");
	ck_assert_str_eq(sl_json_sget(r, "suppressions.0.kind"), "external");
	ck_assert_str_eq(sl_json_sget(r, "suppressions.0.status"), "accepted");
	ck_assert_str_eq(sl_json_sget(r, "suppressions.0.justification"),
	    "legacy backup box, ticket OPS-12 (waived until 2030-01-01)");
	ck_assert_str_eq(sl_json_sget(r,
	    "suppressions.0.location.physicalLocation.artifactLocation.uri"),
	    "ci/waivers.txt");
	ck_assert_str_eq(sl_json_sget(r, "suppressions.0.location."
	    "physicalLocation.artifactLocation.uriBaseId"), "%SRCROOT%");

	r = find_result(root, "KEYS-003", "user:bob");
	ck_assert_str_eq(sl_json_sget(r, "kind"), "open");
	ck_assert_str_eq(sl_json_sget(r, "level"), "none");

	/* bob's could-not-check is a warning; nas2 was not scanned */
	ck_assert(json_is_false(json_object_get(json_array_get(json_object_get(
	    json_array_get(json_object_get(root, "runs"), 0), "invocations"),
	    0), "executionSuccessful")));
	ck_assert_str_eq(sl_json_sget(root, "runs.0.invocations.0."
	    "toolExecutionNotifications.1.level"), "error");
	ck_assert_str_eq(sl_json_sget(root, "runs.0.invocations.0."
	    "toolExecutionNotifications.1.message.text"),
	    "nas2: could not be scanned: connect to nas2 port 22: "
	    "Connection refused");
	ck_assert_str_eq(sl_json_sget(root, "runs.0.invocations.0."
	    "toolExecutionNotifications.0.level"), "warning");
	ck_assert_str_eq(sl_json_sget(root, "runs.0.invocations.0."
	    "toolExecutionNotifications.0.associatedRule.id"), "KEYS-003");
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_all_scanned_successful)
{
	struct fx fx;
	json_t *root;
	char *s;

	fx_build(&fx);
	fx.sr.nhosts = 1;	/* drop nas2 (freed by cleanup after restore) */
	s = sl_render(report_sarif, &fx.sr, 0, NULL);
	fx.sr.nhosts = 2;
	root = sl_parse_json(s);
	ck_assert(json_is_true(json_object_get(json_array_get(json_object_get(
	    json_array_get(json_object_get(root, "runs"), 0), "invocations"),
	    0), "executionSuccessful")));
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_deterministic)
{
	struct fx fx;
	struct findings *fs;
	struct finding tmp;
	size_t i;
	char *a, *b, *c;

	fx_build_waived(&fx);
	a = sl_render(report_sarif, &fx.sr, 0, NULL);
	b = sl_render(report_sarif, &fx.sr, 0, NULL);
	ck_assert_str_eq(a, b);
	/* the order findings arrive in does not matter */
	fs = &fx.sr.hosts[0].findings;
	for (i = 0; i < fs->n / 2; i++) {
		tmp = fs->v[i];
		fs->v[i] = fs->v[fs->n - 1 - i];
		fs->v[fs->n - 1 - i] = tmp;
	}
	c = sl_render(report_sarif, &fx.sr, 0, NULL);
	ck_assert_str_eq(a, c);
	free(a);
	free(b);
	free(c);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_fingerprints)
{
	struct fx fx1, fx2;
	json_t *r1, *r2;
	struct findings *fs;
	char *s1, *s2, *fp_root, *fp_home;
	size_t i;

	fx_build(&fx1);
	fx_build(&fx2);
	/* the second run: the line moved and the wording changed */
	fs = &fx2.sr.hosts[0].findings;
	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rule->id, "SSHD-001") == 0) {
			fs->v[i].loc_line = 40;
			free(fs->v[i].message);
			fs->v[i].message = xstrdup("PermitRootLogin is yes");
		}
	s1 = sl_render(report_sarif, &fx1.sr, 0, NULL);
	s2 = sl_render(report_sarif, &fx2.sr, 0, NULL);
	r1 = sl_parse_json(s1);
	r2 = sl_parse_json(s2);
	fp_root = xstrdup(fingerprint_of(find_result(r1, "SSHD-001", "host")));
	ck_assert_uint_eq(strlen(fp_root), 64);
	ck_assert_str_eq(fp_root,
	    fingerprint_of(find_result(r2, "SSHD-001", "host")));
	/* same rule, different objects: different fingerprints */
	ck_assert_str_ne(fingerprint_of(find_result(r1, "KEYS-003",
	    "key:alice:1")), fingerprint_of(find_result(r1, "KEYS-003",
	    "key:alice:2")));
	fp_home = xstrdup(fingerprint_of(find_result(r1, "HOME-002",
	    "user:alice")));
	ck_assert_str_ne(fp_root, fp_home);
	/* GitHub's own key: stable too, and distinct per object */
	ck_assert_str_eq(sl_json_sget(find_result(r1, "SSHD-001", "host"),
	    "partialFingerprints.primaryLocationLineHash"), sl_json_sget(
	    find_result(r2, "SSHD-001", "host"),
	    "partialFingerprints.primaryLocationLineHash"));
	ck_assert_str_ne(sl_json_sget(find_result(r1, "KEYS-003",
	    "key:alice:1"), "partialFingerprints.primaryLocationLineHash"),
	    sl_json_sget(find_result(r1, "KEYS-003", "key:alice:2"),
	    "partialFingerprints.primaryLocationLineHash"));
	json_decref(r1);
	json_decref(r2);
	free(s1);
	free(s2);
	free(fp_root);
	free(fp_home);
	fx_cleanup(&fx1);
	fx_cleanup(&fx2);
}
END_TEST

START_TEST(test_fingerprint_other_host)
{
	struct fx fx;
	json_t *r1, *r2;
	char *s1, *s2, *fp;

	fx_build(&fx);
	s1 = sl_render(report_sarif, &fx.sr, 0, NULL);
	free(fx.sr.hosts[0].name);
	fx.sr.hosts[0].name = xstrdup("nas3");
	s2 = sl_render(report_sarif, &fx.sr, 0, NULL);
	r1 = sl_parse_json(s1);
	r2 = sl_parse_json(s2);
	fp = xstrdup(fingerprint_of(find_result(r1, "SSHD-001", "host")));
	ck_assert_str_ne(fp, fingerprint_of(find_result(r2, "SSHD-001",
	    "host")));
	json_decref(r1);
	json_decref(r2);
	free(s1);
	free(s2);
	free(fp);
	fx_cleanup(&fx);
}
END_TEST

/* Invalid UTF-8, control bytes, an escape sequence, quotes and slashes. */
START_TEST(test_hostile_strings)
{
	struct fx fx;
	struct host_result *h;
	struct finding *f;
	json_t *root, *r;
	size_t len;
	char *s;
	const char *uri;

	fx_build(&fx);
	h = &fx.sr.hosts[0];
	free(h->name);
	h->name = xstrdup("nas\xff\x01 \"1\"/../x?#");
	free(h->dsm_version);
	h->dsm_version = xstrdup("7\xc0\xaf");
	f = findings_add(&h->findings, &fx.rules[FX_HOME],
	    "user:\xe9ve\x1b[31m", VERDICT_FAIL, "home \xed\xa0\x80 0777\r\n");
	f->evidence = xstrdup("\x7f\x01\x02");
	f->loc_file = xstrdup("/volume1/homes/\xe9ve/.ssh/a k");
	f->loc_line = 3;
	free(fx.sr.hosts[1].error);
	fx.sr.hosts[1].error = xstrdup("banner \xff\xfe\x00");
	s = sl_render(report_sarif, &fx.sr, 0, &len);
	ck_assert_uint_eq(strlen(s), len);
	root = sl_parse_json(s);		/* jansson rejects invalid UTF-8 */
	r = find_result(root, "HOME-002", "user:\xef\xbf\xbdve\x1b[31m");
	ck_assert_ptr_nonnull(r);
	uri = sl_json_sget(r, "locations.0.physicalLocation.artifactLocation.uri");
	ck_assert_str_eq(uri, "nas%FF%01%20%221%22%2F..%2Fx%3F%23"
	    "/volume1/homes/%E9ve/.ssh/a%20k");
	ck_assert_int_eq(sl_validate_json(SARIF_SCHEMA, s, len), 0);
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_run_findings)
{
	struct fx fx;
	struct finding *f;
	json_t *root, *r;
	size_t len;
	char *s;

	fx_build(&fx);
	f = findings_add(&fx.sr.run_findings, &fx.rules[FX_DSM],
	    "waiver:waivers.txt:3", VERDICT_FAIL, "waiver expired");
	f->loc_file = xstrdup("ci/waivers.txt");
	f->loc_line = 3;
	s = sl_render(report_sarif, &fx.sr, 0, &len);
	root = sl_parse_json(s);
	r = find_result(root, "DSM-001", "waiver:waivers.txt:3");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(sl_json_sget(r,
	    "locations.0.physicalLocation.artifactLocation.uri"),
	    "ci/waivers.txt");
	ck_assert_str_eq(sl_json_sget(r, "level"), "note");
	ck_assert_str_eq(sl_json_sget(r, "message.text"),
	    "waiver:waivers.txt:3: waiver expired");
	ck_assert_int_eq(sl_validate_json(SARIF_SCHEMA, s, len), 0);
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

/* Over the results limit: the most severe kept, the cut announced. */
START_TEST(test_results_limit)
{
	struct report_opts opts = { 0, 0 };
	struct fx fx;
	struct diag d;
	struct sbuf b;
	json_t *root, *res, *notes, *n;
	size_t i, all, nwarn = 0;
	char *s;

	fx_build_waived(&fx);
	s = sl_render(report_sarif, &fx.sr, 0, NULL);
	root = sl_parse_json(s);
	all = json_array_size(results_of(root));
	json_decref(root);
	free(s);
	ck_assert_uint_ge(all, 3);

	diag_init(&d);
	sbuf_init(&b, 0);
	ck_assert_int_eq(report_sarif_max(&b, &fx.sr, &opts, 2, &d), SL_OK);
	diag_cleanup(&d);
	s = sbuf_steal(&b, NULL);
	root = sl_parse_json(s);
	res = results_of(root);
	ck_assert_uint_eq(json_array_size(res), 2);
	/* HOME-002 is the fixture's only critical finding: never dropped */
	ck_assert_ptr_nonnull(find_result(root, "HOME-002", "user:alice"));
	notes = sl_json_get(root,
	    "runs.0.invocations.0.toolExecutionNotifications");
	json_array_foreach(notes, i, n)
		if (strstr(sl_json_sget(n, "message.text"), "results left out")
		    != NULL)
			nwarn++;
	ck_assert_uint_eq(nwarn, 1);
	ck_assert_int_eq(sl_validate_json(SARIF_SCHEMA, s, strlen(s)), 0);
	json_decref(root);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

static Suite *
sarif_suite(void)
{
	Suite *s = suite_create("report_sarif");
	TCase *tc = tcase_create("sarif");

	tcase_add_test(tc, test_schema_valid);
	tcase_add_test(tc, test_rules_metadata);
	tcase_add_test(tc, test_results);
	tcase_add_test(tc, test_all_scanned_successful);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_fingerprints);
	tcase_add_test(tc, test_fingerprint_other_host);
	tcase_add_test(tc, test_hostile_strings);
	tcase_add_test(tc, test_run_findings);
	tcase_add_test(tc, test_results_limit);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(sarif_suite)
