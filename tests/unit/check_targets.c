/* check_targets.c — target specs, inventories, @group expansion, dedupe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "err.h"
#include "session_ssh.h"
#include "sl_check.h"
#include "targets.h"
#include "xmalloc.h"

static void
parse_ok(const char *spec, const char *user, const char *host,
    unsigned int port)
{
	struct ssh_target t;
	const char *why = NULL;

	ck_assert_msg(ssh_target_parse(spec, &t, &why) == SL_OK,
	    "%s: %s", spec, why ? why : "?");
	ck_assert_str_eq(t.label, spec);
	ck_assert_str_eq(t.host, host);
	if (user == NULL)
		ck_assert_ptr_null(t.user);
	else
		ck_assert_str_eq(t.user, user);
	ck_assert_uint_eq(t.port, port);
	ssh_target_cleanup(&t);
}

static void
parse_bad(const char *spec, const char *why_part)
{
	struct ssh_target t;
	const char *why = NULL;

	ck_assert_msg(ssh_target_parse(spec, &t, &why) == SL_ERR_PARSE,
	    "accepted %s", spec);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, why_part) != NULL, "%s: \"%s\" lacks \"%s\"",
	    spec, why, why_part);
}

START_TEST(test_spec_ok)
{
	parse_ok("nas1", NULL, "nas1", 0);
	parse_ok("admin@nas1", "admin", "nas1", 0);
	parse_ok("admin@nas1.lan:2222", "admin", "nas1.lan", 2222);
	parse_ok("192.168.1.10:22", NULL, "192.168.1.10", 22);
	parse_ok("root@[::1]:2200", "root", "::1", 2200);
	parse_ok("[fe80::1]", NULL, "fe80::1", 0);
	parse_ok("fe80::1", NULL, "fe80::1", 0);
	parse_ok("my_nas-2", NULL, "my_nas-2", 0);
	parse_ok("a:65535", NULL, "a", 65535);
}
END_TEST

START_TEST(test_spec_bad)
{
	char longhost[400];

	parse_bad("", "empty");
	parse_bad("@nas", "empty user");
	parse_bad("admin@", "empty host");
	parse_bad("-oProxyCommand=x", "start with '-'");
	parse_bad("nas;id", "letters, digits");
	parse_bad("nas$(id)", "letters, digits");
	parse_bad("nas:0", "port");
	parse_bad("nas:65536", "port");
	parse_bad("nas:22x", "port");
	parse_bad("nas:", "port");
	parse_bad("a b", "letters, digits");
	parse_bad("us'er@nas", "user name");
	parse_bad("-l@nas", "user name");
	parse_bad("[::1", "']'");
	parse_bad("[::1]x", ":PORT");
	parse_bad("[nas]:22", "IPv6");
	parse_bad("./dir", "start with");
	parse_bad("d/x", "letters, digits");
	memset(longhost, 'a', sizeof(longhost) - 1);
	longhost[sizeof(longhost) - 1] = '\0';
	parse_bad(longhost, "255");
	ck_assert_uint_eq(target_parse_port("22"), 22);
	ck_assert_uint_eq(target_parse_port("0"), 0);
	ck_assert_uint_eq(target_parse_port("-1"), 0);
	ck_assert_uint_eq(target_parse_port("99999"), 0);
}
END_TEST

static const char inv_text[] =
    "# the office\n"
    "nas0\n"
    "[office]\n"
    "  admin@nas1   # the old one\n"
    "nas2:2222\n"
    "\n"
    "[lab]\r\n"
    "[::1]:2200\n"
    "[office]\n"
    "nas3\n";

START_TEST(test_inventory)
{
	struct inventory inv;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(inventory_parse(inv_text, strlen(inv_text), "inv",
	    &inv, &d), SL_OK);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(inv.nhosts, 5);
	ck_assert_uint_eq(inv.groups.n, 2);
	ck_assert_str_eq(inv.groups.v[0], "office");
	ck_assert_str_eq(inv.groups.v[1], "lab");
	ck_assert_str_eq(inv.hosts[0].spec, "nas0");
	ck_assert_uint_eq(inv.hosts[0].group, (size_t)-1);
	ck_assert_str_eq(inv.hosts[1].spec, "admin@nas1");
	ck_assert_uint_eq(inv.hosts[1].line, 4);
	ck_assert_uint_eq(inv.hosts[1].group, 0);
	ck_assert_str_eq(inv.hosts[3].spec, "[::1]:2200");
	ck_assert_uint_eq(inv.hosts[3].group, 1);
	ck_assert_str_eq(inv.hosts[4].spec, "nas3");
	ck_assert_uint_eq(inv.hosts[4].group, 0);	/* [office] again */
	inventory_cleanup(&inv);
	diag_cleanup(&d);
}
END_TEST

static void
inv_bad(const char *text, unsigned int line, const char *msg_part)
{
	struct inventory inv;
	struct diag d;

	diag_init(&d);
	ck_assert_int_ne(inventory_parse(text, strlen(text), "hosts.txt", &inv,
	    &d), SL_OK);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_str_eq(d.v[0].file, "hosts.txt");
	ck_assert_uint_eq(d.v[0].line, line);
	ck_assert_msg(strstr(d.v[0].msg, msg_part) != NULL, "\"%s\" lacks "
	    "\"%s\"", d.v[0].msg, msg_part);
	inventory_cleanup(&inv);
	diag_cleanup(&d);
}

START_TEST(test_inventory_bad)
{
	/* '#' inside a word is not a comment: "lab#1" is a bad host. */
	inv_bad("a\nlab#1\n", 2, "bad target \"lab#1\"");
	inv_bad("a\nb c\n", 2, "one target per line");
	inv_bad("a\n[bad group]\n", 2, "bad group name");
	inv_bad("[all]\n", 1, "reserved");
	inv_bad("x\n\n\nnas:99999\n", 4, "port");
	inv_bad("x\n[]\n", 2, "bad group name");
	{
		char buf[8] = "a\nb\0c\n";

		struct inventory inv;
		struct diag d;

		diag_init(&d);
		ck_assert_int_eq(inventory_parse(buf, 6, "nul", &inv, &d),
		    SL_ERR_PARSE);
		ck_assert_uint_eq(d.v[0].line, 2);
		inventory_cleanup(&inv);
		diag_cleanup(&d);
	}
}
END_TEST

START_TEST(test_inventory_file)
{
	struct inventory inv;
	struct diag d;
	char *dir = sl_mkdtemp(), *path = xprintf("%s/inv", dir);
	FILE *fp;

	diag_init(&d);
	ck_assert_int_eq(inventory_load(path, &inv, &d), SL_ERR_NOT_FOUND);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "inv"));
	inventory_cleanup(&inv);
	diag_cleanup(&d);
	diag_init(&d);
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs("[g]\nn1\nn2", fp);	/* no final newline */
	fclose(fp);
	ck_assert_int_eq(inventory_load(path, &inv, &d), SL_OK);
	ck_assert_uint_eq(inv.nhosts, 2);
	ck_assert_str_eq(inv.hosts[1].spec, "n2");
	inventory_cleanup(&inv);
	diag_cleanup(&d);
	sl_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

static const char inv_ok[] =
    "nas0\n[office]\nadmin@nas1\nnas2:2222\n[lab]\n[::1]:2200\nnas2:2222\n";

START_TEST(test_resolve)
{
	struct inventory inv;
	struct target_defaults def = { "ops", 2200 };
	struct ssh_target *t = NULL;
	struct diag d;
	size_t n = 0;
	const char *args1[] = { "@lab", "x", "@office", "ops@x:2200", "x" };
	const char *args2[] = { "@nope" };
	const char *args3[] = { "@all" };

	diag_init(&d);
	ck_assert_int_eq(inventory_parse(inv_ok, strlen(inv_ok), "inv", &inv,
	    &d), SL_OK);
	/* Groups expand in place; defaults fill; duplicates keep the first. */
	ck_assert_int_eq(targets_resolve(args1, 5, &inv, &def, &t, &n, &d),
	    SL_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(t[0].label, "[::1]:2200");
	ck_assert_str_eq(t[0].user, "ops");
	ck_assert_str_eq(t[1].label, "nas2:2222");	/* [lab] has it too */
	ck_assert_uint_eq(t[1].port, 2222);	/* spec wins over -p */
	ck_assert_str_eq(t[2].label, "x");	/* == ops@x:2200, and x */
	ck_assert_str_eq(t[2].user, "ops");
	ck_assert_uint_eq(t[2].port, 2200);
	ck_assert_str_eq(t[3].label, "admin@nas1");
	ck_assert_str_eq(t[3].user, "admin");	/* spec wins over -l */
	ck_assert_uint_eq(t[3].port, 2200);
	targets_free(t, n);

	/* No arguments: the whole inventory. */
	ck_assert_int_eq(targets_resolve(NULL, 0, &inv, NULL, &t, &n, &d),
	    SL_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(t[0].label, "nas0");
	ck_assert_ptr_null(t[0].user);
	targets_free(t, n);
	ck_assert_int_eq(targets_resolve(args3, 1, &inv, NULL, &t, &n, &d),
	    SL_OK);
	ck_assert_uint_eq(n, 4);
	targets_free(t, n);

	ck_assert_int_eq(targets_resolve(args2, 1, &inv, NULL, &t, &n, &d),
	    SL_ERR_USAGE);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "no group [nope] in inv"));
	ck_assert_ptr_null(t);
	diag_cleanup(&d);
	diag_init(&d);
	ck_assert_int_eq(targets_resolve(args1, 1, NULL, NULL, &t, &n, &d),
	    SL_ERR_USAGE);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "--inventory"));
	inventory_cleanup(&inv);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_resolve_bad)
{
	struct ssh_target *t = NULL;
	struct diag d;
	size_t n = 0;
	const char *args[] = { "good", "/some/dir" };

	diag_init(&d);
	ck_assert_int_eq(targets_resolve(args, 2, NULL, NULL, &t, &n, &d),
	    SL_ERR_PARSE);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "--root DIR"));
	ck_assert_ptr_null(t);
	ck_assert_uint_eq(n, 0);
	diag_cleanup(&d);
}
END_TEST

/* The become wrapper: sudo options, and the password never in argv. */
START_TEST(test_wrap_argv)
{
	const char *argv[] = { "/bin/sh", "-s", "--", "--session", "ssh",
	    NULL };
	const char **v;
	char *m = NULL;
	size_t i;

	v = session_ssh_wrap_argv(argv, 0, 0, &m);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(v[0], "/bin/sh");
	ck_assert_ptr_null(v[5]);
	free(v);
	v = session_ssh_wrap_argv(argv, 1, 0, &m);
	ck_assert_str_eq(v[0], "sudo");
	ck_assert_str_eq(v[1], "-n");
	ck_assert_str_eq(v[2], "--");
	ck_assert_str_eq(v[3], "/bin/sh");
	free(v);
	v = session_ssh_wrap_argv(argv, 1, 1, &m);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(v[0], "sudo");
	ck_assert_str_eq(v[1], "-S");
	ck_assert_str_eq(v[8], m);		/* $0 of the wrapper */
	ck_assert_str_eq(v[9], "/bin/sh");
	for (i = 0; v[i] != NULL; i++)
		ck_assert_int_lt(i, 15);
	ck_assert_uint_eq(i, 14);
	ck_assert_uint_ge(strlen(m), 32);
	free(v);
	free(m);
}
END_TEST

static Suite *
targets_suite(void)
{
	Suite *s = suite_create("targets");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_spec_ok);
	tcase_add_test(tc, test_spec_bad);
	tcase_add_test(tc, test_inventory);
	tcase_add_test(tc, test_inventory_bad);
	tcase_add_test(tc, test_inventory_file);
	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_resolve_bad);
	tcase_add_test(tc, test_wrap_argv);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(targets_suite)
