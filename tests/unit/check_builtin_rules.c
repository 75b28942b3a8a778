/*
 * check_builtin_rules.c — the rule set compiled into the binary: loads with
 * no diagnostic, every rule is complete, ids are well-formed, the dump
 * reloads to the same text.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "embedded.h"
#include "predicates.h"
#include "rules.h"
#include "sl_check.h"

static struct ruleset *
load(void)
{
	struct ruleset *rs = NULL;
	struct diag d;
	char *s;

	diag_init(&d);
	if (ruleset_load(NULL, 1, &rs, &d) != 0 || d.n != 0) {
		s = d.n > 0 ? diag_format(&d.v[0]) : NULL;
		ck_abort_msg("built-in rules: %s", s != NULL ? s : "failed");
	}
	diag_cleanup(&d);
	return rs;
}

START_TEST(test_loads_clean)
{
	struct ruleset *rs = load();
	size_t i;

	ck_assert_uint_ge(ruleset_count(rs), 40);
	for (i = 0; sl_builtin_rules[i].name != NULL; i++)
		;
	ck_assert_uint_ge(i, 2);
	ck_assert_ptr_nonnull(ruleset_find(rs, "SSHD-001"));
	ck_assert_ptr_nonnull(ruleset_find(rs, "HOME-001"));
	ruleset_free(rs);
}
END_TEST

START_TEST(test_every_rule_complete)
{
	struct ruleset *rs = load();
	const struct rule *r;
	regex_t idre;

	ck_assert_int_eq(regcomp(&idre, "^(SSHD|HOME|KEYS?|DSM)-[0-9]{3}$",
	    REG_EXTENDED | REG_NOSUB), 0);
	r = ruleset_rule(rs, (size_t)_i);
	ck_assert_msg(regexec(&idre, r->id, 0, NULL, 0) == 0, "bad id %s",
	    r->id);
	ck_assert_msg(r->title != NULL && strlen(r->title) > 10, "%s title",
	    r->id);
	ck_assert_msg(r->rationale != NULL && strlen(r->rationale) > 30,
	    "%s rationale", r->id);
	ck_assert_msg(r->pred != NULL, "%s predicate", r->id);
	ck_assert_msg(r->pred->scopes & (1u << r->scope), "%s scope", r->id);
	ck_assert_msg(r->refs.n >= 1, "%s has no reference", r->id);
	ck_assert_msg(r->fix.action != NULL || r->fix.text != NULL,
	    "%s has no fix", r->id);
	ck_assert_msg(strncmp(r->file, "builtin:", 8) == 0, "%s file %s",
	    r->id, r->file);
	/* DSM owns the port and the crypto lists: never edit them there */
	if (r->fix.action != NULL && strcmp(r->fix.action, "sshd_set") == 0 &&
	    (strcmp(r->fix.args.v[0], "Ciphers") == 0 ||
	    strcmp(r->fix.args.v[0], "MACs") == 0 ||
	    strcmp(r->fix.args.v[0], "KexAlgorithms") == 0 ||
	    strcmp(r->fix.args.v[0], "Port") == 0))
		ck_assert_msg(r->dsm_fix.action != NULL &&
		    strcmp(r->dsm_fix.action, "manual") == 0,
		    "%s edits %s on DSM", r->id, r->fix.args.v[0]);
	regfree(&idre);
	ruleset_free(rs);
}
END_TEST

static char *
dump(const struct ruleset *rs)
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
	struct ruleset *rs = load(), *rs2 = ruleset_new();
	struct diag d;
	char *a, *b;
	size_t i;

	a = dump(rs);
	diag_init(&d);
	ck_assert_int_eq(ruleset_add_text(rs2, "dump", a, strlen(a), &d), 0);
	ck_assert_uint_eq(d.n, 0);
	b = dump(rs2);
	ck_assert_str_eq(a, b);
	ck_assert_uint_eq(ruleset_count(rs), ruleset_count(rs2));
	for (i = 0; i < ruleset_count(rs); i++) {
		const struct rule *x = ruleset_rule(rs, i);
		const struct rule *y = ruleset_rule(rs2, i);

		ck_assert_str_eq(x->id, y->id);
		ck_assert_str_eq(x->title, y->title);
		ck_assert_str_eq(x->rationale, y->rationale);
		ck_assert_int_eq(x->severity, y->severity);
		ck_assert_int_eq(x->scope, y->scope);
		ck_assert_ptr_eq(x->pred, y->pred);
		ck_assert_uint_eq(x->args.n, y->args.n);
		ck_assert_uint_eq(x->refs.n, y->refs.n);
	}
	free(a);
	free(b);
	diag_cleanup(&d);
	ruleset_free(rs);
	ruleset_free(rs2);
}
END_TEST

static Suite *
builtin_suite(void)
{
	Suite *s = suite_create("builtin_rules");
	TCase *tc = tcase_create("core");
	struct ruleset *rs = NULL;
	struct diag d;
	int n = 0;

	diag_init(&d);
	if (ruleset_load(NULL, 1, &rs, &d) == 0)
		n = (int)ruleset_count(rs);
	ruleset_free(rs);
	diag_cleanup(&d);
	tcase_add_test(tc, test_loads_clean);
	tcase_add_loop_test(tc, test_every_rule_complete, 0, n > 0 ? n : 1);
	tcase_add_test(tc, test_dump_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(builtin_suite)
