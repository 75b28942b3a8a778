/* check_shard.c — the --shard hash (FNV-1a 64 test vectors), K/N parsing,
   and the split: disjoint, complete, stable. Also merge_detect(). */
#include <stdio.h>
#include <string.h>

#include "merge.h"
#include "shard.h"
#include "sl_check.h"

START_TEST(test_fnv1a64_vectors)
{
	/* the published FNV-1a 64 test vectors (Fowler/Noll/Vo) */
	ck_assert(shard_hash("") == 0xcbf29ce484222325ULL);
	ck_assert(shard_hash("a") == 0xaf63dc4c8601ec8cULL);
	ck_assert(shard_hash("foobar") == 0x85944171f73967e8ULL);
}
END_TEST

START_TEST(test_parse)
{
	unsigned int k, n;

	ck_assert_int_eq(shard_parse("1/1", &k, &n), 0);
	ck_assert_uint_eq(k, 1);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(shard_parse("3/12", &k, &n), 0);
	ck_assert_uint_eq(k, 3);
	ck_assert_uint_eq(n, 12);
	ck_assert_int_eq(shard_parse("1000/1000", &k, &n), 0);
	ck_assert_int_eq(shard_parse("0/3", &k, &n), -1);
	ck_assert_int_eq(shard_parse("4/3", &k, &n), -1);
	ck_assert_int_eq(shard_parse("1/1001", &k, &n), -1);
	ck_assert_int_eq(shard_parse("1/0", &k, &n), -1);
	ck_assert_int_eq(shard_parse("3", &k, &n), -1);
	ck_assert_int_eq(shard_parse("/3", &k, &n), -1);
	ck_assert_int_eq(shard_parse("1/", &k, &n), -1);
	ck_assert_int_eq(shard_parse("-1/3", &k, &n), -1);
	ck_assert_int_eq(shard_parse("+1/3", &k, &n), -1);
	ck_assert_int_eq(shard_parse("1 /3", &k, &n), -1);
	ck_assert_int_eq(shard_parse("1/3/5", &k, &n), -1);
	ck_assert_int_eq(shard_parse("99999999999/3", &k, &n), -1);
}
END_TEST

START_TEST(test_split)
{
	static const unsigned int ns[] = { 1, 2, 3, 7, 16, 100 };
	char label[64];
	size_t i, c, h, counts[100];

	for (c = 0; c < sizeof(ns) / sizeof(ns[0]); c++) {
		unsigned int n = ns[c], k;

		memset(counts, 0, sizeof(counts));
		for (h = 0; h < 1000; h++) {
			size_t owners = 0;

			snprintf(label, sizeof(label), "admin@nas%zu.example:22",
			    h);
			for (k = 1; k <= n; k++)
				if (shard_keeps(label, k, n)) {
					owners++;
					counts[k - 1]++;
				}
			ck_assert_uint_eq(owners, 1);	/* disjoint, complete */
		}
		/* roughly even: no shard of a 1000-host fleet is empty */
		for (i = 0; i < n && n <= 16; i++)
			ck_assert_uint_gt(counts[i], 0);
	}
}
END_TEST

static enum merge_kind
detect(const char *s)
{
	return merge_detect(s, strlen(s));
}

START_TEST(test_detect)
{
	ck_assert_int_eq(detect("<?xml version=\"1.0\"?><testsuites/>"),
	    MERGE_JUNIT);
	ck_assert_int_eq(detect("{\n  \"$schema\": \"x\", \"runs\": []}"),
	    MERGE_SARIF);
	ck_assert_int_eq(detect(" {\"findings\": [], \"format\": "
	    "\"synolint-report\"}"), MERGE_JSON);
	ck_assert_int_eq(detect("\xef\xbb\xbf<testsuites/>"), MERGE_JUNIT);
	ck_assert_int_eq(detect("{\"other\": 1}"), MERGE_UNKNOWN);
	ck_assert_int_eq(detect(""), MERGE_UNKNOWN);
	ck_assert_int_eq(detect("  \n"), MERGE_UNKNOWN);
	ck_assert_int_eq(detect("hello"), MERGE_UNKNOWN);
}
END_TEST

static Suite *
shard_suite(void)
{
	Suite *s = suite_create("shard");
	TCase *tc = tcase_create("shard");

	tcase_add_test(tc, test_fnv1a64_vectors);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_detect);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(shard_suite)
