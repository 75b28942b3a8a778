/* check_rules_parse.c — the rule-file language: every diag, exact text; dump round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "err.h"
#include "predicates.h"
#include "rules.h"
#include "sl_check.h"
#include "xmalloc.h"

#define GOOD_BODY							\
	"\ttitle \"t\"\n"						\
	"\tseverity high\n"						\
	"\tscope file\n"						\
	"\tcheck path_mode_max /etc/ssh/sshd_config 0600\n"		\
	"\trationale \"r\"\n"

/* Parses text as "x.rules"; returns the SL_ERR_* of ruleset_add_text. */
static int
parse(const char *text, struct ruleset **rsp, struct diag *d)
{
	*rsp = ruleset_new();
	diag_init(d);
	return ruleset_add_text(*rsp, "x.rules", text, strlen(text), d);
}

/* Asserts that parsing text fails with exactly one diag, expect. */
static void
expect_one(const char *text, const char *expect)
{
	struct ruleset *rs;
	struct diag d;
	char *s;

	ck_assert_int_eq(parse(text, &rs, &d), SL_ERR_PARSE);
	ck_assert_uint_ge(d.n, 1);
	s = diag_format(&d.v[0]);
	ck_assert_str_eq(s, expect);
	ck_assert_msg(d.n == 1, "%zu diags, first \"%s\"", d.n, s);
	free(s);
	diag_cleanup(&d);
	ruleset_free(rs);
}

START_TEST(test_good_rule)
{
	struct ruleset *rs;
	struct diag d;
	const struct rule *r;

	ck_assert_int_eq(parse(
	    "# a comment\n"
	    "rule SSHD-900   # trailing comment\n"
	    "\ttitle\t\"Say \\\"hi\\\" \\\\ there\"\n"
	    "\tseverity critical\n"
	    "\tscope user\n"
	    "\tcheck path_owner %h/.ssh \\\n"
	    "\t    %u root\n"
	    "\trationale \"why # not a comment\"\n"
	    "\tref CIS-Debian12:5.1.1 dev-sec:sshd-01\n"
	    "\tref Mozilla:OpenSSH\n"
	    "\tfix chown %u\n"
	    "\tfixtext \"chown it\"\n"
	    "\tdsmfix manual \"use the DSM UI\"\n"
	    "end\n", &rs, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(ruleset_count(rs), 1);
	r = ruleset_find(rs, "SSHD-900");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->title, "Say \"hi\" \\ there");
	ck_assert_int_eq(r->severity, SEV_CRITICAL);
	ck_assert_int_eq(r->scope, SCOPE_USER);
	ck_assert_str_eq(r->pred->name, "path_owner");
	ck_assert_uint_eq(r->args.n, 3);
	ck_assert_str_eq(r->args.v[0], "%h/.ssh");
	ck_assert_str_eq(r->args.v[2], "root");
	ck_assert_str_eq(r->rationale, "why # not a comment");
	ck_assert_uint_eq(r->refs.n, 3);
	ck_assert_str_eq(r->refs.v[2], "Mozilla:OpenSSH");
	ck_assert_str_eq(r->fix.action, "chown");
	ck_assert_str_eq(r->fix.args.v[0], "%u");
	ck_assert_str_eq(r->fix.text, "chown it");
	ck_assert_str_eq(r->dsm_fix.action, "manual");
	ck_assert_str_eq(r->dsm_fix.args.v[0], "use the DSM UI");
	ck_assert_str_eq(r->file, "x.rules");
	ck_assert_uint_eq(r->line, 2);
	ck_assert_ptr_null(ruleset_find(rs, "SSHD-901"));
	diag_cleanup(&d);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_unknown_keyword)
{
	expect_one("rule A-1\n" GOOD_BODY "  sevrity high\nend\n",
	    "x.rules:7:3: error: unknown keyword \"sevrity\"");
}
END_TEST

START_TEST(test_missing_end_eof)
{
	expect_one("\nrule A-1\n" GOOD_BODY,
	    "x.rules:2:1: error: rule \"A-1\" has no \"end\"");
}
END_TEST

START_TEST(test_missing_end_next_rule)
{
	struct ruleset *rs;
	struct diag d;
	char *s;

	ck_assert_int_eq(parse("rule A-1\n" GOOD_BODY "rule A-2\n" GOOD_BODY
	    "end\n", &rs, &d), SL_ERR_PARSE);
	ck_assert_uint_eq(d.n, 1);
	s = diag_format(&d.v[0]);
	ck_assert_str_eq(s, "x.rules:1:1: error: rule \"A-1\" has no \"end\"");
	free(s);
	/* the next rule is still parsed */
	ck_assert_ptr_nonnull(ruleset_find(rs, "A-2"));
	diag_cleanup(&d);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_duplicate_id)
{
	expect_one("rule A-1\n" GOOD_BODY "end\nrule  A-1\n" GOOD_BODY "end\n",
	    "x.rules:8:7: error: duplicate rule id \"A-1\" (first defined at "
	    "x.rules:1)");
}
END_TEST

START_TEST(test_duplicate_id_across_files)
{
	struct ruleset *rs;
	struct diag d;
	const char *t = "rule A-1\n" GOOD_BODY "end\n";
	char *s;

	ck_assert_int_eq(parse(t, &rs, &d), 0);
	ck_assert_int_eq(ruleset_add_text(rs, "y.rules", t, strlen(t), &d),
	    SL_ERR_PARSE);
	ck_assert_uint_eq(d.n, 1);
	s = diag_format(&d.v[0]);
	ck_assert_str_eq(s, "y.rules:1:6: error: duplicate rule id \"A-1\" "
	    "(first defined at x.rules:1)");
	free(s);
	ck_assert_uint_eq(ruleset_count(rs), 1);
	diag_cleanup(&d);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_unknown_predicate)
{
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope file\n"
	    "\tcheck  path_mod_max /x 0600\n\trationale \"r\"\nend\n",
	    "x.rules:5:9: error: unknown predicate \"path_mod_max\"");
}
END_TEST

START_TEST(test_predicate_arg_count)
{
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope file\n"
	    "\tcheck path_mode_max /x\n\trationale \"r\"\nend\n",
	    "x.rules:5:8: error: predicate \"path_mode_max\" takes 2 "
	    "arguments, got 1");
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope file\n"
	    "\tcheck path_absent\n\trationale \"r\"\nend\n",
	    "x.rules:5:8: error: predicate \"path_absent\" takes at least 1 "
	    "argument, got 0");
}
END_TEST

START_TEST(test_keyword_arg_count)
{
	expect_one("rule A-1\n\ttitle \"t\" \"u\"\n\tseverity high\n"
	    "\tscope file\n\tcheck path_absent /x\n\trationale \"r\"\nend\n",
	    "x.rules:2:2: error: keyword \"title\" takes 1 argument, got 2");
}
END_TEST

START_TEST(test_bad_severity)
{
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity  hihg\n\tscope file\n"
	    "\tcheck path_absent /x\n\trationale \"r\"\nend\n",
	    "x.rules:3:12: error: bad severity \"hihg\" (expected info, low, "
	    "medium, high or critical)");
}
END_TEST

START_TEST(test_bad_scope)
{
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope hosts\n"
	    "\tcheck uid0_only_root\n\trationale \"r\"\nend\n",
	    "x.rules:4:8: error: bad scope \"hosts\" (expected host, user, "
	    "file or key)");
}
END_TEST

START_TEST(test_scope_mismatch)
{
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope host\n"
	    "\tcheck strictmodes_ok\n\trationale \"r\"\nend\n",
	    "x.rules:5:8: error: predicate \"strictmodes_ok\" cannot be used "
	    "with scope host");
}
END_TEST

START_TEST(test_bad_regex)
{
	/* PCRE2 reports offset 4 (after "ab(c"): column 24 + 1 quote + 4 */
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope file\n"
	    "\tcheck file_matches /x \"ab(c\"\n\trationale \"r\"\nend\n",
	    "x.rules:5:29: error: bad regular expression for file_matches: "
	    "missing closing parenthesis");
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope file\n"
	    "\tcheck file_matches /x a[b\n\trationale \"r\"\nend\n",
	    "x.rules:5:27: error: bad regular expression for file_matches: "
	    "missing terminating ] for character class");
}
END_TEST

START_TEST(test_bad_mode_and_path)
{
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope file\n"
	    "\tcheck path_mode_max /x 0800\n\trationale \"r\"\nend\n",
	    "x.rules:5:25: error: bad argument \"0800\" for path_mode_max: "
	    "expected an octal mode (0000-7777)");
	expect_one("rule A-1\n\ttitle \"t\"\n\tseverity high\n\tscope file\n"
	    "\tcheck path_mode_max x 0600\n\trationale \"r\"\nend\n",
	    "x.rules:5:22: error: bad argument \"x\" for path_mode_max: "
	    "expected an absolute path or %h/..., escapes %h %u %%");
}
END_TEST

START_TEST(test_unterminated_quote)
{
	expect_one("rule A-1\n\ttitle \"t\n\tseverity high\n\tscope file\n"
	    "\tcheck path_absent /x\n\trationale \"r\"\nend\n",
	    "x.rules:2:8: error: unterminated quoted string");
}
END_TEST

START_TEST(test_missing_fields)
{
	struct ruleset *rs;
	struct diag d;
	char *s;
	size_t i;
	static const char *const expect[] = {
		"x.rules:2:1: error: rule \"B-7\" is missing \"title\"",
		"x.rules:2:1: error: rule \"B-7\" is missing \"severity\"",
		"x.rules:2:1: error: rule \"B-7\" is missing \"check\"",
		"x.rules:2:1: error: rule \"B-7\" is missing \"rationale\"",
	};

	ck_assert_int_eq(parse("\nrule B-7\n\tscope host\nend\n", &rs, &d),
	    SL_ERR_PARSE);
	ck_assert_uint_eq(d.n, 4);
	for (i = 0; i < 4; i++) {
		s = diag_format(&d.v[i]);
		ck_assert_str_eq(s, expect[i]);
		free(s);
	}
	diag_cleanup(&d);
	ruleset_free(rs);
	expect_one("rule B-7\n\ttitle \"t\"\n\tseverity high\n"
	    "\tcheck uid0_only_root\n\trationale \"r\"\nend\n",
	    "x.rules:1:1: error: rule \"B-7\" is missing \"scope\"");
}
END_TEST

START_TEST(test_outside_block_and_duplicate_keyword)
{
	expect_one("title \"t\"\n", "x.rules:1:1: error: \"title\" outside a "
	    "rule block");
	expect_one("rule A-1\n" GOOD_BODY "\tseverity low\nend\n",
	    "x.rules:7:2: error: duplicate \"severity\" (first at line 3)");
}
END_TEST

START_TEST(test_bad_fix)
{
	expect_one("rule A-1\n" GOOD_BODY "\tfix chmood 0600\nend\n",
	    "x.rules:7:6: error: unknown fix action \"chmood\" (expected "
	    "sshd_set, sshd_remove, chmod, chown or manual)");
	expect_one("rule A-1\n" GOOD_BODY "\tfix sshd_set PermitRootLogin\nend\n",
	    "x.rules:7:6: error: fix action \"sshd_set\" takes at least 2 "
	    "arguments, got 1");
	expect_one("rule A-1\n" GOOD_BODY "\tfix chmod rw\nend\n",
	    "x.rules:7:12: error: bad argument \"rw\" for chmod: expected an "
	    "octal mode (0000-7777)");
}
END_TEST

START_TEST(test_bad_id_and_nul)
{
	expect_one("rule 9x\n" GOOD_BODY "end\n",
	    "x.rules:1:6: error: bad rule id \"9x\" (a letter, then letters, "
	    "digits, '-', '_' or '.')");
	{
		static const char text[] = "rule A-1\n\ttitle \"t\0\"\n";
		struct ruleset *rs = ruleset_new();
		struct diag d;
		char *s;

		diag_init(&d);
		ck_assert_int_eq(ruleset_add_text(rs, "n.rules", text,
		    sizeof(text) - 1, &d), SL_ERR_PARSE);
		ck_assert_uint_ge(d.n, 1);
		s = diag_format(&d.v[0]);
		ck_assert_str_eq(s, "n.rules:2:10: error: NUL byte");
		free(s);
		diag_cleanup(&d);
		ruleset_free(rs);
	}
}
END_TEST

START_TEST(test_reports_all_errors)
{
	struct ruleset *rs;
	struct diag d;

	ck_assert_int_eq(parse(
	    "rule A-1\n" GOOD_BODY "\tbogus 1\nend\n"
	    "rule A-2\n" GOOD_BODY "end\n"
	    "rule A-3\n\ttitle \"t\"\n\tseverity none\n\tscope file\n"
	    "\tcheck nothing\n\trationale \"r\"\nend\n", &rs, &d),
	    SL_ERR_PARSE);
	ck_assert_uint_eq(d.nerrors, 3);
	ck_assert_uint_eq(d.v[0].line, 7);
	ck_assert_uint_eq(d.v[1].line, 18);
	ck_assert_uint_eq(d.v[2].line, 20);
	/* only the clean rule survives */
	ck_assert_uint_eq(ruleset_count(rs), 1);
	ck_assert_str_eq(ruleset_rule(rs, 0)->id, "A-2");
	diag_cleanup(&d);
	ruleset_free(rs);
}
END_TEST

static char *
dump_to_string(const struct ruleset *rs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(ruleset_dump(fp, rs), 0);
	fclose(fp);
	return buf;
}

START_TEST(test_dump_round_trip)
{
	struct ruleset *rs, *rs2;
	struct diag d;
	char *a, *b;
	const struct rule *r;

	ck_assert_int_eq(parse(
	    "rule Z-2\n\ttitle \"q \\\" b \\\\ # x\"\n\tseverity info\n"
	    "\tscope file\n\tcheck file_not_matches /etc/x \"^\\s*Port\\s+22$\"\n"
	    "\trationale \"\"\n\tref a b\n\tfix sshd_set Ciphers \"a b\"\n"
	    "\tdsmfix manual \"see \\\"UI\\\"\"\nend\n"
	    "rule A-1\n" GOOD_BODY "\tfixtext \"x\"\nend\n", &rs, &d), 0);
	a = dump_to_string(rs);
	rs2 = ruleset_new();
	ck_assert_int_eq(ruleset_add_text(rs2, "dump", a, strlen(a), &d), 0);
	ck_assert_uint_eq(d.n, 0);
	b = dump_to_string(rs2);
	ck_assert_str_eq(a, b);
	ck_assert_uint_eq(ruleset_count(rs2), 2);
	r = ruleset_find(rs2, "Z-2");
	ck_assert_str_eq(r->title, "q \" b \\ # x");
	ck_assert_str_eq(r->args.v[1], "^\\s*Port\\s+22$");
	ck_assert_str_eq(r->rationale, "");
	ck_assert_str_eq(r->fix.args.v[1], "a b");
	ck_assert_str_eq(r->dsm_fix.args.v[0], "see \"UI\"");
	/* sorted by id */
	ck_assert_str_eq(ruleset_rule(rs2, 0)->id, "A-1");
	ck_assert_ptr_nonnull(strstr(a, "rule A-1\n\ttitle\t\t\"t\"\n"));
	free(a);
	free(b);
	diag_cleanup(&d);
	ruleset_free(rs);
	ruleset_free(rs2);
}
END_TEST

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *p = xprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

START_TEST(test_load_dirs)
{
	struct ruleset *rs = NULL;
	struct diag d;
	char *dir = sl_mkdtemp(), *s, *want;
	const char *dirs[] = { dir, NULL };

	write_file(dir, "b.rules", "rule B-1\n" GOOD_BODY "end\n");
	write_file(dir, "a.rules", "rule A-1\n" GOOD_BODY "end\n");
	write_file(dir, "ignored.txt", "garbage\n");
	diag_init(&d);
	ck_assert_int_eq(ruleset_load(dirs, 0, &rs, &d), 0);
	ck_assert_uint_eq(ruleset_count(rs), 2);
	ruleset_free(rs);
	rs = NULL;
	/* a later file redefining an id: the error names the later file */
	write_file(dir, "c.rules", "rule A-1\n" GOOD_BODY "end\n");
	ck_assert_int_eq(ruleset_load(dirs, 0, &rs, &d), SL_ERR_PARSE);
	ck_assert_ptr_null(rs);
	ck_assert_uint_eq(d.n, 1);
	s = diag_format(&d.v[0]);
	want = xprintf("%s/c.rules:1:6: error: duplicate rule id \"A-1\" "
	    "(first defined at %s/a.rules:1)", dir, dir);
	ck_assert_str_eq(s, want);
	free(s);
	free(want);
	diag_cleanup(&d);
	sl_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_predicate_table)
{
	const struct predicate *p;
	size_t i;

	for (i = 0; (p = predicate_get(i)) != NULL; i++) {
		ck_assert_ptr_eq(predicate_find(p->name), p);
		ck_assert(p->fn != NULL);
		ck_assert(p->amax < 0 || p->amax >= p->amin);
		ck_assert(p->scopes != 0);
	}
	ck_assert_uint_ge(i, 10);
	ck_assert_ptr_null(predicate_find("no_such_predicate"));
}
END_TEST

static Suite *
rules_parse_suite(void)
{
	Suite *s = suite_create("rules_parse");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_good_rule);
	tcase_add_test(tc, test_unknown_keyword);
	tcase_add_test(tc, test_missing_end_eof);
	tcase_add_test(tc, test_missing_end_next_rule);
	tcase_add_test(tc, test_duplicate_id);
	tcase_add_test(tc, test_duplicate_id_across_files);
	tcase_add_test(tc, test_unknown_predicate);
	tcase_add_test(tc, test_predicate_arg_count);
	tcase_add_test(tc, test_keyword_arg_count);
	tcase_add_test(tc, test_bad_severity);
	tcase_add_test(tc, test_bad_scope);
	tcase_add_test(tc, test_scope_mismatch);
	tcase_add_test(tc, test_bad_regex);
	tcase_add_test(tc, test_bad_mode_and_path);
	tcase_add_test(tc, test_unterminated_quote);
	tcase_add_test(tc, test_missing_fields);
	tcase_add_test(tc, test_outside_block_and_duplicate_keyword);
	tcase_add_test(tc, test_bad_fix);
	tcase_add_test(tc, test_bad_id_and_nul);
	tcase_add_test(tc, test_reports_all_errors);
	tcase_add_test(tc, test_dump_round_trip);
	tcase_add_test(tc, test_load_dirs);
	tcase_add_test(tc, test_predicate_table);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(rules_parse_suite)
