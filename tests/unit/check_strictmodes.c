/*
 * check_strictmodes.c — a table of home/.ssh/authorized_keys modes, owners,
 * ACLs and symlinks, each with the verdict sshd's StrictModes gives. The
 * home is DSM's: /var/services/homes/alice, with /var/services/homes a
 * symlink to /volume1/homes, so every fault names the realpath.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sl_check.h"
#include "sl_facts.h"
#include "strictmodes.h"

#define ALICE	1026
#define BOB	1027
#define HOME	"/volume1/homes/alice"
#define AK	HOME "/.ssh/authorized_keys"

enum tflags {
	F_NONE = 0,
	F_AK_MISSING = 1,	/* authorized_keys does not exist */
	F_AK_UNREADABLE = 2,	/* lstat of authorized_keys: EACCES */
	F_AK_SYMLINK = 4,	/* authorized_keys -> ../keys/ak (keys 0777) */
	F_AK_DIR = 8,		/* authorized_keys is a directory */
	F_HOME_UNCOLLECTED = 16, /* the collector never stat'ed home */
	F_AK_SYMLINK_OK = 32	/* authorized_keys -> /etc/keys/alice (alice 0600) */
};

struct sm_case {
	const char	*name;
	unsigned int	 hmode;
	unsigned long	 huid;
	int		 hacl;
	unsigned int	 smode;
	unsigned long	 suid;
	unsigned int	 amode;
	unsigned long	 auid;
	int		 flags;
	enum sm_verdict	 expect;
	const char	*fault;		/* expected fault path, NULL: none */
};

static const struct sm_case cases[] = {
	{ "all private", 0700, ALICE, 0, 0700, ALICE, 0600, ALICE, F_NONE,
	    SM_OK, NULL },
	{ "home 0755 is advice", 0755, ALICE, 0, 0700, ALICE, 0600, ALICE,
	    F_NONE, SM_ADVICE, HOME },
	{ "home 0750 ok", 0750, ALICE, 0, 0700, ALICE, 0600, ALICE, F_NONE,
	    SM_OK, NULL },
	{ "home 0777 refused (DSM default)", 0777, ALICE, 0, 0700, ALICE,
	    0600, ALICE, F_NONE, SM_REFUSED, HOME },
	{ "home 0775 group-writable refused", 0775, ALICE, 0, 0700, ALICE,
	    0600, ALICE, F_NONE, SM_REFUSED, HOME },
	{ "home 0777 with ACL refused", 0777, ALICE, 1, 0700, ALICE, 0600,
	    ALICE, F_NONE, SM_REFUSED, HOME },
	{ "home 0000 with ACL accepted, advice", 0000, ALICE, 1, 0700, ALICE,
	    0600, ALICE, F_NONE, SM_ADVICE, HOME },
	{ ".ssh 0777 refused", 0700, ALICE, 0, 0777, ALICE, 0600, ALICE,
	    F_NONE, SM_REFUSED, HOME "/.ssh" },
	{ ".ssh 0755 advice", 0700, ALICE, 0, 0755, ALICE, 0600, ALICE,
	    F_NONE, SM_ADVICE, HOME "/.ssh" },
	{ "authorized_keys 0644 advice", 0700, ALICE, 0, 0700, ALICE, 0644,
	    ALICE, F_NONE, SM_ADVICE, AK },
	{ "authorized_keys 0666 refused", 0700, ALICE, 0, 0700, ALICE, 0666,
	    ALICE, F_NONE, SM_REFUSED, AK },
	{ "authorized_keys 0620 refused", 0700, ALICE, 0, 0700, ALICE, 0620,
	    ALICE, F_NONE, SM_REFUSED, AK },
	{ "authorized_keys owned by bob refused", 0700, ALICE, 0, 0700, ALICE,
	    0600, BOB, F_NONE, SM_REFUSED, AK },
	{ ".ssh owned by bob refused", 0700, ALICE, 0, 0700, BOB, 0600, ALICE,
	    F_NONE, SM_REFUSED, HOME "/.ssh" },
	{ "home owned by bob refused", 0700, BOB, 0, 0700, ALICE, 0600, ALICE,
	    F_NONE, SM_REFUSED, HOME },
	/* sshd opens the file as the user (lab: strictmodes-matrix.sh) */
	{ "root-owned dirs and file accepted", 0755, 0, 0, 0755, 0, 0644, 0,
	    F_NONE, SM_ADVICE, AK },
	{ "root-owned 0700 home: user cannot enter, refused", 0700, 0, 0,
	    0755, 0, 0644, 0, F_NONE, SM_REFUSED, HOME },
	{ "root-owned 0700 .ssh: user cannot enter, refused", 0700, ALICE, 0,
	    0700, 0, 0600, ALICE, F_NONE, SM_REFUSED, HOME "/.ssh" },
	{ "root-owned 0600 key: user cannot read, refused", 0700, ALICE, 0,
	    0700, ALICE, 0600, 0, F_NONE, SM_REFUSED, AK },
	{ "root-owned 0644 key accepted", 0700, ALICE, 0, 0700, ALICE, 0644,
	    0, F_NONE, SM_ADVICE, AK },
	{ "home 0000 without ACL: owner cannot enter, refused", 0000, ALICE,
	    0, 0700, ALICE, 0600, ALICE, F_NONE, SM_REFUSED, HOME },
	{ "key 0200: owner cannot read, refused", 0700, ALICE, 0, 0700,
	    ALICE, 0200, ALICE, F_NONE, SM_REFUSED, AK },
	{ "authorized_keys missing", 0777, ALICE, 0, 0700, ALICE, 0600, ALICE,
	    F_AK_MISSING, SM_MISSING, NULL },
	{ "authorized_keys unreadable", 0700, ALICE, 0, 0700, ALICE, 0600,
	    ALICE, F_AK_UNREADABLE, SM_UNREADABLE, AK },
	{ "symlinked authorized_keys into a 0777 dir refused", 0700, ALICE, 0,
	    0700, ALICE, 0600, ALICE, F_AK_SYMLINK, SM_REFUSED, HOME "/keys" },
	{ "authorized_keys is a directory", 0700, ALICE, 0, 0700, ALICE, 0700,
	    ALICE, F_AK_DIR, SM_REFUSED, AK },
	{ "home not collected: cannot check", 0700, ALICE, 0, 0700, ALICE,
	    0600, ALICE, F_HOME_UNCOLLECTED, SM_UNREADABLE, HOME },
	{ "keys outside home: walk up to /", 0777, ALICE, 0, 0700, ALICE, 0600,
	    ALICE, F_AK_SYMLINK_OK, SM_OK, NULL },
};

static struct facts *
build(const struct sm_case *c)
{
	struct facts *f = tf_new();

	tf_user(f, "alice", ALICE, "/var/services/homes/alice", 1);
	tf_path(f, "/", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var/services", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var/services/homes", PT_SYMLINK, 0777, 0, "root", 0,
	    "/volume1/homes");
	tf_path(f, "/volume1", PT_DIR, 0755, 0, "root", 0, NULL);
	/* DSM's homes share: 0777 with an ACL; above home, never checked */
	tf_path(f, "/volume1/homes", PT_DIR, 0777, 0, "root", 1, NULL);
	if (!(c->flags & F_HOME_UNCOLLECTED))
		tf_path(f, HOME, PT_DIR, c->hmode, c->huid,
		    c->huid == 0 ? "root" : c->huid == BOB ? "bob" : "alice",
		    c->hacl, NULL);
	tf_path(f, HOME "/.ssh", PT_DIR, c->smode, c->suid,
	    c->suid == 0 ? "root" : c->suid == BOB ? "bob" : "alice", 0, NULL);
	if (c->flags & F_AK_MISSING)
		tf_path(f, AK, PT_MISSING, 0, 0, NULL, 0, NULL);
	else if (c->flags & F_AK_UNREADABLE)
		tf_path(f, AK, PT_UNREADABLE, 0, 0, NULL, 0, NULL);
	else if (c->flags & F_AK_SYMLINK) {
		tf_path(f, AK, PT_SYMLINK, 0777, ALICE, "alice", 0,
		    "../keys/ak");
		tf_path(f, HOME "/keys", PT_DIR, 0777, ALICE, "alice", 0,
		    NULL);
		tf_path(f, HOME "/keys/ak", PT_FILE, c->amode, c->auid,
		    "alice", 0, NULL);
	} else if (c->flags & F_AK_SYMLINK_OK) {
		tf_path(f, AK, PT_SYMLINK, 0777, ALICE, "alice", 0,
		    "/etc/keys/alice");
		tf_path(f, "/etc", PT_DIR, 0755, 0, "root", 0, NULL);
		tf_path(f, "/etc/keys", PT_DIR, 0755, 0, "root", 0, NULL);
		/* alice's: sshd opens it as alice */
		tf_path(f, "/etc/keys/alice", PT_FILE, 0600, ALICE, "alice",
		    0, NULL);
	} else
		tf_path(f, AK, (c->flags & F_AK_DIR) ? PT_DIR : PT_FILE,
		    c->amode, c->auid, c->auid == BOB ? "bob" : "alice", 0,
		    NULL);
	tf_finish(f);
	return f;
}

START_TEST(test_table)
{
	const struct sm_case *c = &cases[_i];
	struct facts *f = build(c);
	struct sm_result res;

	strictmodes_check(f, &f->users[0],
	    "/var/services/homes/alice/.ssh/authorized_keys", &res);
	ck_assert_msg(res.verdict == c->expect, "%s: verdict %d, want %d (%s)",
	    c->name, res.verdict, c->expect,
	    res.reason != NULL ? res.reason : "-");
	if (c->fault != NULL) {
		ck_assert_ptr_nonnull(res.fault);
		ck_assert_msg(strcmp(res.fault, c->fault) == 0,
		    "%s: fault %s, want %s", c->name, res.fault, c->fault);
	} else
		ck_assert_msg(res.fault == NULL, "%s: fault %s", c->name,
		    res.fault);
	if (c->expect == SM_REFUSED)
		ck_assert_msg(strstr(res.reason, "not a regular file") != NULL ||
		    strstr(res.reason, "bad ownership or modes for ") != NULL ||
		    (res.unopenable &&
		    strstr(res.reason, "alice cannot open ") != NULL),
		    "%s: %s", c->name, res.reason);
	if (c->expect == SM_UNREADABLE && !(c->flags & F_HOME_UNCOLLECTED))
		ck_assert_ptr_nonnull(strstr(res.reason, "needs --become"));
	sm_result_cleanup(&res);
	tf_free(f);
}
END_TEST

/* Mode and ACL are reported together in the reason and the evidence. */
START_TEST(test_acl_reported)
{
	struct facts *f = build(&cases[5]);
	struct sm_result res;

	strictmodes_check(f, &f->users[0],
	    "/var/services/homes/alice/.ssh/authorized_keys", &res);
	ck_assert_int_eq(res.verdict, SM_REFUSED);
	ck_assert_str_eq(res.reason, "bad ownership or modes for directory "
	    "/volume1/homes/alice (0777 with ACL (+): group/world-writable)");
	ck_assert_uint_eq(res.fault_mode, 0777);
	ck_assert_int_eq(res.fault_acl, 1);
	ck_assert_ptr_nonnull(strstr(res.evidence,
	    "/volume1/homes/alice 0777 with ACL (+) owner alice"));
	ck_assert_str_eq(res.realpath, AK);
	sm_result_cleanup(&res);
	tf_free(f);
}
END_TEST

/* Refused because the user cannot open the key: no StrictModes needed. */
START_TEST(test_unopenable)
{
	static const struct sm_case rootssh = { "", 0711, ALICE, 0, 0700, 0,
	    0600, ALICE, F_NONE, SM_REFUSED, NULL };
	static const struct sm_case home0 = { "", 0000, ALICE, 0, 0700,
	    ALICE, 0600, ALICE, F_NONE, SM_REFUSED, NULL };
	struct facts *f = build(&rootssh);
	struct sm_result res;

	strictmodes_check(f, &f->users[0],
	    "/var/services/homes/alice/.ssh/authorized_keys", &res);
	ck_assert_int_eq(res.verdict, SM_REFUSED);
	ck_assert_int_eq(res.unopenable, 1);
	ck_assert_int_eq(res.fault_owner, 1);
	ck_assert_str_eq(res.reason, "alice cannot open " AK " (sshd reads it "
	    "as the user): directory " HOME "/.ssh is 0700 owner root, no "
	    "search permission for alice");
	sm_result_cleanup(&res);
	tf_free(f);
	f = build(&home0);
	strictmodes_check(f, &f->users[0],
	    "/var/services/homes/alice/.ssh/authorized_keys", &res);
	ck_assert_int_eq(res.verdict, SM_REFUSED);
	ck_assert_int_eq(res.unopenable, 1);
	ck_assert_int_eq(res.fault_owner, 0);
	ck_assert_uint_eq(res.fix_mode, 0700);
	sm_result_cleanup(&res);
	/* StrictModes-refused paths keep their own fix: drop group/world w */
	tf_free(f);
	f = build(&cases[3]);
	strictmodes_check(f, &f->users[0],
	    "/var/services/homes/alice/.ssh/authorized_keys", &res);
	ck_assert_int_eq(res.unopenable, 0);
	ck_assert_uint_eq(res.fix_mode, 0755);
	sm_result_cleanup(&res);
	tf_free(f);
}
END_TEST

START_TEST(test_realpath)
{
	struct facts *f = tf_new();
	const struct path_fact *pf;
	char *real = NULL;

	tf_path(f, "/a", PT_SYMLINK, 0777, 0, "root", 0, "b/c");
	tf_path(f, "/b", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/b/c", PT_SYMLINK, 0777, 0, "root", 0, "../d");
	tf_path(f, "/d", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/d/x", PT_FILE, 0644, 0, "root", 0, NULL);
	tf_path(f, "/loop", PT_SYMLINK, 0777, 0, "root", 0, "/loop");
	tf_path(f, "/gone", PT_MISSING, 0, 0, NULL, 0, NULL);
	tf_path(f, "/secret", PT_UNREADABLE, 0, 0, NULL, 0, NULL);
	tf_finish(f);
	ck_assert_int_eq(sm_realpath(f, "/a/./x", &real, &pf), 0);
	ck_assert_str_eq(real, "/d/x");
	ck_assert_ptr_nonnull(pf);
	ck_assert_int_eq(pf->type, PT_FILE);
	free(real);
	ck_assert_int_eq(sm_realpath(f, "/loop/x", &real, &pf), SL_ERR_PARSE);
	ck_assert_int_eq(sm_realpath(f, "/gone/x", &real, &pf),
	    SL_ERR_NOT_FOUND);
	ck_assert_int_eq(sm_realpath(f, "/secret/x", &real, &pf),
	    SL_ERR_SYSTEM);
	ck_assert_str_eq(real, "/secret");
	free(real);
	tf_free(f);
}
END_TEST

static Suite *
strictmodes_suite(void)
{
	Suite *s = suite_create("strictmodes");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_table, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_acl_reported);
	tcase_add_test(tc, test_unopenable);
	tcase_add_test(tc, test_realpath);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(strictmodes_suite)
