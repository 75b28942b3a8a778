/*
 * check_become.c — become.c: the password from SYNOLINT_BECOME_PASSWORD
 * (taken out of the environment, checked, empty = none), and the reason
 * picked out of a failed sudo's stderr (stderr texts of the real sudo
 * 1.9, as the lab's fake NAS boxes print them).
 */
#include <stdlib.h>
#include <string.h>

#include "become.h"
#include "err.h"
#include "sl_check.h"

static char *
msg(const char *err)
{
	return become_sudo_message(err, strlen(err));
}

START_TEST(test_sudo_reason_after_warnings)
{
	char *m = msg("sudo: unable to resolve host nas2: Name or service not "
	    "known\nSorry, try again.\nSorry, try again.\nsudo: 3 incorrect "
	    "password attempts\n");

	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m, "sudo: 3 incorrect password attempts");
	free(m);
}
END_TEST

START_TEST(test_sudo_needs_password_hint)
{
	char *m = msg("sudo: unable to resolve host nas2: Name or service not "
	    "known\nsudo: a password is required\n");

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(strstr(m, "sudo: a password is required ("));
	ck_assert_ptr_nonnull(strstr(m, BECOME_ENV));
	free(m);
}
END_TEST

START_TEST(test_sudo_silent_or_other)
{
	char *m;

	ck_assert_ptr_null(become_sudo_message(NULL, 0));
	ck_assert_ptr_null(msg(""));
	ck_assert_ptr_null(msg("sh: 1: cannot open /x: No such file\n"));
	ck_assert_ptr_null(msg("sudo: "));	/* a prefix, no message */
	ck_assert_ptr_null(msg("pseudo: not sudo\n"));
	/* the last line, without a newline, control characters masked */
	m = msg("x\nsudo: sorry, you must have a tty\033[2J to run sudo");
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m, "sudo: sorry, you must have a tty?[2J to run sudo");
	free(m);
}
END_TEST

START_TEST(test_sudo_message_bounded)
{
	char big[1000], *m;

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big, "sudo: ", 6);
	m = msg(big);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(strlen(m), 200);
	free(m);
}
END_TEST

START_TEST(test_password_from_env)
{
	char *pw = NULL;

	ck_assert_int_eq(setenv(BECOME_ENV, "s3cret pass", 1), 0);
	ck_assert_int_eq(become_password_get(&pw), SL_OK);
	ck_assert_ptr_nonnull(pw);
	ck_assert_str_eq(pw, "s3cret pass");
	/* gone from the environment: no child process sees it */
	ck_assert_ptr_null(getenv(BECOME_ENV));
	become_free(pw);

	ck_assert_int_eq(setenv(BECOME_ENV, "", 1), 0);
	ck_assert_int_eq(become_password_get(&pw), SL_OK);
	ck_assert_ptr_null(pw);		/* empty: sudo -n */

	ck_assert_int_eq(setenv(BECOME_ENV, "two\nlines", 1), 0);
	ck_assert_int_eq(become_password_get(&pw), SL_ERR_USAGE);
	ck_assert_ptr_null(pw);
	ck_assert_ptr_null(getenv(BECOME_ENV));
	become_free(NULL);
}
END_TEST

static Suite *
become_suite(void)
{
	Suite *s = suite_create("become");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sudo_reason_after_warnings);
	tcase_add_test(tc, test_sudo_needs_password_hint);
	tcase_add_test(tc, test_sudo_silent_or_other);
	tcase_add_test(tc, test_sudo_message_bounded);
	tcase_add_test(tc, test_password_from_env);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(become_suite)
