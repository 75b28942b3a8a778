/* check_utf8.c — UTF-8 validation and the three repairs (plain, XML, terminal). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sbuf.h"
#include "sl_check.h"
#include "utf8.h"

#define R	"\xef\xbf\xbd"		/* U+FFFD */

struct repair_case {
	const char	*in;
	size_t		 inlen;		/* 0: strlen(in) */
	int		 flags;
	const char	*out;
	int		 valid;		/* utf8_valid(in) */
};

static const struct repair_case cases[] = {
	{ "plain ascii", 0, 0, "plain ascii", 1 },
	{ "", 0, 0, "", 1 },
	{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 0, 0,
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 1 },
	{ "latin1 caf\xe9!", 0, 0, "latin1 caf" R "!", 0 },
	{ "\xff\xfe", 0, 0, R R, 0 },
	{ "cut \xc3", 0, 0, "cut " R, 0 },
	/* overlong '/' and overlong NUL: every byte is its own subpart */
	{ "\xc0\xaf", 0, 0, R R, 0 },
	{ "\xc0\x80", 0, 0, R R, 0 },
	{ "\xe0\x80\xaf", 0, 0, R R R, 0 },
	/* UTF-16 surrogate half, and above U+10FFFF */
	{ "\xed\xa0\x80", 0, 0, R R R, 0 },
	{ "\xf4\x90\x80\x80", 0, 0, R R R R, 0 },
	/* a truncated sequence is one maximal subpart: one U+FFFD */
	{ "\xe2\x82x", 0, 0, R "x", 0 },
	{ "\xf0\x9f\x98!", 0, 0, R "!", 0 },
	{ "\x80\x80", 0, 0, R R, 0 },
	{ "a\0b", 3, 0, "a" R "b", 0 },
	/* plain repair keeps controls; the XML variant does not */
	{ "a\x01" "b\x1b", 0, 0, "a\x01" "b\x1b", 1 },
	{ "a\x01" "b\x1b" "c\x7f", 0, UTF8_XML, "a" R "b" R "c\x7f", 1 },
	{ "tab\tlf\ncr\r", 0, UTF8_XML, "tab\tlf\ncr\r", 1 },
	{ "\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd", 0, UTF8_XML, R R R, 1 },
	{ "]]> <&'\"", 0, UTF8_XML, "]]> <&'\"", 1 },
	{ "\xff\x01", 0, UTF8_XML, R R, 0 },
	/* terminal: visible escapes, nothing a terminal acts on */
	{ "\x1b[31mred\x1b[0m", 0, UTF8_TERM, "\\x1b[31mred\\x1b[0m", 1 },
	{ "a\tb\nc\r", 0, UTF8_TERM, "a\\tb\\nc\\r", 1 },
	{ "bad\xff\xc3", 0, UTF8_TERM, "bad\\xff\\xc3", 0 },
	{ "csi\xc2\x9b" "2J", 0, UTF8_TERM, "csi\\u009b2J", 1 },
	{ "evil\xe2\x80\xae" "gpj.exe", 0, UTF8_TERM,
	    "evil\\u202egpj.exe", 1 },
	{ "del\x7f", 0, UTF8_TERM, "del\\x7f", 1 },
	{ "caf\xc3\xa9 \\x41", 0, UTF8_TERM, "caf\xc3\xa9 \\x41", 1 },
	{ "n\0ul", 4, UTF8_TERM, "n" R "ul", 0 },
};

START_TEST(test_repair_table)
{
	const struct repair_case *c = &cases[_i];
	size_t len = c->inlen != 0 ? c->inlen : strlen(c->in);
	struct sbuf b;

	sbuf_init(&b, 0);
	ck_assert_int_eq(utf8_repair_buf(&b, c->in, len, c->flags), SL_OK);
	ck_assert_msg(b.len == strlen(c->out) &&
	    memcmp(b.data, c->out, b.len) == 0,
	    "case %d: got \"%s\", want \"%s\"", _i, b.data, c->out);
	ck_assert_int_eq(utf8_valid(c->in, len), c->valid);
	ck_assert_int_eq(utf8_valid(b.data, b.len), 1);
	if (c->flags & UTF8_XML)
		ck_assert_int_eq(utf8_valid_xml(b.data, b.len), 1);
	sbuf_cleanup(&b);
}
END_TEST

START_TEST(test_alloc_variants)
{
	size_t len = 99;
	char *s;

	ck_assert_ptr_null(utf8_repair(NULL, 0, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert_ptr_null(utf8_term(NULL));

	s = utf8_repair("a\xffz", 3, &len);
	ck_assert_str_eq(s, "a" R "z");
	ck_assert_uint_eq(len, 5);
	free(s);

	s = utf8_repair_xml("\x02x\x1f", 3, NULL);
	ck_assert_str_eq(s, R "x" R);
	free(s);

	s = utf8_term("\x1b]0;title\x07");
	ck_assert_str_eq(s, "\\x1b]0;title\\x07");
	free(s);
}
END_TEST

START_TEST(test_valid_xml)
{
	ck_assert_int_eq(utf8_valid_xml("ok\t\n", 4), 1);
	ck_assert_int_eq(utf8_valid_xml("\x0b", 1), 0);
	ck_assert_int_eq(utf8_valid_xml("\xef\xbf\xbe", 3), 0);
	ck_assert_int_eq(utf8_valid_xml("\xf4\x8f\xbf\xbf", 4), 1);
	ck_assert_int_eq(utf8_valid_xml("\xed\x9f\xbf", 3), 1);	/* U+D7FF */
	ck_assert_int_eq(utf8_valid_xml("\xee\x80\x80", 3), 1);	/* U+E000 */
	ck_assert_int_eq(utf8_valid_xml("\0", 1), 0);
}
END_TEST

/* xorshift: a fixed sequence, so a failure reproduces. */
static uint32_t
next_rand(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

START_TEST(test_random_bytes)
{
	uint32_t seed = 0x2545f491u;
	unsigned char in[64];
	struct sbuf b;
	size_t i, n, k;
	int round;

	sbuf_init(&b, 0);
	for (round = 0; round < 20000; round++) {
		n = next_rand(&seed) % sizeof(in);
		for (i = 0; i < n; i++) {
			/* favour bytes around the interesting boundaries */
			uint32_t r = next_rand(&seed);

			in[i] = (r & 0x100) ? (unsigned char)(0x80 | (r & 0x7f)) :
			    (unsigned char)r;
		}
		sbuf_reset(&b);
		ck_assert_int_eq(utf8_repair_buf(&b, (char *)in, n, 0), SL_OK);
		ck_assert_int_eq(utf8_valid(b.data, b.len), 1);
		if (utf8_valid((char *)in, n))
			ck_assert(b.len == n && memcmp(b.data, in, n) == 0);

		sbuf_reset(&b);
		ck_assert_int_eq(utf8_repair_buf(&b, (char *)in, n, UTF8_XML),
		    SL_OK);
		ck_assert_int_eq(utf8_valid_xml(b.data, b.len), 1);

		sbuf_reset(&b);
		ck_assert_int_eq(utf8_repair_buf(&b, (char *)in, n, UTF8_TERM),
		    SL_OK);
		ck_assert_int_eq(utf8_valid(b.data, b.len), 1);
		for (k = 0; k < b.len; k++)
			ck_assert((unsigned char)b.data[k] >= 0x20 &&
			    b.data[k] != 0x7f);
	}
	sbuf_cleanup(&b);
}
END_TEST

START_TEST(test_bounded)
{
	struct sbuf b;

	sbuf_init(&b, 4);
	ck_assert_int_eq(utf8_repair_buf(&b, "\xff\xff", 2, 0),
	    SL_ERR_TOO_LARGE);
	ck_assert_uint_le(b.len, 4);
	sbuf_cleanup(&b);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");

	tcase_add_loop_test(tc, test_repair_table, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_alloc_variants);
	tcase_add_test(tc, test_valid_xml);
	tcase_add_test(tc, test_random_bytes);
	tcase_add_test(tc, test_bounded);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(utf8_suite)
