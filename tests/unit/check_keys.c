/*
 * check_keys.c — keys.h against the real thing: keys generated with
 * ssh-keygen in a temp dir (every type and size this ssh-keygen makes,
 * certificates, PEM/PKCS#8, encrypted or not), fingerprint lines compared
 * byte for byte with `ssh-keygen -lf`, security-key blobs built by hand
 * (PROTOCOL.u2f), authorized_keys option forms and one test per diagnostic,
 * and private key headers as the collector sends them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "bundle.h"
#include "collector.h"
#include "diag.h"
#include "err.h"
#include "keys.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "session.h"
#include "sl_check.h"
#include "xmalloc.h"

#define KEYGEN	"/usr/bin/ssh-keygen"

static char *tmp;

static void
setup(void)
{
	tmp = sl_mkdtemp();
	ck_assert_ptr_nonnull(tmp);
}

static void
teardown(void)
{
	sl_rmtree(tmp);
	free(tmp);
	tmp = NULL;
}

/* ---- helpers ---------------------------------------------------------- */

/* Runs argv without a shell; returns the exit status, stdout in *outp. */
static int
run(const char *const argv[], char **outp)
{
	struct sbuf out;
	struct exec_result res = { &out, NULL, 0 };

	sbuf_init(&out, 1 << 20);
	ck_assert_int_eq(session_local_exec(argv, NULL, 120, &res), SL_OK);
	if (outp != NULL)
		*outp = sbuf_steal(&out, NULL);
	sbuf_cleanup(&out);
	return res.status;
}

static char *
path(const char *name)
{
	return xprintf("%s/%s", tmp, name);
}

/* ssh-keygen -t type [-b bits] -N pass [-m fmt] -C comment -f tmp/name */
static void
keygen(const char *name, const char *type, const char *bits,
    const char *pass, const char *fmt, const char *comment)
{
	char *p = path(name);
	const char *argv[16];
	int i = 0;

	argv[i++] = KEYGEN;
	argv[i++] = "-q";
	argv[i++] = "-t";
	argv[i++] = type;
	if (bits != NULL) {
		argv[i++] = "-b";
		argv[i++] = bits;
	}
	argv[i++] = "-N";
	argv[i++] = pass;
	argv[i++] = "-C";
	argv[i++] = comment;
	if (fmt != NULL) {
		argv[i++] = "-m";
		argv[i++] = fmt;
	}
	argv[i++] = "-f";
	argv[i++] = p;
	argv[i] = NULL;
	ck_assert_int_eq(run(argv, NULL), 0);
	free(p);
}

/* `ssh-keygen -lf tmp/name`, without the newline. */
static char *
keygen_lf(const char *name)
{
	char *p = path(name), *out = NULL;
	const char *argv[] = { KEYGEN, "-lf", p, NULL };
	size_t n;

	ck_assert_int_eq(run(argv, &out), 0);
	n = strlen(out);
	ck_assert_msg(n > 0 && out[n - 1] == '\n' &&
	    strchr(out, '\n') == out + n - 1, "one line: %s", out);
	out[n - 1] = '\0';
	free(p);
	return out;
}

static char *
slurp(const char *name)
{
	char *p = path(name), *data = sl_read_file(p, NULL);

	ck_assert_msg(data != NULL, "read %s", p);
	free(p);
	return data;
}

static void
spit(const char *name, const char *data)
{
	char *p = path(name);
	FILE *fp = fopen(p, "w");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fputs(data, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
	free(p);
}

/* The fingerprint line of the single key line in data. */
static char *
our_fp_line(const char *data, struct pubkey **copyp)
{
	struct authkeys *ak = NULL;
	struct diag d;
	char *line;

	diag_init(&d);
	ck_assert_int_eq(authkeys_parse("t.pub", data, strlen(data), &ak, &d),
	    0);
	ck_assert_msg(d.n == 0, "diag: %s", d.n ? d.v[0].msg : "");
	ck_assert_uint_eq(ak->n, 1);
	ck_assert_int_eq(ak->v[0].status, AK_OK);
	line = pubkey_fp_line(ak->v[0].key, ak->v[0].comment);
	if (copyp != NULL) {
		*copyp = ak->v[0].key;
		ak->v[0].key = NULL;
	}
	authkeys_free(ak);
	diag_cleanup(&d);
	return line;
}

/* Our line for tmp/name must equal ssh-keygen's, byte for byte. */
static void
assert_same_fp(const char *name)
{
	char *data = slurp(name), *theirs = keygen_lf(name);
	char *ours = our_fp_line(data, NULL);

	ck_assert_str_eq(ours, theirs);
	free(data);
	free(theirs);
	free(ours);
}

/* Blob builder for hand-made keys. */
static void
b_u32(struct sbuf *b, uint32_t v)
{
	char x[4] = { (char)(v >> 24), (char)(v >> 16), (char)(v >> 8),
	    (char)v };

	ck_assert_int_eq(sbuf_put(b, x, 4), 0);
}

static void
b_u64(struct sbuf *b, uint64_t v)
{
	b_u32(b, (uint32_t)(v >> 32));
	b_u32(b, (uint32_t)v);
}

static void
b_str(struct sbuf *b, const void *p, size_t len)
{
	b_u32(b, (uint32_t)len);
	ck_assert_int_eq(sbuf_put(b, p, len), 0);
}

static void
b_cstr(struct sbuf *b, const char *s)
{
	b_str(b, s, strlen(s));
}

static char *
b64(const void *p, size_t len)
{
	char *out = xmalloc(4 * ((len + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, p, (int)len);
	return out;
}

/* Decodes the blob of the first line of a .pub text. */
static uint8_t *
pub_blob(const char *text, size_t *lenp)
{
	const char *b = strchr(text, ' ') + 1;
	size_t n = strcspn(b, " \n");
	uint8_t *blob;

	ck_assert_int_eq(keys_b64_decode(b, n, SL_MAX_KEY_BLOB, &blob, lenp),
	    0);
	return blob;
}

/* ---- fingerprints of generated keys ---------------------------------- */

struct kspec {
	const char	*type;
	const char	*bits;
	const char	*label;
	unsigned int	 nbits;
};

static const struct kspec kspecs[] = {
	{ "ed25519", NULL, "ED25519", 256 },
	{ "ecdsa", "256", "ECDSA", 256 },
	{ "ecdsa", "384", "ECDSA", 384 },
	{ "ecdsa", "521", "ECDSA", 521 },
	{ "rsa", "1024", "RSA", 1024 },
	{ "rsa", "2048", "RSA", 2048 },
	{ "rsa", "3072", "RSA", 3072 },
	{ "rsa", "4096", "RSA", 4096 },
	{ "dsa", NULL, "DSA", 1024 },
};

START_TEST(test_fp_generated)
{
	const struct kspec *k = &kspecs[_i];
	struct pubkey *key = NULL;
	char *data, *ours, *theirs, *nc, *sp;

	keygen("k", k->type, k->bits, "", NULL, "user@host");
	assert_same_fp("k.pub");
	data = slurp("k.pub");
	ours = our_fp_line(data, &key);
	ck_assert_str_eq(key->type->label, k->label);
	ck_assert_uint_eq(key->bits, k->nbits);
	ck_assert_ptr_null(key->cert);
	ck_assert_int_eq(strncmp(key->fp, "SHA256:", 7), 0);
	ck_assert_uint_eq(strlen(key->fp), 50);
	free(ours);
	pubkey_free(key);
	/* the same key without a comment: "no comment" */
	sp = strchr(strchr(data, ' ') + 1, ' ');
	ck_assert_ptr_nonnull(sp);
	nc = xprintf("%.*s\n", (int)(sp - data), data);
	spit("nc.pub", nc);
	assert_same_fp("nc.pub");
	theirs = keygen_lf("nc.pub");
	ck_assert_ptr_nonnull(strstr(theirs, " no comment ("));
	free(theirs);
	free(nc);
	free(data);
}
END_TEST

/* Encrypted or not, PEM or PKCS#8: the .pub is the same kind of line. */
START_TEST(test_fp_formats)
{
	keygen("a", "rsa", "2048", "secret-pass", "PEM", "pem key");
	assert_same_fp("a.pub");
	keygen("b", "ecdsa", "384", "", "PKCS8", "p8 key");
	assert_same_fp("b.pub");
	keygen("c", "ed25519", NULL, "secret-pass", NULL, "a comment with spaces");
	assert_same_fp("c.pub");
}
END_TEST

static void
sign(const char *ca, const char *pub, const char *opt)
{
	char *cap = path(ca), *pp = path(pub);
	const char *argv[] = { KEYGEN, "-q", "-s", cap, "-I", "key id 7",
	    "-n", "alice,bob", "-V", "20240101000000Z:20300101000000Z",
	    "-z", "42", "-O", opt, pp, NULL };

	ck_assert_int_eq(run(argv, NULL), 0);
	free(cap);
	free(pp);
}

START_TEST(test_fp_cert)
{
	static const struct { const char *type, *bits, *label; } users[] = {
		{ "ed25519", NULL, "ED25519-CERT" },
		{ "ecdsa", "384", "ECDSA-CERT" },
		{ "rsa", "2048", "RSA-CERT" },
		{ "dsa", NULL, "DSA-CERT" },
	};
	struct pubkey *key = NULL, *plain = NULL, *cakey = NULL;
	char *data, *line, *cadata;
	size_t i;

	keygen("ca", "ed25519", NULL, "", NULL, "ca");
	keygen("rca", "rsa", "2048", "", NULL, "rsa ca");
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		const char *ca = i % 2 ? "rca" : "ca";
		char *u = xprintf("u%zu", i), *upub = xprintf("%s.pub", u);
		char *ucert = xprintf("%s-cert.pub", u);

		keygen(u, users[i].type, users[i].bits, "", NULL, "u@h");
		sign(ca, upub, "force-command=/bin/true");
		assert_same_fp(ucert);
		data = slurp(ucert);
		line = our_fp_line(data, &key);
		free(line);
		free(data);
		data = slurp(upub);
		free(u);
		free(upub);
		free(ucert);
		line = our_fp_line(data, &plain);
		free(line);
		free(data);
		cadata = xprintf("%s.pub", ca);
		data = slurp(cadata);
		line = our_fp_line(data, &cakey);
		free(cadata);
		free(line);
		free(data);

		ck_assert_str_eq(key->type->label, users[i].label);
		ck_assert_str_eq(key->fp, plain->fp);	/* of the plain key */
		ck_assert_uint_eq(key->bits, plain->bits);
		ck_assert_ptr_nonnull(key->cert);
		ck_assert_uint_eq(key->cert->type, 1);
		ck_assert_uint_eq(key->cert->serial, 42);
		ck_assert_str_eq(key->cert->key_id, "key id 7");
		ck_assert_uint_eq(key->cert->principals.n, 2);
		ck_assert_str_eq(key->cert->principals.v[0], "alice");
		ck_assert_str_eq(key->cert->principals.v[1], "bob");
		ck_assert_uint_eq(key->cert->valid_after, 1704067200u);
		ck_assert_uint_eq(key->cert->valid_before, 1893456000u);
		ck_assert_uint_eq(key->cert->critical.n, 1);
		ck_assert_str_eq(key->cert->critical.v[0], "force-command");
		ck_assert_int_ge(strv_find(&key->cert->extensions,
		    "permit-pty"), 0);
		ck_assert_ptr_eq(key->cert->ca_type, cakey->type);
		ck_assert_uint_eq(key->cert->ca_bits, cakey->bits);
		ck_assert_str_eq(key->cert->ca_fp, cakey->fp);
		pubkey_free(key);
		pubkey_free(plain);
		pubkey_free(cakey);
	}
}
END_TEST

/* sk keys cannot be generated here: build the blobs (PROTOCOL.u2f). */
START_TEST(test_fp_sk)
{
	struct sbuf b;
	uint8_t pk[32], *ecblob;
	const uint8_t *q;
	size_t eclen, off, n, i;
	char *enc, *text, *ecpub;
	struct pubkey *key = NULL;

	for (i = 0; i < sizeof(pk); i++)
		pk[i] = (uint8_t)(i * 7 + 3);
	sbuf_init(&b, 0);
	b_cstr(&b, "sk-ssh-ed25519@openssh.com");
	b_str(&b, pk, sizeof(pk));
	b_cstr(&b, "ssh:");
	enc = b64(b.data, b.len);
	text = xprintf("sk-ssh-ed25519@openssh.com %s yubi@desk\n", enc);
	spit("sk1.pub", text);
	assert_same_fp("sk1.pub");
	free(our_fp_line(text, &key));
	ck_assert_str_eq(key->type->label, "ED25519-SK");
	ck_assert_str_eq(key->application, "ssh:");
	pubkey_free(key);
	free(text);
	free(enc);

	/* an sk-ecdsa key needs a real P-256 point: borrow one */
	keygen("ec", "ecdsa", "256", "", NULL, "x");
	ecpub = slurp("ec.pub");
	ecblob = pub_blob(ecpub, &eclen);
	off = 4 + 19 + 4 + 8;			/* type, curve */
	n = (size_t)ecblob[off] << 24 | (size_t)ecblob[off + 1] << 16 |
	    (size_t)ecblob[off + 2] << 8 | ecblob[off + 3];
	ck_assert_uint_eq(n, 65);
	q = ecblob + off + 4;
	sbuf_reset(&b);
	b_cstr(&b, "sk-ecdsa-sha2-nistp256@openssh.com");
	b_cstr(&b, "nistp256");
	b_str(&b, q, n);
	b_cstr(&b, "ssh:synolint");
	enc = b64(b.data, b.len);
	text = xprintf("sk-ecdsa-sha2-nistp256@openssh.com %s\n", enc);
	spit("sk2.pub", text);
	assert_same_fp("sk2.pub");
	free(our_fp_line(text, &key));
	ck_assert_str_eq(key->type->label, "ECDSA-SK");
	ck_assert_uint_eq(key->bits, 256);
	ck_assert_str_eq(key->application, "ssh:synolint");
	pubkey_free(key);
	free(text);
	free(enc);
	free(ecblob);
	free(ecpub);
	sbuf_cleanup(&b);
}
END_TEST

/* ---- blob errors ------------------------------------------------------ */

static enum key_status
blob_status(const struct sbuf *b, const struct keytype *want)
{
	struct pubkey *k = NULL;
	struct key_why why;
	int r;

	r = pubkey_from_blob((const uint8_t *)b->data, b->len, want, &k, &why);
	if (r == 0) {
		pubkey_free(k);
		return KEY_OK;
	}
	ck_assert_ptr_null(k);
	ck_assert_ptr_nonnull(why.msg);
	return why.status;
}

static void
ed_blob(struct sbuf *b, const char *type, size_t pklen)
{
	uint8_t pk[64];

	memset(pk, 0x5a, sizeof(pk));
	sbuf_reset(b);
	b_cstr(b, type);
	b_str(b, pk, pklen);
}

START_TEST(test_blob_errors)
{
	struct sbuf b, t;
	const struct keytype *ed = keytype_by_name("ssh-ed25519", 11);
	const struct keytype *rsa = keytype_by_name("ssh-rsa", 7);
	uint8_t n[97];
	size_t i;

	ck_assert_ptr_nonnull(ed);
	ck_assert_ptr_nonnull(rsa);
	sbuf_init(&b, 0);
	sbuf_init(&t, 0);
	ed_blob(&b, "ssh-ed25519", 32);
	ck_assert_int_eq(blob_status(&b, ed), KEY_OK);
	ck_assert_int_eq(blob_status(&b, NULL), KEY_OK);
	ck_assert_int_eq(blob_status(&b, rsa), KEY_TYPE_MISMATCH);
	/* every truncation is KEY_TRUNCATED, never a crash */
	for (i = 0; i < b.len; i++) {
		sbuf_reset(&t);
		(void)sbuf_put(&t, b.data, i);
		ck_assert_int_eq(blob_status(&t, NULL), KEY_TRUNCATED);
	}
	(void)sbuf_putc(&b, 'x');
	ck_assert_int_eq(blob_status(&b, NULL), KEY_INVALID);	/* trailing */
	ed_blob(&b, "ssh-ed25519", 31);
	ck_assert_int_eq(blob_status(&b, NULL), KEY_INVALID);
	ed_blob(&b, "ssh-ed448", 32);
	ck_assert_int_eq(blob_status(&b, NULL), KEY_UNKNOWN_TYPE);
	/* ECDSA: curve inside must match the type */
	sbuf_reset(&b);
	b_cstr(&b, "ecdsa-sha2-nistp256");
	b_cstr(&b, "nistp384");
	b_str(&b, n, 65);
	ck_assert_int_eq(blob_status(&b, NULL), KEY_TYPE_MISMATCH);
	/* a point not on the curve */
	memset(n, 0x11, sizeof(n));
	n[0] = 4;
	sbuf_reset(&b);
	b_cstr(&b, "ecdsa-sha2-nistp256");
	b_cstr(&b, "nistp256");
	b_str(&b, n, 65);
	ck_assert_int_eq(blob_status(&b, NULL), KEY_INVALID);
	/* RSA under 1024 bits, negative modulus, leading zeros */
	memset(n, 0xc3, sizeof(n));
	n[0] = 0;
	sbuf_reset(&b);
	b_cstr(&b, "ssh-rsa");
	b_str(&b, "\x01\x00\x01", 3);
	b_str(&b, n, 97);				/* 768 bits */
	ck_assert_int_eq(blob_status(&b, NULL), KEY_TOO_SMALL);
	sbuf_reset(&b);
	b_cstr(&b, "ssh-rsa");
	b_str(&b, "\x01\x00\x01", 3);
	b_str(&b, n + 1, 96);				/* top bit set */
	ck_assert_int_eq(blob_status(&b, NULL), KEY_INVALID);
	/* an empty blob, a huge length */
	sbuf_reset(&b);
	ck_assert_int_eq(blob_status(&b, NULL), KEY_TRUNCATED);
	b_u32(&b, 0xffffffffu);
	ck_assert_int_eq(blob_status(&b, NULL), KEY_TRUNCATED);
	sbuf_cleanup(&b);
	sbuf_cleanup(&t);
}
END_TEST

/* A certificate whose CA is itself a certificate, a bad cert type. */
START_TEST(test_blob_cert_errors)
{
	struct sbuf b, ca;
	uint8_t pk[32];
	uint32_t ctype;
	int nested;

	memset(pk, 7, sizeof(pk));
	sbuf_init(&b, 0);
	sbuf_init(&ca, 0);
	for (nested = 0; nested < 2; nested++) {
		for (ctype = 0; ctype < 4; ctype++) {
			sbuf_reset(&ca);
			if (nested) {
				b_cstr(&ca, "ssh-ed25519-cert-v01@openssh.com");
				b_cstr(&ca, "nonce");
			} else
				b_cstr(&ca, "ssh-ed25519");
			b_str(&ca, pk, 32);
			sbuf_reset(&b);
			b_cstr(&b, "ssh-ed25519-cert-v01@openssh.com");
			b_cstr(&b, "nonce");
			b_str(&b, pk, 32);
			b_u64(&b, 1);
			b_u32(&b, ctype);
			b_cstr(&b, "id");
			b_str(&b, "\0\0\0\x01x", 5);	/* principal "x" */
			b_u64(&b, 0);
			b_u64(&b, UINT64_MAX);
			b_str(&b, "", 0);
			b_str(&b, "", 0);
			b_str(&b, "", 0);
			b_str(&b, ca.data, ca.len);
			b_cstr(&b, "signature");
			ck_assert_int_eq(blob_status(&b, NULL),
			    !nested && (ctype == 1 || ctype == 2) ? KEY_OK :
			    KEY_INVALID);
		}
	}
	sbuf_cleanup(&b);
	sbuf_cleanup(&ca);
}
END_TEST

START_TEST(test_b64)
{
	static const struct { const char *in; int ok; const char *out; } c[] = {
		{ "", 1, "" },
		{ "Zm9v", 1, "foo" },
		{ "Zm8=", 1, "fo" },
		{ "Zg==", 1, "f" },
		{ "Zm 9v\r", 1, "foo" },
		{ "Zg= =", 1, "f" },
		{ "Zg=", 0, NULL },		/* missing pad */
		{ "Zg", 0, NULL },		/* no padding */
		{ "Zh==", 0, NULL },		/* stray bits */
		{ "Zm9=", 0, NULL },		/* stray bits */
		{ "Zg==Zg==", 0, NULL },	/* data after padding */
		{ "Z===", 0, NULL },
		{ "Zm9v!", 0, NULL },
		{ "=", 0, NULL },
	};
	uint8_t *out;
	size_t i, n;
	int r;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		r = keys_b64_decode(c[i].in, strlen(c[i].in), 100, &out, &n);
		ck_assert_msg((r == 0) == c[i].ok, "case %zu \"%s\"", i,
		    c[i].in);
		if (r == 0) {
			ck_assert_uint_eq(n, strlen(c[i].out));
			ck_assert_int_eq(memcmp(out, c[i].out, n), 0);
			free(out);
		} else
			ck_assert_ptr_null(out);
	}
	ck_assert_int_eq(keys_b64_decode("Zm9vZm9v", 8, 5, &out, &n),
	    SL_ERR_TOO_LARGE);
}
END_TEST

/* ---- authorized_keys --------------------------------------------------- */

/* "ssh-ed25519 BASE64" of a fixed key (pk bytes from seed); caller frees. */
static char *
ed_key(int seed)
{
	struct sbuf b;
	uint8_t pk[32];
	char *enc, *s;

	memset(pk, seed, sizeof(pk));
	sbuf_init(&b, 0);
	b_cstr(&b, "ssh-ed25519");
	b_str(&b, pk, sizeof(pk));
	enc = b64(b.data, b.len);
	s = xprintf("ssh-ed25519 %s", enc);
	free(enc);
	sbuf_cleanup(&b);
	return s;
}

static struct authkeys *
ak_parse(const char *text, struct diag *d)
{
	struct authkeys *ak = NULL;

	diag_init(d);
	ck_assert_int_eq(authkeys_parse("/home/a/.ssh/authorized_keys", text,
	    strlen(text), &ak, d), 0);
	ck_assert_ptr_nonnull(ak);
	return ak;
}

/* One line "OPTS KEY COMMENT" that must parse; caller frees. */
static struct authkeys *
ak_one(const char *opts, const char *comment)
{
	struct authkeys *ak;
	struct diag d;
	char *key = ed_key(1), *text;

	text = xprintf("%s%s%s%s%s\n", opts ? opts : "", opts ? " " : "", key,
	    comment ? " " : "", comment ? comment : "");
	ak = ak_parse(text, &d);
	ck_assert_msg(d.n == 0, "%s: %s", text, d.n ? d.v[0].msg : "");
	ck_assert_uint_eq(ak->n, 1);
	ck_assert_int_eq(ak->v[0].status, AK_OK);
	ck_assert_uint_eq(ak->nok, 1);
	ck_assert_ptr_nonnull(ak->v[0].key);
	diag_cleanup(&d);
	free(text);
	free(key);
	return ak;
}

START_TEST(test_ak_every_option)
{
	static const char *const names[] = { "restrict", "from", "command",
		"no-pty", "pty", "permitopen", "permitopen", "permitlisten",
		"permitlisten", "environment", "expiry-time", "principals",
		"cert-authority", "no-touch-required", "verify-required",
		"tunnel", "no-user-rc", "user-rc", "no-port-forwarding",
		"port-forwarding", "no-agent-forwarding", "agent-forwarding",
		"no-x11-forwarding", "x11-forwarding" };
	struct authkeys *ak;
	const struct authkey_opts *o;
	size_t i;

	ak = ak_one("restrict,from=\"10.0.0.0/8,!10.0.0.1,host.example\","
	    "command=\"echo \\\"hi, there\\\" now\",no-pty,pty,"
	    "permitopen=\"host.example:22\",permitopen=\"[::1]:80\","
	    "permitlisten=\"8080\",permitlisten=\"localhost:*\","
	    "environment=\"FOO_1=bar baz, qux\",expiry-time=\"20300101\","
	    "principals=\"alice,bob\",cert-authority,no-touch-required,"
	    "verify-required,tunnel=\"5\",no-user-rc,user-rc,"
	    "no-port-forwarding,port-forwarding,no-agent-forwarding,"
	    "agent-forwarding,no-X11-forwarding,X11-forwarding",
	    "the comment");
	o = &ak->v[0].opts;
	ck_assert_uint_eq(o->restricted, 1);
	ck_assert_uint_eq(o->permit_pty, 1);
	ck_assert_uint_eq(o->permit_port_forwarding, 1);
	ck_assert_uint_eq(o->permit_agent_forwarding, 1);
	ck_assert_uint_eq(o->permit_x11_forwarding, 1);
	ck_assert_uint_eq(o->permit_user_rc, 1);
	ck_assert_str_eq(o->from, "10.0.0.0/8,!10.0.0.1,host.example");
	ck_assert_str_eq(o->command, "echo \"hi, there\" now");
	ck_assert_uint_eq(o->permitopen.n, 2);
	ck_assert_str_eq(o->permitopen.v[0], "host.example:22");
	ck_assert_str_eq(o->permitopen.v[1], "[::1]:80");
	ck_assert_uint_eq(o->permitlisten.n, 2);
	ck_assert_str_eq(o->permitlisten.v[0], "*:8080");
	ck_assert_str_eq(o->permitlisten.v[1], "localhost:*");
	ck_assert_uint_eq(o->environment.n, 1);
	ck_assert_str_eq(o->environment.v[0], "FOO_1=bar baz, qux");
	ck_assert_uint_eq(o->expiry, 1893456000u);
	ck_assert_uint_eq(o->expiry_utc, 0);
	ck_assert_str_eq(o->principals, "alice,bob");
	ck_assert_uint_eq(o->cert_authority, 1);
	ck_assert_uint_eq(o->no_touch_required, 1);
	ck_assert_uint_eq(o->verify_required, 1);
	ck_assert_int_eq(o->tunnel, 5);
	ck_assert_uint_eq(o->names.n, sizeof(names) / sizeof(names[0]));
	for (i = 0; i < o->names.n; i++)
		ck_assert_str_eq(o->names.v[i], names[i]);
	ck_assert_str_eq(ak->v[0].comment, "the comment");
	ck_assert_str_eq(ak->v[0].type_name, "ssh-ed25519");
	ck_assert_ptr_nonnull(ak->v[0].options);
	authkeys_free(ak);
}
END_TEST

START_TEST(test_ak_restrict_order)
{
	static const struct {
		const char	*opts;
		unsigned int	 pty, port, agent, x11, rc;
	} c[] = {
		{ NULL, 1, 1, 1, 1, 1 },
		{ "restrict", 0, 0, 0, 0, 0 },
		{ "restrict,pty", 1, 0, 0, 0, 0 },
		{ "pty,restrict", 0, 0, 0, 0, 0 },
		{ "restrict,port-forwarding,user-rc", 0, 1, 0, 0, 1 },
		{ "no-pty,no-port-forwarding", 0, 0, 1, 1, 1 },
		{ "no-agent-forwarding,no-x11-forwarding,no-user-rc", 1, 1, 0,
		    0, 0 },
		{ "restrict,", 0, 0, 0, 0, 0 },	/* sshd: comma before space */
		{ ",no-pty", 0, 1, 1, 1, 1 },		/* sshd: empty option */
	};
	struct authkeys *ak;
	const struct authkey_opts *o;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ak = ak_one(c[i].opts, NULL);
		o = &ak->v[0].opts;
		ck_assert_msg(o->permit_pty == c[i].pty &&
		    o->permit_port_forwarding == c[i].port &&
		    o->permit_agent_forwarding == c[i].agent &&
		    o->permit_x11_forwarding == c[i].x11 &&
		    o->permit_user_rc == c[i].rc, "case %zu", i);
		ck_assert_ptr_null(ak->v[0].comment);
		if (c[i].opts == NULL)
			ck_assert_ptr_null(ak->v[0].options);
		authkeys_free(ak);
	}
}
END_TEST

START_TEST(test_ak_case_and_quotes)
{
	struct authkeys *ak;
	const struct authkey_opts *o;

	ak = ak_one("NO-PTY,Restrict,COMMAND=\"a,b c\",From=\"x\","
	    "PermitOpen=\"h:1\",Tunnel=\"ANY\",Expiry-Time=\"20300101123045Z\"",
	    "c");
	o = &ak->v[0].opts;
	ck_assert_uint_eq(o->restricted, 1);
	ck_assert_str_eq(o->command, "a,b c");
	ck_assert_str_eq(o->from, "x");
	ck_assert_int_eq(o->tunnel, AK_TUN_ANY);
	ck_assert_uint_eq(o->expiry, 1893456000u + 12 * 3600 + 30 * 60 + 45);
	ck_assert_uint_eq(o->expiry_utc, 1);
	ck_assert_str_eq(o->names.v[0], "no-pty");
	ck_assert_str_eq(o->names.v[2], "command");
	authkeys_free(ak);
	/* backslash without a quote stays; \" is a quote */
	ak = ak_one("command=\"a\\b \\\"q\\\"\"", NULL);
	ck_assert_str_eq(ak->v[0].opts.command, "a\\b \"q\"");
	authkeys_free(ak);
	/* the earliest expiry-time wins; UTC suffix */
	ak = ak_one("expiry-time=\"20300101UTC\",expiry-time=\"202912312359\"",
	    NULL);
	ck_assert_uint_eq(ak->v[0].opts.expiry, 1893456000u - 60);
	ck_assert_uint_eq(ak->v[0].opts.expiry_utc, 0);
	authkeys_free(ak);
}
END_TEST

struct bad_case {
	const char		*line;	/* "%K" stands for a valid key */
	enum authkey_status	 status;
	const char		*msg;	/* part of the diag text */
};

static const struct bad_case bad_cases[] = {
	{ "command=\"oops %K", AK_BAD_QUOTE, "unterminated quote" },
	{ "no-such-option %K", AK_BAD_OPTION, "unknown key option" },
	{ "restrictx %K", AK_BAD_OPTION, "unknown key option" },
	{ "no-cert-authority %K", AK_BAD_OPTION, "unknown key option" },
	{ "no-restrict %K", AK_BAD_OPTION, "unknown key option" },
	{ "command=true %K", AK_BAD_OPTION, "missing start quote" },
	{ "command=\"a\",command=\"b\" %K", AK_BAD_OPTION, "multiple" },
	{ "from=\"a\",FROM=\"b\" %K", AK_BAD_OPTION, "multiple" },
	{ "principals=\"a\",principals=\"b\" %K", AK_BAD_OPTION, "multiple" },
	{ "permitopen=\"host\" %K", AK_BAD_OPTION, "invalid permission port" },
	{ "permitopen=\"host:0\" %K", AK_BAD_OPTION, "port" },
	{ "permitopen=\"host:65536\" %K", AK_BAD_OPTION, "port" },
	{ "permitopen=\"[::1\" %K", AK_BAD_OPTION, "hostname" },
	{ "permitlisten=\"x:y\" %K", AK_BAD_OPTION, "port" },
	{ "environment=\"NOEQUALS\" %K", AK_BAD_OPTION, "environment" },
	{ "environment=\"BAD-NAME=x\" %K", AK_BAD_OPTION, "environment" },
	{ "expiry-time=\"2030010\" %K", AK_BAD_OPTION, "expires time" },
	{ "expiry-time=\"20301301\" %K", AK_BAD_OPTION, "expires time" },
	{ "expiry-time=\"19700101Z\" %K", AK_BAD_OPTION, "expires time" },
	{ "expiry-time=\"2030-101\" %K", AK_BAD_OPTION, "expires time" },
	{ "tunnel=\"x\" %K", AK_BAD_OPTION, "tun device" },
	{ "tunnel=\"2147483647\" %K", AK_BAD_OPTION, "tun device" },
	{ "ssh-ed25519 !!!notbase64 c", AK_BAD_BASE64, "base64" },
	{ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE c", AK_BAD_BASE64, "base64" },
	{ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 c", AK_BAD_BLOB, "truncated" },
	{ "ssh-foo AAAA c", AK_UNKNOWN_TYPE, "ssh-foo" },
	{ "restrict ssh-foo AAAA", AK_UNKNOWN_TYPE, "ssh-foo" },
	{ "ssh-ed25519", AK_NO_KEY, "without key data" },
	{ "restrict,pty", AK_NO_KEY, "without a key" },
	{ "ssh-rsa %B", AK_TYPE_MISMATCH, "differs" },
	{ "ssh-ed25519 %T", AK_BAD_BLOB, "truncated" },
};

/* Expands %K (valid ed25519 key line), %B (its base64), %T (truncated). */
static char *
expand(const char *tmpl)
{
	struct sbuf b;
	char *key = ed_key(2), *blob = strchr(key, ' ') + 1, *tr;
	uint8_t *raw;
	size_t n;
	const char *p;

	ck_assert_int_eq(keys_b64_decode(blob, strlen(blob), 100, &raw, &n),
	    0);
	tr = b64(raw, n - 3);
	sbuf_init(&b, 0);
	for (p = tmpl; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'K')
			(void)sbuf_puts(&b, key);
		else if (p[0] == '%' && p[1] == 'B')
			(void)sbuf_puts(&b, blob);
		else if (p[0] == '%' && p[1] == 'T')
			(void)sbuf_puts(&b, tr);
		else {
			(void)sbuf_putc(&b, *p);
			continue;
		}
		p++;
	}
	free(tr);
	free(raw);
	free(key);
	return sbuf_steal(&b, NULL);
}

/* One test per diagnostic: the bad line is line 4, between good lines. */
START_TEST(test_ak_bad_line)
{
	const struct bad_case *c = &bad_cases[_i];
	struct authkeys *ak;
	struct diag d;
	char *good = ed_key(3), *bad = expand(c->line), *text;

	text = xprintf("# keys\n\n%s first\n%s\n  %s last", good, bad, good);
	ak = ak_parse(text, &d);
	ck_assert_uint_eq(ak->n, 3);
	ck_assert_uint_eq(ak->nok, 2);
	ck_assert_uint_eq(ak->v[0].line, 3);
	ck_assert_uint_eq(ak->v[1].line, 4);
	ck_assert_uint_eq(ak->v[2].line, 5);
	ck_assert_int_eq(ak->v[0].status, AK_OK);
	ck_assert_int_eq(ak->v[2].status, AK_OK);
	ck_assert_msg(ak->v[1].status == c->status, "\"%s\": status %s, "
	    "want %s", bad, authkey_status_str(ak->v[1].status),
	    authkey_status_str(c->status));
	ck_assert_uint_eq(d.n, 1);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_uint_eq(d.v[0].line, 4);
	ck_assert_str_eq(d.v[0].file, "/home/a/.ssh/authorized_keys");
	ck_assert_msg(strstr(d.v[0].msg, c->msg) != NULL, "\"%s\": diag "
	    "\"%s\" lacks \"%s\"", bad, d.v[0].msg, c->msg);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "sshd ignores this line"));
	ck_assert_ptr_null(strchr(d.v[0].msg, '\n'));
	authkeys_free(ak);
	diag_cleanup(&d);
	free(text);
	free(bad);
	free(good);
}
END_TEST

START_TEST(test_ak_small_rsa)
{
	struct authkeys *ak;
	struct diag d;
	struct sbuf b;
	uint8_t n[97];
	char *enc, *text;

	memset(n, 0xc3, sizeof(n));
	n[0] = 0;
	sbuf_init(&b, 0);
	b_cstr(&b, "ssh-rsa");
	b_str(&b, "\x01\x00\x01", 3);
	b_str(&b, n, sizeof(n));
	enc = b64(b.data, b.len);
	text = xprintf("ssh-rsa %s old\n", enc);
	ak = ak_parse(text, &d);
	ck_assert_int_eq(ak->v[0].status, AK_KEY_TOO_SMALL);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "768 bits"));
	ck_assert_uint_eq(d.v[0].line, 1);
	/* ssh-keygen agrees: it is not a key */
	spit("small.pub", text);
	{
		char *p = path("small.pub");
		const char *argv[] = { KEYGEN, "-lf", p, NULL };

		ck_assert_int_ne(run(argv, NULL), 0);
		free(p);
	}
	authkeys_free(ak);
	diag_cleanup(&d);
	sbuf_cleanup(&b);
	free(enc);
	free(text);
}
END_TEST

START_TEST(test_ak_file_shape)
{
	struct authkeys *ak;
	struct diag d;
	char *k = ed_key(4), *text, *big;
	struct sbuf b;

	/* CRLF, tabs, comments, a NUL byte, no final newline */
	text = xprintf("\r\n#c\r\n\t%s crlf\r\n%s\tx\n", k, k);
	ak = ak_parse(text, &d);
	ck_assert_uint_eq(ak->n, 2);
	ck_assert_uint_eq(ak->nok, 2);
	ck_assert_str_eq(ak->v[0].comment, "crlf");
	ck_assert_uint_eq(ak->v[0].line, 3);
	ck_assert_str_eq(ak->v[1].comment, "x");
	ck_assert_uint_eq(d.n, 0);
	authkeys_free(ak);
	diag_cleanup(&d);
	free(text);

	sbuf_init(&b, 0);
	(void)sbuf_puts(&b, k);
	(void)sbuf_put(&b, " a\0b\n", 5);
	(void)sbuf_puts(&b, k);
	diag_init(&d);
	ck_assert_int_eq(authkeys_parse("f", b.data, b.len, &ak, &d), 0);
	ck_assert_uint_eq(ak->n, 2);
	ck_assert_uint_eq(ak->nok, 2);
	ck_assert_str_eq(ak->v[0].comment, "a");
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].level, DIAG_WARNING);
	ck_assert_uint_eq(d.v[0].line, 1);
	authkeys_free(ak);
	diag_cleanup(&d);

	/* a line over the bound */
	big = xmalloc(SL_MAX_AUTHKEYS_LINE + 2);
	memset(big, 'a', SL_MAX_AUTHKEYS_LINE + 1);
	big[SL_MAX_AUTHKEYS_LINE + 1] = '\0';
	text = xprintf("%s\n%s\n", k, big);
	ak = ak_parse(text, &d);
	ck_assert_int_eq(ak->v[1].status, AK_TOO_LONG);
	ck_assert_uint_eq(d.v[0].line, 2);
	authkeys_free(ak);
	diag_cleanup(&d);
	free(text);
	free(big);

	/*
	 * more lines than the bound: the file still parses, its last line
	 * says AK_TOO_MANY (a finding, never a silently dropped file)
	 */
	sbuf_reset(&b);
	for (size_t i = 0; i <= SL_MAX_AUTHKEYS + 5; i++)
		(void)sbuf_puts(&b, "x\n");
	diag_init(&d);
	ck_assert_int_eq(authkeys_parse("f", b.data, b.len, &ak, &d), 0);
	ck_assert_ptr_nonnull(ak);
	ck_assert_uint_eq(ak->n, SL_MAX_AUTHKEYS + 1);
	ck_assert_int_eq(ak->v[SL_MAX_AUTHKEYS].status, AK_TOO_MANY);
	ck_assert_uint_eq(ak->v[SL_MAX_AUTHKEYS].line, SL_MAX_AUTHKEYS + 1);
	ck_assert_uint_eq(d.nerrors, SL_MAX_AUTHKEYS + 1);
	ck_assert_uint_eq(d.v[d.n - 1].line, SL_MAX_AUTHKEYS + 1);
	authkeys_free(ak);
	diag_cleanup(&d);
	sbuf_cleanup(&b);
	free(k);
}
END_TEST

/* ---- private key headers --------------------------------------------- */

struct pspec {
	const char		*type;
	const char		*bits;
	const char		*pass;
	const char		*fmt;
	enum privkey_format	 format;
	const char		*label;		/* NULL: unknown from a header */
	int			 encrypted;
	const char		*cipher;
};

static const struct pspec pspecs[] = {
	{ "ed25519", NULL, "", NULL, PK_OPENSSH, "ED25519", 0, "none" },
	{ "ed25519", NULL, "secret-pass", NULL, PK_OPENSSH, "ED25519", 1,
	    "aes256-ctr" },
	{ "ecdsa", "521", "", NULL, PK_OPENSSH, "ECDSA", 0, "none" },
	{ "rsa", "2048", "secret-pass", NULL, PK_OPENSSH, "RSA", 1,
	    "aes256-ctr" },
	{ "dsa", NULL, "", NULL, PK_OPENSSH, "DSA", 0, "none" },
	{ "rsa", "2048", "", "PEM", PK_PEM, "RSA", 0, "" },
	{ "rsa", "2048", "secret-pass", "PEM", PK_PEM, "RSA", 1,
	    "AES-128-CBC" },
	{ "ecdsa", "256", "", "PEM", PK_PEM, "ECDSA", 0, "" },
	{ "ecdsa", "384", "secret-pass", "PEM", PK_PEM, "ECDSA", 1,
	    "AES-128-CBC" },
	{ "dsa", NULL, "", "PEM", PK_PEM, "DSA", 0, "" },
	{ "rsa", "2048", "", "PKCS8", PK_PKCS8, NULL, 0, "" },
	{ "rsa", "2048", "secret-pass", "PKCS8", PK_PKCS8_ENCRYPTED, NULL, 1,
	    "" },
	{ "ecdsa", "384", "", "PKCS8", PK_PKCS8, NULL, 0, "" },
};

static void
assert_priv(const struct pspec *ps, const struct privkey_info *pi,
    int from_header)
{
	ck_assert_msg(pi->format == ps->format, "%s %s: format %s",
	    ps->type, ps->fmt ? ps->fmt : "openssh",
	    privkey_format_str(pi->format));
	ck_assert_int_eq(pi->encrypted, ps->encrypted);
	ck_assert_str_eq(pi->cipher, ps->cipher);
	if (ps->format == PK_OPENSSH)
		ck_assert_str_eq(pi->kdf, ps->encrypted ? "bcrypt" : "none");
	if (ps->label == NULL || (from_header && ps->format == PK_OPENSSH))
		ck_assert_ptr_null(pi->type);
	else {
		ck_assert_ptr_nonnull(pi->type);
		ck_assert_str_eq(pi->type, ps->label);
	}
}

/* The whole key file: format, type, encryption. */
START_TEST(test_priv_file)
{
	const struct pspec *ps = &pspecs[_i];
	struct privkey_info pi;
	const char *why;
	char *data;

	keygen("k", ps->type, ps->bits, ps->pass, ps->fmt, "c");
	data = slurp("k");
	ck_assert_int_eq(privkey_classify(data, strlen(data), &pi, &why), 0);
	assert_priv(ps, &pi, 0);
	free(data);
}
END_TEST

static void
mkdir_in(const char *rel, mode_t mode)
{
	char *p = path(rel);

	ck_assert_int_eq(mkdir(p, mode), 0);
	free(p);
}

/*
 * What the collector sends: the real embedded collector runs on a root
 * tree holding every key of pspecs, and each file record is classified.
 */
START_TEST(test_priv_collector)
{
	struct session_opts o = { 120, NULL };
	struct session *sess = NULL;
	struct bundle *bun = NULL;
	const struct bundle_rec *rec;
	struct privkey_info pi;
	struct diag d;
	struct sbuf out;
	const char *why;
	char *name, *host;
	size_t i;

	mkdir_in("etc", 0755);
	mkdir_in("home", 0755);
	mkdir_in("home/alice", 0755);
	mkdir_in("home/alice/.ssh", 0700);
	spit("etc/passwd", "alice:x:1026:100::/home/alice:/bin/sh\n");
	for (i = 0; i < sizeof(pspecs) / sizeof(pspecs[0]); i++) {
		name = xprintf("home/alice/.ssh/id_%zu", i);
		keygen(name, pspecs[i].type, pspecs[i].bits, pspecs[i].pass,
		    pspecs[i].fmt, "c");
		free(name);
	}
	diag_init(&d);
	ck_assert_int_eq(session_root_open(tmp, &o, &sess, &d), SL_OK);
	sbuf_init(&out, 0);
	ck_assert_int_eq(collector_run(sess, NULL, &out, &d), SL_OK);
	ck_assert_int_eq(bundle_parse(out.data, out.len, "t.bundle", &bun, &d),
	    SL_OK);
	for (i = 0; i < sizeof(pspecs) / sizeof(pspecs[0]); i++) {
		host = xprintf("/home/alice/.ssh/id_%zu", i);
		rec = bundle_find(bun, REC_FILE, host);
		ck_assert_msg(rec != NULL, "no file record for %s", host);
		/* never key material: only header lines */
		ck_assert_uint_lt(rec->len, 200);
		ck_assert_int_eq(privkey_classify(rec->data, rec->len, &pi,
		    &why), 0);
		assert_priv(&pspecs[i], &pi, 1);
		free(host);
	}
	bundle_free(bun);
	session_free(sess);
	sbuf_cleanup(&out);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_priv_edge)
{
	static const struct {
		const char		*text;
		int			 rc;
		enum privkey_format	 format;
		int			 encrypted;
	} c[] = {
		{ "", SL_ERR_PARSE, PK_UNKNOWN, -1 },
		{ "x\n", SL_ERR_PARSE, PK_UNKNOWN, -1 },
		{ "-----BEGIN SSH2 ENCRYPTED PRIVATE KEY-----\n", SL_ERR_PARSE,
		    PK_UNKNOWN, -1 },
		{ "-----BEGIN OPENSSH PRIVATE KEY-----\n", 0, PK_OPENSSH, -1 },
		{ "-----BEGIN OPENSSH PRIVATE KEY-----\r\nFormat: unknown\r\n",
		    SL_ERR_PARSE, PK_UNKNOWN, -1 },
		{ "-----BEGIN OPENSSH PRIVATE KEY-----\nFormat: openssh-key-v1\n"
		    "Cipher: ?\n", 0, PK_OPENSSH, -1 },
		{ "-----BEGIN OPENSSH PRIVATE KEY-----\nFormat: openssh-key-v1\n"
		    "Cipher: aes128-gcm@openssh.com\nKDF: bcrypt\n", 0,
		    PK_OPENSSH, 1 },
		{ "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n",
		    0, PK_OPENSSH, -1 },
		{ "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n", SL_ERR_PARSE,
		    PK_UNKNOWN, -1 },
		{ "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
		    "DEK-Info: DES-EDE3-CBC,00", 0, PK_PEM, 1 },
		{ "-----BEGIN EC PRIVATE KEY-----", 0, PK_PEM, 0 },
	};
	struct privkey_info pi;
	const char *why;
	size_t i;
	int r;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		r = privkey_classify(c[i].text, strlen(c[i].text), &pi, &why);
		ck_assert_msg(r == c[i].rc, "case %zu: rc %d", i, r);
		ck_assert_msg(pi.format == c[i].format, "case %zu: %s", i,
		    privkey_format_str(pi.format));
		ck_assert_int_eq(pi.encrypted, c[i].encrypted);
		if (r != 0)
			ck_assert_ptr_nonnull(why);
	}
	r = privkey_classify(c[9].text, strlen(c[9].text), &pi, &why);
	ck_assert_str_eq(pi.cipher, "DES-EDE3-CBC");
	ck_assert_str_eq(pi.type, "RSA");
}
END_TEST

/*
 * authorized_keys may be a symlink to /etc/shadow or a file of secrets:
 * the reason for a bad line never quotes what is not a key type name.
 */
START_TEST(test_ak_no_secret_in_why)
{
	static const char *const lines[] = {
		"root:$6$saltsalt$SECRETHASH:19000:0:99999:7:::",
		"DB_PASSWORD=SECRETVALUE",
		"SECRETTOKEN0123456789abcdef",
		"SECRETWORD and more words",
		"restrict SECRETWORD AAAA",
	};
	struct authkeys *ak;
	struct diag d;
	size_t i, k;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		ak = ak_parse(lines[i], &d);
		ck_assert_uint_eq(ak->n, 1);
		ck_assert_int_ne(ak->v[0].status, AK_OK);
		ck_assert_ptr_null(strstr(ak->v[0].why, "SECRET"));
		for (k = 0; k < d.n; k++)
			ck_assert_ptr_null(strstr(d.v[k].msg, "SECRET"));
		authkeys_free(ak);
		diag_cleanup(&d);
	}
	/* a mistyped key type is still quoted */
	ak = ak_parse("ssh-ed2519 AAAA c", &d);
	ck_assert_ptr_nonnull(strstr(ak->v[0].why, "\"ssh-ed2519\""));
	authkeys_free(ak);
	diag_cleanup(&d);
}
END_TEST

/* The blob prefix alone, cut at every length: never more than it holds. */
START_TEST(test_priv_blob_prefix)
{
	struct sbuf b;
	struct privkey_info pi;
	const char *why;
	size_t i;
	int r;

	sbuf_init(&b, 0);
	(void)sbuf_put(&b, "openssh-key-v1", 15);
	b_cstr(&b, "chacha20-poly1305@openssh.com");
	b_cstr(&b, "bcrypt");
	b_str(&b, "0123456789abcdef0123", 20);
	b_u32(&b, 1);
	b_u32(&b, 51);
	b_cstr(&b, "ssh-ed25519");
	for (i = 0; i <= b.len; i++) {
		r = privkey_openssh_blob((const uint8_t *)b.data, i, &pi, &why);
		if (i < 15) {
			ck_assert_int_eq(r, SL_ERR_PARSE);
			continue;
		}
		ck_assert_int_eq(r, 0);
		ck_assert_int_eq(pi.format, PK_OPENSSH);
		ck_assert_int_eq(pi.encrypted, i >= 15 + 4 + 29 ? 1 : -1);
		if (i == b.len)
			ck_assert_str_eq(pi.type, "ED25519");
		else
			ck_assert_ptr_null(pi.type);
	}
	ck_assert_str_eq(pi.kdf, "bcrypt");
	sbuf_cleanup(&b);
}
END_TEST

static Suite *
keys_suite(void)
{
	Suite *s = suite_create("keys");
	TCase *tc;

	tc = tcase_create("fingerprint");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_fp_generated, 0,
	    (int)(sizeof(kspecs) / sizeof(kspecs[0])));
	tcase_add_test(tc, test_fp_formats);
	tcase_add_test(tc, test_fp_cert);
	tcase_add_test(tc, test_fp_sk);
	suite_add_tcase(s, tc);

	tc = tcase_create("blob");
	tcase_add_test(tc, test_blob_errors);
	tcase_add_test(tc, test_blob_cert_errors);
	tcase_add_test(tc, test_b64);
	suite_add_tcase(s, tc);

	tc = tcase_create("authorized_keys");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_ak_every_option);
	tcase_add_test(tc, test_ak_restrict_order);
	tcase_add_test(tc, test_ak_case_and_quotes);
	tcase_add_loop_test(tc, test_ak_bad_line, 0,
	    (int)(sizeof(bad_cases) / sizeof(bad_cases[0])));
	tcase_add_test(tc, test_ak_small_rsa);
	tcase_add_test(tc, test_ak_file_shape);
	tcase_add_test(tc, test_ak_no_secret_in_why);
	suite_add_tcase(s, tc);

	tc = tcase_create("private");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_priv_file, 0,
	    (int)(sizeof(pspecs) / sizeof(pspecs[0])));
	tcase_add_test(tc, test_priv_collector);
	tcase_add_test(tc, test_priv_edge);
	tcase_add_test(tc, test_priv_blob_prefix);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(keys_suite)
