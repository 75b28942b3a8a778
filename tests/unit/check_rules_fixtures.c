/*
 * check_rules_fixtures.c — every built-in rule proven by data: one loop test
 * per rule loads tests/rules/<ID>/{pass,fail,na}.bundle, evaluates only that
 * rule and checks the verdicts (pass: at least one PASS, no FAIL or ERROR;
 * fail: at least one FAIL; na: only NA) and, when tests/rules/<ID>/expect
 * names a bundle, its findings exactly ("BUNDLE VERDICT OBJECT [FILE:LINE]").
 * A rule without fixtures fails here, naming the rule; so does a fixture
 * directory whose rule no longer exists. Fixtures are written by
 * tests/rules/make-fixtures.py.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "bundle.h"
#include "diag.h"
#include "engine.h"
#include "facts.h"
#include "findings.h"
#include "rules.h"
#include "sbuf.h"
#include "sl_check.h"
#include "strv.h"
#include "xmalloc.h"

static const char *const bundles[] = { "pass", "fail", "na" };
#define NBUNDLES	(sizeof(bundles) / sizeof(bundles[0]))

static struct ruleset *
load_rules(void)
{
	struct ruleset *rs = NULL;
	struct diag d;
	char *s;

	diag_init(&d);
	if (ruleset_load(NULL, 1, &rs, &d) != 0) {
		s = d.n > 0 ? diag_format(&d.v[0]) : NULL;
		ck_abort_msg("built-in rules: %s", s != NULL ? s : "failed");
	}
	diag_cleanup(&d);
	return rs;
}

static char *
rules_dir(void)
{
	const char *src = getenv("SL_SOURCE_DIR");

	return xprintf("%s/tests/rules", src != NULL ? src : ".");
}

static const char *
verdict_word(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:
		return "PASS";
	case VERDICT_FAIL:
		return "FAIL";
	case VERDICT_NA:
		return "NA";
	case VERDICT_WAIVED:
		return "WAIVED";
	case VERDICT_ERROR:
	default:
		return "ERROR";
	}
}

/* "VERDICT OBJECT [FILE:LINE]", the expect file's spelling. */
static char *
finding_line(const struct finding *f)
{
	if (f->loc_file != NULL)
		return xprintf("%s %s %s:%u", verdict_word(f->verdict),
		    f->object, f->loc_file, f->loc_line);
	return xprintf("%s %s", verdict_word(f->verdict), f->object);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
join_sorted(struct strv *sv)
{
	struct sbuf b;
	char *s;
	size_t i;

	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof(sv->v[0]), cmp_str);
	sbuf_init(&b, 0);
	for (i = 0; i < sv->n; i++)
		(void)sbuf_putf(&b, "\n    %s", sv->v[i]);
	if (sv->n == 0)
		(void)sbuf_puts(&b, " (none)");
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return s;
}

/*
 * The expect lines for bundle name, without the bundle word. Returns 1 and
 * fills out when the expect file mentions the bundle, else 0.
 */
static int
expected_lines(const char *expect, const char *name, struct strv *out)
{
	const char *p = expect, *nl;
	size_t n = strlen(name);
	int found = 0;
	char *line;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		line = nl != NULL ? xstrndup(p, (size_t)(nl - p)) :
		    xstrdup(p);
		if (strncmp(line, name, n) == 0 && line[n] == ' ') {
			strv_push(out, line + n + 1);
			found = 1;
		} else if (line[0] != '#' && line[0] != '\0' &&
		    strncmp(line, "pass ", 5) != 0 &&
		    strncmp(line, "fail ", 5) != 0 &&
		    strncmp(line, "na ", 3) != 0)
			ck_abort_msg("bad expect line: \"%s\"", line);
		free(line);
		p = nl != NULL ? nl + 1 : NULL;
	}
	return found;
}

/* Evaluates rule id over dir/name.bundle into out (which the caller inits). */
static void
eval_bundle(const struct ruleset *rs, const char *id, const char *path,
    struct facts **fp, struct findings *out)
{
	const char *only[] = { id, NULL };
	struct engine_opts o = { only, NULL };
	struct bundle *b = NULL;
	struct diag d;
	char *s;

	diag_init(&d);
	if (bundle_load_file(path, &b, &d) != 0) {
		s = d.n > 0 ? diag_format(&d.v[0]) : NULL;
		ck_abort_msg("%s: %s", path, s != NULL ? s : "does not load");
	}
	if (facts_build(b, NULL, fp, &d) != 0) {
		s = d.n > 0 ? diag_format(&d.v[0]) : NULL;
		ck_abort_msg("%s: facts: %s", path, s != NULL ? s : "failed");
	}
	diag_cleanup(&d);
	ck_assert_int_eq(engine_eval(rs, *fp, &o, out), 0);
}

START_TEST(test_rule_fixtures)
{
	struct ruleset *rs = load_rules();
	const struct rule *r = ruleset_rule(rs, (size_t)_i);
	char *dir = rules_dir(), *path, *expect, *got, *want;
	struct strv lines, exp;
	struct findings out;
	struct facts *f = NULL;
	size_t b, k, npass, nfail, nna, nerr;
	int has_expect;

	path = xprintf("%s/%s/expect", dir, r->id);
	expect = sl_read_file(path, NULL);
	free(path);
	for (b = 0; b < NBUNDLES; b++) {
		path = xprintf("%s/%s/%s.bundle", dir, r->id, bundles[b]);
		if (access(path, F_OK) != 0) {
			ck_assert_msg(b == 2, "rule %s has no %s fixture: add "
			    "tests/rules/%s/%s.bundle (see "
			    "tests/rules/make-fixtures.py and rules/README.md)",
			    r->id, bundles[b], r->id, bundles[b]);
			free(path);
			continue;
		}
		findings_init(&out);
		eval_bundle(rs, r->id, path, &f, &out);
		npass = nfail = nna = nerr = 0;
		strv_init(&lines);
		for (k = 0; k < out.n; k++) {
			ck_assert_str_eq(out.v[k].rule->id, r->id);
			npass += out.v[k].verdict == VERDICT_PASS;
			nfail += out.v[k].verdict == VERDICT_FAIL;
			nna += out.v[k].verdict == VERDICT_NA;
			nerr += out.v[k].verdict == VERDICT_ERROR;
			got = finding_line(&out.v[k]);
			strv_push(&lines, got);
			free(got);
		}
		got = join_sorted(&lines);
		if (b == 0)
			ck_assert_msg(npass > 0 && nfail == 0 && nerr == 0,
			    "%s: pass.bundle must give a PASS and no FAIL or "
			    "ERROR; got:%s", r->id, got);
		else if (b == 1)
			ck_assert_msg(nfail > 0, "%s: fail.bundle gives no "
			    "FAIL; got:%s", r->id, got);
		else
			ck_assert_msg(nna > 0 && nna == out.n, "%s: na.bundle "
			    "must give only NA; got:%s", r->id, got);
		strv_init(&exp);
		has_expect = expect != NULL &&
		    expected_lines(expect, bundles[b], &exp);
		if (has_expect) {
			want = join_sorted(&exp);
			ck_assert_msg(strcmp(got, want) == 0, "%s: %s.bundle "
			    "findings differ from tests/rules/%s/expect\n  "
			    "expected:%s\n  got:%s", r->id, bundles[b], r->id,
			    want, got);
			free(want);
		}
		strv_cleanup(&exp);
		free(got);
		strv_cleanup(&lines);
		findings_cleanup(&out);
		facts_free(f);
		f = NULL;
		free(path);
	}
	free(expect);
	free(dir);
	ruleset_free(rs);
}
END_TEST

/* Every fixture directory belongs to a rule that still exists. */
START_TEST(test_no_orphan_fixtures)
{
	struct ruleset *rs = load_rules();
	char *dir = rules_dir();
	DIR *dp = opendir(dir);
	struct dirent *de;
	struct stat st;
	char *path;
	size_t n = 0;
	int isdir;

	ck_assert_msg(dp != NULL, "cannot open %s", dir);
	while ((de = readdir(dp)) != NULL) {
		path = xprintf("%s/%s", dir, de->d_name);
		isdir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		free(path);
		if (de->d_name[0] == '.' || !isdir)
			continue;
		ck_assert_msg(ruleset_find(rs, de->d_name) != NULL,
		    "tests/rules/%s: no built-in rule has this id", de->d_name);
		n++;
	}
	closedir(dp);
	ck_assert_uint_eq(n, ruleset_count(rs));
	free(dir);
	ruleset_free(rs);
}
END_TEST

static Suite *
rules_fixtures_suite(void)
{
	Suite *s = suite_create("rules_fixtures");
	TCase *tc = tcase_create("fixtures");
	struct ruleset *rs = load_rules();

	tcase_add_loop_test(tc, test_rule_fixtures, 0,
	    (int)ruleset_count(rs));
	tcase_add_test(tc, test_no_orphan_fixtures);
	suite_add_tcase(s, tc);
	ruleset_free(rs);
	return s;
}

SL_CHECK_MAIN(rules_fixtures_suite)
