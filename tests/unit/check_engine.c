/* check_engine.c — tiny inline rules x tiny hand-built facts -> findings. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "engine.h"
#include "err.h"
#include "sl_check.h"
#include "sl_facts.h"

#define HEAD(id, scope)							\
	"rule " id "\n\ttitle \"t\"\n\tseverity high\n\tscope " scope "\n"	\
	"\trationale \"r\"\n"

static struct ruleset *
rules(const char *text)
{
	struct ruleset *rs = ruleset_new();
	struct diag d;

	diag_init(&d);
	if (ruleset_add_text(rs, "t.rules", text, strlen(text), &d) != 0) {
		char *s = d.n > 0 ? diag_format(&d.v[0]) : NULL;

		ck_abort_msg("rules did not load: %s", s != NULL ? s : "?");
	}
	diag_cleanup(&d);
	return rs;
}

/* A DSM-like host: alice (admin, home 0777+ACL via the homes symlink), bob
 * without a login shell, sshd_config 0644 with a Port line. */
static struct facts *
host(void)
{
	struct facts *f = tf_new();

	tf_user(f, "root", 0, "/root", 1);
	tf_user(f, "alice", 1026, "/var/services/homes/alice", 1);
	tf_user(f, "bob", 1027, "/var/services/homes/bob", 0);
	tf_path(f, "/", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/root", PT_DIR, 0700, 0, "root", 0, NULL);
	tf_path(f, "/root/.ssh", PT_MISSING, 0, 0, NULL, 0, NULL);
	tf_path(f, "/root/.ssh/authorized_keys", PT_MISSING, 0, 0, NULL, 0,
	    NULL);
	tf_path(f, "/root/.ssh/authorized_keys2", PT_MISSING, 0, 0, NULL, 0,
	    NULL);
	tf_path(f, "/var", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var/services", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var/services/homes", PT_SYMLINK, 0777, 0, "root", 0,
	    "/volume1/homes");
	tf_path(f, "/volume1", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/volume1/homes", PT_DIR, 0777, 0, "root", 1, NULL);
	tf_path(f, "/volume1/homes/alice", PT_DIR, 0777, 1026, "alice", 1,
	    NULL);
	tf_path(f, "/volume1/homes/alice/.ssh", PT_DIR, 0700, 1026, "alice", 0,
	    NULL);
	tf_path(f, "/volume1/homes/alice/.ssh/authorized_keys", PT_FILE, 0600,
	    1026, "alice", 0, NULL);
	tf_path(f, "/volume1/homes/alice/.ssh/authorized_keys2", PT_MISSING,
	    0, 0, NULL, 0, NULL);
	tf_path(f, "/volume1/homes/alice/.ssh/id_rsa", PT_FILE, 0644, 1026,
	    "alice", 0, NULL);
	tf_path(f, "/volume1/homes/alice/.ssh/id_rsa.pub", PT_FILE, 0644, 1026,
	    "alice", 0, NULL);
	tf_path(f, "/volume1/homes/alice/.ssh/backup_key", PT_FILE, 0640, 1026,
	    "alice", 0, NULL);
	tf_path(f, "/volume1/homes/alice/.ssh/known_hosts", PT_FILE, 0644,
	    1026, "alice", 0, NULL);
	tf_file(f, "/volume1/homes/alice/.ssh/backup_key",
	    "-----BEGIN OPENSSH PRIVATE KEY-----\nheader only\n");
	tf_path(f, "/volume1/homes/alice/.rhosts", PT_FILE, 0600, 1026,
	    "alice", 0, NULL);
	tf_path(f, "/etc", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/etc/ssh", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/etc/ssh/sshd_config", PT_FILE, 0644, 0, "root", 0, NULL);
	tf_path(f, "/etc/ssh/ssh_host_rsa_key", PT_FILE, 0600, 0, "root", 0,
	    NULL);
	tf_path(f, "/etc/ssh/ssh_host_ed25519_key", PT_FILE, 0640, 0, "root",
	    0, NULL);
	tf_path(f, "/etc/shadow", PT_UNREADABLE, 0, 0, NULL, 0, NULL);
	tf_file(f, "/etc/ssh/sshd_config", "# comment\nUsePAM yes\n"
	    "Port 22\nMatch User root\n\tAllowTcpForwarding yes\n");
	tf_finish(f);
	return f;
}

static const struct finding *
find(const struct findings *fs, const char *id, const char *object)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rule->id, id) == 0 &&
		    strcmp(fs->v[i].object, object) == 0)
			return &fs->v[i];
	return NULL;
}

static size_t
count_rule(const struct findings *fs, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < fs->n; i++)
		n += strcmp(fs->v[i].rule->id, id) == 0;
	return n;
}

/* Runs text's rules over host(); the caller cleans up the findings. */
static void
run(const char *text, const struct engine_opts *o, struct facts **fp,
    struct ruleset **rsp, struct findings *out)
{
	*rsp = rules(text);
	*fp = host();
	findings_init(out);
	ck_assert_int_eq(engine_eval(*rsp, *fp, o, out), 0);
}

static void
done(struct facts *f, struct ruleset *rs, struct findings *out)
{
	findings_cleanup(out);
	ruleset_free(rs);
	tf_free(f);
}

START_TEST(test_file_mode)
{
	struct facts *f;
	struct ruleset *rs;
	struct findings out;
	const struct finding *x;

	run(HEAD("F-1", "file") "\tcheck path_mode_max /etc/ssh/sshd_config "
	    "0600\n\tfix chmod 0600\nend\n"
	    HEAD("F-2", "file") "\tcheck path_mode_max /etc/ssh/ssh_host_*_key "
	    "0600\n\tfix chmod 0600\nend\n"
	    HEAD("F-3", "file") "\tcheck path_mode_max /etc/nothing 0600\nend\n"
	    HEAD("F-4", "file") "\tcheck path_mode_max /etc/shadow 0640\nend\n",
	    NULL, &f, &rs, &out);
	x = find(&out, "F-1", "file:/etc/ssh/sshd_config");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->message, "/etc/ssh/sshd_config is 0644, allows "
	    "more than 0600");
	ck_assert_str_eq(x->fix, "chmod 0600 '/etc/ssh/sshd_config'");
	ck_assert_uint_eq(count_rule(&out, "F-2"), 2);
	x = find(&out, "F-2", "file:/etc/ssh/ssh_host_rsa_key");
	ck_assert_int_eq(x->verdict, VERDICT_PASS);
	ck_assert_ptr_null(x->fix);
	x = find(&out, "F-2", "file:/etc/ssh/ssh_host_ed25519_key");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->fix, "chmod 0600 '/etc/ssh/ssh_host_ed25519_key'");
	/* not collected at all: could not check, never a pass */
	x = find(&out, "F-3", "file:/etc/nothing");
	ck_assert_int_eq(x->verdict, VERDICT_ERROR);
	x = find(&out, "F-4", "file:/etc/shadow");
	ck_assert_int_eq(x->verdict, VERDICT_ERROR);
	ck_assert_str_eq(x->message, "could not check /etc/shadow (needs "
	    "--become)");
	done(f, rs, &out);
}
END_TEST

START_TEST(test_user_scope)
{
	struct facts *f;
	struct ruleset *rs;
	struct findings out;
	const struct finding *x;

	run(HEAD("H-1", "user") "\tcheck path_mode_max %h 0750\n"
	    "\tfix chmod 0750\nend\n"
	    HEAD("H-2", "user") "\tcheck path_owner %h/.ssh %u root\n"
	    "\tfix chown %u\nend\n", NULL, &f, &rs, &out);
	/* root and alice can log in; bob cannot */
	ck_assert_uint_eq(count_rule(&out, "H-1"), 2);
	ck_assert_ptr_null(find(&out, "H-1", "user:bob"));
	x = find(&out, "H-1", "user:alice");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->message, "/var/services/homes/alice is 0777 with "
	    "ACL (+), allows more than 0750");
	/* the fix names the realpath, never the symlinked path */
	ck_assert_str_eq(x->fix, "chmod 0750 '/volume1/homes/alice' (this "
	    "drops its ACL; on DSM the Security Advisor may report "
	    "check_home_acl)");
	ck_assert_ptr_nonnull(strstr(x->evidence,
	    "/var/services/homes/alice -> /volume1/homes/alice"));
	ck_assert_int_eq(find(&out, "H-1", "user:root")->verdict,
	    VERDICT_PASS);
	ck_assert_int_eq(find(&out, "H-2", "user:alice")->verdict,
	    VERDICT_PASS);
	ck_assert_int_eq(find(&out, "H-2", "user:root")->verdict, VERDICT_NA);
	done(f, rs, &out);
}
END_TEST

START_TEST(test_strictmodes_breaks_login)
{
	struct facts *f;
	struct ruleset *rs;
	struct findings out;
	const struct finding *x;

	run(HEAD("S-1", "user") "\tcheck strictmodes_ok\n\tfix chmod 0755\n"
	    "end\n", NULL, &f, &rs, &out);
	x = find(&out, "S-1", "user:alice");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_uint_eq(x->breaks_login, 1);
	ck_assert_str_eq(x->message, "sshd refuses key login for alice today: "
	    "bad ownership or modes for directory /volume1/homes/alice (0777 "
	    "with ACL (+): group/world-writable)");
	ck_assert_str_eq(x->fix, "chmod 0755 '/volume1/homes/alice'");
	x = find(&out, "S-1", "user:root");
	ck_assert_int_eq(x->verdict, VERDICT_NA);
	ck_assert_uint_eq(x->breaks_login, 0);
	done(f, rs, &out);
}
END_TEST

START_TEST(test_only_skip)
{
	static const char *const only[] = { "H-*", "F-1", NULL };
	static const char *const skip[] = { "H-2", NULL };
	struct engine_opts o = { only, skip };
	struct facts *f;
	struct ruleset *rs;
	struct findings out;

	run(HEAD("H-1", "host") "\tcheck uid0_only_root\nend\n"
	    HEAD("H-2", "host") "\tcheck uid0_only_root\nend\n"
	    HEAD("F-1", "host") "\tcheck uid0_only_root\nend\n"
	    HEAD("F-2", "host") "\tcheck uid0_only_root\nend\n",
	    &o, &f, &rs, &out);
	ck_assert_uint_eq(out.n, 2);
	ck_assert_uint_eq(count_rule(&out, "H-1"), 1);
	ck_assert_uint_eq(count_rule(&out, "F-1"), 1);
	ck_assert_int_eq(out.v[0].verdict, VERDICT_PASS);
	ck_assert_str_eq(out.v[0].object, "host");
	done(f, rs, &out);
}
END_TEST

START_TEST(test_regex_line)
{
	struct facts *f;
	struct ruleset *rs;
	struct findings out;
	const struct finding *x;

	run(HEAD("R-1", "file") "\tcheck file_not_matches /etc/ssh/sshd_config "
	    "\"(?i)^\\s*port\\s\"\n\tfix sshd_remove Port\n"
	    "\tdsmfix manual \"DSM owns the port\"\nend\n"
	    HEAD("R-2", "file") "\tcheck file_matches /etc/ssh/sshd_config "
	    "^UsePAM\\s+yes$\nend\n"
	    HEAD("R-3", "file") "\tcheck file_matches /etc/ssh/missing x\nend\n",
	    NULL, &f, &rs, &out);
	x = find(&out, "R-1", "file:/etc/ssh/sshd_config");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->loc_file, "/etc/ssh/sshd_config");
	ck_assert_uint_eq(x->loc_line, 3);
	ck_assert_str_eq(x->fix, "remove the Port line at "
	    "/etc/ssh/sshd_config:3");
	x = find(&out, "R-2", "file:/etc/ssh/sshd_config");
	ck_assert_int_eq(x->verdict, VERDICT_PASS);
	ck_assert_uint_eq(x->loc_line, 2);
	ck_assert_int_eq(find(&out, "R-3", "file:/etc/ssh/missing")->verdict,
	    VERDICT_ERROR);
	done(f, rs, &out);

	/* the same rule on DSM uses dsmfix */
	rs = rules(HEAD("R-1", "file") "\tcheck file_not_matches "
	    "/etc/ssh/sshd_config \"(?i)^\\s*port\\s\"\n\tfix sshd_remove Port\n"
	    "\tdsmfix manual \"DSM owns the port\"\nend\n");
	f = host();
	f->host.dsm_version = xstrdup("7.2.1");
	findings_init(&out);
	ck_assert_int_eq(engine_eval(rs, f, NULL, &out), 0);
	ck_assert_str_eq(out.v[0].fix, "DSM owns the port");
	done(f, rs, &out);
}
END_TEST

START_TEST(test_private_keys_and_absent)
{
	struct facts *f;
	struct ruleset *rs;
	struct findings out;
	const struct finding *x;

	run(HEAD("K-1", "user") "\tcheck private_key_mode_max 0600\n"
	    "\tfix chmod 0600\nend\n"
	    HEAD("K-2", "user") "\tcheck path_absent %h/.rhosts %h/.shosts\n"
	    "end\n", NULL, &f, &rs, &out);
	x = find(&out, "K-1", "file:/volume1/homes/alice/.ssh/id_rsa");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->fix, "chmod 0600 "
	    "'/volume1/homes/alice/.ssh/id_rsa'");
	x = find(&out, "K-1",
	    "file:/volume1/homes/alice/.ssh/backup_key");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	/* the .pub and known_hosts are not private keys */
	ck_assert_uint_eq(count_rule(&out, "K-1"), 3);	/* + root: NA */
	ck_assert_int_eq(find(&out, "K-1", "user:root")->verdict, VERDICT_NA);
	x = find(&out, "K-2", "user:alice");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->message, "present: "
	    "/var/services/homes/alice/.rhosts");
	/* root's .rhosts was never collected: cannot say it is absent */
	ck_assert_int_eq(find(&out, "K-2", "user:root")->verdict,
	    VERDICT_ERROR);
	done(f, rs, &out);
}
END_TEST

/*
 * Regression (tests/rules HOME-009): a user-scope predicate judging several
 * paths gives one file:PATH object per path, never two "user:NAME" findings.
 */
START_TEST(test_acl_objects)
{
	struct facts *f;
	struct ruleset *rs;
	struct findings out;
	const struct finding *x;

	run(HEAD("A-1", "user") "\tcheck path_no_acl %h %h/.ssh\nend\n"
	    HEAD("A-2", "user") "\tcheck path_no_acl %h\nend\n",
	    NULL, &f, &rs, &out);
	ck_assert_ptr_null(find(&out, "A-1", "user:alice"));
	x = find(&out, "A-1", "file:/var/services/homes/alice");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	x = find(&out, "A-1", "file:/var/services/homes/alice/.ssh");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_PASS);
	ck_assert_ptr_nonnull(find(&out, "A-1", "file:/root/.ssh"));
	/* one path: the user is the object */
	x = find(&out, "A-2", "user:alice");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	done(f, rs, &out);
}
END_TEST

START_TEST(test_users)
{
	struct facts *f;
	struct ruleset *rs;
	struct findings out;

	rs = rules(HEAD("U-1", "host") "\tcheck uid0_only_root\nend\n"
	    HEAD("U-2", "host") "\tcheck user_not_enabled admin bob\nend\n");
	f = host();
	tf_user(f, "toor", 0, "/root", 1);
	f->users[2].disabled = -1;	/* bob: shadow unreadable */
	findings_init(&out);
	ck_assert_int_eq(engine_eval(rs, f, NULL, &out), 0);
	ck_assert_int_eq(find(&out, "U-1", "host")->verdict, VERDICT_FAIL);
	ck_assert_str_eq(find(&out, "U-1", "host")->message,
	    "accounts other than root have uid 0: toor");
	ck_assert_int_eq(find(&out, "U-2", "host")->verdict, VERDICT_ERROR);
	f->users[2].disabled = 0;
	findings_cleanup(&out);
	findings_init(&out);
	ck_assert_int_eq(engine_eval(rs, f, NULL, &out), 0);
	ck_assert_str_eq(find(&out, "U-2", "host")->message, "enabled: bob");
	done(f, rs, &out);
}
END_TEST

static Suite *
engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_file_mode);
	tcase_add_test(tc, test_user_scope);
	tcase_add_test(tc, test_strictmodes_breaks_login);
	tcase_add_test(tc, test_only_skip);
	tcase_add_test(tc, test_regex_line);
	tcase_add_test(tc, test_private_keys_and_absent);
	tcase_add_test(tc, test_users);
	tcase_add_test(tc, test_acl_objects);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(engine_suite)
