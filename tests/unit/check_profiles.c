/*
 * check_profiles.c — rule profiles: ${variable} expansion from the chosen
 * profile (one argument per word for a bare ${var}), the built-in home /
 * business / internet values, and every error: unknown variable or profile,
 * a profile that misses a variable, a value that breaks a rule only in a
 * profile that is not the one in use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "err.h"
#include "rules.h"
#include "sl_check.h"
#include "xmalloc.h"

static char *dir;

static void
put(const char *name, const char *text)
{
	char *p = xprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
	free(p);
}

static void
setup(void)
{
	dir = sl_mkdtemp();
}

static void
teardown(void)
{
	sl_rmtree(dir);
	free(dir);
}

#define PROFILES							\
	"profile soft\n\ttitle \"lax\"\n\tset tries 6\n\tset ok no yes\n"	\
	"\tset sev low\nend\n"						\
	"profile hard\n\tdefault\n\tset tries 2\n\tset ok no\n"		\
	"\tset sev high\nend\n"

#define RULE								\
	"rule T-1\n\ttitle \"At most ${tries} tries\"\n"		\
	"\tseverity ${sev}\n\tscope host\n"				\
	"\tcheck sshd_int_range MaxAuthTries 1 ${tries}\n"		\
	"\trationale \"r\"\n\tref x\n\tfix sshd_set MaxAuthTries ${tries}\n"	\
	"end\n"								\
	"rule T-2\n\ttitle \"t\"\n\tseverity low\n\tscope host\n"	\
	"\tcheck sshd_value_in PasswordAuthentication ${ok}\n"		\
	"\trationale \"r\"\n\tref x\nend\n"

static struct ruleset *
load(const char *profile, int want, struct diag *d)
{
	const char *dirs[2] = { dir, NULL };
	struct ruleset *rs = NULL;

	diag_init(d);
	ck_assert_int_eq(ruleset_load_profile(dirs, 0, profile, &rs, d), want);
	return rs;
}

static int
diag_has(const struct diag *d, const char *needle)
{
	size_t i;
	char *s;
	int found = 0;

	for (i = 0; i < d->n && !found; i++) {
		s = diag_format(&d->v[i]);
		found = strstr(s, needle) != NULL;
		free(s);
	}
	return found;
}

START_TEST(test_expand)
{
	struct ruleset *rs;
	const struct rule *r;
	struct diag d;

	/* Profiles in one file, rules in another loaded before it. */
	put("a.rules", RULE);
	put("b.rules", PROFILES);
	rs = load(NULL, 0, &d);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(ruleset_profile_active(rs), "hard");
	r = ruleset_find(rs, "T-1");
	ck_assert_str_eq(r->title, "At most 2 tries");
	ck_assert_int_eq(r->severity, SEV_HIGH);
	ck_assert_uint_eq(r->args.n, 3);
	ck_assert_str_eq(r->args.v[2], "2");
	ck_assert_str_eq(r->fix.args.v[1], "2");
	ck_assert_uint_eq(ruleset_find(rs, "T-2")->args.n, 2);
	ruleset_free(rs);
	diag_cleanup(&d);

	rs = load("soft", 0, &d);
	r = ruleset_find(rs, "T-1");
	ck_assert_str_eq(r->title, "At most 6 tries");
	ck_assert_int_eq(r->severity, SEV_LOW);
	/* A bare ${ok} becomes one argument per word. */
	r = ruleset_find(rs, "T-2");
	ck_assert_uint_eq(r->args.n, 3);
	ck_assert_str_eq(r->args.v[1], "no");
	ck_assert_str_eq(r->args.v[2], "yes");
	ck_assert_uint_eq(ruleset_profile_count(rs), 2);
	ck_assert_str_eq(ruleset_profile_get(rs, 0)->title, "lax");
	ruleset_free(rs);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_errors)
{
	struct ruleset *rs;
	struct diag d;

	put("b.rules", PROFILES);
	rs = load("medium", SL_ERR_USAGE, &d);
	ck_assert_ptr_null(rs);
	ck_assert(diag_has(&d, "unknown profile \"medium\" (profiles: soft, hard)"));
	diag_cleanup(&d);

	put("a.rules", "rule T-3\n\ttitle \"t\"\n\tseverity low\n\tscope host\n"
	    "\tcheck sshd_int_range MaxAuthTries 1 ${trys}\n\trationale \"r\"\n"
	    "end\n");
	rs = load(NULL, SL_ERR_PARSE, &d);
	ck_assert(diag_has(&d, "a.rules:5:"));
	ck_assert(diag_has(&d, "unknown profile variable \"trys\""));
	diag_cleanup(&d);

	/* A value only the non-default profile breaks. */
	put("a.rules", RULE);
	put("b.rules", "profile soft\n\tset tries lots\n\tset ok no\n"
	    "\tset sev low\nend\nprofile hard\n\tdefault\n\tset tries 2\n"
	    "\tset ok no\n\tset sev high\nend\n");
	rs = load(NULL, SL_ERR_PARSE, &d);
	ck_assert(diag_has(&d, "(with profile soft)"));
	ck_assert(diag_has(&d, "bad argument \"lots\""));
	diag_cleanup(&d);

	/* A variable missing from one profile. */
	put("b.rules", "profile soft\n\tset tries 6\n\tset ok no\nend\n"
	    "profile hard\n\tdefault\n\tset tries 2\n\tset ok no\n"
	    "\tset sev high\nend\n");
	rs = load(NULL, SL_ERR_PARSE, &d);
	ck_assert(diag_has(&d, "b.rules:1:1: error: profile \"soft\" does not "
	    "set \"sev\""));
	diag_cleanup(&d);

	/* Two defaults, a duplicate profile, a bad line, no end. */
	put("a.rules", "");
	put("b.rules", "profile p\n\tdefault\n\tset x 1\nend\nprofile q\n"
	    "\tdefault\n\tset x 2\n\tbogus\nend\nprofile p\n\tset x 3\nend\n"
	    "profile r\n\tset x 1\n");
	rs = load(NULL, SL_ERR_PARSE, &d);
	ck_assert(diag_has(&d, "already the default"));
	ck_assert(diag_has(&d, "duplicate profile \"p\""));
	ck_assert(diag_has(&d, "b.rules:8:2: error: expected title"));
	ck_assert(diag_has(&d, "profile \"r\" has no \"end\""));
	diag_cleanup(&d);

	/* Variables without any profile. */
	put("b.rules", "");
	put("a.rules", RULE);
	rs = load(NULL, SL_ERR_PARSE, &d);
	ck_assert(diag_has(&d, "no profile is defined"));
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_builtin)
{
	struct ruleset *rs = NULL;
	struct diag d;
	const char *names[] = { "home", "business", "internet" };
	const char *tries[] = { "6", "4", "2" };
	enum severity port[] = { SEV_LOW, SEV_MEDIUM, SEV_HIGH };
	size_t i;

	for (i = 0; i < 3; i++) {
		diag_init(&d);
		ck_assert_int_eq(ruleset_load_profile(NULL, 1, names[i], &rs,
		    &d), 0);
		ck_assert_uint_eq(d.n, 0);
		ck_assert_str_eq(ruleset_profile_active(rs), names[i]);
		ck_assert_str_eq(ruleset_find(rs, "SSHD-007")->args.v[2],
		    tries[i]);
		ck_assert_int_eq(ruleset_find(rs, "DSM-004")->severity, port[i]);
		ruleset_free(rs);
		diag_cleanup(&d);
	}
	/* The default is the strictest. */
	diag_init(&d);
	ck_assert_int_eq(ruleset_load(NULL, 1, &rs, &d), 0);
	ck_assert_str_eq(ruleset_profile_active(rs), "internet");
	ck_assert_uint_eq(ruleset_find(rs, "SSHD-002")->args.n, 2);
	ruleset_free(rs);
	diag_cleanup(&d);
}
END_TEST

static Suite *
profiles_suite(void)
{
	Suite *s = suite_create("profiles");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_expand);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_builtin);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(profiles_suite)
