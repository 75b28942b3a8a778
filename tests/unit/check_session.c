/* check_session.c — the local and root sessions: argv exec, stdin, bounds, timeout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "err.h"
#include "sbuf.h"
#include "session.h"
#include "sl_check.h"
#include "xmalloc.h"

static struct session *
open_local(int timeout_s)
{
	struct session_opts o = { timeout_s, NULL };
	struct session *s = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(session_local_open(&o, &s, &d), SL_OK);
	ck_assert_ptr_nonnull(s);
	diag_cleanup(&d);
	return s;
}

START_TEST(test_exec_argv_literal)
{
	/* Shell metacharacters in argv arrive literally: there is no shell. */
	const char *argv[] = { "/bin/echo", "$(id)", "it's", "a;b|c", NULL };
	struct session *s = open_local(10);
	struct sbuf out, err;
	struct exec_result res = { &out, &err, 0 };

	sbuf_init(&out, 1024);
	sbuf_init(&err, 1024);
	ck_assert_int_eq(session_exec(s, argv, NULL, &res), SL_OK);
	ck_assert_int_eq(res.status, 0);
	ck_assert_str_eq(out.data, "$(id) it's a;b|c\n");
	ck_assert_uint_eq(err.len, 0);
	ck_assert_str_eq(session_name(s), "local");
	ck_assert_ptr_null(session_root(s));
	sbuf_cleanup(&out);
	sbuf_cleanup(&err);
	session_free(s);
}
END_TEST

START_TEST(test_exec_status_and_stderr)
{
	const char *argv[] = { "/bin/sh", "-c", "echo oops >&2; echo out; exit 3",
	    NULL };
	const char *argv2[] = { "/bin/sh", "-c", "kill -9 $$", NULL };
	struct session *s = open_local(10);
	struct sbuf out, err;
	struct exec_result res = { &out, &err, 0 };

	sbuf_init(&out, 1024);
	sbuf_init(&err, 1024);
	ck_assert_int_eq(session_exec(s, argv, NULL, &res), SL_OK);
	ck_assert_int_eq(res.status, 3);
	ck_assert_str_eq(out.data, "out\n");
	ck_assert_str_eq(err.data, "oops\n");
	ck_assert_int_eq(session_exec(s, argv2, NULL, &res), SL_OK);
	ck_assert_int_eq(res.status, 128 + 9);
	sbuf_cleanup(&out);
	sbuf_cleanup(&err);
	session_free(s);
}
END_TEST

START_TEST(test_exec_large_stdin_roundtrip)
{
	/* 1 MiB through cat: stdin and stdout must be pumped together. */
	const char *argv[] = { "/bin/cat", NULL };
	struct session *s = open_local(20);
	struct sbuf in, out;
	struct exec_result res = { &out, NULL, 0 };
	size_t i;

	sbuf_init(&in, 0);
	sbuf_init(&out, 2u * 1024 * 1024);
	for (i = 0; i < 1024 * 1024; i++)
		ck_assert_int_eq(sbuf_putc(&in, (char)(i * 7 + i / 251)), SL_OK);
	ck_assert_int_eq(session_exec(s, argv, &in, &res), SL_OK);
	ck_assert_int_eq(res.status, 0);
	ck_assert_uint_eq(out.len, in.len);
	ck_assert(memcmp(out.data, in.data, in.len) == 0);
	sbuf_cleanup(&in);
	sbuf_cleanup(&out);
	session_free(s);
}
END_TEST

START_TEST(test_exec_input_not_read)
{
	/* A child that exits without reading its input is not an error. */
	const char *argv[] = { "/bin/true", NULL };
	struct session *s = open_local(10);
	struct sbuf in, out;
	struct exec_result res = { &out, NULL, 0 };
	size_t i;

	sbuf_init(&in, 0);
	sbuf_init(&out, 16);
	for (i = 0; i < 512 * 1024; i++)
		(void)sbuf_putc(&in, 'x');
	ck_assert_int_eq(session_exec(s, argv, &in, &res), SL_OK);
	ck_assert_int_eq(res.status, 0);
	sbuf_cleanup(&in);
	sbuf_cleanup(&out);
	session_free(s);
}
END_TEST

START_TEST(test_exec_output_bounded)
{
	const char *argv[] = { "/bin/sh", "-c",
	    "i=0; while [ $i -lt 100000 ]; do echo yyyyyyyyyyyyyyy; i=$((i+1)); done",
	    NULL };
	struct session *s = open_local(20);
	struct sbuf out;
	struct exec_result res = { &out, NULL, 0 };

	sbuf_init(&out, 4096);
	ck_assert_int_eq(session_exec(s, argv, NULL, &res), SL_ERR_TOO_LARGE);
	ck_assert_uint_le(out.len, 4096);
	sbuf_cleanup(&out);
	session_free(s);
}
END_TEST

START_TEST(test_exec_timeout_kills_group)
{
	/* The grandchild (sleep) holds stdout open: killing the group ends it. */
	const char *argv[] = { "/bin/sh", "-c", "sleep 30; echo late", NULL };
	struct session *s = open_local(1);
	struct sbuf out;
	struct exec_result res = { &out, NULL, 0 };
	time_t t0 = time(NULL);

	sbuf_init(&out, 1024);
	ck_assert_int_eq(session_exec(s, argv, NULL, &res), SL_ERR_TIMEOUT);
	ck_assert_int_eq(res.status, -1);
	ck_assert_int_le(time(NULL) - t0, 5);
	sbuf_cleanup(&out);
	session_free(s);
}
END_TEST

START_TEST(test_exec_not_found)
{
	const char *argv[] = { "/nonexistent/program", NULL };
	struct session *s = open_local(10);
	struct sbuf out;
	struct exec_result res = { &out, NULL, 0 };

	sbuf_init(&out, 1024);
	ck_assert_int_eq(session_exec(s, argv, NULL, &res), SL_ERR_NOT_FOUND);
	ck_assert_int_eq(res.status, -1);
	sbuf_cleanup(&out);
	session_free(s);
}
END_TEST

START_TEST(test_root_open)
{
	struct session_opts o = { 5, NULL };
	struct session *s = NULL;
	struct diag d;
	char *dir = sl_mkdtemp(), *file;

	ck_assert_ptr_nonnull(dir);
	diag_init(&d);
	ck_assert_int_eq(session_root_open("/nonexistent/nas", &o, &s, &d),
	    SL_ERR_NOT_FOUND);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "/nonexistent/nas"));
	file = xprintf("%s/f", dir);
	{
		FILE *fp = fopen(file, "w");

		ck_assert_ptr_nonnull(fp);
		fclose(fp);
	}
	ck_assert_int_eq(session_root_open(file, &o, &s, &d), SL_ERR_USAGE);
	ck_assert_uint_eq(d.nerrors, 2);
	ck_assert_ptr_nonnull(strstr(d.v[1].msg, "not a directory"));
	ck_assert_int_eq(session_root_open(dir, &o, &s, &d), SL_OK);
	ck_assert_str_eq(session_name(s), "root");
	ck_assert_str_eq(session_root(s), dir);
	ck_assert_str_eq(session_label(s), dir);
	session_free(s);
	diag_cleanup(&d);
	sl_rmtree(dir);
	free(file);
	free(dir);
}
END_TEST

static Suite *
session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_exec_argv_literal);
	tcase_add_test(tc, test_exec_status_and_stderr);
	tcase_add_test(tc, test_exec_large_stdin_roundtrip);
	tcase_add_test(tc, test_exec_input_not_read);
	tcase_add_test(tc, test_exec_output_bounded);
	tcase_add_test(tc, test_exec_timeout_kills_group);
	tcase_add_test(tc, test_exec_not_found);
	tcase_add_test(tc, test_root_open);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(session_suite)
