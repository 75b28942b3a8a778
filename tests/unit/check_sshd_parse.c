/*
 * check_sshd_parse.c — sshd_config parsing: sshd's tokenizer, every kind of
 * diagnostic with file:line, Include (order, globs, relative paths, loops,
 * depth), Match numbering, keyword status per OpenSSH version, limits.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "err.h"
#include "sl_limits.h"
#include "sl_check.h"
#include "sshd.h"
#include "sshd_memsrc.h"
#include "sshd_priv.h"
#include "xmalloc.h"

#define CFG "/etc/ssh/sshd_config"

/* Loads files (first is CFG) at version v; asserts success. */
static struct sshd_config *
load(const struct memfile *files, int v, struct diag *d)
{
	struct sshd_source src = memsrc(files);
	struct sshd_config *cfg = NULL;

	diag_init(d);
	ck_assert_int_eq(sshd_config_load(CFG, &src, v, &cfg, d), 0);
	ck_assert_ptr_nonnull(cfg);
	return cfg;
}

static struct sshd_config *
load1(const char *text, int v, struct diag *d)
{
	const struct memfile files[] = { { CFG, text, 0 }, { NULL, NULL, 0 } };
	struct sshd_source src = memsrc(files);
	struct sshd_config *cfg = NULL;

	diag_init(d);
	ck_assert_int_eq(sshd_config_load(CFG, &src, v, &cfg, d), 0);
	return cfg;
}

/* Is there a diag of level lv at file:line whose text contains what? */
static int
has_diag(const struct diag *d, enum diag_level lv, const char *file,
    unsigned int line, const char *what)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == lv && d->v[i].line == line &&
		    d->v[i].file != NULL && strcmp(d->v[i].file, file) == 0 &&
		    strstr(d->v[i].msg, what) != NULL)
			return 1;
	return 0;
}

static const struct {
	const char	*line;
	const char	*kw;		/* NULL: strdelim gives NULL */
	const char	*args[4];	/* NULL-terminated; "!" = bad quotes */
} tok_cases[] = {
	{ "PermitRootLogin no", "PermitRootLogin", { "no", NULL } },
	{ "PermitRootLogin=no", "PermitRootLogin", { "no", NULL } },
	{ "PermitRootLogin = no", "PermitRootLogin", { "no", NULL } },
	{ "PermitRootLogin  =  no", "PermitRootLogin", { "no", NULL } },
	{ "PermitRootLogin\tno", "PermitRootLogin", { "no", NULL } },
	{ "AllowUsers a b\tc", "AllowUsers", { "a", "b", "c", NULL } },
	{ "Banner \"/a b\"", "Banner", { "/a b", NULL } },
	{ "Banner '/a b' x", "Banner", { "/a b", "x", NULL } },
	{ "Banner a\\ b", "Banner", { "a b", NULL } },
	{ "Banner a\\\"b", "Banner", { "a\"b", NULL } },
	{ "Banner \"a'b\"", "Banner", { "a'b", NULL } },
	{ "X11Forwarding yes # comment", "X11Forwarding", { "yes", NULL } },
	{ "X11Forwarding yes#glued", "X11Forwarding", { "yes#glued", NULL } },
	{ "X11Forwarding #only", "X11Forwarding", { NULL } },
	{ "Banner \"unterminated", "Banner", { "!", NULL } },
	{ "\"Quoted\" kw", "Quoted", { "kw", NULL } },
	{ "a=b=c", "a", { "b=c", NULL } },
};

START_TEST(test_tokenizer)
{
	struct strv av;
	char *line = xstrdup(tok_cases[_i].line), *s = line, *kw;
	size_t j;
	int r;

	kw = sshd_strdelim(&s);
	ck_assert_ptr_nonnull(kw);
	ck_assert_str_eq(kw, tok_cases[_i].kw);
	strv_init(&av);
	r = sshd_argv_split(s != NULL ? s : "", &av);
	if (tok_cases[_i].args[0] != NULL &&
	    strcmp(tok_cases[_i].args[0], "!") == 0)
		ck_assert_int_eq(r, -1);
	else {
		ck_assert_int_eq(r, 0);
		for (j = 0; tok_cases[_i].args[j] != NULL; j++) {
			ck_assert_uint_gt(av.n, j);
			ck_assert_str_eq(av.v[j], tok_cases[_i].args[j]);
		}
		ck_assert_uint_eq(av.n, j);
	}
	strv_cleanup(&av);
	free(line);
}
END_TEST

START_TEST(test_directives_lines)
{
	struct diag d;
	struct sshd_config *cfg = load1("# comment\n\n  PermitRootLogin no\n"
	    "PasswordAuthentication=yes\r\n\tMatch User bob\n"
	    "X11Forwarding yes\n", 902, &d);
	const struct sshd_directive *x;

	ck_assert_uint_eq(sshd_config_count(cfg), 4);
	x = sshd_config_get(cfg, 0);
	ck_assert_str_eq(x->keyword, "PermitRootLogin");
	ck_assert_str_eq(x->name, "permitrootlogin");
	ck_assert_str_eq(x->args, "no");
	ck_assert_str_eq(x->file, CFG);
	ck_assert_uint_eq(x->line, 3);
	ck_assert_int_eq(x->match, 0);
	x = sshd_config_get(cfg, 1);
	ck_assert_str_eq(x->name, "passwordauthentication");
	ck_assert_uint_eq(x->line, 4);
	x = sshd_config_get(cfg, 2);
	ck_assert_str_eq(x->name, "match");
	ck_assert_int_eq(x->match, 1);
	x = sshd_config_get(cfg, 3);
	ck_assert_uint_eq(x->line, 6);
	ck_assert_int_eq(x->match, 1);
	ck_assert_uint_eq(sshd_config_nmatch(cfg), 1);
	ck_assert_str_eq(sshd_config_match_text(cfg, 1), "User bob");
	ck_assert_ptr_null(sshd_config_match_text(cfg, 2));
	ck_assert_ptr_null(sshd_config_get(cfg, 4));
	ck_assert_uint_eq(d.n, 0);
	sshd_config_free(cfg);
	diag_cleanup(&d);
}
END_TEST

/* One line each: expected status and diag text, at line 2. */
static const struct {
	const char		*line;
	enum sshd_kw_status	 status;
	enum diag_level		 level;
	const char		*msg;
} diag_cases[] = {
	{ "Foo bar", SSHD_KW_UNKNOWN, DIAG_ERROR, "Bad configuration option: Foo" },
	{ "PasswordAuthentication maybe", SSHD_KW_BAD_VALUE, DIAG_ERROR, "unsupported option" },
	{ "PasswordAuthentication", SSHD_KW_BAD_VALUE, DIAG_ERROR, "no argument after keyword" },
	{ "PasswordAuthentication no yes", SSHD_KW_BAD_VALUE, DIAG_ERROR, "extra arguments" },
	{ "MaxAuthTries -1", SSHD_KW_BAD_VALUE, DIAG_ERROR, "integer value" },
	{ "LoginGraceTime 5x", SSHD_KW_BAD_VALUE, DIAG_ERROR, "invalid time value" },
	{ "Banner \"/x", SSHD_KW_BAD_VALUE, DIAG_ERROR, "invalid quotes" },
	{ "Ciphers nosuch", SSHD_KW_BAD_VALUE, DIAG_ERROR, "Bad ciphers" },
	{ "Port 70000", SSHD_KW_BAD_VALUE, DIAG_ERROR, "port number" },
	{ "RDomain 1", SSHD_KW_BAD_VALUE, DIAG_ERROR, "not supported" },
	{ "AcceptEnv A=B", SSHD_KW_BAD_VALUE, DIAG_ERROR, "environment" },
	{ "RSAAuthentication yes", SSHD_KW_DEPRECATED, DIAG_WARNING, "Deprecated option RSAAuthentication" },
	{ "UsePrivilegeSeparation sandbox", SSHD_KW_DEPRECATED, DIAG_WARNING, "Deprecated option" },
	{ "UseLogin no", SSHD_KW_DEPRECATED, DIAG_WARNING, "Deprecated option" },
	{ "Protocol 2", SSHD_KW_DEPRECATED, DIAG_NOTE, "Deprecated option Protocol" },
	{ "KerberosGetAFSToken no", SSHD_KW_UNSUPPORTED, DIAG_WARNING, "Unsupported option" },
	{ "Match Foo bar", SSHD_KW_BAD_VALUE, DIAG_ERROR, "Unsupported Match attribute" },
	{ "Match User", SSHD_KW_BAD_VALUE, DIAG_ERROR, "Missing Match criteria" },
	{ "Match all User x", SSHD_KW_BAD_VALUE, DIAG_ERROR, "'all' cannot be combined" },
	{ "Match Address 10.0.0.1/8", SSHD_KW_BAD_VALUE, DIAG_ERROR, "Invalid Match address" },
	{ "Match LocalPort x", SSHD_KW_BAD_VALUE, DIAG_ERROR, "Invalid LocalPort" },
};

START_TEST(test_diag_kinds)
{
	struct diag d;
	char *text = xprintf("PermitRootLogin no\n%s\nX11Forwarding no\n",
	    diag_cases[_i].line);
	struct sshd_config *cfg = load1(text, 902, &d);
	const struct sshd_directive *x = sshd_config_get(cfg, 1);

	ck_assert_uint_eq(sshd_config_count(cfg), 3);	/* kept, not dropped */
	ck_assert_uint_eq(x->line, 2);
	ck_assert_int_eq(x->status, diag_cases[_i].status);
	ck_assert_msg(has_diag(&d, diag_cases[_i].level, CFG, 2,
	    diag_cases[_i].msg), "no diag \"%s\" for \"%s\"",
	    diag_cases[_i].msg, diag_cases[_i].line);
	ck_assert_int_eq(sshd_config_get(cfg, 2)->status, SSHD_KW_OK);
	sshd_config_free(cfg);
	diag_cleanup(&d);
	free(text);
}
END_TEST

START_TEST(test_not_in_match)
{
	struct diag d;
	struct sshd_config *cfg = load1("Match User bob\n\tPort 22\n"
	    "\tUseLogin no\n\tPasswordAuthentication no\n", 902, &d);

	ck_assert_int_eq(sshd_config_get(cfg, 1)->status,
	    SSHD_KW_NOT_IN_MATCH);
	ck_assert(has_diag(&d, DIAG_ERROR, CFG, 2, "not allowed within a "
	    "Match block"));
	/* a global-only deprecated keyword is fatal in a Match block too */
	ck_assert_int_eq(sshd_config_get(cfg, 2)->status,
	    SSHD_KW_NOT_IN_MATCH);
	ck_assert_int_eq(sshd_config_get(cfg, 3)->status, SSHD_KW_OK);
	ck_assert_uint_eq(d.nerrors, 2);
	sshd_config_free(cfg);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_versions)
{
	struct diag d;
	struct sshd_config *cfg;

	/* DSM 6.2.3's sshd (7.4) has no Include */
	cfg = load1("Include /etc/ssh/x.conf\n", 704, &d);
	ck_assert_int_eq(sshd_config_get(cfg, 0)->status, SSHD_KW_UNKNOWN);
	ck_assert(has_diag(&d, DIAG_ERROR, CFG, 1, "Bad configuration "
	    "option: Include"));
	sshd_config_free(cfg);
	diag_cleanup(&d);
	/* 7.4: UsePrivilegeSeparation still a real keyword */
	cfg = load1("UsePrivilegeSeparation sandbox\n", 704, &d);
	ck_assert_int_eq(sshd_config_get(cfg, 0)->status, SSHD_KW_OK);
	sshd_config_free(cfg);
	diag_cleanup(&d);
	/* ChallengeResponseAuthentication: own keyword before 8.7 */
	cfg = load1("ChallengeResponseAuthentication no\n", 802, &d);
	ck_assert_str_eq(sshd_config_get(cfg, 0)->name,
	    "challengeresponseauthentication");
	sshd_config_free(cfg);
	diag_cleanup(&d);
	cfg = load1("ChallengeResponseAuthentication no\n", 807, &d);
	ck_assert_str_eq(sshd_config_get(cfg, 0)->name,
	    "kbdinteractiveauthentication");
	sshd_config_free(cfg);
	diag_cleanup(&d);
	/* PubkeyAcceptedKeyTypes: alias from 8.5 on */
	cfg = load1("PubkeyAcceptedKeyTypes ssh-ed25519\n", 805, &d);
	ck_assert_str_eq(sshd_config_get(cfg, 0)->name,
	    "pubkeyacceptedalgorithms");
	sshd_config_free(cfg);
	diag_cleanup(&d);
	ck_assert(sshd_keyword_known("permitrootlogin", 704));
	ck_assert(!sshd_keyword_known("channeltimeout", 901));
	ck_assert(sshd_keyword_known("channeltimeout", 902));
	ck_assert(!sshd_keyword_known("nosuch", 902));
	ck_assert(!sshd_keyword_known("include", 902));
}
END_TEST

START_TEST(test_include_order_globs)
{
	const struct memfile files[] = {
		{ CFG, "PermitRootLogin no\n"
		    "Include sshd_config.d/*.conf\n"
		    "Include /opt/extra.conf /opt/none-*.conf\n"
		    "X11Forwarding no\n", 0 },
		{ "/etc/ssh/sshd_config.d/20-b.conf", "MaxAuthTries 2\n", 0 },
		{ "/etc/ssh/sshd_config.d/10-a.conf", "\nMaxSessions 3\n", 0 },
		{ "/etc/ssh/sshd_config.d/x.txt", "Banner /x\n", 0 },
		{ "/opt/extra.conf", "Include ../../opt/inner.conf\n", 0 },
		{ "/etc/ssh/../../opt/inner.conf", "UseDNS no\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct diag d;
	struct sshd_config *cfg = load(files, 902, &d);
	const char *exp[][3] = {
		{ "permitrootlogin", CFG, "1" },
		{ "include", CFG, "2" },
		{ "maxsessions", "/etc/ssh/sshd_config.d/10-a.conf", "2" },
		{ "maxauthtries", "/etc/ssh/sshd_config.d/20-b.conf", "1" },
		{ "include", CFG, "3" },
		{ "include", "/opt/extra.conf", "1" },
		{ "usedns", "/etc/ssh/../../opt/inner.conf", "1" },
		{ "x11forwarding", CFG, "4" },
	};
	size_t i;

	ck_assert_uint_eq(sshd_config_count(cfg), 8);
	for (i = 0; i < 8; i++) {
		const struct sshd_directive *x = sshd_config_get(cfg, i);

		ck_assert_str_eq(x->name, exp[i][0]);
		ck_assert_str_eq(x->file, exp[i][1]);
		ck_assert_uint_eq(x->line, (unsigned)atoi(exp[i][2]));
		ck_assert_int_eq(x->status, SSHD_KW_OK);
	}
	ck_assert_uint_eq(d.n, 0);
	sshd_config_free(cfg);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_include_match_state)
{
	const struct memfile files[] = {
		{ CFG, "Match User a\n"
		    "Include /inc.conf\n"
		    "PasswordAuthentication no\n", 0 },
		{ "/inc.conf", "X11Forwarding no\nMatch User b\n"
		    "MaxSessions 1\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct diag d;
	struct sshd_config *cfg = load(files, 902, &d);

	ck_assert_uint_eq(sshd_config_count(cfg), 6);
	ck_assert_int_eq(sshd_config_get(cfg, 2)->match, 1);	/* X11 */
	ck_assert_int_eq(sshd_config_get(cfg, 3)->match, 2);	/* Match b */
	ck_assert_int_eq(sshd_config_get(cfg, 4)->match, 2);
	/* back in the includer: its own block again */
	ck_assert_int_eq(sshd_config_get(cfg, 5)->match, 1);
	ck_assert_uint_eq(sshd_config_nmatch(cfg), 2);
	sshd_config_free(cfg);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_include_loop_depth)
{
	const struct memfile loop[] = {
		{ CFG, "Include /a.conf\nPermitRootLogin no\n", 0 },
		{ "/a.conf", "MaxSessions 1\nInclude /b.conf\n", 0 },
		{ "/b.conf", "Include /a.conf\n", 0 },
		{ NULL, NULL, 0 }
	};
	struct memfile deep[SL_MAX_INCLUDE_DEPTH + 4];
	char *texts[SL_MAX_INCLUDE_DEPTH + 4], *paths[SL_MAX_INCLUDE_DEPTH + 4];
	struct diag d;
	struct sshd_config *cfg = load(loop, 902, &d);
	size_t i, n = SL_MAX_INCLUDE_DEPTH + 3;

	ck_assert(has_diag(&d, DIAG_ERROR, "/b.conf", 1, "Include loop"));
	ck_assert_int_eq(sshd_config_get(cfg, 3)->status, SSHD_KW_BAD_VALUE);
	ck_assert_str_eq(sshd_config_get(cfg, 4)->name, "permitrootlogin");
	sshd_config_free(cfg);
	diag_cleanup(&d);

	/* a chain deeper than the limit: error at the include too deep */
	for (i = 0; i < n; i++) {
		paths[i] = i == 0 ? xstrdup(CFG) : xprintf("/d%zu.conf", i);
		texts[i] = i + 1 < n ? xprintf("Include /d%zu.conf\n", i + 1) :
		    xstrdup("MaxSessions 1\n");
		deep[i].path = paths[i];
		deep[i].data = texts[i];
		deep[i].len = 0;
	}
	deep[n].path = NULL;
	cfg = load(deep, 902, &d);
	ck_assert(has_diag(&d, DIAG_ERROR, paths[SL_MAX_INCLUDE_DEPTH], 1,
	    "Too many recursive"));
	ck_assert_uint_eq(d.nerrors, 1);
	sshd_config_free(cfg);
	diag_cleanup(&d);
	for (i = 0; i < n; i++) {
		free(paths[i]);
		free(texts[i]);
	}
}
END_TEST

START_TEST(test_limits)
{
	struct memfile files[2] = { { CFG, NULL, 0 }, { NULL, NULL, 0 } };
	struct sshd_source src;
	struct sshd_config *cfg = NULL;
	struct diag d;
	char *big;
	size_t n = SL_MAX_LINE + 10;

	/* an over-long line is reported and skipped */
	big = xmalloc(n + 40);
	memcpy(big, "Banner ", 7);
	memset(big + 7, 'x', n);
	strcpy(big + 7 + n, "\nMaxSessions 2\n");
	files[0].data = big;
	cfg = load(files, 902, &d);
	ck_assert(has_diag(&d, DIAG_ERROR, CFG, 1, "line longer"));
	ck_assert_str_eq(sshd_config_get(cfg, 1)->name, "maxsessions");
	sshd_config_free(cfg);
	diag_cleanup(&d);
	free(big);

	/* too many lines: SL_ERR_TOO_LARGE, no crash */
	n = SL_MAX_CONFIG_LINES + 1;
	big = xmalloc(n + 1);
	memset(big, '\n', n);
	big[n] = '\0';
	files[0].data = big;
	src = memsrc(files);
	diag_init(&d);
	ck_assert_int_eq(sshd_config_load(CFG, &src, 902, &cfg, &d),
	    SL_ERR_TOO_LARGE);
	ck_assert_ptr_null(cfg);
	diag_cleanup(&d);
	free(big);

	/* missing file */
	src = memsrc(files + 1);
	diag_init(&d);
	ck_assert_int_eq(sshd_config_load(CFG, &src, 902, &cfg, &d),
	    SL_ERR_NOT_FOUND);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_nul_and_binary)
{
	static const char data[] = "PermitRootLogin no\0garbage\n"
	    "\xff\xfe\x01 x\nMaxSessions 4";
	const struct memfile files[] = { { CFG, data, sizeof(data) - 1 },
	    { NULL, NULL, 0 } };
	struct diag d;
	struct sshd_config *cfg = load(files, 902, &d);

	ck_assert_uint_eq(sshd_config_count(cfg), 3);
	ck_assert_str_eq(sshd_config_get(cfg, 0)->args, "no");
	ck_assert_int_eq(sshd_config_get(cfg, 1)->status, SSHD_KW_UNKNOWN);
	ck_assert_uint_eq(sshd_config_get(cfg, 2)->line, 3);
	sshd_config_free(cfg);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_source_dir)
{
	char *dir = sl_mkdtemp(), *p;
	struct sshd_source_dir *sd;
	struct sshd_source src;
	struct strv out;
	const char *data;
	size_t len;
	FILE *f;

	p = xprintf("%s/etc", dir);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	free(p);
	p = xprintf("%s/etc/b.conf", dir);
	f = fopen(p, "w");
	fputs("X11Forwarding no\n", f);
	fclose(f);
	free(p);
	p = xprintf("%s/etc/a.conf", dir);
	f = fopen(p, "w");
	fclose(f);
	free(p);
	sd = sshd_source_dir_new(dir);
	src = sshd_source_dir(sd);
	strv_init(&out);
	ck_assert_int_eq(src.glob(src.arg, "/etc/*.conf", &out), 0);
	ck_assert_uint_eq(out.n, 2);
	ck_assert_str_eq(out.v[0], "/etc/a.conf");	/* host paths */
	ck_assert_str_eq(out.v[1], "/etc/b.conf");
	ck_assert_int_eq(src.read(src.arg, "/etc/b.conf", &data, &len), 0);
	ck_assert_str_eq(data, "X11Forwarding no\n");
	ck_assert_uint_eq(len, 17);
	ck_assert_int_eq(src.read(src.arg, "/etc/a.conf", &data, &len), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(src.read(src.arg, "/etc/none", &data, &len),
	    SL_ERR_NOT_FOUND);
	ck_assert_int_eq(src.read(src.arg, "/etc", &data, &len),
	    SL_ERR_SYSTEM);
	strv_cleanup(&out);
	sshd_source_dir_free(sd);
	sl_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
sshd_parse_suite(void)
{
	Suite *s = suite_create("sshd_parse");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_tokenizer, 0,
	    sizeof(tok_cases) / sizeof(tok_cases[0]));
	tcase_add_test(tc, test_directives_lines);
	tcase_add_loop_test(tc, test_diag_kinds, 0,
	    sizeof(diag_cases) / sizeof(diag_cases[0]));
	tcase_add_test(tc, test_not_in_match);
	tcase_add_test(tc, test_versions);
	tcase_add_test(tc, test_include_order_globs);
	tcase_add_test(tc, test_include_match_state);
	tcase_add_test(tc, test_include_loop_depth);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_nul_and_binary);
	tcase_add_test(tc, test_source_dir);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(sshd_parse_suite)
