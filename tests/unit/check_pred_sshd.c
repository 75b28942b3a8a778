/*
 * check_pred_sshd.c — the built-in SSHD rules on DSM 6.2.3's factory
 * sshd_config (OpenSSH 7.4) and variants: effective values, defaults of the
 * version, Match blocks that weaken a setting for some users (a finding
 * naming the user and the Match line), DSM's port, lines sshd rejects.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "engine.h"
#include "err.h"
#include "sl_check.h"
#include "sl_facts.h"
#include "sshd.h"
#include "sshd_memsrc.h"

/* DSM 6.2.3's etc.defaults/ssh/sshd_config, active lines only. */
static const char dsm623[] =
    "PasswordAuthentication yes\n"			/* 1 */
    "ChallengeResponseAuthentication no\n"		/* 2 */
    "UsePAM yes\n"					/* 3 */
    "AllowTcpForwarding no\n"				/* 4 */
    "ChrootDirectory none\n"				/* 5 */
    "Subsystem       sftp    internal-sftp -f DAEMON -u 000\n" /* 6 */
    "Match User root\n"					/* 7 */
    "\tAllowTcpForwarding yes\n"			/* 8 */
    "Match User admin\n"				/* 9 */
    "\tAllowTcpForwarding yes\n"			/* 10 */
    "Match User anonymous\n"				/* 11 */
    "\tAllowTcpForwarding no\n"				/* 12 */
    "\tGatewayPorts no\n";				/* 13 */

static struct ruleset *
builtin(void)
{
	struct ruleset *rs = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(ruleset_load(NULL, 1, &rs, &d), 0);
	diag_cleanup(&d);
	return rs;
}

/* Facts of a DSM host with config text at OpenSSH version v. */
static struct facts *
host(const char *config, int v, int dsm)
{
	struct memfile files[] = {
		{ "/etc/ssh/sshd_config", config, 0 },
		{ NULL, NULL, 0 }
	};
	struct sshd_source src = memsrc(files);
	struct facts *f = tf_new();

	f->host.openssh_version_num = v;
	if (dsm)
		f->host.dsm_version = xstrdup("6.2.3");
	tf_user(f, "root", 0, "/root", 1);
	tf_user(f, "admin", 1024, "/var/services/homes/admin", 1);
	tf_user(f, "alice", 1026, "/var/services/homes/alice", 1);
	strv_push(&f->users[1].groups, "administrators");
	tf_user(f, "guest", 1025, "/nonexist", 0);
	tf_finish(f);
	ck_assert_int_eq(sshd_config_load("/etc/ssh/sshd_config", &src, v,
	    &f->sshd, &f->diag), 0);
	f->sshd_config_path = "/etc/ssh/sshd_config";
	return f;
}

static void
host_free(struct facts *f)
{
	sshd_config_free(f->sshd);
	tf_free(f);
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

static void
eval(const struct ruleset *rs, const struct facts *f, const char *only,
    struct findings *out)
{
	const char *globs[] = { only, NULL };
	struct engine_opts o = { globs, NULL };

	findings_init(out);
	ck_assert_int_eq(engine_eval(rs, f, &o, out), 0);
}

/* Regressions found by tests/rules: the port sshd listens on. */
START_TEST(test_port_lines)
{
	struct ruleset *rs = builtin();
	struct facts *f;
	struct findings out;
	const struct finding *x;

	/* not DSM: the line that opens 22 is the location, not Port 2222 */
	f = host("Port 2222\nPort 22\n", 902, 0);
	eval(rs, f, "SSHD-020", &out);
	x = find(&out, "SSHD-020", "host");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->loc_file, "/etc/ssh/sshd_config");
	ck_assert_uint_eq(x->loc_line, 2);
	findings_cleanup(&out);
	host_free(f);
	/* not DSM: ListenAddress with an explicit port 22 */
	f = host("Port 2222\nListenAddress 0.0.0.0:22\n", 902, 0);
	eval(rs, f, "SSHD-020", &out);
	x = find(&out, "SSHD-020", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_uint_eq(x->loc_line, 2);
	findings_cleanup(&out);
	host_free(f);
	f = host("ListenAddress 10.0.0.1:2222\n", 902, 0);
	eval(rs, f, "SSHD-020", &out);
	ck_assert_int_eq(find(&out, "SSHD-020", "host")->verdict,
	    VERDICT_PASS);
	findings_cleanup(&out);
	host_free(f);
	/* DSM: ssh_port 2222, but a Port 22 line adds a listener on 22 */
	f = host("Port 22\n", 704, 1);
	tf_synoinfo(f, "ssh_port", "2222");
	eval(rs, f, "SSHD-020", &out);
	x = find(&out, "SSHD-020", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_uint_eq(x->loc_line, 1);
	findings_cleanup(&out);
	host_free(f);
	f = host("Port 6622\n", 704, 1);
	tf_synoinfo(f, "ssh_port", "2222");
	eval(rs, f, "SSHD-020", &out);
	ck_assert_int_eq(find(&out, "SSHD-020", "host")->verdict,
	    VERDICT_PASS);
	findings_cleanup(&out);
	host_free(f);
	ruleset_free(rs);
}
END_TEST

/* Before 8.7 ChallengeResponseAuthentication (default yes) turns
 * keyboard-interactive on even with KbdInteractiveAuthentication no. */
START_TEST(test_kbdint_before_87)
{
	struct ruleset *rs = builtin();
	struct facts *f;
	struct findings out;
	const struct finding *x;

	f = host("KbdInteractiveAuthentication no\n", 802, 1);
	eval(rs, f, "SSHD-003", &out);
	x = find(&out, "SSHD-003", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	findings_cleanup(&out);
	host_free(f);
	f = host("ChallengeResponseAuthentication no\n", 704, 1);
	eval(rs, f, "SSHD-003", &out);
	ck_assert_int_eq(find(&out, "SSHD-003", "host")->verdict,
	    VERDICT_PASS);
	findings_cleanup(&out);
	host_free(f);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_dsm_default_values)
{
	struct ruleset *rs = builtin();
	struct facts *f = host(dsm623, 704, 1);
	struct findings out;
	const struct finding *x;

	eval(rs, f, "SSHD-0*", &out);
	x = find(&out, "SSHD-002", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->loc_file, "/etc/ssh/sshd_config");
	ck_assert_uint_eq(x->loc_line, 1);
	ck_assert_str_eq(x->fix, "set \"PasswordAuthentication no\" in "
	    "/etc/ssh/sshd_config before the first Match block and remove "
	    "the line at /etc/ssh/sshd_config:1");
	/* not set: OpenSSH 7.4's default lets root in with a key */
	x = find(&out, "SSHD-001", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_ptr_nonnull(strstr(x->message, "(OpenSSH default)"));
	ck_assert_ptr_null(x->loc_file);
	ck_assert_int_eq(find(&out, "SSHD-003", "host")->verdict,
	    VERDICT_PASS);
	ck_assert_int_eq(find(&out, "SSHD-005", "host")->verdict,
	    VERDICT_PASS);
	ck_assert_int_eq(find(&out, "SSHD-006", "host")->verdict,
	    VERDICT_PASS);
	ck_assert_int_eq(find(&out, "SSHD-008", "host")->verdict,
	    VERDICT_FAIL);		/* LoginGraceTime 120 */
	ck_assert_int_eq(find(&out, "SSHD-019", "host")->verdict,
	    VERDICT_FAIL);		/* no AllowUsers/AllowGroups */
	ck_assert_int_eq(find(&out, "SSHD-027", "host")->verdict,
	    VERDICT_PASS);
	/* DSM: no ssh_port in synoinfo.conf means 22, with the DSM fix */
	x = find(&out, "SSHD-020", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_ptr_nonnull(strstr(x->fix, "Control Panel > Terminal"));
	ck_assert_int_eq(find(&out, "SSHD-021", "host")->verdict,
	    VERDICT_PASS);
	findings_cleanup(&out);
	host_free(f);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_match_weakens_for_users)
{
	struct ruleset *rs = builtin();
	struct facts *f = host(dsm623, 704, 1);
	struct findings out;
	const struct finding *x;

	eval(rs, f, "SSHD-010", &out);
	/* global no: pass; root and admin get yes from their Match blocks */
	ck_assert_int_eq(find(&out, "SSHD-010", "host")->verdict,
	    VERDICT_PASS);
	x = find(&out, "SSHD-010", "user:root");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->message, "for root, \"Match User root\" "
	    "(/etc/ssh/sshd_config:7) sets AllowTcpForwarding yes "
	    "(/etc/ssh/sshd_config:8): expected no");
	ck_assert_str_eq(x->loc_file, "/etc/ssh/sshd_config");
	ck_assert_uint_eq(x->loc_line, 8);
	x = find(&out, "SSHD-010", "user:admin");
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_eq(x->loc_line, 10);
	ck_assert_ptr_null(find(&out, "SSHD-010", "user:alice"));
	ck_assert_ptr_null(find(&out, "SSHD-010", "user:guest"));
	ck_assert_uint_eq(count_rule(&out, "SSHD-010"), 3);
	findings_cleanup(&out);
	host_free(f);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_crypto_port_and_bad_lines)
{
	struct ruleset *rs = builtin();
	struct facts *f;
	struct findings out;
	const struct finding *x;
	static const char cfg[] =
	    "Ciphers aes128-ctr,aes128-cbc,3des-cbc\n"		/* 1 */
	    "KexAlgorithms curve25519-sha256,diffie-hellman-group14-sha1\n"
	    "MACs hmac-sha2-256-etm@openssh.com\n"		/* 3 */
	    "Port 22\n"						/* 4 */
	    "Port 6622\n"					/* 5 */
	    "UsePrivilegeSeparation sandbox\n"			/* 6 */
	    "PasswordAuthentication no\n"			/* 7 */
	    "MaxStartups 10:30:60\n"				/* 8 */
	    "Match User alice\n"				/* 9 */
	    "\tPermitRootLogin yes\n"				/* 10 */
	    "\tPasswordAuthentication yes\n";			/* 11 */

	f = host(cfg, 902, 1);
	tf_synoinfo(f, "ssh_port", "2222");
	eval(rs, f, "SSHD-*", &out);
	x = find(&out, "SSHD-022", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_ptr_nonnull(strstr(x->message, "weak: aes128-cbc,3des-cbc"));
	ck_assert_uint_eq(x->loc_line, 1);
	/* on DSM the crypto lists are changed in the UI, never in the file */
	ck_assert_ptr_nonnull(strstr(x->fix, "Advanced Settings"));
	ck_assert_int_eq(find(&out, "SSHD-024", "host")->verdict,
	    VERDICT_FAIL);
	ck_assert_int_eq(find(&out, "SSHD-023", "host")->verdict,
	    VERDICT_PASS);
	ck_assert_int_eq(find(&out, "SSHD-018", "host")->verdict,
	    VERDICT_PASS);
	/*
	 * DSM's port is ssh_port, but its sshd also listens on Port lines
	 * (shared/reference/dsm.md 2.2): "Port 22" means port 22 is open.
	 * Each Port line is its own SSHD-021 finding.
	 */
	x = find(&out, "SSHD-020", "host");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_uint_eq(x->loc_line, 4);
	ck_assert_int_eq(find(&out, "SSHD-021",
	    "file:/etc/ssh/sshd_config:4")->verdict, VERDICT_FAIL);
	x = find(&out, "SSHD-021", "file:/etc/ssh/sshd_config:5");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_str_eq(x->fix, "remove the Port line at "
	    "/etc/ssh/sshd_config:5");
	/* obsolete at 9.2, with file:line */
	x = find(&out, "SSHD-026", "file:/etc/ssh/sshd_config:6");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_uint_eq(x->loc_line, 6);
	/* PermitRootLogin: 9.2's default fails globally; alice's Match
	 * block changes it again and is named; root's value is the global */
	ck_assert_int_eq(find(&out, "SSHD-001", "host")->verdict,
	    VERDICT_FAIL);
	ck_assert_ptr_null(find(&out, "SSHD-001", "user:root"));
	ck_assert_uint_eq(find(&out, "SSHD-001", "user:alice")->loc_line, 10);
	ck_assert_int_eq(find(&out, "SSHD-002", "host")->verdict,
	    VERDICT_PASS);
	x = find(&out, "SSHD-002", "user:alice");
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_eq(x->loc_line, 11);
	findings_cleanup(&out);
	host_free(f);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_rejected_lines)
{
	struct ruleset *rs = builtin();
	struct facts *f;
	struct findings out;
	const struct finding *x;

	f = host("PermitRootLogin no\nBogusOption yes\nMatch User alice\n"
	    "\tPort 2200\n", 902, 0);
	eval(rs, f, "SSHD-02[01267]", &out);
	x = find(&out, "SSHD-027", "file:/etc/ssh/sshd_config:2");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_ptr_nonnull(strstr(x->message, "sshd refuses to start"));
	x = find(&out, "SSHD-027", "file:/etc/ssh/sshd_config:4");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(find(&out, "SSHD-026", "host")->verdict,
	    VERDICT_PASS);
	/* not DSM: Port 22 from OpenSSH's default */
	ck_assert_int_eq(find(&out, "SSHD-020", "host")->verdict,
	    VERDICT_FAIL);
	ck_assert_int_eq(find(&out, "SSHD-021", "host")->verdict, VERDICT_NA);
	findings_cleanup(&out);
	host_free(f);
	ruleset_free(rs);
}
END_TEST

START_TEST(test_no_config)
{
	struct ruleset *rs = builtin();
	struct facts *f = tf_new();
	struct findings out;

	tf_user(f, "root", 0, "/root", 1);
	f->host.openssh_version_num = 902;
	tf_finish(f);
	eval(rs, f, "SSHD-00[1-3]", &out);
	ck_assert_uint_eq(out.n, 3);
	ck_assert_int_eq(out.v[0].verdict, VERDICT_ERROR);
	ck_assert_ptr_nonnull(strstr(out.v[0].message, "host's diagnostics"));
	findings_cleanup(&out);
	tf_free(f);
	/* A root-only config seen by a non-root collector: needs --become. */
	f = tf_new();
	tf_user(f, "root", 0, "/root", 1);
	f->host.openssh_version_num = 902;
	tf_file(f, "/etc/ssh/sshd_config", NULL);
	tf_finish(f);
	eval(rs, f, "SSHD-00[1-3]", &out);
	ck_assert_uint_eq(out.n, 3);
	ck_assert_int_eq(out.v[0].verdict, VERDICT_ERROR);
	ck_assert_str_eq(out.v[0].message, "could not check: "
	    "/etc/ssh/sshd_config is not readable (needs --become)");
	findings_cleanup(&out);
	tf_free(f);
	ruleset_free(rs);
}
END_TEST

/* StrictModes no / a custom AuthorizedKeysFile come from the effective config. */
START_TEST(test_strictmodes_from_config)
{
	struct ruleset *rs = builtin();
	struct facts *f;
	struct findings out;
	const struct finding *x;

	f = host("StrictModes no\nAuthorizedKeysFile .ssh/authorized_keys\n",
	    902, 1);
	/* rebuild paths: alice's home is 0777 */
	tf_path(f, "/", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var/services", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var/services/homes", PT_DIR, 0755, 0, "root", 0, NULL);
	tf_path(f, "/var/services/homes/alice", PT_DIR, 0777, 1026, "alice",
	    0, NULL);
	tf_path(f, "/var/services/homes/alice/.ssh", PT_DIR, 0700, 1026,
	    "alice", 0, NULL);
	tf_path(f, "/var/services/homes/alice/.ssh/authorized_keys", PT_FILE,
	    0600, 1026, "alice", 0, NULL);
	tf_finish(f);
	eval(rs, f, "HOME-001", &out);
	x = find(&out, "HOME-001", "user:alice");
	ck_assert_int_eq(x->verdict, VERDICT_FAIL);
	ck_assert_uint_eq(x->breaks_login, 0);
	ck_assert_ptr_nonnull(strstr(x->message, "StrictModes is off"));
	findings_cleanup(&out);
	host_free(f);
	ruleset_free(rs);
}
END_TEST

static Suite *
pred_sshd_suite(void)
{
	Suite *s = suite_create("pred_sshd");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_dsm_default_values);
	tcase_add_test(tc, test_match_weakens_for_users);
	tcase_add_test(tc, test_crypto_port_and_bad_lines);
	tcase_add_test(tc, test_rejected_lines);
	tcase_add_test(tc, test_no_config);
	tcase_add_test(tc, test_strictmodes_from_config);
	tcase_add_test(tc, test_port_lines);
	tcase_add_test(tc, test_kbdint_before_87);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(pred_sshd_suite)
