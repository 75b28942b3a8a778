/* check_bundle.c — bundle parser, builder and writer: round trips, the
 * fixture bundles, and a table of hostile inputs that must each fail with
 * one located diag (and every prefix of a valid bundle must fail). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "diag.h"
#include "err.h"
#include "sl_limits.h"
#include "sl_check.h"
#include "xmalloc.h"

/* Serialises b into a malloc'ed buffer. */
static char *
write_mem(const struct bundle *b, size_t *lenp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(bundle_write(fp, b), 0);
	ck_assert_int_eq(fclose(fp), 0);
	*lenp = len;
	return buf;
}

static struct bundle *
sample_bundle(void)
{
	struct bundle *b = bundle_new();
	static const char bin[] = "a\0b\nc\n\n";

	ck_assert_int_eq(bundle_set_meta(b, "collector_version", "1"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "hostname", "nas1"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "session", "ssh"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "uid", "0"), 0);
	ck_assert_int_eq(bundle_add_stat(b, "/", 'd', 0755, 0, 0, 4096, 0), 0);
	ck_assert_int_eq(bundle_add_stat(b, "/var/services/homes", 'l', 0777,
	    0, 0, 14, -1), 0);
	ck_assert_int_eq(bundle_add_link(b, "/var/services/homes",
	    "/volume1/homes"), 0);
	ck_assert_int_eq(bundle_add_stat(b, "/volume1/homes/a b", 'd', 02775,
	    1026, 100, 4096, 1), 0);
	ck_assert_int_eq(bundle_add_nostat(b, "/root/.ssh", "EACCES"), 0);
	ck_assert_int_eq(bundle_add_file(b, "/etc/passwd",
	    "root:x:0:0::/root:/bin/sh\n", 26, 0), 0);
	ck_assert_int_eq(bundle_add_file(b, "/bin.dat", bin, sizeof(bin) - 1,
	    1), 0);
	ck_assert_int_eq(bundle_add_file(b, "/empty", "", 0, 0), 0);
	ck_assert_int_eq(bundle_add_nofile(b, "/etc/shadow", "EACCES"), 0);
	ck_assert_int_eq(bundle_add_cmd(b, "sshd -V", 1,
	    "OpenSSH_9.2p1, OpenSSL 3.0\n", 27), 0);
	ck_assert_int_eq(bundle_add_cmd(b, "id -u", -1, NULL, 0), 0);
	ck_assert_int_eq(bundle_add_skip(b, "limit", "/volume1/x\\y"), 0);
	ck_assert_int_eq(bundle_add_stat(b, "/big", 'f', 0, 4294967295UL,
	    4294967295UL, 9223372036854775807LL, -1), 0);
	return b;
}

START_TEST(test_round_trip)
{
	struct bundle *b = sample_bundle(), *b2 = NULL;
	const struct bundle_rec *r;
	struct diag d;
	char *w1, *w2;
	size_t l1, l2;

	diag_init(&d);
	w1 = write_mem(b, &l1);
	ck_assert_int_eq(bundle_parse(w1, l1, "rt.bundle", &b2, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	w2 = write_mem(b2, &l2);
	ck_assert_uint_eq(l1, l2);
	ck_assert_int_eq(memcmp(w1, w2, l1), 0);
	ck_assert_uint_eq(bundle_count(b2), bundle_count(b));
	ck_assert_str_eq(bundle_name(b2), "rt.bundle");
	ck_assert_int_eq(bundle_version(b2), 1);
	ck_assert_str_eq(bundle_meta(b2, "hostname"), "nas1");
	ck_assert_ptr_null(bundle_meta(b2, "time"));

	r = bundle_find(b2, REC_STAT, "/volume1/homes/a b");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->mode, 02775);
	ck_assert_uint_eq(r->uid, 1026);
	ck_assert_uint_eq(r->gid, 100);
	ck_assert_int_eq(r->acl, 1);
	ck_assert_int_eq(r->type, 'd');
	r = bundle_find(b2, REC_STAT, "/big");
	ck_assert_uint_eq(r->uid, 4294967295UL);
	ck_assert(r->size == 9223372036854775807LL);
	ck_assert_int_eq(r->acl, -1);
	r = bundle_find(b2, REC_LINK, "/var/services/homes");
	ck_assert_str_eq(r->value, "/volume1/homes");
	r = bundle_find(b2, REC_FILE, "/bin.dat");
	ck_assert_uint_eq(r->len, 7);
	ck_assert_int_eq(memcmp(r->data, "a\0b\nc\n\n", 8), 0);
	ck_assert_int_eq(r->truncated, 1);
	r = bundle_find(b2, REC_FILE, "/empty");
	ck_assert_uint_eq(r->len, 0);
	ck_assert_str_eq(r->data, "");
	/* The record after the binary file: line numbers count its LFs. */
	r = bundle_find(b2, REC_NOFILE, "/etc/shadow");
	ck_assert_str_eq(r->value, "EACCES");
	ck_assert_uint_eq(r->line, 21);
	ck_assert_str_eq(w1 + r->offset, "nofile\tEACCES\t/etc/shadow\n"
	    "cmd\t27\t1\tsshd -V\nOpenSSH_9.2p1, OpenSSL 3.0\n\n"
	    "cmd\t0\t-1\tid -u\n\nskip\tlimit\t/volume1/x\\y\n"
	    "stat\tf\t0000\t4294967295\t4294967295\t9223372036854775807\t-\t/big\n"
	    "end\t17\n");
	r = bundle_find(b2, REC_CMD, "id -u");
	ck_assert_int_eq(r->status, -1);
	ck_assert_ptr_null(bundle_find(b2, REC_STAT, "/root/.ssh"));
	ck_assert_ptr_nonnull(bundle_find(b2, REC_NOSTAT, "/root/.ssh"));
	ck_assert_ptr_null(bundle_find(b2, REC_SKIP, "/volume1/x\\y"));

	free(w1);
	free(w2);
	bundle_free(b);
	bundle_free(b2);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_iterate)
{
	struct bundle *b = sample_bundle();
	const struct bundle_rec *r;
	size_t it = 0, n = 0;

	while ((r = bundle_next(b, REC_FILE, &it)) != NULL) {
		ck_assert_int_eq(r->kind, REC_FILE);
		n++;
	}
	ck_assert_uint_eq(n, 3);
	it = 0;
	ck_assert_str_eq(bundle_next(b, REC_STAT, &it)->path, "/");
	ck_assert_str_eq(bundle_next(b, REC_STAT, &it)->path,
	    "/var/services/homes");
	ck_assert_ptr_null(bundle_rec(b, bundle_count(b)));
	ck_assert_str_eq(bundle_kind_name(REC_NOFILE), "nofile");
	bundle_free(b);
}
END_TEST

START_TEST(test_builder_rejects)
{
	struct bundle *b = bundle_new();

	ck_assert_int_eq(bundle_add_stat(b, "rel", 'f', 0644, 0, 0, 0, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a\tb", 'f', 0644, 0, 0, 0, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a\nb", 'f', 0644, 0, 0, 0, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a\r", 'f', 0644, 0, 0, 0, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a", 'f', 010000, 0, 0, 0, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a", 'x', 0644, 0, 0, 0, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a", '\0', 0644, 0, 0, 0, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a", 'f', 0644, 0, 0, -1, 0),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a", 'f', 0644, 0, 0, 0, 2),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_stat(b, "/a", 'f', 0644, 4294967296UL, 0,
	    0, 0), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_set_meta(b, "Hostname", "x"), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_set_meta(b, "colour", "x"), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_set_meta(b, "session", "telnet"),
	    SL_ERR_PARSE);
	ck_assert_int_eq(bundle_set_meta(b, "uid", "-1"), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_link(b, "/a", "/b"), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_nostat(b, "/a", "ENOMEM"), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_cmd(b, "x", 256, "", 0), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_cmd(b, "x", -2, "", 0), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_file(b, "/a", NULL, 3, 0), SL_ERR_USAGE);
	ck_assert_uint_eq(bundle_count(b), 0);

	ck_assert_int_eq(bundle_add_stat(b, "/a", 'f', 0644, 0, 0, 0, 0), 0);
	ck_assert_int_eq(bundle_add_nostat(b, "/a", "ENOENT"), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_link(b, "/a", "/b"), SL_ERR_PARSE);
	ck_assert_int_eq(bundle_add_file(b, "/a", "x", 1, 0), 0);
	ck_assert_int_eq(bundle_add_nofile(b, "/a", "EIO"), SL_ERR_PARSE);
	ck_assert_uint_eq(bundle_count(b), 2);

	/* set_meta replaces in place. */
	ck_assert_int_eq(bundle_set_meta(b, "hostname", "one"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "hostname", "two"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "hostname", "t\tw"),
	    SL_ERR_PARSE);
	ck_assert_uint_eq(bundle_count(b), 3);
	ck_assert_str_eq(bundle_meta(b, "hostname"), "two");
	bundle_free(b);
}
END_TEST

START_TEST(test_many_records)
{
	struct bundle *b = bundle_new(), *b2 = NULL;
	struct diag d;
	char path[64], *w;
	size_t i, len;

	diag_init(&d);
	for (i = 0; i < 5000; i++) {
		snprintf(path, sizeof(path), "/d/%zu", i);
		ck_assert_int_eq(bundle_add_stat(b, path, 'f', 0600, i, i, 0,
		    0), 0);
	}
	w = write_mem(b, &len);
	ck_assert_int_eq(bundle_parse(w, len, "many", &b2, &d), 0);
	ck_assert_uint_eq(bundle_find(b2, REC_STAT, "/d/4321")->uid, 4321);
	ck_assert_ptr_null(bundle_find(b2, REC_STAT, "/d/5000"));
	free(w);
	bundle_free(b);
	bundle_free(b2);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_every_prefix_fails)
{
	struct bundle *b = sample_bundle(), *b2 = NULL;
	struct diag d;
	char *w, *copy;
	size_t len, i;
	int r;

	w = write_mem(b, &len);
	for (i = 0; i < len; i++) {
		/* A fresh exact-size copy so ASan sees any over-read. */
		copy = xmalloc(i == 0 ? 1 : i);
		memcpy(copy, w, i);
		diag_init(&d);
		r = bundle_parse(copy, i, "p", &b2, &d);
		ck_assert_msg(r < 0, "prefix of %zu bytes parsed", i);
		ck_assert_ptr_null(b2);
		ck_assert_uint_eq(d.n, 1);
		ck_assert_uint_eq(d.nerrors, 1);
		diag_cleanup(&d);
		free(copy);
	}
	free(w);
	bundle_free(b);
}
END_TEST

START_TEST(test_diag_shape)
{
	static const char in[] = "synolint-bundle\t1\n"
	    "meta\thostname\tnas\n"
	    "file\t5\t-\t/etc/passwd\nab\ncd\n"
	    "file\t100\t-\t/etc/group\nxyz\n";
	struct bundle *b = NULL;
	struct diag d;
	char *s;

	diag_init(&d);
	ck_assert_int_eq(bundle_parse(in, sizeof(in) - 1, "nas.bundle", &b,
	    &d), SL_ERR_PARSE);
	ck_assert_uint_eq(d.n, 1);
	s = diag_format(&d.v[0]);
	ck_assert_str_eq(s, "nas.bundle:6: error: truncated file record for "
	    "/etc/group (byte offset 63)");
	free(s);
	diag_cleanup(&d);
}
END_TEST

struct hostile {
	const char	*what;
	const char	*in;		/* NULL: use bin/binlen */
	int		 rc;
	const char	*msg;		/* substring of the diag */
	unsigned int	 line;
};

#define H	"synolint-bundle\t1\n"
#define ST	"stat\tf\t0644\t0\t0\t0\t0\t"
static const struct hostile hostile[] = {
	{ "empty", "", SL_ERR_PARSE, "empty bundle", 1 },
	{ "bad magic", "synolint-bundel\t1\nend\t0\n", SL_ERR_PARSE,
	    "not a synolint bundle", 1 },
	{ "no magic LF", "hello", SL_ERR_PARSE, "not a synolint bundle", 1 },
	{ "version 2", "synolint-bundle\t2\nend\t0\n", SL_ERR_UNSUPPORTED,
	    "unsupported bundle version 2", 1 },
	{ "version 0", "synolint-bundle\t0\nend\t0\n", SL_ERR_UNSUPPORTED,
	    "unsupported bundle version 0", 1 },
	{ "version 01", "synolint-bundle\t01\nend\t0\n", SL_ERR_PARSE,
	    "bad bundle version", 1 },
	{ "version -1", "synolint-bundle\t-1\nend\t0\n", SL_ERR_PARSE,
	    "bad bundle version", 1 },
	{ "version huge", "synolint-bundle\t99999999999999999999999\n",
	    SL_ERR_PARSE, "bad bundle version", 1 },
	{ "CRLF magic", "synolint-bundle\t1\r\nend\t0\r\n", SL_ERR_PARSE,
	    "CRLF", 1 },
	{ "CRLF record", H "meta\thostname\tnas\r\nend\t1\n", SL_ERR_PARSE,
	    "CRLF", 2 },
	{ "missing end", H "meta\thostname\tnas\n", SL_ERR_PARSE,
	    "no end record", 3 },
	{ "end without LF", H "end\t0", SL_ERR_PARSE, "without LF", 2 },
	{ "end count", H "meta\thostname\tnas\nend\t2\n", SL_ERR_PARSE,
	    "bad end record", 3 },
	{ "end bare", H "end\n", SL_ERR_PARSE, "bad end record", 2 },
	{ "end sign", H "end\t+0\n", SL_ERR_PARSE, "bad end record", 2 },
	{ "trailing garbage", H "end\t0\nx", SL_ERR_PARSE,
	    "data after the end record", 3 },
	{ "trailing LF", H "end\t0\n\n", SL_ERR_PARSE,
	    "data after the end record", 3 },
	{ "two ends", H "end\t0\nend\t0\n", SL_ERR_PARSE,
	    "data after the end record", 3 },
	{ "unknown kind", H "chmod\t0777\t/\nend\t1\n", SL_ERR_PARSE,
	    "unknown record kind \"chmod\"", 2 },
	{ "empty line", H "\nend\t0\n", SL_ERR_PARSE, "unknown record kind", 2 },
	{ "unknown meta", H "meta\tcolour\tblue\nend\t1\n", SL_ERR_PARSE,
	    "unknown meta key", 2 },
	{ "bad meta key", H "meta\tHost Name\tx\nend\t1\n", SL_ERR_PARSE,
	    "bad meta key", 2 },
	{ "bad session", H "meta\tsession\tftp\nend\t1\n", SL_ERR_PARSE,
	    "bad meta session", 2 },
	{ "dup meta", H "meta\thostname\ta\nmeta\thostname\tb\nend\t2\n",
	    SL_ERR_PARSE, "duplicate meta record for hostname (first at line 2)",
	    3 },
	{ "too few fields", H "stat\tf\t0644\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "needs 7 fields", 2 },
	{ "too many fields", H "meta\thostname\ta\tb\nend\t1\n", SL_ERR_PARSE,
	    "found more", 2 },
	{ "bad type", H "stat\tx\t0644\t0\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad stat type", 2 },
	{ "mode 8", H "stat\tf\t0648\t0\t0\t0\t0\t/x\nend\t1\n", SL_ERR_PARSE,
	    "bad mode", 2 },
	{ "mode big", H "stat\tf\t17777\t0\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad mode", 2 },
	{ "mode long", H "stat\tf\t000644\t0\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad mode", 2 },
	{ "mode empty", H "stat\tf\t\t0\t0\t0\t0\t/x\nend\t1\n", SL_ERR_PARSE,
	    "bad mode", 2 },
	{ "uid negative", H "stat\tf\t0644\t-1\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad uid \"-1\"", 2 },
	{ "uid plus", H "stat\tf\t0644\t+1\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad uid", 2 },
	{ "uid space", H "stat\tf\t0644\t 1\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad uid", 2 },
	{ "uid zero pad", H "stat\tf\t0644\t01\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad uid", 2 },
	{ "uid 2^32", H "stat\tf\t0644\t4294967296\t0\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad uid", 2 },
	{ "gid hex", H "stat\tf\t0644\t0\t0x10\t0\t0\t/x\nend\t1\n",
	    SL_ERR_PARSE, "bad gid", 2 },
	{ "size 2^63", H "stat\tf\t0644\t0\t0\t9223372036854775808\t0\t/x\n"
	    "end\t1\n", SL_ERR_PARSE, "bad size", 2 },
	{ "size 2^64", H "stat\tf\t0644\t0\t0\t18446744073709551616\t0\t/x\n"
	    "end\t1\n", SL_ERR_PARSE, "bad size", 2 },
	{ "bad acl", H "stat\tf\t0644\t0\t0\t0\t+\t/x\nend\t1\n", SL_ERR_PARSE,
	    "bad acl", 2 },
	{ "relative", H ST "etc/passwd\nend\t1\n", SL_ERR_PARSE,
	    "not an absolute path", 2 },
	{ "empty path", H ST "\nend\t1\n", SL_ERR_PARSE,
	    "not an absolute path", 2 },
	{ "tab in path", H ST "/a\tb\nend\t1\n", SL_ERR_PARSE, "found more",
	    2 },
	{ "dup stat", H ST "/x\n" ST "/x\nend\t2\n", SL_ERR_PARSE,
	    "duplicate stat record for /x", 3 },
	{ "stat+nostat", H ST "/x\nnostat\tENOENT\t/x\nend\t2\n", SL_ERR_PARSE,
	    "duplicate nostat record", 3 },
	{ "dup file", H "file\t0\t-\t/x\n\nnofile\tEIO\t/x\nend\t2\n",
	    SL_ERR_PARSE, "duplicate nofile record for /x", 4 },
	{ "dup cmd", H "cmd\t0\t0\tid -u\n\ncmd\t0\t0\tid -u\n\nend\t2\n",
	    SL_ERR_PARSE, "duplicate cmd record", 4 },
	{ "orphan link", H "link\t/x\t/y\nend\t1\n", SL_ERR_PARSE,
	    "does not follow", 2 },
	{ "link after file", H ST "/x\nlink\t/x\t/y\nend\t2\n", SL_ERR_PARSE,
	    "does not follow", 3 },
	{ "link other path", H "stat\tl\t0777\t0\t0\t1\t-\t/x\nlink\t/z\t/y\n"
	    "end\t2\n", SL_ERR_PARSE, "does not follow", 3 },
	{ "link empty", H "stat\tl\t0777\t0\t0\t1\t-\t/x\nlink\t/x\t\n"
	    "end\t2\n", SL_ERR_PARSE, "empty link target", 3 },
	{ "bad errname", H "nostat\tENOMEM\t/x\nend\t1\n", SL_ERR_PARSE,
	    "bad error name", 2 },
	{ "file len sign", H "file\t-1\t-\t/x\n\nend\t1\n", SL_ERR_PARSE,
	    "bad file length", 2 },
	{ "file len huge", H "file\t99999999999999999999\t-\t/x\n",
	    SL_ERR_PARSE, "bad file length", 2 },
	{ "file len limit", H "file\t16777217\t-\t/x\nab\n", SL_ERR_TOO_LARGE,
	    "announces 16777217 bytes", 2 },
	{ "file truncated", H "file\t10\t-\t/etc/passwd\nabc\n",
	    SL_ERR_PARSE, "truncated file record for /etc/passwd", 2 },
	{ "file exact no LF", H "file\t3\t-\t/x\nabc", SL_ERR_PARSE,
	    "truncated file record", 2 },
	{ "file no LF", H "file\t2\t-\t/x\nabc\nend\t1\n", SL_ERR_PARSE,
	    "no LF after its 2 bytes", 2 },
	{ "file flags", H "file\t0\tx\t/x\n\nend\t1\n", SL_ERR_PARSE,
	    "bad file flags", 2 },
	{ "cmd status", H "cmd\t0\t256\tid -u\n\nend\t1\n", SL_ERR_PARSE,
	    "bad exit status", 2 },
	{ "cmd status -2", H "cmd\t0\t-2\tid -u\n\nend\t1\n", SL_ERR_PARSE,
	    "bad exit status", 2 },
	{ "cmd no label", H "cmd\t0\t0\t\n\nend\t1\n", SL_ERR_PARSE,
	    "empty command label", 2 },
	{ "cmd truncated", H "cmd\t5\t0\tsshd -V\nOpen", SL_ERR_PARSE,
	    "truncated cmd record for sshd -V", 2 },
	{ "line after data", H "file\t2\t-\t/x\na\n\nbogus\n", SL_ERR_PARSE,
	    "unknown record kind", 5 },
	{ "control in diag", H "\x1b[31m\tx\n", SL_ERR_PARSE,
	    "unknown record kind \"\\x1b[31m\"", 2 },
	{ NULL, NULL, 0, NULL, 0 }
};
#undef H
#undef ST

START_TEST(test_hostile)
{
	const struct hostile *h = &hostile[_i];
	struct bundle *b = NULL;
	struct diag d;
	char *copy;
	size_t len = strlen(h->in);
	int r;

	diag_init(&d);
	copy = xmalloc(len == 0 ? 1 : len);
	memcpy(copy, h->in, len);
	r = bundle_parse(copy, len, "h.bundle", &b, &d);
	ck_assert_msg(r == h->rc, "%s: rc %d, want %d", h->what, r, h->rc);
	ck_assert_ptr_null(b);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_msg(strstr(d.v[0].msg, h->msg) != NULL,
	    "%s: diag \"%s\" lacks \"%s\"", h->what, d.v[0].msg, h->msg);
	ck_assert_msg(strstr(d.v[0].msg, "(byte offset ") != NULL,
	    "%s: no offset in \"%s\"", h->what, d.v[0].msg);
	ck_assert_msg(d.v[0].line == h->line, "%s: line %u, want %u",
	    h->what, d.v[0].line, h->line);
	ck_assert_str_eq(d.v[0].file, "h.bundle");
	free(copy);
	diag_cleanup(&d);
}
END_TEST

/* Inputs with NUL bytes, which the string table cannot hold. */
START_TEST(test_nul_in_header)
{
	static const char in1[] = "synolint-bundle\t1\nmeta\thostname\tn\0s\n"
	    "end\t1\n";
	static const char in2[] = "synolint-bundle\t1\0\nend\t0\n";
	static const char in3[] = "synolint-bundle\t1\nfile\t3\t-\t/x\na\0b\n"
	    "end\t1\n";
	struct bundle *b = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(bundle_parse(in1, sizeof(in1) - 1, "n", &b, &d),
	    SL_ERR_PARSE);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "NUL byte in record header"));
	ck_assert_int_eq(bundle_parse(in2, sizeof(in2) - 1, "n", &b, &d),
	    SL_ERR_PARSE);
	ck_assert_uint_eq(d.n, 2);
	/* NUL in file content is data, not an error. */
	ck_assert_int_eq(bundle_parse(in3, sizeof(in3) - 1, "n", &b, &d), 0);
	ck_assert_uint_eq(bundle_find(b, REC_FILE, "/x")->len, 3);
	bundle_free(b);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_long_header)
{
	struct bundle *b = NULL;
	struct diag d;
	size_t n = SL_MAX_HEADER + 100, i;
	char *in = xmalloc(n);

	diag_init(&d);
	memcpy(in, "synolint-bundle\t1\nmeta\thostname\t", 32);
	for (i = 32; i < n; i++)
		in[i] = 'a';
	ck_assert_int_eq(bundle_parse(in, n, "long", &b, &d),
	    SL_ERR_TOO_LARGE);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "record header longer"));
	/* A meta value over SL_MAX_FIELD but with its LF. */
	in[SL_MAX_FIELD + 100] = '\n';
	ck_assert_int_eq(bundle_parse(in, n, "long", &b, &d),
	    SL_ERR_TOO_LARGE);
	ck_assert_ptr_nonnull(strstr(d.v[1].msg, "meta value longer"));
	free(in);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_load_fixture)
{
	char *path = sl_fixture("bundles/dsm7-basic.bundle");
	struct bundle *b = NULL;
	struct diag d;
	const struct bundle_rec *r;

	diag_init(&d);
	ck_assert_int_eq(bundle_load_file(path, &b, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(bundle_meta(b, "hostname"), "nas1");
	r = bundle_find(b, REC_FILE, "/etc/passwd");
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_nonnull(strstr(r->data, "alice:x:1026:100:"));
	bundle_free(b);
	free(path);

	path = sl_fixture("bundles/does-not-exist.bundle");
	ck_assert_int_eq(bundle_load_file(path, &b, &d), SL_ERR_SYSTEM);
	ck_assert_ptr_null(b);
	ck_assert_uint_eq(d.n, 1);
	free(path);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_fixture_round_trip)
{
	static const char *const names[] = { "bundles/dsm7-basic.bundle",
	    "bundles/dsm6-loops.bundle", NULL };
	size_t i, len, wlen;
	struct bundle *b = NULL;
	struct diag d;
	char *path, *data, *w;

	for (i = 0; names[i] != NULL; i++) {
		diag_init(&d);
		path = sl_fixture(names[i]);
		data = sl_read_file(path, &len);
		ck_assert_ptr_nonnull(data);
		ck_assert_int_eq(bundle_parse(data, len, path, &b, &d), 0);
		w = write_mem(b, &wlen);
		ck_assert_uint_eq(wlen, len);
		ck_assert_int_eq(memcmp(w, data, len), 0);
		free(w);
		free(data);
		free(path);
		bundle_free(b);
		diag_cleanup(&d);
	}
}
END_TEST

static Suite *
bundle_suite(void)
{
	Suite *s = suite_create("bundle");
	TCase *tc = tcase_create("core");
	int n = 0;

	while (hostile[n].what != NULL)
		n++;
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_iterate);
	tcase_add_test(tc, test_builder_rejects);
	tcase_add_test(tc, test_many_records);
	tcase_add_test(tc, test_every_prefix_fails);
	tcase_add_test(tc, test_diag_shape);
	tcase_add_loop_test(tc, test_hostile, 0, n);
	tcase_add_test(tc, test_nul_in_header);
	tcase_add_test(tc, test_long_header);
	tcase_add_test(tc, test_load_fixture);
	tcase_add_test(tc, test_fixture_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(bundle_suite)
