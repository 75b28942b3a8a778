/*
 * check_sshd_effective.c — effective sshd settings: first value wins (also
 * across Include and Match), accumulating and last-wins keywords, every
 * Match criterion with negation, CIDR, wildcards and lists, missing
 * connection fields as `sshd -T -C` treats them, defaults per OpenSSH
 * version, origins, and the print -> parse -> print round trip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "err.h"
#include "sl_check.h"
#include "sshd.h"
#include "sshd_memsrc.h"
#include "xmalloc.h"

#define CFG "/etc/ssh/sshd_config"

struct fx {
	struct diag		 d;
	struct sshd_config	*cfg;
	struct sshd_effective	*eff;
};

/* Parses text (plus extra files) at v and computes for ctx (may be NULL). */
static int
fx_run(struct fx *fx, const char *text, const struct memfile *extra, int v,
    const struct sshd_match_ctx *ctx)
{
	struct memfile files[8];
	struct sshd_source src;
	size_t i = 0;

	files[i].path = CFG;
	files[i].data = text;
	files[i++].len = 0;
	while (extra != NULL && extra->path != NULL && i < 7)
		files[i++] = *extra++;
	files[i].path = NULL;
	src = memsrc(files);
	diag_init(&fx->d);
	fx->cfg = NULL;
	fx->eff = NULL;
	ck_assert_int_eq(sshd_config_load(CFG, &src, v, &fx->cfg, &fx->d), 0);
	return sshd_effective_new(fx->cfg, ctx, &fx->eff, &fx->d);
}

static void
fx_free(struct fx *fx)
{
	sshd_effective_free(fx->eff);
	sshd_config_free(fx->cfg);
	diag_cleanup(&fx->d);
}

static const char *
val(struct fx *fx, const char *name)
{
	const char *s = sshd_eff_value(fx->eff, name);

	return s != NULL ? s : "(null)";
}

START_TEST(test_first_wins)
{
	struct fx fx;
	const struct memfile inc[] = {
		{ "/etc/ssh/sshd_config.d/a.conf", "PermitRootLogin yes\n"
		    "MaxAuthTries 9\n", 0 },
		{ NULL, NULL, 0 }
	};
	const struct sshd_directive *o;

	ck_assert_int_eq(fx_run(&fx, "PermitRootLogin no\n"
	    "Include sshd_config.d/*.conf\nPermitRootLogin yes\n"
	    "MaxAuthTries 3\nPasswordAuthentication NO\n"
	    "PasswordAuthentication yes\n", inc, 902, NULL), 0);
	ck_assert_str_eq(val(&fx, "permitrootlogin"), "no");
	ck_assert_str_eq(val(&fx, "maxauthtries"), "9");	/* included first */
	ck_assert_str_eq(val(&fx, "passwordauthentication"), "no");
	o = sshd_eff_origin(fx.eff, "maxauthtries");
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(o->file, "/etc/ssh/sshd_config.d/a.conf");
	ck_assert_uint_eq(o->line, 2);
	ck_assert_ptr_null(sshd_eff_origin(fx.eff, "x11forwarding"));
	fx_free(&fx);
}
END_TEST

START_TEST(test_accumulate_and_last)
{
	struct fx fx;
	const struct strv *sv;

	ck_assert_int_eq(fx_run(&fx, "Port 2222\nPort 2223\n"
	    "AllowUsers a b\nAllowUsers c\nAcceptEnv X\nAcceptEnv Y Z\n"
	    "AuthorizedKeysFile one two\nAuthorizedKeysFile three\n"
	    "SetEnv A=1 A=2\nSetEnv B=3\n"
	    "MaxStartups 10:50:20\nMaxStartups 5\nIPQoS af11\nIPQoS cs1 cs2\n"
	    "RekeyLimit 1G\nRekeyLimit 2G 1h\n"
	    "ListenAddress 127.0.0.1\nListenAddress [::1]:99\n", NULL, 902,
	    NULL), 0);
	sv = sshd_eff_values(fx.eff, "port");
	ck_assert_uint_eq(sv->n, 2);
	ck_assert_str_eq(sv->v[1], "2223");
	sv = sshd_eff_values(fx.eff, "allowusers");
	ck_assert_uint_eq(sv->n, 3);
	ck_assert_str_eq(sv->v[2], "c");
	ck_assert_uint_eq(sshd_eff_values(fx.eff, "acceptenv")->n, 3);
	ck_assert_str_eq(val(&fx, "authorizedkeysfile"), "one two");
	sv = sshd_eff_values(fx.eff, "setenv");
	ck_assert_uint_eq(sv->n, 1);
	ck_assert_str_eq(sv->v[0], "A=1");
	ck_assert_str_eq(val(&fx, "maxstartups"), "5:50:5");
	ck_assert_str_eq(val(&fx, "ipqos"), "cs1 cs2");
	ck_assert_str_eq(val(&fx, "rekeylimit"), "1073741824 3600");
	sv = sshd_eff_values(fx.eff, "listenaddress");
	ck_assert_uint_eq(sv->n, 3);
	ck_assert_str_eq(sv->v[0], "127.0.0.1:2222");
	ck_assert_str_eq(sv->v[1], "127.0.0.1:2223");
	ck_assert_str_eq(sv->v[2], "[::1]:99");
	ck_assert_ptr_null(sshd_eff_value(fx.eff, "denyusers"));
	ck_assert_uint_eq(sshd_eff_values(fx.eff, "denyusers")->n, 0);
	ck_assert_ptr_null(sshd_eff_values(fx.eff, "nosuchkeyword"));
	fx_free(&fx);
}
END_TEST

static const char match_cfg[] =
    "PasswordAuthentication yes\n"
    "Match User alice,!bob\n"
    "\tX11Forwarding yes\n"
    "Match Group adm*\n"
    "\tMaxSessions 1\n"
    "Match Host *.example.com\n"
    "\tGatewayPorts yes\n"
    "Match Address 192.168.0.0/16,!192.168.9.0/24\n"
    "\tPasswordAuthentication no\n"
    "Match LocalAddress 10.*\n"
    "\tPermitTTY no\n"
    "Match LocalPort 2222\n"
    "\tMaxAuthTries 1\n"
    "Match RDomain vrf?\n"
    "\tAllowAgentForwarding no\n"
    "Match Address 2001:db8::/32 User alice\n"
    "\tBanner /etc/v6\n"
    "Match all\n"
    "\tPasswordAuthentication yes\n"
    "\tX11Forwarding no\n";

static const struct {
	const char	*spec;
	const char	*groups;	/* comma list or NULL */
	const char	*name;
	const char	*expect;
} match_cases[] = {
	{ "user=alice,lport=22", NULL, "x11forwarding", "yes" },
	{ "user=bob,lport=22", NULL, "x11forwarding", "no" },
	{ "user=carol,lport=22", NULL, "x11forwarding", "no" },
	{ "user=carol,lport=22", "users,admins", "maxsessions", "1" },
	{ "user=carol,lport=22", "users", "maxsessions", "10" },
	{ "user=carol,lport=22", NULL, "maxsessions", "10" },
	{ "user=u,host=Web.Example.com,lport=22", NULL, "gatewayports", "yes" },
	{ "user=u,host=example.com,lport=22", NULL, "gatewayports", "no" },
	{ "user=u,addr=192.168.1.1,lport=22", NULL, "passwordauthentication", "no" },
	{ "user=u,addr=192.168.9.1,lport=22", NULL, "passwordauthentication", "yes" },
	{ "user=u,addr=10.1.1.1,lport=22", NULL, "passwordauthentication", "yes" },
	{ "user=u,laddr=10.2.3.4,lport=22", NULL, "permittty", "no" },
	{ "user=u,laddr=11.2.3.4,lport=22", NULL, "permittty", "yes" },
	{ "user=u,lport=2222", NULL, "maxauthtries", "1" },
	{ "user=u,lport=22", NULL, "maxauthtries", "6" },
	{ "user=u,rdomain=vrf1,lport=22", NULL, "allowagentforwarding", "no" },
	{ "user=u,rdomain=vrf10,lport=22", NULL, "allowagentforwarding", "yes" },
	{ "user=alice,addr=2001:db8::1,lport=22", NULL, "banner", "/etc/v6" },
	{ "user=bob,addr=2001:db8::1,lport=22", NULL, "banner", "none" },
	/* missing fields: those criteria do not match (sshd -T -C) */
	{ "lport=22", NULL, "x11forwarding", "no" },
	{ "lport=22", NULL, "passwordauthentication", "yes" },
};

START_TEST(test_match_criteria)
{
	struct fx fx;
	struct sshd_match_ctx ctx;
	struct strv st, groups;
	char *g, *p, *save = NULL;
	struct diag d;

	strv_init(&st);
	strv_init(&groups);
	diag_init(&d);
	ck_assert_int_eq(sshd_match_ctx_parse(match_cases[_i].spec, &ctx, &st,
	    &d), 0);
	if (match_cases[_i].groups != NULL) {
		g = xstrdup(match_cases[_i].groups);
		for (p = strtok_r(g, ",", &save); p != NULL;
		    p = strtok_r(NULL, ",", &save))
			strv_push(&groups, p);
		free(g);
		ctx.groups = &groups;
	}
	ck_assert_int_eq(fx_run(&fx, match_cfg, NULL, 902, &ctx), 0);
	ck_assert_msg(strcmp(val(&fx, match_cases[_i].name),
	    match_cases[_i].expect) == 0, "%s: %s is %s, expected %s",
	    match_cases[_i].spec, match_cases[_i].name,
	    val(&fx, match_cases[_i].name), match_cases[_i].expect);
	fx_free(&fx);
	strv_cleanup(&st);
	strv_cleanup(&groups);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_match_semantics)
{
	struct fx fx;
	struct sshd_match_ctx ctx;
	struct strv st;
	const struct sshd_directive *o;

	strv_init(&st);
	memset(&ctx, 0, sizeof(ctx));
	ctx.user = "root";
	/* no ctx: Match blocks are not applied */
	ck_assert_int_eq(fx_run(&fx, "Match User root\n"
	    "\tPermitRootLogin no\n", NULL, 902, NULL), 0);
	ck_assert_str_eq(val(&fx, "permitrootlogin"), "without-password");
	fx_free(&fx);
	/* first matching block wins; lists replace the global ones */
	ck_assert_int_eq(fx_run(&fx, "AllowUsers a b\nPermitRootLogin yes\n"
	    "Match User r*\n\tPermitRootLogin no\n\tAllowUsers root\n"
	    "Match User root\n\tPermitRootLogin yes\n\tAllowUsers x\n"
	    "\tForceCommand none\n", NULL, 902, &ctx), 0);
	ck_assert_str_eq(val(&fx, "permitrootlogin"), "no");
	ck_assert_uint_eq(sshd_eff_values(fx.eff, "allowusers")->n, 2);
	ck_assert_str_eq(val(&fx, "allowusers"), "root");
	o = sshd_eff_origin(fx.eff, "permitrootlogin");
	ck_assert_uint_eq(o->line, 4);
	ck_assert_int_eq(o->match, 1);
	ck_assert_str_eq(val(&fx, "forcecommand"), "none");
	fx_free(&fx);
	/* Match LocalPort without lport: sshd -T -C stops */
	ck_assert_int_eq(fx_run(&fx, "Match LocalPort 22\n\tMaxSessions 1\n",
	    NULL, 902, &ctx), SL_ERR_USAGE);
	ck_assert_uint_eq(fx.d.nerrors, 1);
	ck_assert_uint_eq(fx.d.v[0].line, 1);
	ck_assert_ptr_nonnull(strstr(fx.d.v[0].msg, "'lport' not in"));
	fx_free(&fx);
	/* a block inside a non-matching block's Include never matches */
	{
		const struct memfile inc[] = { { "/i.conf",
		    "Match all\n\tMaxSessions 2\n", 0 }, { NULL, NULL, 0 } };

		ck_assert_int_eq(fx_run(&fx, "Match User nobody\n"
		    "\tInclude /i.conf\n", inc, 902, &ctx), 0);
		ck_assert_str_eq(val(&fx, "maxsessions"), "10");
		fx_free(&fx);
		ck_assert_int_eq(fx_run(&fx, "Include /i.conf\n", inc, 902,
		    &ctx), 0);
		ck_assert_str_eq(val(&fx, "maxsessions"), "2");
		fx_free(&fx);
	}
	/* global-only keywords are not taken from Match (not allowed) */
	ck_assert_int_eq(fx_run(&fx, "Match all\n\tPort 2222\n\tStrictModes "
	    "no\n", NULL, 902, &ctx), 0);
	ck_assert_str_eq(val(&fx, "port"), "22");
	ck_assert_str_eq(val(&fx, "strictmodes"), "yes");
	ck_assert_uint_eq(fx.d.nerrors, 2);
	fx_free(&fx);
	strv_cleanup(&st);
}
END_TEST

START_TEST(test_ctx_parse)
{
	struct sshd_match_ctx ctx;
	struct strv st;
	struct diag d;

	strv_init(&st);
	diag_init(&d);
	ck_assert_int_eq(sshd_match_ctx_parse("user=u,host=h,addr=1.2.3.4,"
	    "laddr=5.6.7.8,lport=2222,rdomain=r", &ctx, &st, &d), 0);
	ck_assert_str_eq(ctx.user, "u");
	ck_assert_str_eq(ctx.host, "h");
	ck_assert_str_eq(ctx.addr, "1.2.3.4");
	ck_assert_str_eq(ctx.laddr, "5.6.7.8");
	ck_assert_int_eq(ctx.lport, 2222);
	ck_assert_str_eq(ctx.rdomain, "r");
	ck_assert_ptr_null(ctx.groups);
	ck_assert_int_eq(sshd_match_ctx_parse("usr=u", &ctx, &st, &d),
	    SL_ERR_USAGE);
	ck_assert_int_eq(sshd_match_ctx_parse("lport=x", &ctx, &st, &d),
	    SL_ERR_USAGE);
	ck_assert_uint_eq(d.nerrors, 2);
	strv_cleanup(&st);
	diag_cleanup(&d);
}
END_TEST

static const struct {
	int		 v;
	const char	*name;
	const char	*expect;	/* NULL: not printed at v */
} def_cases[] = {
	{ 902, "permitrootlogin", "without-password" },
	{ 902, "kbdinteractiveauthentication", "yes" },
	/* an alias resolves to the keyword it stands for */
	{ 902, "challengeresponseauthentication", "yes" },
	{ 902, "rsaauthentication", NULL },
	/* before 8.7 ChallengeResponseAuthentication (default yes) turns
	 * keyboard-interactive on, as sshd.c does before -T prints */
	{ 802, "kbdinteractiveauthentication", "yes" },
	{ 704, "kbdinteractiveauthentication", "yes" },
	{ 802, "challengeresponseauthentication", "yes" },
	{ 902, "pubkeyacceptedalgorithms", "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256" },
	{ 704, "pubkeyacceptedkeytypes", "ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa" },
	{ 704, "useprivilegeseparation", "sandbox" },
	{ 704, "compression", "delayed" },
	{ 704, "requiredrsasize", NULL },
	{ 704, "gssapikexalgorithms", NULL },
	{ 704, "pidfile", "/var/run/sshd.pid" },
	{ 902, "pidfile", "/run/sshd.pid" },
	{ 902, "unusedconnectiontimeout", "none" },
	{ 901, "unusedconnectiontimeout", NULL },
	{ 902, "maxstartups", "10:30:100" },
	{ 902, "authenticationmethods", "any" },
	{ 902, "listenaddress", "[::]:22" },
	{ 902, "hostkey", "/etc/ssh/ssh_host_rsa_key" },
};

START_TEST(test_defaults_versions)
{
	struct fx fx;
	const char *got;

	ck_assert_int_eq(fx_run(&fx, "", NULL, def_cases[_i].v, NULL), 0);
	got = sshd_eff_value(fx.eff, def_cases[_i].name);
	if (def_cases[_i].expect == NULL)
		ck_assert_ptr_null(got);
	else {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, def_cases[_i].expect);
	}
	fx_free(&fx);
}
END_TEST

/* Captures sshd_eff_print() into a string; caller frees. */
static char *
print_str(const struct sshd_effective *eff)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(sshd_eff_print(f, eff), 0);
	fclose(f);
	return buf;
}

/* regress/cfgparse.sh: print, parse the printout, print again: same. */
static const char *const rt_cfgs[] = {
	"",
	"PermitRootLogin prohibit-password\nPort 2222\nPort 2223\n"
	    "ListenAddress 127.0.0.1\nAllowUsers a b@10.0.0.0/8\n"
	    "Subsystem sftp internal-sftp -l INFO\nAcceptEnv LANG LC_*\n"
	    "Ciphers +aes128-cbc\nMACs -hmac-sha1*\nMaxStartups 3\n"
	    "IPQoS af21 cs1\nRekeyLimit 1G 1h\nPermitListen 80\n"
	    "ForceCommand /bin/echo \"a b\"\nPermitUserEnvironment LANG\n"
	    "PubkeyAuthOptions touch-required\nLogLevel DEBUG1\n"
	    "SetEnv X=1\nChannelTimeout session=1m\nLogVerbose a.c:*\n",
	"Compression no\nAllowTcpForwarding all\nGatewayPorts clientspecified\n"
	    "AuthenticationMethods publickey,password\nBanner /etc/issue\n"
	    "StreamLocalBindMask 0\nPerSourceNetBlockSize 24:64\n",
};

START_TEST(test_roundtrip)
{
	struct fx fx, fx2;
	char *p1, *p2;

	ck_assert_int_eq(fx_run(&fx, rt_cfgs[_i], NULL, 902, NULL), 0);
	ck_assert_uint_eq(fx.d.nerrors, 0);
	p1 = print_str(fx.eff);
	ck_assert_int_eq(fx_run(&fx2, p1, NULL, 902, NULL), 0);
	ck_assert_msg(fx2.d.nerrors == 0, "printout does not parse: %s",
	    fx2.d.n ? fx2.d.v[0].msg : "");
	p2 = print_str(fx2.eff);
	ck_assert_str_eq(p1, p2);
	free(p1);
	free(p2);
	fx_free(&fx);
	fx_free(&fx2);
}
END_TEST

/* Before 8.7: kbdint = KbdInteractiveAuthentication || CRA; a Match block
 * setting KbdInteractiveAuthentication still wins (applied after). */
START_TEST(test_kbdint_from_cra)
{
	struct fx fx;
	struct strv g;
	struct sshd_match_ctx mc;
	const struct sshd_directive *o;

	ck_assert_int_eq(fx_run(&fx, "KbdInteractiveAuthentication no\n",
	    NULL, 704, NULL), 0);
	ck_assert_str_eq(val(&fx, "kbdinteractiveauthentication"), "yes");
	ck_assert_ptr_null(sshd_eff_origin(fx.eff,
	    "kbdinteractiveauthentication"));
	fx_free(&fx);
	ck_assert_int_eq(fx_run(&fx, "# x\nChallengeResponseAuthentication "
	    "yes\nKbdInteractiveAuthentication no\n", NULL, 802, NULL), 0);
	ck_assert_str_eq(val(&fx, "kbdinteractiveauthentication"), "yes");
	o = sshd_eff_origin(fx.eff, "kbdinteractiveauthentication");
	ck_assert_ptr_nonnull(o);
	ck_assert_uint_eq(o->line, 2);
	fx_free(&fx);
	ck_assert_int_eq(fx_run(&fx, "ChallengeResponseAuthentication no\n",
	    NULL, 704, NULL), 0);
	ck_assert_str_eq(val(&fx, "kbdinteractiveauthentication"), "no");
	fx_free(&fx);
	/* 8.7+: one keyword, no forcing */
	ck_assert_int_eq(fx_run(&fx, "KbdInteractiveAuthentication no\n",
	    NULL, 902, NULL), 0);
	ck_assert_str_eq(val(&fx, "kbdinteractiveauthentication"), "no");
	fx_free(&fx);
	strv_init(&g);
	strv_push(&g, "users");
	memset(&mc, 0, sizeof(mc));
	mc.user = "alice";
	mc.groups = &g;
	ck_assert_int_eq(fx_run(&fx, "Match User alice\n"
	    "\tKbdInteractiveAuthentication no\n", NULL, 704, &mc), 0);
	ck_assert_str_eq(val(&fx, "kbdinteractiveauthentication"), "no");
	fx_free(&fx);
	strv_cleanup(&g);
}
END_TEST

START_TEST(test_bad_lines_ignored)
{
	struct fx fx;

	/* lines sshd rejects do not set anything; later good lines do */
	ck_assert_int_eq(fx_run(&fx, "PermitRootLogin maybe\n"
	    "PermitRootLogin no\nRSAAuthentication yes\nFoo bar\n", NULL,
	    902, NULL), 0);
	ck_assert_str_eq(val(&fx, "permitrootlogin"), "no");
	ck_assert_uint_eq(fx.d.nerrors, 2);
	fx_free(&fx);
}
END_TEST

static Suite *
sshd_effective_suite(void)
{
	Suite *s = suite_create("sshd_effective");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_first_wins);
	tcase_add_test(tc, test_accumulate_and_last);
	tcase_add_loop_test(tc, test_match_criteria, 0,
	    sizeof(match_cases) / sizeof(match_cases[0]));
	tcase_add_test(tc, test_match_semantics);
	tcase_add_test(tc, test_ctx_parse);
	tcase_add_loop_test(tc, test_defaults_versions, 0,
	    sizeof(def_cases) / sizeof(def_cases[0]));
	tcase_add_loop_test(tc, test_roundtrip, 0,
	    sizeof(rt_cfgs) / sizeof(rt_cfgs[0]));
	tcase_add_test(tc, test_bad_lines_ignored);
	tcase_add_test(tc, test_kbdint_from_cra);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(sshd_effective_suite)
