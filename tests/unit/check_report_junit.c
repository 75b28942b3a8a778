/*
 * check_report_junit.c — the JUnit XML reporter: exact output, counts that
 * match the testcases, schema validation with xmllint, and host strings full
 * of bytes XML cannot carry.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "diag.h"
#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "sbuf.h"
#include "sl_check.h"
#include "sl_report_fixture.h"
#include "sl_report_render.h"
#include "utf8.h"
#include "xmalloc.h"

#define R	"\xef\xbf\xbd"		/* U+FFFD */

static const char golden_small[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<testsuites>\n"
    "  <testsuite name=\"nas1\" package=\"synolint\" id=\"0\""
    " timestamp=\"2023-11-14T22:13:20\" hostname=\"nas1\" tests=\"2\""
    " failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
    "    <properties>\n"
    "      <property name=\"openssh_version\" value=\"7.4p1\"/>\n"
    "    </properties>\n"
    "    <testcase name=\"SSHD-001 host\" classname=\"nas1\" time=\"0\">\n"
    "      <failure message=\"PermitRootLogin yes\" type=\"SSHD-001\">"
    "SSHD-001 Root cannot log in with a password\n"
    "severity: high\n"
    "object: host\n"
    "message: PermitRootLogin yes\n"
    "location: /etc/ssh/sshd_config:14\n"
    "rationale: Why SSHD-001 matters.\n"
    "references: CIS-5.2.10 dev-sec:sshd-7\n"
    "fix: Set PermitRootLogin prohibit-password in /etc/ssh/sshd_config.\n"
    "</failure>\n"
    "    </testcase>\n"
    "    <testcase name=\"SSHD-010 host\" classname=\"nas1\" time=\"0\"/>\n"
    "    <system-out/>\n"
    "    <system-err/>\n"
    "  </testsuite>\n"
    "  <testsuite name=\"nas2\" package=\"synolint\" id=\"1\""
    " timestamp=\"2023-11-14T22:13:20\" hostname=\"nas2\" tests=\"1\""
    " failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n"
    "    <properties/>\n"
    "    <testcase name=\"scan\" classname=\"nas2\" time=\"0\">\n"
    "      <error message=\"host key for nas2 has changed\""
    " type=\"host key changed\">host could not be scanned:"
    " host key for nas2 has changed</error>\n"
    "    </testcase>\n"
    "    <system-out/>\n"
    "    <system-err/>\n"
    "  </testsuite>\n"
    "</testsuites>\n";

/* Writes the JUnit report of sr to a new file in dir; caller frees. */
static char *
write_junit(const char *dir, const struct scan_result *sr)
{
	struct report_opts opts = { 0, 0 };
	struct report_spec spec;
	struct diag d;
	char *path, *arg;

	diag_init(&d);
	path = xprintf("%s/junit.xml", dir);
	arg = xprintf("junit:%s", path);
	ck_assert_int_eq(report_spec_parse(arg, &spec, &d), SL_OK);
	ck_assert_int_eq(report_write(&spec, sr, &opts, &d), SL_OK);
	report_spec_cleanup(&spec);
	free(arg);
	diag_cleanup(&d);
	return path;
}

/* xmllint --noout --schema SL_SOURCE_DIR/tests/schemas/junit.xsd FILE */
static int
xmllint_schema(const char *file)
{
	const char *src = getenv("SL_SOURCE_DIR");
	char *xsd;
	pid_t pid;
	int st;

	ck_assert_msg(src != NULL, "SL_SOURCE_DIR not set (run under ctest)");
	xsd = xprintf("%s/tests/schemas/junit.xsd", src);
	ck_assert_int_eq(access(xsd, R_OK), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		execlp("xmllint", "xmllint", "--noout", "--nonet", "--schema",
		    xsd, file, (char *)NULL);
		_exit(127);
	}
	free(xsd);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static xmlDocPtr
parse(const char *s)
{
	xmlDocPtr doc;

	doc = xmlReadMemory(s, (int)strlen(s), "junit.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	return doc;
}

/* The value of an XPath expression as a number. */
static double
xp_num(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	double v;

	ck_assert_ptr_nonnull(ctx);
	obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	ck_assert_msg(obj != NULL, "bad XPath %s", expr);
	v = xmlXPathCastToNumber(obj);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return v;
}

/* The string value of an XPath expression; caller frees. */
static char *
xp_str(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	xmlChar *v;
	char *s;

	ck_assert_ptr_nonnull(ctx);
	obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	ck_assert_msg(obj != NULL, "bad XPath %s", expr);
	v = xmlXPathCastToString(obj);
	s = xstrdup((const char *)v);
	xmlFree(v);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return s;
}

static void
assert_xp_str(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xp_str(doc, expr);

	ck_assert_msg(strcmp(got, want) == 0, "%s: got \"%s\", want \"%s\"",
	    expr, got, want);
	free(got);
}

/* Every testsuite's counts agree with its testcases. */
static void
assert_counts_consistent(xmlDocPtr doc)
{
	char expr[256];
	int i, n = (int)xp_num(doc, "count(/testsuites/testsuite)");

	for (i = 1; i <= n; i++) {
#define SUITE	"/testsuites/testsuite[%d]"
		(void)snprintf(expr, sizeof(expr), "number(" SUITE "/@tests) = "
		    "count(" SUITE "/testcase)", i, i);
		ck_assert_msg(xp_num(doc, expr) == 1, "%s", expr);
		(void)snprintf(expr, sizeof(expr), "number(" SUITE
		    "/@failures) = count(" SUITE "/testcase/failure)", i, i);
		ck_assert_msg(xp_num(doc, expr) == 1, "%s", expr);
		(void)snprintf(expr, sizeof(expr), "number(" SUITE
		    "/@errors) = count(" SUITE "/testcase/error)", i, i);
		ck_assert_msg(xp_num(doc, expr) == 1, "%s", expr);
		(void)snprintf(expr, sizeof(expr), "number(" SUITE
		    "/@skipped) = count(" SUITE "/testcase/skipped)", i, i);
		ck_assert_msg(xp_num(doc, expr) == 1, "%s", expr);
		(void)snprintf(expr, sizeof(expr), "number(" SUITE "/@id) = %d",
		    i, i - 1);
		ck_assert_msg(xp_num(doc, expr) == 1, "%s", expr);
#undef SUITE
	}
}

static void
build_small(struct fx *fx)
{
	struct host_result *h;
	struct finding *f;

	fx_rules(fx);
	scan_result_init(&fx->sr, NULL);
	h = scan_result_add_host(&fx->sr, "nas1");
	h->openssh_version = xstrdup("7.4p1");
	(void)findings_add(&h->findings, &fx->rules[FX_EMPTY], "host",
	    VERDICT_PASS, "PermitEmptyPasswords no");
	f = findings_add(&h->findings, &fx->rules[FX_SSHD], "host",
	    VERDICT_FAIL, "PermitRootLogin yes");
	f->loc_file = xstrdup("/etc/ssh/sshd_config");
	f->loc_line = 14;
	h = scan_result_add_host(&fx->sr, "nas2");
	h->status = SL_ERR_HOSTKEY_CHANGED;
	h->error = xstrdup("host key for nas2 has changed");
}

START_TEST(test_golden)
{
	struct fx fx;
	char *s;

	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
	build_small(&fx);
	s = sl_render(report_junit, &fx.sr, 0, NULL);
	ck_assert_msg(strcmp(s, golden_small) == 0, "got:\n%s", s);
	free(s);
	fx_cleanup(&fx);
	ck_assert_int_eq(unsetenv("SOURCE_DATE_EPOCH"), 0);
}
END_TEST

START_TEST(test_counts)
{
	struct fx fx;
	xmlDocPtr doc;
	char *s;

	fx_build(&fx);
	s = sl_render(report_junit, &fx.sr, 0, NULL);
	doc = parse(s);
	assert_counts_consistent(doc);
	ck_assert(xp_num(doc, "count(/testsuites/testsuite)") == 2);
#define NAS1	"/testsuites/testsuite[@name='nas1']"
#define NAS2	"/testsuites/testsuite[@name='nas2']"
	assert_xp_str(doc, NAS1 "/@tests", "7");
	assert_xp_str(doc, NAS1 "/@failures", "3");
	assert_xp_str(doc, NAS1 "/@errors", "1");
	assert_xp_str(doc, NAS1 "/@skipped", "2");
	assert_xp_str(doc, NAS1 "/@hostname", "nas1");
	assert_xp_str(doc, NAS1 "/properties/property[@name='dsm_version']"
	    "/@value", "7.1.1-42962");
	/* one testcase per rule x object, classname = host */
	ck_assert(xp_num(doc, "count(" NAS1 "/testcase[@classname='nas1'])")
	    == 7);
	assert_xp_str(doc, NAS1 "/testcase[1]/@name", "DSM-001 host");
	assert_xp_str(doc, NAS1 "/testcase[@name='HOME-002 user:alice']"
	    "/failure/@type", "HOME-002");
	ck_assert(xp_num(doc, "count(" NAS1 "/testcase[@name='HOME-002 "
	    "user:alice']/failure[contains(., 'severity: critical')])") == 1);
	assert_xp_str(doc, NAS1 "/testcase[@name='HOME-002 user:alice']"
	    "/failure/@message",
	    "/var/services/homes/alice is group-writable (0775)");
	ck_assert(xp_num(doc, "count(" NAS1 "/testcase[@name='KEYS-003 "
	    "user:bob']/error)") == 1);
	assert_xp_str(doc, NAS1 "/testcase[@name='KEYS-003 key:alice:2']"
	    "/skipped/@message", "waived: accepted until 2030-01-01");
	assert_xp_str(doc, NAS1 "/testcase[@name='DSM-001 host']"
	    "/skipped/@message", "not applicable: no synowebapi on this host");
	ck_assert(xp_num(doc, "count(" NAS1 "/testcase[@name='SSHD-010 host']"
	    "/*)") == 0);
	ck_assert(xp_num(doc, "count(" NAS1 "/testcase[@name='HOME-002 "
	    "user:alice']/failure[contains(., 'breaks key login today: yes')])")
	    == 1);
	/* the host that could not be scanned: one errored testcase */
	assert_xp_str(doc, NAS2 "/@tests", "1");
	assert_xp_str(doc, NAS2 "/@errors", "1");
	assert_xp_str(doc, NAS2 "/testcase/error/@message",
	    "connect to nas2 port 22: Connection refused");
	assert_xp_str(doc, NAS2 "/testcase/error/@type", "connection failed");
	/* no SOURCE_DATE_EPOCH: the time of the run (this century, UTC) */
	ck_assert(xp_num(doc, "count(" NAS1 "/@timestamp[starts-with(., '20')"
	    " and string-length(.) = 19])") == 1);
#undef NAS1
#undef NAS2
	xmlFreeDoc(doc);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_schema)
{
	struct fx fx;
	struct scan_result empty;
	char *dir, *path;

	dir = sl_mkdtemp();
	ck_assert_ptr_nonnull(dir);
	fx_build(&fx);
	path = write_junit(dir, &fx.sr);
	ck_assert_int_eq(xmllint_schema(path), 0);
	free(path);
	fx_cleanup(&fx);

	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
	build_small(&fx);
	path = write_junit(dir, &fx.sr);
	ck_assert_int_eq(xmllint_schema(path), 0);
	free(path);
	fx_cleanup(&fx);
	ck_assert_int_eq(unsetenv("SOURCE_DATE_EPOCH"), 0);

	scan_result_init(&empty, NULL);
	path = write_junit(dir, &empty);
	ck_assert_int_eq(xmllint_schema(path), 0);
	free(path);
	scan_result_cleanup(&empty);

	sl_rmtree(dir);
	free(dir);
}
END_TEST

/* The schema check must be able to fail: a broken report is rejected. */
START_TEST(test_schema_rejects)
{
	char *dir, *path;
	FILE *fp;

	dir = sl_mkdtemp();
	ck_assert_ptr_nonnull(dir);
	path = xprintf("%s/bad.xml", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("<testsuites><testsuite name=\"x\"/></testsuites>\n", fp);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_ne(xmllint_schema(path), 0);
	sl_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

/*
 * Every string a host controls, full of what XML cannot carry or must
 * escape. The file must be well-formed, schema-valid UTF-8, and the values
 * must come back as sent except for the replaced characters.
 */
START_TEST(test_hostile)
{
	static const char evil[] =
	    "a<b>&c\"d'e ]]> \x01\x1b[31m\xff\xc3 \xef\xbf\xbe\x7f\t|";
	static const char repaired[] =
	    "a<b>&c\"d'e ]]> " R R "[31m" R R " " R "\x7f\t|";
	struct fx fx;
	struct host_result *h;
	struct finding *f;
	xmlDocPtr doc;
	char *dir, *path, *s, *expr;
	size_t i, len;

	fx_build(&fx);
	h = &fx.sr.hosts[0];
	free(h->name);
	h->name = xstrdup(evil);
	free(h->dsm_version);
	h->dsm_version = xstrdup(evil);
	for (i = 0; i < h->findings.n; i++) {
		f = &h->findings.v[i];
		free(f->object);
		f->object = xstrdup(evil);
		free(f->message);
		f->message = xstrdup(evil);
		free(f->evidence);
		f->evidence = xstrdup(evil);
		free(f->loc_file);
		f->loc_file = xstrdup(evil);
		free(f->fix);
		f->fix = xstrdup(evil);
	}
	free(fx.sr.hosts[1].name);
	fx.sr.hosts[1].name = xstrdup(" \t ");	/* collapses to nothing */
	free(fx.sr.hosts[1].error);
	fx.sr.hosts[1].error = xstrdup(evil);

	dir = sl_mkdtemp();
	ck_assert_ptr_nonnull(dir);
	path = write_junit(dir, &fx.sr);
	ck_assert_int_eq(xmllint_schema(path), 0);
	s = sl_read_file(path, &len);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(utf8_valid_xml(s, len), 1);
	ck_assert_ptr_null(strchr(s, '\x01'));
	ck_assert_ptr_null(strchr(s, '\x1b'));
	ck_assert_ptr_null(strstr(s, "]]>"));	/* escaped as ]]&gt; */

	doc = parse(s);
	assert_counts_consistent(doc);
	assert_xp_str(doc, "/testsuites/testsuite[1]/@name", repaired);
	assert_xp_str(doc, "/testsuites/testsuite[1]/properties/property"
	    "[@name='dsm_version']/@value", repaired);
	assert_xp_str(doc, "/testsuites/testsuite[1]/testcase[1]/@classname",
	    repaired);
	expr = xprintf("/testsuites/testsuite[1]/testcase"
	    "[failure]/failure/@message");
	assert_xp_str(doc, expr, repaired);
	free(expr);
	ck_assert(xp_num(doc, "count(/testsuites/testsuite[1]/testcase"
	    "/failure[contains(., 'message: a<b>&c\"d')])") == 3);
	assert_xp_str(doc, "/testsuites/testsuite[2]/@name", "(unnamed)");
	assert_xp_str(doc, "/testsuites/testsuite[2]/testcase/error/@message",
	    repaired);
	xmlFreeDoc(doc);

	free(s);
	sl_rmtree(dir);
	free(path);
	free(dir);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_timestamp)
{
	struct report_opts opts = { 0, 0 };
	struct fx fx;
	struct diag d;
	struct sbuf b;
	char *msg;

	build_small(&fx);
	diag_init(&d);
	sbuf_init(&b, 0);

	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "0", 1), 0);
	ck_assert_int_eq(report_junit(&b, &fx.sr, &opts, &d), SL_OK);
	ck_assert_ptr_nonnull(strstr(b.data,
	    "timestamp=\"1970-01-01T00:00:00\""));
	sbuf_reset(&b);
	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "253402300799", 1), 0);
	ck_assert_int_eq(report_junit(&b, &fx.sr, &opts, &d), SL_OK);
	ck_assert_ptr_nonnull(strstr(b.data,
	    "timestamp=\"9999-12-31T23:59:59\""));
	ck_assert_uint_eq(d.n, 0);

	sbuf_reset(&b);
	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "253402300800", 1), 0);
	ck_assert_int_eq(report_junit(&b, &fx.sr, &opts, &d), SL_ERR_USAGE);
	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "-1", 1), 0);
	ck_assert_int_eq(report_junit(&b, &fx.sr, &opts, &d), SL_ERR_USAGE);
	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "12abc", 1), 0);
	ck_assert_int_eq(report_junit(&b, &fx.sr, &opts, &d), SL_ERR_USAGE);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(d.nerrors, 3);
	msg = diag_format(&d.v[2]);
	ck_assert_msg(strstr(msg, "SOURCE_DATE_EPOCH=\"12abc\"") != NULL, "%s",
	    msg);
	free(msg);
	ck_assert_int_eq(unsetenv("SOURCE_DATE_EPOCH"), 0);

	sbuf_cleanup(&b);
	diag_cleanup(&d);
	fx_cleanup(&fx);
}
END_TEST

/* "junit:-" (and no path) write to standard output. */
START_TEST(test_stdout)
{
	struct report_opts opts = { 1, 0 };
	struct report_spec spec;
	struct fx fx;
	struct diag d;
	char *dir, *path, *got;
	int fd, saved;

	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
	build_small(&fx);
	diag_init(&d);
	dir = sl_mkdtemp();
	ck_assert_ptr_nonnull(dir);
	path = xprintf("%s/stdout.xml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	close(fd);
	ck_assert_int_eq(report_spec_parse("junit:-", &spec, &d), SL_OK);
	ck_assert_int_eq(report_write(&spec, &fx.sr, &opts, &d), SL_OK);
	report_spec_cleanup(&spec);
	ck_assert_int_eq(report_spec_parse("junit", &spec, &d), SL_OK);
	ck_assert_int_eq(report_write(&spec, &fx.sr, &opts, &d), SL_OK);
	report_spec_cleanup(&spec);
	fflush(stdout);
	ck_assert_int_eq(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(saved);

	got = sl_read_file(path, NULL);
	ck_assert_uint_eq(strlen(got), 2 * strlen(golden_small));
	ck_assert_int_eq(strncmp(got, golden_small, strlen(golden_small)), 0);
	ck_assert_str_eq(got + strlen(golden_small), golden_small);
	free(got);
	sl_rmtree(dir);
	free(path);
	free(dir);
	diag_cleanup(&d);
	fx_cleanup(&fx);
	ck_assert_int_eq(unsetenv("SOURCE_DATE_EPOCH"), 0);
}
END_TEST

static Suite *
report_junit_suite(void)
{
	Suite *s = suite_create("report_junit");
	TCase *tc = tcase_create("junit");

	tcase_add_test(tc, test_golden);
	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_schema);
	tcase_add_test(tc, test_schema_rejects);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_timestamp);
	tcase_add_test(tc, test_stdout);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(report_junit_suite)
