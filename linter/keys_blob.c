/*
 * keys_blob.c — public key blobs: the key type table, strict base64, the
 * wire format of plain, security-key and certificate keys (RFC 4253,
 * PROTOCOL.u2f, PROTOCOL.certkeys), and the SHA256 fingerprint and bit size
 * as ssh-keygen -l prints them. SHA-256 and base64 encoding come from
 * libcrypto; so does the check that an ECDSA point is on its curve.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include "err.h"
#include "keys.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "xmalloc.h"

#define MPINT_MAX	2049	/* 16384 bits plus a sign byte, as sshbuf */
#define RSA_MIN_BITS	1024	/* SSH_RSA_MINIMUM_MODULUS_SIZE */
#define ED25519_PK	32

static const struct keytype keytypes[] = {
	{ "ssh-rsa", "ssh-rsa", "RSA", KF_RSA, NULL, 0, 0, 0 },
	{ "ssh-dss", "ssh-dss", "DSA", KF_DSA, NULL, 0, 0, 0 },
	{ "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", "ECDSA", KF_ECDSA,
	    "nistp256", 256, 0, 0 },
	{ "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384", "ECDSA", KF_ECDSA,
	    "nistp384", 384, 0, 0 },
	{ "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521", "ECDSA", KF_ECDSA,
	    "nistp521", 521, 0, 0 },
	{ "ssh-ed25519", "ssh-ed25519", "ED25519", KF_ED25519, NULL, 0, 0, 0 },
	{ "sk-ecdsa-sha2-nistp256@openssh.com",
	    "sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK", KF_ECDSA_SK,
	    "nistp256", 256, 0, 1 },
	{ "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519@openssh.com",
	    "ED25519-SK", KF_ED25519_SK, NULL, 0, 0, 1 },
	{ "ssh-rsa-cert-v01@openssh.com", "ssh-rsa", "RSA-CERT", KF_RSA,
	    NULL, 0, 1, 0 },
	{ "ssh-dss-cert-v01@openssh.com", "ssh-dss", "DSA-CERT", KF_DSA,
	    NULL, 0, 1, 0 },
	{ "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp256",
	    "ECDSA-CERT", KF_ECDSA, "nistp256", 256, 1, 0 },
	{ "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp384",
	    "ECDSA-CERT", KF_ECDSA, "nistp384", 384, 1, 0 },
	{ "ecdsa-sha2-nistp521-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
	    "ECDSA-CERT", KF_ECDSA, "nistp521", 521, 1, 0 },
	{ "ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519", "ED25519-CERT",
	    KF_ED25519, NULL, 0, 1, 0 },
	{ "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
	    "sk-ecdsa-sha2-nistp256@openssh.com", "ECDSA-SK-CERT", KF_ECDSA_SK,
	    "nistp256", 256, 1, 1 },
	{ "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com",
	    "ED25519-SK-CERT", KF_ED25519_SK, NULL, 0, 1, 1 },
};

const struct keytype *
keytype_by_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(keytypes) / sizeof(keytypes[0]); i++) {
		if (strlen(keytypes[i].name) == len &&
		    memcmp(keytypes[i].name, name, len) == 0)
			return &keytypes[i];
	}
	return NULL;
}

/* ---- base64 ---------------------------------------------------------- */

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int
b64_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

int
keys_b64_decode(const char *s, size_t len, size_t max, uint8_t **outp,
    size_t *outlenp)
{
	uint8_t *out = NULL;
	size_t i, n = 0;
	unsigned int acc = 0, state = 0;
	int r = SL_ERR_PARSE, v, pad = 0;

	*outp = NULL;
	*outlenp = 0;
	if (len / 4 * 3 > max + 3) {
		r = SL_ERR_TOO_LARGE;
		goto out;
	}
	out = xmalloc(len / 4 * 3 + 3);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (b64_space(c))
			continue;
		if (c == '=') {
			pad = 1;
			break;
		}
		if ((v = b64_value(c)) < 0)
			goto out;
		acc = (acc << 6) | (unsigned int)v;
		if (++state == 4) {
			out[n++] = (uint8_t)(acc >> 16);
			out[n++] = (uint8_t)(acc >> 8);
			out[n++] = (uint8_t)acc;
			acc = 0;
			state = 0;
		}
	}
	if (!pad) {
		if (state != 0)
			goto out;
	} else {
		/* "xx==" or "xxx=": one or two pads, then only spaces */
		if (state < 2)
			goto out;
		i++;
		if (state == 2) {
			while (i < len && b64_space((unsigned char)s[i]))
				i++;
			if (i >= len || s[i] != '=')
				goto out;
			i++;
		}
		for (; i < len; i++)
			if (!b64_space((unsigned char)s[i]))
				goto out;
		if (state == 2) {
			if ((acc & 0xf) != 0)		/* stray bits */
				goto out;
			out[n++] = (uint8_t)(acc >> 4);
		} else {
			if ((acc & 0x3) != 0)
				goto out;
			out[n++] = (uint8_t)(acc >> 10);
			out[n++] = (uint8_t)(acc >> 2);
		}
	}
	if (n > max) {
		r = SL_ERR_TOO_LARGE;
		goto out;
	}
	*outp = out;
	*outlenp = n;
	out = NULL;
	r = 0;
 out:
	free(out);
	return r;
}

/* ---- wire format ----------------------------------------------------- */

struct kcur {
	const uint8_t	*p;
	size_t		 left;
};

struct kparse {
	struct sbuf	 plain;		/* canonical plain blob, fingerprinted */
	struct key_why	*why;
};

static int
fail(struct key_why *why, enum key_status st, const char *msg)
{
	why->status = st;
	why->msg = msg;
	return st == KEY_TOO_LARGE ? SL_ERR_TOO_LARGE : SL_ERR_PARSE;
}

static int
cur_u32(struct kcur *c, uint32_t *v)
{
	if (c->left < 4)
		return -1;
	*v = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 |
	    (uint32_t)c->p[2] << 8 | c->p[3];
	c->p += 4;
	c->left -= 4;
	return 0;
}

static int
cur_u64(struct kcur *c, uint64_t *v)
{
	uint32_t hi, lo;

	if (c->left < 8)
		return -1;
	(void)cur_u32(c, &hi);
	(void)cur_u32(c, &lo);
	*v = (uint64_t)hi << 32 | lo;
	return 0;
}

static int
cur_string(struct kcur *c, const uint8_t **p, size_t *len)
{
	uint32_t n;
	struct kcur save = *c;

	if (cur_u32(c, &n) != 0 || n > c->left) {
		*c = save;
		return -1;
	}
	*p = c->p;
	*len = n;
	c->p += n;
	c->left -= n;
	return 0;
}

static void
put_u32(struct sbuf *b, uint32_t v)
{
	char x[4];

	x[0] = (char)(v >> 24);
	x[1] = (char)(v >> 16);
	x[2] = (char)(v >> 8);
	x[3] = (char)v;
	(void)sbuf_put(b, x, 4);
}

static void
put_string(struct sbuf *b, const void *p, size_t len)
{
	put_u32(b, (uint32_t)len);
	(void)sbuf_put(b, p, len);
}

/*
 * Reads an mpint the way sshbuf_get_bignum2 does (positive, at most 16384
 * bits, leading zeros dropped) and writes it back canonically, as
 * ssh-keygen re-serialises the key before hashing. *bitsp: its bit count.
 */
static int
get_mpint(struct kcur *c, struct kparse *kp, unsigned int *bitsp)
{
	const uint8_t *p;
	size_t len;
	unsigned int top, bits;

	if (cur_string(c, &p, &len) != 0)
		return fail(kp->why, KEY_TRUNCATED, "truncated number");
	if (len > 0 && (p[0] & 0x80) != 0)
		return fail(kp->why, KEY_INVALID, "negative number");
	if (len > MPINT_MAX || (len == MPINT_MAX && p[0] != 0))
		return fail(kp->why, KEY_TOO_LARGE, "number over 16384 bits");
	while (len > 0 && p[0] == 0) {
		p++;
		len--;
	}
	bits = 0;
	if (len > 0) {
		for (top = p[0]; top != 0; top >>= 1)
			bits++;
		bits += (unsigned int)(len - 1) * 8;
	}
	if (bitsp != NULL)
		*bitsp = bits;
	if (len > 0 && (p[0] & 0x80) != 0) {
		put_u32(&kp->plain, (uint32_t)len + 1);
		(void)sbuf_putc(&kp->plain, '\0');
		(void)sbuf_put(&kp->plain, p, len);
	} else
		put_string(&kp->plain, p, len);
	return 0;
}

/* A string copied into the plain blob unchanged. */
static int
get_copy(struct kcur *c, struct kparse *kp, const uint8_t **pp, size_t *lenp,
    const char *what)
{
	if (cur_string(c, pp, lenp) != 0)
		return fail(kp->why, KEY_TRUNCATED, what);
	put_string(&kp->plain, *pp, *lenp);
	return 0;
}

static int
ec_point_ok(unsigned int curve_bits, const uint8_t *p, size_t len)
{
	EC_GROUP *g = NULL;
	EC_POINT *pt = NULL;
	int nid, ok = 0;

	switch (curve_bits) {
	case 256:
		nid = NID_X9_62_prime256v1;
		break;
	case 384:
		nid = NID_secp384r1;
		break;
	default:
		nid = NID_secp521r1;
		break;
	}
	if ((g = EC_GROUP_new_by_curve_name(nid)) == NULL ||
	    (pt = EC_POINT_new(g)) == NULL)
		goto out;
	if (EC_POINT_oct2point(g, pt, p, len, NULL) == 1 &&
	    !EC_POINT_is_at_infinity(g, pt) &&
	    EC_POINT_is_on_curve(g, pt, NULL) == 1)
		ok = 1;
 out:
	EC_POINT_free(pt);
	EC_GROUP_free(g);
	return ok;
}

static int
get_ec(struct kcur *c, struct kparse *kp, const struct keytype *t)
{
	const uint8_t *p;
	size_t len, want;
	int r;

	if ((r = get_copy(c, kp, &p, &len, "truncated curve name")) != 0)
		return r;
	if (len != strlen(t->curve) || memcmp(p, t->curve, len) != 0)
		return fail(kp->why, KEY_TYPE_MISMATCH,
		    "curve name in the blob does not match the key type");
	if ((r = get_copy(c, kp, &p, &len, "truncated EC point")) != 0)
		return r;
	want = 1 + 2 * (((size_t)t->curve_bits + 7) / 8);
	if (len != want || p[0] != 0x04)
		return fail(kp->why, KEY_INVALID,
		    "EC point is not an uncompressed point of the curve");
	if (!ec_point_ok(t->curve_bits, p, len))
		return fail(kp->why, KEY_INVALID, "EC point is not on the curve");
	return 0;
}

static int
get_application(struct kcur *c, struct kparse *kp, struct pubkey *k)
{
	const uint8_t *p;
	size_t len;
	int r;

	if ((r = get_copy(c, kp, &p, &len, "truncated application")) != 0)
		return r;
	if (memchr(p, '\0', len) != NULL)
		return fail(kp->why, KEY_INVALID, "NUL in application string");
	k->application = xstrndup((const char *)p, len);
	return 0;
}

/* The key fields after the type name (and a certificate's nonce). */
static int
get_key_fields(struct kcur *c, struct kparse *kp, const struct keytype *t,
    struct pubkey *k)
{
	const uint8_t *p;
	size_t len;
	unsigned int bits;
	int r;

	switch (t->family) {
	case KF_RSA:
		if ((r = get_mpint(c, kp, NULL)) != 0 ||	/* e */
		    (r = get_mpint(c, kp, &bits)) != 0)		/* n */
			return r;
		k->bits = bits;
		if (bits < RSA_MIN_BITS) {
			kp->why->bits = bits;
			return fail(kp->why, KEY_TOO_SMALL,
			    "RSA modulus shorter than 1024 bits");
		}
		return 0;
	case KF_DSA:
		if ((r = get_mpint(c, kp, &bits)) != 0 ||	/* p */
		    (r = get_mpint(c, kp, NULL)) != 0 ||	/* q */
		    (r = get_mpint(c, kp, NULL)) != 0 ||	/* g */
		    (r = get_mpint(c, kp, NULL)) != 0)		/* y */
			return r;
		k->bits = bits;
		return 0;
	case KF_ECDSA:
	case KF_ECDSA_SK:
		if ((r = get_ec(c, kp, t)) != 0)
			return r;
		k->bits = t->curve_bits;
		if (t->family == KF_ECDSA_SK)
			return get_application(c, kp, k);
		return 0;
	case KF_ED25519:
	case KF_ED25519_SK:
		if ((r = get_copy(c, kp, &p, &len,
		    "truncated Ed25519 key")) != 0)
			return r;
		if (len != ED25519_PK)
			return fail(kp->why, KEY_INVALID,
			    "Ed25519 public key is not 32 bytes");
		k->bits = 256;
		if (t->family == KF_ED25519_SK)
			return get_application(c, kp, k);
		return 0;
	}
	return fail(kp->why, KEY_INVALID, "unsupported key family");
}

static void
fingerprint(const void *data, size_t len, char out[KEY_FP_SIZE])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
	unsigned int mdlen = 0;
	int n;

	memcpy(out, "SHA256:", 7);
	out[7] = '\0';
	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != 32)
		return;
	n = EVP_EncodeBlock(b64, md, (int)mdlen);
	while (n > 0 && b64[n - 1] == '=')
		n--;
	if (n > KEY_FP_SIZE - 8)
		n = KEY_FP_SIZE - 8;
	memcpy(out + 7, b64, (size_t)n);
	out[7 + n] = '\0';
}

static int blob_parse(const uint8_t *, size_t, const struct keytype *, int,
    struct pubkey **, struct key_why *);

/* A name list (critical options, extensions): pairs of strings. */
static int
get_name_list(struct kcur *c, struct kparse *kp, struct strv *names,
    size_t *count, const char *what)
{
	const uint8_t *p, *name, *val;
	size_t len, nlen, vlen;
	struct kcur in;

	if (cur_string(c, &p, &len) != 0)
		return fail(kp->why, KEY_TRUNCATED, what);
	in.p = p;
	in.left = len;
	while (in.left > 0) {
		if (cur_string(&in, &name, &nlen) != 0 ||
		    cur_string(&in, &val, &vlen) != 0)
			return fail(kp->why, KEY_INVALID, what);
		if (++*count > SL_MAX_CERT_OPTIONS)
			return fail(kp->why, KEY_TOO_LARGE,
			    "too many certificate options");
		strv_push_owned(names, xstrndup((const char *)name, nlen));
	}
	return 0;
}

static int
get_cert(struct kcur *c, struct kparse *kp, struct key_cert *cert)
{
	const uint8_t *p;
	size_t len, nopts = 0;
	struct kcur pr;
	struct pubkey *ca = NULL;
	struct key_why cawhy;
	int r;

	if (cur_u64(c, &cert->serial) != 0 || cur_u32(c, &cert->type) != 0)
		return fail(kp->why, KEY_TRUNCATED, "truncated certificate");
	if (cur_string(c, &p, &len) != 0)
		return fail(kp->why, KEY_TRUNCATED, "truncated certificate key id");
	if (memchr(p, '\0', len) != NULL)
		return fail(kp->why, KEY_INVALID, "NUL in certificate key id");
	cert->key_id = xstrndup((const char *)p, len);
	if (cur_string(c, &p, &len) != 0)
		return fail(kp->why, KEY_TRUNCATED,
		    "truncated certificate principals");
	pr.p = p;
	pr.left = len;
	while (pr.left > 0) {
		if (cert->principals.n >= SL_MAX_CERT_PRINCIPALS)
			return fail(kp->why, KEY_INVALID,
			    "more than 256 certificate principals");
		if (cur_string(&pr, &p, &len) != 0)
			return fail(kp->why, KEY_INVALID,
			    "bad certificate principals list");
		if (memchr(p, '\0', len) != NULL)
			return fail(kp->why, KEY_INVALID,
			    "NUL in certificate principal");
		strv_push_owned(&cert->principals,
		    xstrndup((const char *)p, len));
	}
	if (cur_u64(c, &cert->valid_after) != 0 ||
	    cur_u64(c, &cert->valid_before) != 0)
		return fail(kp->why, KEY_TRUNCATED,
		    "truncated certificate validity");
	if ((r = get_name_list(c, kp, &cert->critical, &nopts,
	    "bad certificate critical options")) != 0 ||
	    (r = get_name_list(c, kp, &cert->extensions, &nopts,
	    "bad certificate extensions")) != 0)
		return r;
	if (cur_string(c, &p, &len) != 0)		/* reserved */
		return fail(kp->why, KEY_TRUNCATED, "truncated certificate");
	if (cur_string(c, &p, &len) != 0)
		return fail(kp->why, KEY_TRUNCATED,
		    "truncated certificate CA key");
	memset(&cawhy, 0, sizeof(cawhy));
	if (blob_parse(p, len, NULL, 0, &ca, &cawhy) != 0)
		return fail(kp->why, KEY_INVALID,
		    "invalid certificate CA key");
	cert->ca_type = ca->type;
	cert->ca_bits = ca->bits;
	memcpy(cert->ca_fp, ca->fp, sizeof(cert->ca_fp));
	pubkey_free(ca);
	if (cur_string(c, &p, &len) != 0)
		return fail(kp->why, KEY_TRUNCATED,
		    "truncated certificate signature");
	if (cert->type != 1 && cert->type != 2)
		return fail(kp->why, KEY_INVALID, "unknown certificate type");
	return 0;
}

static int
blob_parse(const uint8_t *blob, size_t len, const struct keytype *want,
    int allow_cert, struct pubkey **keyp, struct key_why *why)
{
	struct kparse kp;
	struct kcur c;
	struct pubkey *k = NULL;
	const struct keytype *t;
	const uint8_t *p;
	size_t n;
	int r = SL_ERR_INTERNAL;

	*keyp = NULL;
	why->status = KEY_OK;
	why->msg = NULL;
	why->bits = 0;
	sbuf_init(&kp.plain, 0);
	kp.why = why;
	if (len > SL_MAX_KEY_BLOB) {
		r = fail(why, KEY_TOO_LARGE, "key blob over 64 KiB");
		goto out;
	}
	c.p = blob;
	c.left = len;
	if (cur_string(&c, &p, &n) != 0) {
		r = fail(why, KEY_TRUNCATED, "truncated key type in blob");
		goto out;
	}
	if ((t = keytype_by_name((const char *)p, n)) == NULL) {
		r = fail(why, KEY_UNKNOWN_TYPE, "unknown key type in blob");
		goto out;
	}
	if (t->cert && !allow_cert) {
		r = fail(why, KEY_INVALID, "a certificate cannot sign one");
		goto out;
	}
	if (want != NULL && want != t) {
		r = fail(why, KEY_TYPE_MISMATCH,
		    "key type in the blob differs from the type word");
		goto out;
	}
	k = xcalloc(1, sizeof(*k));
	k->type = t;
	put_string(&kp.plain, t->plain, strlen(t->plain));
	if (t->cert) {
		k->cert = xcalloc(1, sizeof(*k->cert));
		strv_init(&k->cert->principals);
		strv_init(&k->cert->critical);
		strv_init(&k->cert->extensions);
		if (cur_string(&c, &p, &n) != 0) {
			r = fail(why, KEY_TRUNCATED,
			    "truncated certificate nonce");
			goto out;
		}
	}
	if ((r = get_key_fields(&c, &kp, t, k)) != 0)
		goto out;
	if (t->cert && (r = get_cert(&c, &kp, k->cert)) != 0)
		goto out;
	if (c.left != 0) {
		r = fail(why, KEY_INVALID, "trailing data after the key");
		goto out;
	}
	fingerprint(kp.plain.data, kp.plain.len, k->fp);
	*keyp = k;
	k = NULL;
	r = 0;
 out:
	pubkey_free(k);
	sbuf_cleanup(&kp.plain);
	return r;
}

int
pubkey_from_blob(const uint8_t *blob, size_t len, const struct keytype *want,
    struct pubkey **keyp, struct key_why *why)
{
	return blob_parse(blob, len, want, 1, keyp, why);
}

void
pubkey_free(struct pubkey *k)
{
	if (k == NULL)
		return;
	if (k->cert != NULL) {
		free(k->cert->key_id);
		strv_cleanup(&k->cert->principals);
		strv_cleanup(&k->cert->critical);
		strv_cleanup(&k->cert->extensions);
		free(k->cert);
	}
	free(k->application);
	free(k);
}

char *
pubkey_fp_line(const struct pubkey *k, const char *comment)
{
	return xprintf("%u %s %s (%s)", k->bits, k->fp,
	    comment != NULL && *comment != '\0' ? comment : "no comment",
	    k->type->label);
}
