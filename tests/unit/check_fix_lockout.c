/*
 * check_fix_lockout.c — the lockout evaluator (fix_lockout.c) on real plans
 * of the seed's remote NAS (examples/seed-remote.bundle) and on plans whose
 * new sshd_config is edited by hand: which fixes would cut synolint's own
 * key login, for which user and port.
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "engine.h"
#include "err.h"
#include "facts.h"
#include "fix.h"
#include "fix_lockout.h"
#include "rules.h"
#include "sl_check.h"
#include "sl_example_host.h"
#include "xmalloc.h"

/* The plan with the risky rule `only` named (other risky ones left out). */
static struct fix_plan *
plan_only(struct host *h, const char *only)
{
	const char *v[] = { only, NULL };
	struct fix_opts o;
	struct fix_plan *p = NULL;
	struct diag d;

	memset(&o, 0, sizeof(o));
	o.only = v;
	o.fix_risky = 0;
	diag_init(&d);
	ck_assert_int_eq(fix_plan_build(h->f, &h->fs, &o, &p, &d), 0);
	diag_cleanup(&d);
	ck_assert_uint_ge(fix_plan_count(p), 1);
	return p;
}

/* Returns fix_lockout_check's verdict; *why must contain want when cut. */
static int
judge(const struct fix_plan *p, const struct facts *f, const char *user,
    unsigned int port, const char *want)
{
	struct fix_login l = { user, port, NULL };
	char *why = NULL;
	int r = fix_lockout_check(p, f, &l, &why);

	if (r == 1) {
		ck_assert_ptr_nonnull(why);
		if (want != NULL)
			ck_assert_msg(strstr(why, want) != NULL, "%s", why);
	}
	free(why);
	return r;
}

/* Prepends line to the plan's first used sshd edit (a global setting). */
static void
prepend(struct fix_plan *p, const char *line)
{
	size_t i;

	for (i = 0; i < p->nedits; i++)
		if (fix_edit_used(p, i)) {
			char *n = xprintf("%s\n%s", line, p->edits[i].content);

			free(p->edits[i].content);
			p->edits[i].content = n;
			p->edits[i].content_len = strlen(n);
			return;
		}
	ck_abort_msg("no used edit");
}

START_TEST(test_root_login_refused_for_root_only)
{
	struct host h;
	struct fix_plan *p;

	host_load(&h);
	p = plan_only(&h, "SSHD-001");
	ck_assert_int_eq(judge(p, h.f, "root", 22, "PermitRootLogin no"), 1);
	ck_assert_int_eq(judge(p, h.f, "admin", 22, NULL), 0);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

START_TEST(test_password_off_keeps_key_login)
{
	struct host h;
	struct fix_plan *p;

	host_load(&h);
	p = plan_only(&h, "SSHD-002");
	/* synolint logs in with a key: disabling passwords cannot cut it */
	ck_assert_int_eq(judge(p, h.f, "admin", 22, NULL), 0);
	ck_assert_int_eq(judge(p, h.f, "root", 22, NULL), 0);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

START_TEST(test_allow_groups_by_membership)
{
	struct host h;
	struct fix_plan *p;

	host_load(&h);
	/* SSHD-019's advice (manual there): admin is in administrators */
	p = plan_only(&h, "SSHD-008");
	prepend(p, "AllowGroups administrators");
	ck_assert_int_eq(judge(p, h.f, "admin", 22, NULL), 0);
	ck_assert_int_eq(judge(p, h.f, "root", 22, "AllowGroups"), 1);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

START_TEST(test_hand_edits)
{
	struct host h;
	struct fix_plan *p;

	host_load(&h);
	p = plan_only(&h, "SSHD-008");
	ck_assert_int_eq(judge(p, h.f, "admin", 22, NULL), 0);
	/* the port synolint uses is no longer the one sshd listens on */
	ck_assert_int_eq(judge(p, h.f, "admin", 2222, "port 2222"), 1);
	fix_plan_free(p);

	p = plan_only(&h, "SSHD-008");
	prepend(p, "DenyUsers adm*");
	ck_assert_int_eq(judge(p, h.f, "admin", 22, "DenyUsers"), 1);
	ck_assert_int_eq(judge(p, h.f, "root", 22, NULL), 0);
	fix_plan_free(p);

	p = plan_only(&h, "SSHD-008");
	prepend(p, "AllowUsers root backup@10.0.0.*");
	ck_assert_int_eq(judge(p, h.f, "admin", 22, "AllowUsers"), 1);
	ck_assert_int_eq(judge(p, h.f, "root", 22, NULL), 0);
	fix_plan_free(p);

	p = plan_only(&h, "SSHD-008");
	prepend(p, "PubkeyAuthentication no");
	ck_assert_int_eq(judge(p, h.f, "admin", 22, "PubkeyAuthentication"), 1);
	fix_plan_free(p);

	p = plan_only(&h, "SSHD-008");
	prepend(p, "AuthenticationMethods publickey,password");
	ck_assert_int_eq(judge(p, h.f, "admin", 22, "AuthenticationMethods"), 1);
	fix_plan_free(p);

	p = plan_only(&h, "SSHD-008");
	prepend(p, "AuthenticationMethods publickey,password publickey");
	ck_assert_int_eq(judge(p, h.f, "admin", 22, NULL), 0);
	fix_plan_free(p);

	/* a configuration that does not parse is left to sshd -t */
	p = plan_only(&h, "SSHD-008");
	prepend(p, "NoSuchKeyword yes");
	ck_assert_int_lt(judge(p, h.f, "admin", 22, NULL), 0);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

START_TEST(test_dsm_port_change)
{
	struct host h;
	struct fix_plan *p;
	size_t i;

	host_load(&h);
	p = plan_only(&h, "SSHD-008");
	/* a planned DSM-004 (DSM's own SSH port) moves the listener */
	for (i = 0; i < p->nactions; i++)
		if (p->actions[i].planned) {
			p->actions[i].kind = FIX_DSM_WEBAPI;
			free(p->actions[i].rule_id);
			p->actions[i].rule_id = xstrdup("DSM-004");
		}
	ck_assert_int_eq(judge(p, h.f, "admin", 22, "DSM's SSH port"), 1);
	fix_plan_free(p);
	host_free(&h);
}
END_TEST

static Suite *
fix_lockout_suite(void)
{
	Suite *s = suite_create("fix_lockout");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_root_login_refused_for_root_only);
	tcase_add_test(tc, test_password_off_keeps_key_login);
	tcase_add_test(tc, test_allow_groups_by_membership);
	tcase_add_test(tc, test_hand_edits);
	tcase_add_test(tc, test_dsm_port_change);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(fix_lockout_suite)
