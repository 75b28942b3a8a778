/* check_util.c — sbuf, strv, diag, shquote, err. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "diag.h"
#include "err.h"
#include "sbuf.h"
#include "shquote.h"
#include "sl_check.h"
#include "strv.h"
#include "xmalloc.h"

START_TEST(test_sbuf_bound)
{
	struct sbuf b;

	sbuf_init(&b, 8);
	ck_assert_int_eq(sbuf_puts(&b, "12345"), SL_OK);
	ck_assert_int_eq(sbuf_puts(&b, "6789"), SL_ERR_TOO_LARGE);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_str_eq(b.data, "12345");
	ck_assert_int_eq(sbuf_putf(&b, "%d", 678), SL_OK);
	ck_assert_str_eq(b.data, "12345678");
	sbuf_cleanup(&b);
}
END_TEST

START_TEST(test_sbuf_grow)
{
	struct sbuf b;
	size_t i, len;
	char *s;

	sbuf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		ck_assert_int_eq(sbuf_putc(&b, (char)('a' + i % 26)), SL_OK);
	ck_assert_int_eq(sbuf_putf(&b, "%0300d", 7), SL_OK);
	s = sbuf_steal(&b, &len);
	ck_assert_uint_eq(len, 10300);
	ck_assert_int_eq(s[10299], '7');
	ck_assert_uint_eq(b.len, 0);
	free(s);
	sbuf_cleanup(&b);
}
END_TEST

START_TEST(test_strv)
{
	struct strv sv;

	strv_init(&sv);
	strv_push(&sv, "b");
	strv_push(&sv, "c");
	strv_push(&sv, "a");
	strv_push(&sv, "d");
	strv_push(&sv, "e");
	strv_sort(&sv);
	ck_assert_str_eq(sv.v[0], "a");
	ck_assert_str_eq(sv.v[4], "e");
	ck_assert_ptr_null(sv.v[5]);
	ck_assert_int_eq(strv_find(&sv, "c"), 2);
	ck_assert_int_eq(strv_find(&sv, "z"), -1);
	strv_cleanup(&sv);
}
END_TEST

START_TEST(test_diag_format)
{
	struct diag d;
	char *s;

	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "rules/x.rules", 14, 3, "unknown keyword \"%s\"",
	    "sevrity");
	diag_warn(&d, NULL, 0, "plain");
	ck_assert_uint_eq(d.n, 2);
	ck_assert_uint_eq(d.nerrors, 1);
	s = diag_format(&d.v[0]);
	ck_assert_str_eq(s, "rules/x.rules:14:3: error: unknown keyword \"sevrity\"");
	free(s);
	s = diag_format(&d.v[1]);
	ck_assert_str_eq(s, "warning: plain");
	free(s);
	diag_cleanup(&d);
}
END_TEST

static const char *tricky[] = {
	"it's", "$(id) `id` $HOME", "a\"b\\c", "", "line1\nline2", "'", "*",
	"; rm -rf /tmp/nonexistent-sl", NULL
};

/* Each quoted string, read back by /bin/sh, must arrive literally. */
START_TEST(test_shquote_roundtrip)
{
	const char *s = tricky[_i];
	char *q = shquote(s), *cmd, out[256];
	FILE *fp;
	size_t n;

	cmd = xprintf("printf '%%s' %s", q);
	fp = popen(cmd, "r");
	ck_assert_ptr_nonnull(fp);
	n = fread(out, 1, sizeof(out) - 1, fp);
	out[n] = '\0';
	ck_assert_int_eq(pclose(fp), 0);
	ck_assert_str_eq(out, s);
	free(cmd);
	free(q);
}
END_TEST

START_TEST(test_shquote_argv)
{
	const char *argv[] = { "/bin/sh", "-s", "--", "it's", NULL };
	char *s = shquote_argv(argv);

	ck_assert_str_eq(s, "'/bin/sh' '-s' '--' 'it'\\''s'");
	free(s);
}
END_TEST

START_TEST(test_strerror)
{
	ck_assert_str_eq(sl_strerror(SL_ERR_TIMEOUT), "timed out");
	ck_assert_str_eq(sl_strerror(SL_OK), "success");
	ck_assert_str_eq(sl_strerror(-999), "unknown error");
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sbuf_bound);
	tcase_add_test(tc, test_sbuf_grow);
	tcase_add_test(tc, test_strv);
	tcase_add_test(tc, test_diag_format);
	tcase_add_loop_test(tc, test_shquote_roundtrip, 0,
	    (int)(sizeof(tricky) / sizeof(tricky[0]) - 1));
	tcase_add_test(tc, test_shquote_argv);
	tcase_add_test(tc, test_strerror);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(util_suite)
