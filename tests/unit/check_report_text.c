/*
 * check_report_text.c — the text reporter (golden output, colour, hostile
 * host strings) and report.c (--report parsing, temp file + rename).
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "diag.h"
#include "err.h"
#include "findings.h"
#include "report.h"
#include "report_priv.h"
#include "sbuf.h"
#include "sl_check.h"
#include "sl_report_fixture.h"
#include "utf8.h"
#include "xmalloc.h"

static const char golden_plain[] =
    "host nas1 (DSM 7.1.1-42962, OpenSSH 8.2p1)\n"
    "  critical HOME-002 Home directory is not writable by others"
    " [breaks key login today]\n"
    "           object:   user:alice\n"
    "           problem:  /var/services/homes/alice is group-writable (0775)\n"
    "           fix:      chmod 755 /volume1/homes/alice\n"
    "                     then log in again with the key\n"
    "  high     SSHD-001 Root cannot log in with a password\n"
    "           object:   host\n"
    "           problem:  PermitRootLogin yes\n"
    "           where:    /etc/ssh/sshd_config:14\n"
    "           fix:      Set PermitRootLogin prohibit-password in"
    " /etc/ssh/sshd_config.\n"
    "  medium   KEYS-003 Keys use strong algorithms\n"
    "           object:   key:alice:1\n"
    "           problem:  ssh-dss key (1024 bits)\n"
    "           where:    /var/services/homes/alice/.ssh/authorized_keys:1\n"
    "           fix:      Replace the key with an ed25519 key.\n"
    "  could not check:\n"
    "    KEYS-003 user:bob: cannot read authorized_keys\n"
    "  waived:\n"
    "    KEYS-003 key:alice:2: accepted until 2030-01-01\n"
    "  summary: 3 failed (1 critical, 1 high, 1 medium, 0 low, 0 info),"
    " 1 could not be checked, 1 waived, 1 passed, 1 n/a\n"
    "\n"
    "host nas2\n"
    "  could not be scanned: connect to nas2 port 22: Connection refused\n"
    "  summary: not scanned\n"
    "\n"
    "2 hosts, 1 could not be scanned: 1 critical, 1 high, 1 medium,"
    " 0 low, 0 info\n";

/* What -v adds to nas1's block, in order, before its summary. */
static const char golden_verbose_tail[] =
    "  could not check:\n"
    "    KEYS-003 user:bob: cannot read authorized_keys\n"
    "  waived:\n"
    "    KEYS-003 key:alice:2: accepted until 2030-01-01\n"
    "  not applicable:\n"
    "    DSM-001 host: no synowebapi on this host\n"
    "  passed:\n"
    "    SSHD-010 host: PermitEmptyPasswords no\n"
    "  summary: 3 failed";

static char *
render(const struct scan_result *sr, int color, int verbose)
{
	struct report_opts opts = { color, verbose };
	struct diag d;
	struct sbuf b;
	char *s;

	diag_init(&d);
	sbuf_init(&b, 0);
	ck_assert_int_eq(report_text(&b, sr, &opts, &d), SL_OK);
	ck_assert_uint_eq(d.n, 0);
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	diag_cleanup(&d);
	return s;
}

/* Removes ESC [ digits/; m sequences; fails on any other ESC. */
static char *
strip_sgr(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	while (*s != '\0') {
		if (*s == '\033') {
			ck_assert_int_eq(s[1], '[');
			s += 2;
			while ((*s >= '0' && *s <= '9') || *s == ';')
				s++;
			ck_assert_int_eq(*s, 'm');
			s++;
			continue;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

START_TEST(test_golden_plain)
{
	struct fx fx;
	char *s;

	fx_build(&fx);
	s = render(&fx.sr, 0, 0);
	ck_assert_msg(strcmp(s, golden_plain) == 0, "got:\n%s", s);
	ck_assert_ptr_null(strchr(s, '\033'));
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_verbose)
{
	struct fx fx;
	char *s;

	fx_build(&fx);
	s = render(&fx.sr, 0, 1);
	ck_assert_msg(strstr(s, golden_verbose_tail) != NULL, "got:\n%s", s);
	ck_assert_ptr_nonnull(strstr(s, "           evidence: ssh-dss "
	    "AAAAB3NzaC1kc3M... alice@old\n"));
	/* not verbose: none of it */
	free(s);
	s = render(&fx.sr, 0, 0);
	ck_assert_ptr_null(strstr(s, "passed:"));
	ck_assert_ptr_null(strstr(s, "evidence:"));
	ck_assert_ptr_null(strstr(s, "not applicable:"));
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_color)
{
	struct fx fx;
	char *s, *plain;

	fx_build(&fx);
	s = render(&fx.sr, 1, 0);
	ck_assert_ptr_nonnull(strstr(s, "\033[1;31mcritical\033[0m"));
	ck_assert_ptr_nonnull(strstr(s, "\033[31mhigh    \033[0m"));
	ck_assert_ptr_nonnull(strstr(s,
	    "\033[1;31m[breaks key login today]\033[0m"));
	/* colour adds SGR sequences and changes nothing else */
	plain = strip_sgr(s);
	ck_assert_str_eq(plain, golden_plain);
	free(plain);
	free(s);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_deterministic)
{
	struct fx fx;
	struct findings *f;
	struct finding tmp;
	char *a, *b;
	size_t i;

	fx_build(&fx);
	a = render(&fx.sr, 0, 1);
	/* reverse nas1's findings: same report */
	f = &fx.sr.hosts[0].findings;
	for (i = 0; i < f->n / 2; i++) {
		tmp = f->v[i];
		f->v[i] = f->v[f->n - 1 - i];
		f->v[f->n - 1 - i] = tmp;
	}
	b = render(&fx.sr, 0, 1);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_empty)
{
	struct scan_result sr;
	struct host_result *h;
	char *s;

	scan_result_init(&sr, NULL);
	s = render(&sr, 0, 0);
	ck_assert_str_eq(s, "0 hosts, 0 could not be scanned: 0 critical, "
	    "0 high, 0 medium, 0 low, 0 info\n");
	free(s);
	h = scan_result_add_host(&sr, "solo");
	h->status = SL_ERR_AUTH;	/* no error text: sl_strerror() */
	s = render(&sr, 0, 0);
	ck_assert_str_eq(s, "host solo\n"
	    "  could not be scanned: authentication failed\n"
	    "  summary: not scanned\n\n"
	    "1 host, 1 could not be scanned: 0 critical, 0 high, 0 medium, "
	    "0 low, 0 info\n");
	free(s);
	scan_result_cleanup(&sr);
}
END_TEST

/*
 * Every string a host controls carries terminal escapes, line breaks and
 * bad bytes. None may reach the output raw.
 */
static void
set_host_strings(struct fx *fx, const char *name, const char *dsm,
    const char *object, const char *message, const char *evidence,
    const char *error)
{
	struct host_result *h = &fx->sr.hosts[0];
	struct finding *f;
	size_t i;

	free(h->name);
	h->name = xstrdup(name);
	free(h->dsm_version);
	h->dsm_version = xstrdup(dsm);
	for (i = 0; i < h->findings.n; i++) {
		f = &h->findings.v[i];
		free(f->object);
		f->object = xstrdup(object);
		free(f->message);
		f->message = xstrdup(message);
		free(f->evidence);
		f->evidence = xstrdup(evidence);
	}
	free(fx->sr.hosts[1].error);
	fx->sr.hosts[1].error = xstrdup(error);
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

START_TEST(test_hostile)
{
	struct fx fx;
	size_t i, nlines;
	char *plain, *s;
	int color;

	fx_build(&fx);
	set_host_strings(&fx, "n", "7", "o", "m", "e", "r");
	s = render(&fx.sr, 0, 1);
	nlines = count_lines(s);
	free(s);

	set_host_strings(&fx, "nas1\033]0;owned\007\033[2J", "7\r\n\033[1A",
	    "user:\033[31mroot\033[0m\xff",
	    "line\nFAKE LINE\r\x9b\xc2\x9b" "2J\x7f",
	    "\x01\x02\x08\x0b\x0c\xe2\x80\xae", "refused\n\033[H\033[2J");
	for (color = 0; color <= 1; color++) {
		s = render(&fx.sr, color, 1);
		ck_assert_int_eq(utf8_valid(s, strlen(s)), 1);
		for (i = 0; s[i] != '\0'; i++) {
			unsigned char c = (unsigned char)s[i];

			ck_assert_msg(c >= 0x20 || c == '\n' || c == '\033',
			    "raw control 0x%02x at %zu", c, i);
			ck_assert(c != 0x7f);
			/* C1 controls (U+0080..U+009F) and U+202E */
			ck_assert(!(c == 0xc2 && (unsigned char)s[i + 1] <
			    0xa0));
			ck_assert(strncmp(s + i, "\xe2\x80\xae", 3) != 0);
		}
		/* no host line break made it through */
		ck_assert_uint_eq(count_lines(s), nlines);
		/* every ESC left is ours (an SGR colour), none without colour */
		plain = strip_sgr(s);
		if (!color)
			ck_assert_str_eq(plain, s);
		ck_assert_ptr_nonnull(strstr(plain,
		    "host nas1\\x1b]0;owned\\x07\\x1b[2J (DSM 7\\r\\n\\x1b[1A"));
		ck_assert_ptr_nonnull(strstr(plain,
		    "line\\nFAKE LINE\\r\\x9b\\u009b2J\\x7f"));
		ck_assert_ptr_nonnull(strstr(plain,
		    "user:\\x1b[31mroot\\x1b[0m\\xff"));
		ck_assert_ptr_nonnull(strstr(plain,
		    "\\x01\\x02\\x08\\x0b\\x0c\\u202e"));
		ck_assert_ptr_nonnull(strstr(plain,
		    "refused\\n\\x1b[H\\x1b[2J"));
		free(plain);
		free(s);
	}
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_spec_parse)
{
	struct report_spec spec;
	struct diag d;
	char *msg;

	diag_init(&d);
	ck_assert_int_eq(report_spec_parse("text", &spec, &d), SL_OK);
	ck_assert_str_eq(report_spec_format(&spec), "text");
	ck_assert_ptr_null(spec.path);
	report_spec_cleanup(&spec);

	ck_assert_int_eq(report_spec_parse("junit:out/r.xml", &spec, &d),
	    SL_OK);
	ck_assert_str_eq(report_spec_format(&spec), "junit");
	ck_assert_str_eq(spec.path, "out/r.xml");
	report_spec_cleanup(&spec);

	ck_assert_int_eq(report_spec_parse("junit:C:odd:name", &spec, &d),
	    SL_OK);
	ck_assert_str_eq(spec.path, "C:odd:name");
	report_spec_cleanup(&spec);

	ck_assert_int_eq(report_spec_parse("text:-", &spec, &d), SL_OK);
	ck_assert_str_eq(spec.path, "-");
	report_spec_cleanup(&spec);
	ck_assert_uint_eq(d.n, 0);

	ck_assert_int_eq(report_spec_parse("yaml:x.yml", &spec, &d),
	    SL_ERR_USAGE);
	ck_assert_ptr_null(spec.reporter);
	ck_assert_uint_eq(d.nerrors, 1);
	msg = diag_format(&d.v[0]);
	ck_assert_msg(strstr(msg, "unknown format \"yaml\" (known: ") !=
	    NULL && strstr(msg, report_formats()) != NULL, "%s", msg);
	free(msg);

	ck_assert_int_eq(report_spec_parse("junit:", &spec, &d), SL_ERR_USAGE);
	ck_assert_uint_eq(d.nerrors, 2);
	msg = diag_format(&d.v[1]);
	ck_assert_msg(strstr(msg, "empty path") != NULL, "%s", msg);
	free(msg);

	ck_assert_int_eq(report_spec_parse("", &spec, &d), SL_ERR_USAGE);
	ck_assert_int_eq(report_spec_parse("Text", &spec, &d), SL_ERR_USAGE);
	ck_assert_int_eq(report_spec_parse("tex", &spec, &d), SL_ERR_USAGE);
	ck_assert_int_eq(report_spec_parse("textt", &spec, &d), SL_ERR_USAGE);
	ck_assert_uint_eq(d.nerrors, 6);
	report_spec_cleanup(&spec);
	diag_cleanup(&d);
}
END_TEST

/* Names in dir, sorted, joined by "/"; "" if empty. */
static char *
list_dir(const char *dir)
{
	struct dirent **ents = NULL;
	struct sbuf b;
	char *s;
	int i, n;

	n = scandir(dir, &ents, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	sbuf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (strcmp(ents[i]->d_name, ".") != 0 &&
		    strcmp(ents[i]->d_name, "..") != 0) {
			if (b.len > 0)
				(void)sbuf_puts(&b, "/");
			(void)sbuf_puts(&b, ents[i]->d_name);
		}
		free(ents[i]);
	}
	free(ents);
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return s;
}

static void
write_old(const char *path)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs("old report\n", fp);
	ck_assert_int_eq(fclose(fp), 0);
}

static int
write_report(const char *fmt_path, const struct scan_result *sr, int color,
    struct diag *d)
{
	struct report_opts opts = { color, 0 };
	struct report_spec spec;
	int r;

	ck_assert_int_eq(report_spec_parse(fmt_path, &spec, d), SL_OK);
	r = report_write(&spec, sr, &opts, d);
	report_spec_cleanup(&spec);
	return r;
}

START_TEST(test_write_file)
{
	struct fx fx;
	struct diag d;
	struct stat st;
	char *dir, *arg, *path, *got, *names;

	fx_build(&fx);
	diag_init(&d);
	dir = sl_mkdtemp();
	ck_assert_ptr_nonnull(dir);
	path = xprintf("%s/report.txt", dir);
	arg = xprintf("text:%s", path);

	/* new file; colour requested but never written to a file */
	ck_assert_int_eq(write_report(arg, &fx.sr, 1, &d), SL_OK);
	got = sl_read_file(path, NULL);
	ck_assert_str_eq(got, golden_plain);
	free(got);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0644);
	names = list_dir(dir);
	ck_assert_str_eq(names, "report.txt");
	free(names);

	/* an existing file is replaced when the report is complete */
	write_old(path);
	ck_assert_int_eq(write_report(arg, &fx.sr, 0, &d), SL_OK);
	got = sl_read_file(path, NULL);
	ck_assert_str_eq(got, golden_plain);
	free(got);
	ck_assert_uint_eq(d.n, 0);

	sl_rmtree(dir);
	free(arg);
	free(path);
	free(dir);
	diag_cleanup(&d);
	fx_cleanup(&fx);
}
END_TEST

START_TEST(test_write_errors)
{
	struct fx fx;
	struct diag d;
	char *dir, *arg, *path, *names, *msg;

	fx_build(&fx);
	diag_init(&d);
	dir = sl_mkdtemp();
	ck_assert_ptr_nonnull(dir);

	/* missing directory: error with the path, nothing created */
	arg = xprintf("text:%s/nosuch/report.txt", dir);
	ck_assert_int_eq(write_report(arg, &fx.sr, 0, &d), SL_ERR_SYSTEM);
	ck_assert_uint_eq(d.nerrors, 1);
	msg = diag_format(&d.v[0]);
	ck_assert_msg(strstr(msg, "cannot create ") != NULL &&
	    strstr(msg, "nosuch/report.txt.") != NULL &&
	    strstr(msg, ": No such file or directory") != NULL, "%s", msg);
	free(msg);
	free(arg);
	names = list_dir(dir);
	ck_assert_str_eq(names, "");
	free(names);

	/* PATH is a directory: rename fails, the temp file is removed */
	path = xprintf("%s/adir", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	arg = xprintf("text:%s", path);
	ck_assert_int_eq(write_report(arg, &fx.sr, 0, &d), SL_ERR_SYSTEM);
	ck_assert_uint_eq(d.nerrors, 2);
	names = list_dir(dir);
	ck_assert_str_eq(names, "adir");
	free(names);
	ck_assert_int_eq(rmdir(path), 0);
	free(arg);
	free(path);

	/* unwritable directory (root writes anyway, so only as a user) */
	if (geteuid() != 0) {
		path = xprintf("%s/ro", dir);
		ck_assert_int_eq(mkdir(path, 0555), 0);
		arg = xprintf("text:%s/report.txt", path);
		ck_assert_int_eq(write_report(arg, &fx.sr, 0, &d),
		    SL_ERR_SYSTEM);
		names = list_dir(path);
		ck_assert_str_eq(names, "");
		free(names);
		ck_assert_int_eq(chmod(path, 0755), 0);
		free(arg);
		free(path);
	}
	sl_rmtree(dir);
	free(dir);
	diag_cleanup(&d);
	fx_cleanup(&fx);
}
END_TEST

/*
 * A write that fails half-way (file size limit: works for root too) leaves
 * the old report in place and no temporary file behind.
 */
START_TEST(test_write_fails_midway)
{
	struct fx fx;
	struct diag d;
	struct rlimit old, lim;
	char *dir, *arg, *path, *got, *names, *msg;
	int r;

	fx_build(&fx);
	diag_init(&d);
	dir = sl_mkdtemp();
	ck_assert_ptr_nonnull(dir);
	path = xprintf("%s/report.txt", dir);
	arg = xprintf("text:%s", path);
	write_old(path);

	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 100;		/* the report is bigger */
	(void)signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	r = write_report(arg, &fx.sr, 0, &d);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	(void)signal(SIGXFSZ, SIG_DFL);

	ck_assert_int_eq(r, SL_ERR_SYSTEM);
	msg = diag_format(&d.v[0]);
	ck_assert_msg(strstr(msg, "cannot write ") != NULL &&
	    strstr(msg, ": File too large") != NULL, "%s", msg);
	free(msg);
	got = sl_read_file(path, NULL);
	ck_assert_str_eq(got, "old report\n");
	free(got);
	names = list_dir(dir);
	ck_assert_str_eq(names, "report.txt");
	free(names);

	sl_rmtree(dir);
	free(arg);
	free(path);
	free(dir);
	diag_cleanup(&d);
	fx_cleanup(&fx);
}
END_TEST

static Suite *
report_text_suite(void)
{
	Suite *s = suite_create("report_text");
	TCase *tc = tcase_create("text");
	TCase *tw = tcase_create("write");

	tcase_add_test(tc, test_golden_plain);
	tcase_add_test(tc, test_verbose);
	tcase_add_test(tc, test_color);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_spec_parse);
	suite_add_tcase(s, tc);
	tcase_add_test(tw, test_write_file);
	tcase_add_test(tw, test_write_errors);
	tcase_add_test(tw, test_write_fails_midway);
	suite_add_tcase(s, tw);
	return s;
}

SL_CHECK_MAIN(report_text_suite)
