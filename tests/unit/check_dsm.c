/*
 * check_dsm.c — the Synology layer: facts_dsm.c (version, Auto Block from
 * synowebapi or synoinfo.conf, Terminal switches, listeners, ACL listings,
 * service manager) and every DSM-* rule of the built-in set, each failing
 * on a bundle built to trigger it and passing on a hardened one, on DSM 6
 * and DSM 7. Tool outputs come from tests/fixtures/dsm (sources there).
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "diag.h"
#include "engine.h"
#include "err.h"
#include "facts.h"
#include "findings.h"
#include "rules.h"
#include "sl_check.h"
#include "xmalloc.h"

#define TCP_HEAD "  sl  local_address rem_address   st tx_queue rx_queue tr " \
	"tm->when retrnsmt   uid  timeout inode\n"
#define TCP_LINE(n, hexport) "   " #n ": 00000000:" hexport " 00000000:0000 " \
	"0A 00000000:00000000 00:00000000 00000000     0        0 1" #n \
	" 1 0000000000000000 100 0 0 10 0\n"

struct opts {
	int		 major;		/* 6, 7, or 0: not DSM */
	const char	*synoinfo;	/* extra synoinfo.conf lines */
	const char	*sshd_config;
	const char	*admin_expire;	/* shadow field 8 of admin; NULL: no shadow */
	const char	*bob_shell;
	unsigned int	 home_mode;	/* alice's home */
	int		 home_acl;
	const char	*acl_fixture;	/* synoacltool -get of alice's home */
	const char	*homes_target;
	const char	*autoblock;	/* fixture name, "-" for not installed */
	const char	*terminal;	/* fixture name or inline JSON */
	const char	*sftp;		/* inline JSON */
	const char	*tcp;		/* /proc/net/tcp LISTEN lines */
	int		 alice_keys;
};

static void
file(struct bundle *b, const char *path, const char *text)
{
	ck_assert_int_eq(bundle_add_file(b, path, text, strlen(text), 0), 0);
}

static void
cmd(struct bundle *b, const char *name, int status, const char *out)
{
	ck_assert_int_eq(bundle_add_cmd(b, name, status, out, strlen(out)), 0);
}

static void
cmd_fixture(struct bundle *b, const char *name, const char *fx)
{
	char *p, *data;
	size_t len;

	if (strcmp(fx, "-") == 0) {
		cmd(b, name, -1, "");
		return;
	}
	if (strncmp(fx, "dsm/", 4) != 0) {
		cmd(b, name, 0, fx);
		return;
	}
	p = sl_fixture(fx);
	ck_assert_ptr_nonnull(data = sl_read_file(p, &len));
	ck_assert_int_eq(bundle_add_cmd(b, name, 0, data, len), 0);
	free(data);
	free(p);
}

static void
dir(struct bundle *b, const char *path, unsigned int mode, unsigned long uid,
    int acl)
{
	ck_assert_int_eq(bundle_add_stat(b, path, 'd', mode, uid, 100, 4096,
	    acl), 0);
}

static struct bundle *
scenario(const struct opts *o)
{
	struct bundle *b = bundle_new();
	char *s;

	ck_assert_int_eq(bundle_set_meta(b, "session", "local"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "uid", "0"), 0);
	if (o->major == 6)
		file(b, "/etc.defaults/VERSION", "majorversion=\"6\"\n"
		    "minorversion=\"2\"\nproductversion=\"6.2.3\"\n"
		    "buildnumber=\"25426\"\nsmallfixnumber=\"0\"\n");
	else if (o->major == 7)
		file(b, "/etc.defaults/VERSION", "majorversion=\"7\"\n"
		    "minorversion=\"2\"\nmajor=\"7\"\nminor=\"2\"\nmicro=\"2\"\n"
		    "productversion=\"7.2.2\"\nbuildnumber=\"72806\"\n"
		    "smallfixnumber=\"3\"\n");
	s = xprintf("root:x:0:0::/root:/bin/ash\n"
	    "admin:x:1024:100:System default user:/var/services/homes/admin:/bin/sh\n"
	    "guest:x:1025:100:Guest:/nonexist:/usr/bin/nologin\n"
	    "alice:x:1026:100::/var/services/homes/alice:/bin/sh\n"
	    "bob:x:1027:100::/var/services/homes/bob:%s\n",
	    o->bob_shell != NULL ? o->bob_shell : "/sbin/nologin");
	file(b, "/etc/passwd", s);
	free(s);
	file(b, "/etc/group", "root:x:0:\nusers:x:100:\n"
	    "administrators:x:101:admin,alice\n");
	if (o->admin_expire != NULL) {
		s = xprintf("root:*:1:0:99999:7:::\nadmin:x:1:0:99999:7::%s:\n"
		    "guest:*:1:0:99999:7::1:\nalice:x:1:0:99999:7:::\n"
		    "bob:x:1:0:99999:7:::\n", o->admin_expire);
		file(b, "/etc/shadow", s);
		free(s);
	}
	s = xprintf("upnpmodelname=\"DS920+\"\nunique=\"synology_geminilake_920+\"\n"
	    "%s", o->synoinfo != NULL ? o->synoinfo : "");
	file(b, "/etc/synoinfo.conf", s);
	free(s);
	file(b, "/etc/ssh/sshd_config", o->sshd_config != NULL ?
	    o->sshd_config : "PasswordAuthentication yes\nUsePAM yes\n");
	dir(b, "/", 0755, 0, 0);
	dir(b, "/var", 0755, 0, 0);
	dir(b, "/var/services", 0755, 0, 0);
	ck_assert_int_eq(bundle_add_stat(b, "/var/services/homes", 'l', 0777,
	    0, 0, 14, 0), 0);
	ck_assert_int_eq(bundle_add_link(b, "/var/services/homes",
	    o->homes_target != NULL ? o->homes_target : "/volume1/homes"), 0);
	dir(b, "/volume1", 0755, 0, 0);
	dir(b, "/volume1/homes", 0755, 0, 0);
	dir(b, "/volume1/@fake_home_link", 0755, 0, 0);
	dir(b, "/volume1/homes/alice", o->home_mode, 1026, o->home_acl);
	dir(b, "/var/services/homes/alice", o->home_mode, 1026, o->home_acl);
	if (o->acl_fixture != NULL)
		cmd_fixture(b, "synoacltool -get /volume1/homes/alice",
		    o->acl_fixture);
	if (o->alice_keys) {
		dir(b, "/volume1/homes/alice/.ssh", 0700, 1026, 0);
		dir(b, "/var/services/homes/alice/.ssh", 0700, 1026, 0);
		file(b, "/var/services/homes/alice/.ssh/authorized_keys",
		    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE alice@pc\n");
	}
	if (o->autoblock != NULL)
		cmd_fixture(b, "synowebapi SYNO.Core.Security.AutoBlock get",
		    o->autoblock);
	if (o->terminal != NULL)
		cmd_fixture(b, "synowebapi SYNO.Core.Terminal get",
		    o->terminal);
	if (o->sftp != NULL)
		cmd_fixture(b, "synowebapi SYNO.Core.FileServ.FTP.SFTP get",
		    o->sftp);
	if (o->tcp != NULL) {
		s = xprintf("%s%s", TCP_HEAD, o->tcp);
		cmd(b, "listen /proc/net/tcp", 0, s);
		free(s);
	}
	return b;
}

static struct facts *
facts_of(const struct opts *o)
{
	struct facts *f = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(facts_build(scenario(o), NULL, &f, &d), 0);
	diag_cleanup(&d);
	return f;
}

/* The verdicts rule id gives for o: "fail", "pass", ... joined by ",". */
static char *
judge(const struct opts *o, const char *id, char **msgp)
{
	const char *only[2] = { id, NULL };
	struct engine_opts eo;
	struct ruleset *rs = NULL;
	struct findings out;
	struct facts *f = facts_of(o);
	struct diag d;
	char *s = xstrdup(""), *t;
	size_t i;

	diag_init(&d);
	ck_assert_int_eq(ruleset_load(NULL, 1, &rs, &d), 0);
	memset(&eo, 0, sizeof(eo));
	eo.only = only;
	findings_init(&out);
	ck_assert_int_eq(engine_eval(rs, f, &eo, &out), 0);
	if (msgp != NULL)
		*msgp = xstrdup("");
	for (i = 0; i < out.n; i++) {
		/* The home rules also judge root; keep alice's and the host's. */
		if (strcmp(out.v[i].object, "user:root") == 0 ||
		    strcmp(out.v[i].object, "user:admin") == 0)
			continue;
		t = xprintf("%s%s%s", s, *s ? "," : "",
		    verdict_name(out.v[i].verdict));
		free(s);
		s = t;
		if (msgp != NULL && out.v[i].message != NULL) {
			t = xprintf("%s%s|", *msgp, out.v[i].message);
			free(*msgp);
			*msgp = t;
		}
	}
	findings_cleanup(&out);
	ruleset_free(rs);
	facts_free(f);
	diag_cleanup(&d);
	return s;
}

static void
expect(const struct opts *o, const char *id, const char *want,
    const char *needle)
{
	char *msg = NULL, *got = judge(o, id, &msg);

	ck_assert_msg(strcmp(got, want) == 0, "%s: got %s, want %s (%s)", id,
	    got, want, msg);
	if (needle != NULL)
		ck_assert_msg(strstr(msg, needle) != NULL, "%s: \"%s\" not in "
		    "\"%s\"", id, needle, msg);
	free(got);
	free(msg);
}

/* A DSM 7 box set up the way the rules want it. */
static struct opts
hardened(void)
{
	struct opts o;

	memset(&o, 0, sizeof(o));
	o.major = 7;
	o.synoinfo = "autoblock_attempts=\"5\"\nautoblock_attempt_min=\"10\"\n"
	    "autoblock_expriedday=\"0\"\nssh_port=\"2222\"\n"
	    "userHomeEnable=\"yes\"\nenableguest=\"no\"\n";
	o.admin_expire = "1";
	o.home_mode = 0700;
	o.terminal = "{\"data\":{\"enable_ssh\":true,\"enable_telnet\":false,"
	    "\"ssh_port\":2222},\"success\":true}";
	o.tcp = TCP_LINE(0, "08AE");
	o.sshd_config = "PasswordAuthentication no\nPubkeyAuthentication yes\n";
	o.alice_keys = 1;
	return o;
}

/* The factory DSM 6.2.3 of dsm.md: Auto Block off, port 22, admin on. */
static struct opts
factory6(void)
{
	struct opts o;

	memset(&o, 0, sizeof(o));
	o.major = 6;
	o.synoinfo = "autoblock_attempts=\"0\"\nautoblock_attempt_min=\"0\"\n"
	    "autoblock_expriedday=\"0\"\nuserHomeEnable=\"yes\"\n"
	    "enableguest=\"no\"\n";
	o.admin_expire = "";
	o.home_mode = 0777;
	o.home_acl = 1;
	o.acl_fixture = "dsm/synoacltool-get-home.txt";
	o.tcp = TCP_LINE(0, "0016");
	return o;
}

START_TEST(test_hardened_quiet)
{
	struct opts o = hardened();
	const char *ids[] = { "DSM-001", "DSM-002", "DSM-003", "DSM-004",
	    "DSM-005", "DSM-006", "DSM-007", "DSM-008", "DSM-009", "DSM-010",
	    "DSM-011", "DSM-012", "DSM-013", NULL };
	char *got;
	size_t i;

	for (i = 0; ids[i] != NULL; i++) {
		got = judge(&o, ids[i], NULL);
		ck_assert_msg(strstr(got, "fail") == NULL &&
		    strstr(got, "error") == NULL, "%s on hardened: %s", ids[i],
		    got);
		free(got);
	}
}
END_TEST

START_TEST(test_not_dsm)
{
	struct opts o = factory6();

	o.major = 0;
	expect(&o, "DSM-001", "n/a", "not a DSM host");
	expect(&o, "DSM-004", "n/a", NULL);
	expect(&o, "DSM-012", "n/a", NULL);
}
END_TEST

START_TEST(test_autoblock)
{
	struct opts o = factory6();

	/* DSM 6.2.3: enabled iff attempts or attempt_min is not 0. */
	expect(&o, "DSM-001", "fail", "Auto Block is off");
	expect(&o, "DSM-002", "n/a", NULL);
	/* The web API wins over the file. */
	o.autoblock = "dsm/autoblock-get-dsm7.json";
	expect(&o, "DSM-001", "pass", "synowebapi");
	expect(&o, "DSM-002", "pass", "blocks never expire");
	o.autoblock = "{\"data\":{\"enable\":true,\"attempts\":20,"
	    "\"within_mins\":1,\"expire_day\":3},\"success\":true}";
	expect(&o, "DSM-002", "fail", "20 attempts allowed (at most 10)");
	expect(&o, "DSM-002", "fail", "a window of 1 minutes");
	expect(&o, "DSM-002", "fail", "expire after 3 days");
	/* A failing API falls back to the file. */
	o.autoblock = "{\"error\":{\"code\":105},\"success\":false}";
	expect(&o, "DSM-001", "fail", "/etc/synoinfo.conf");
	/* Neither: could not check, with the reason; never a pass. */
	o.synoinfo = "userHomeEnable=\"yes\"\n";
	o.autoblock = "-";
	expect(&o, "DSM-001", "error", "synowebapi is not installed");
	o.autoblock = NULL;
	expect(&o, "DSM-001", "error", "no autoblock_* keys");
	o.synoinfo = "autoblock_attempts=\"ten\"\nautoblock_attempt_min=\"5\"\n";
	expect(&o, "DSM-001", "error", "malformed");
}
END_TEST

START_TEST(test_telnet)
{
	struct opts o = hardened();

	o.terminal = "dsm/terminal-get-dsm7.json";
	expect(&o, "DSM-003", "fail", "telnet is on");
	o.terminal = "dsm/terminal-get-dsm6.json";
	expect(&o, "DSM-003", "pass", "SYNO.Core.Terminal");
	/* Without the API: a listener on 23 still tells. */
	o.terminal = NULL;
	o.tcp = TCP_LINE(0, "0017") TCP_LINE(1, "08AE");
	expect(&o, "DSM-003", "fail", "port 23");
	o.tcp = TCP_LINE(1, "08AE");
	expect(&o, "DSM-003", "pass", "nothing listens on port 23");
	o.tcp = NULL;
	expect(&o, "DSM-003", "error", "could not check");
}
END_TEST

START_TEST(test_port)
{
	struct opts o = factory6();

	expect(&o, "DSM-004", "fail", "default (no ssh_port");
	o.synoinfo = "ssh_port=\"2222\"\n";
	expect(&o, "DSM-004", "pass", "2222 (/etc/synoinfo.conf");
	/* The Terminal API's port wins over synoinfo.conf. */
	o.terminal = "dsm/terminal-get-dsm6.json";
	expect(&o, "DSM-004", "fail", "SYNO.Core.Terminal");
	/* A Port line DSM does not know about. */
	o = hardened();
	o.sshd_config = "Port 6622\nPasswordAuthentication no\n";
	expect(&o, "DSM-010", "fail", "also listens on port 6622");
	o.sshd_config = "Port 2222\n";
	expect(&o, "DSM-010", "pass", NULL);
	/* DSM says 2222, nothing listens there. */
	o.tcp = TCP_LINE(0, "0016");
	expect(&o, "DSM-010", "fail", "nothing listens there");
}
END_TEST

START_TEST(test_ssh_off_but_running)
{
	struct opts o = hardened();

	o.terminal = "{\"data\":{\"enable_ssh\":false,\"enable_telnet\":false,"
	    "\"ssh_port\":2222},\"success\":true}";
	expect(&o, "DSM-011", "fail", "sshd still runs");
	o.sftp = "{\"data\":{\"enable\":true},\"success\":true}";
	expect(&o, "DSM-011", "pass", "SFTP");
	o.sftp = NULL;
	o.tcp = TCP_LINE(0, "0016");
	expect(&o, "DSM-011", "pass", "does not run");
	o.terminal = NULL;
	expect(&o, "DSM-011", "error", "could not check");
}
END_TEST

START_TEST(test_accounts)
{
	struct opts o = factory6();

	expect(&o, "DSM-005", "fail", "admin");
	o.admin_expire = "1";
	expect(&o, "DSM-005", "pass", NULL);
	o.admin_expire = NULL;		/* no /etc/shadow: not root */
	expect(&o, "DSM-005", "error", "--become");
	o.bob_shell = "/bin/sh";
	expect(&o, "DSM-006", "fail", "bob is not in administrators");
	o.bob_shell = NULL;
	expect(&o, "DSM-006", "pass", NULL);
	o.synoinfo = "enableguest=\"yes\"\n";
	expect(&o, "DSM-013", "fail", "enableguest");
	o.synoinfo = "enableguest=\"no\"\n";
	o.admin_expire = "1";
	expect(&o, "DSM-013", "pass", NULL);
}
END_TEST

START_TEST(test_acl)
{
	struct opts o = factory6();

	/* DSM's default: 0777 only because of the ACL (owner + admins). */
	expect(&o, "DSM-007", "pass", "only the owner, root and administrators");
	expect(&o, "DSM-008", "fail", "only because of DSM's ACL");
	/* An everyone entry with write: really writable, even at 0000. */
	o.acl_fixture = "dsm/synoacltool-get-everyone.txt";
	o.home_mode = 0000;
	expect(&o, "DSM-007", "fail", "everyone (everyone::allow:rwxpdDaARWc--");
	expect(&o, "DSM-007", "fail", "StrictModes does not notice");
	expect(&o, "DSM-008", "pass", NULL);
	/* An ACL the collector could not list. */
	o.acl_fixture = NULL;
	expect(&o, "DSM-007", "error", "could not list");
	/* No ACL. */
	o.home_acl = 0;
	expect(&o, "DSM-007", "pass", NULL);
}
END_TEST

START_TEST(test_user_home)
{
	struct opts o = hardened();

	o.synoinfo = "userHomeEnable=\"no\"\n";
	o.homes_target = "/volume1/@fake_home_link";
	o.alice_keys = 0;
	expect(&o, "DSM-009", "fail", "sshd accepts only keys");
	o.sshd_config = "PasswordAuthentication yes\n";
	expect(&o, "DSM-009", "pass", "no key logins are expected");
	o.synoinfo = "userHomeEnable=\"yes\"\n";
	o.homes_target = NULL;
	expect(&o, "DSM-009", "pass", "-> /volume1/homes");
}
END_TEST

START_TEST(test_version)
{
	struct opts o = factory6();

	expect(&o, "DSM-012", "fail", "CVE-2018-15473");
	o.major = 7;
	expect(&o, "DSM-012", "pass", "7.2.2");
}
END_TEST

START_TEST(test_facts)
{
	struct opts o = hardened();
	struct facts *f;
	const struct acl_fact *a;

	o.terminal = "dsm/terminal-get-dsm7.json";
	o.tcp = TCP_LINE(0, "08AE") TCP_LINE(1, "0016") TCP_LINE(2, "08AE")
	    "   3: 0100007F:0019 00000000:0000 01 00000000:00000000\n"
	    "garbage\n";
	o.home_acl = 1;
	o.acl_fixture = "dsm/synoacltool-get-everyone.txt";
	f = facts_of(&o);
	ck_assert_int_eq(f->dsm.is_dsm, 1);
	ck_assert_int_eq(f->dsm.major, 7);
	ck_assert_int_eq(f->dsm.minor, 2);
	ck_assert_int_eq(f->dsm.micro, 2);
	ck_assert_int_eq(f->dsm.smallfix, 3);
	ck_assert_str_eq(f->dsm.model, "DS920+");
	ck_assert_str_eq(f->dsm.service_manager, "synosystemctl");
	ck_assert_int_eq(f->dsm.telnet.on, 1);
	ck_assert_int_eq(f->dsm.ssh.on, 1);
	ck_assert_int_eq(f->dsm.ssh_port, 2222);
	ck_assert_int_eq(f->listen_known, 1);
	ck_assert_uint_eq(f->nlisten, 2);	/* 22, 2222; ESTABLISHED ignored */
	ck_assert_int_eq(facts_listening(f, 22), 1);
	ck_assert_int_eq(facts_listening(f, 25), 0);
	ck_assert_ptr_nonnull(a = facts_acl(f, "/volume1/homes/alice"));
	ck_assert_str_eq(a->source, "synoacltool");
	ck_assert_uint_eq(a->n, 3);
	ck_assert_int_eq(a->v[0].who, ACLW_USER);
	ck_assert_str_eq(a->v[0].name, "alice");
	ck_assert_int_eq(a->v[1].who, ACLW_EVERYONE);
	ck_assert_ptr_null(a->v[1].name);
	ck_assert_int_eq(a->v[1].inherited, 1);
	ck_assert_int_eq(a->v[1].write, 1);
	ck_assert_int_eq(a->v[2].write, 0);	/* r-x---a-R-c-- */
	ck_assert_ptr_null(facts_acl(f, "/volume1/homes"));
	facts_free(f);

	o = factory6();
	o.tcp = NULL;
	f = facts_of(&o);
	ck_assert_str_eq(f->dsm.service_manager, "synoservicectl");
	ck_assert_int_eq(f->listen_known, 0);
	ck_assert_int_eq(facts_listening(f, 22), -1);
	ck_assert_int_eq(f->dsm.ab_known, 1);
	ck_assert_int_eq(f->dsm.ab_enabled, 0);
	ck_assert_int_eq(f->dsm.user_home, 1);
	ck_assert_str_eq(f->dsm.homes_target, "/volume1/homes");
	facts_free(f);
}
END_TEST

/* getfacl -n (a POSIX ACL, the examples' stand-in): the mask limits. */
START_TEST(test_posix_acl)
{
	struct bundle *b = bundle_new();
	struct facts *f = NULL;
	const struct acl_fact *a;
	struct diag d;
	const char *acl = "user::rwx\nuser:1026:rwx\ngroup::r-x\n"
	    "group:101:rwx\nmask::r-x\nother::r-x\n\n";

	diag_init(&d);
	file(b, "/etc/passwd", "alice:x:1026:100::/home/alice:/bin/sh\n");
	file(b, "/etc/group", "administrators:x:101:\n");
	ck_assert_int_eq(bundle_add_stat(b, "/", 'd', 0755, 0, 0, 1, 0), 0);
	ck_assert_int_eq(bundle_add_stat(b, "/x", 'd', 0755, 0, 0, 1, 1), 0);
	cmd(b, "getfacl /x", 0, acl);
	ck_assert_int_eq(facts_build(b, NULL, &f, &d), 0);
	ck_assert_ptr_nonnull(a = facts_acl(f, "/x"));
	ck_assert_str_eq(a->source, "getfacl");
	ck_assert_uint_eq(a->n, 6);
	ck_assert_int_eq(a->v[1].who, ACLW_USER);
	ck_assert_str_eq(a->v[1].name, "alice");
	ck_assert_str_eq(a->v[3].name, "administrators");
	ck_assert_int_eq(a->v[4].who, ACLW_MASK);
	ck_assert_int_eq(a->v[4].write, 0);
	ck_assert_int_eq(f->dsm.is_dsm, 0);
	facts_free(f);
	diag_cleanup(&d);
}
END_TEST

/* Hostile tool output: never a crash, never a pass from garbage. */
START_TEST(test_hostile_output)
{
	struct opts o = factory6();
	const char *bad[] = { "{", "{\"success\":true,\"data\":[]}",
	    "{\"success\":true,\"data\":{\"enable\":\"yes\",\"attempts\":-1}}",
	    "\x01\x02not json", "{\"success\":true,\"data\":{\"enable\":true,"
	    "\"attempts\":99999999999,\"within_mins\":5,\"expire_day\":0}}",
	    NULL };
	size_t i;

	o.synoinfo = "";
	for (i = 0; bad[i] != NULL; i++) {
		o.autoblock = bad[i];
		expect(&o, "DSM-001", "error", "could not check");
	}
	o.acl_fixture = "dsm/synoacltool-linux-mode.txt";
	expect(&o, "DSM-007", "error", "could not list");
}
END_TEST

static Suite *
dsm_suite(void)
{
	Suite *s = suite_create("dsm");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_hardened_quiet);
	tcase_add_test(tc, test_not_dsm);
	tcase_add_test(tc, test_autoblock);
	tcase_add_test(tc, test_telnet);
	tcase_add_test(tc, test_port);
	tcase_add_test(tc, test_ssh_off_but_running);
	tcase_add_test(tc, test_accounts);
	tcase_add_test(tc, test_acl);
	tcase_add_test(tc, test_user_home);
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_facts);
	tcase_add_test(tc, test_posix_acl);
	tcase_add_test(tc, test_hostile_output);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(dsm_suite)
