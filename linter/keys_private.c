/*
 * keys_private.c — what kind of private key a file holds, from its header
 * alone: the BEGIN line, PEM "Proc-Type"/"DEK-Info" lines, and for
 * openssh-key-v1 the cipher and KDF names at the start of the blob (which
 * hold no key material). Works on what the collector sends (sl_filter_key
 * in collector.sh) and on the start of a real key file alike.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "keys.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "xmalloc.h"

#define OPENSSH_MAGIC		"openssh-key-v1"	/* followed by NUL */
#define OPENSSH_MAGIC_LEN	15
#define B64_PREFIX_MAX		1024	/* base64 bytes of an openssh blob read */

static const char *const format_names[] = {
	"unknown", "openssh-key-v1", "pem", "pkcs8", "pkcs8-encrypted"
};

const char *
privkey_format_str(enum privkey_format f)
{
	if ((size_t)f >= sizeof(format_names) / sizeof(format_names[0]))
		return "?";
	return format_names[f];
}

static void
info_init(struct privkey_info *info)
{
	memset(info, 0, sizeof(*info));
	info->format = PK_UNKNOWN;
	info->encrypted = -1;
}

/* A cipher or KDF name: 1 to 32 bytes of [a-z0-9@.-]. */
static int
name_ok(const uint8_t *p, size_t len)
{
	size_t i;

	if (len < 1 || len > 32)
		return 0;
	for (i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '@'))
			return 0;
	}
	return 1;
}

static int
get_string(const uint8_t **pp, size_t *leftp, const uint8_t **sp, size_t *lenp)
{
	uint32_t n;

	if (*leftp < 4)
		return -1;
	n = (uint32_t)(*pp)[0] << 24 | (uint32_t)(*pp)[1] << 16 |
	    (uint32_t)(*pp)[2] << 8 | (*pp)[3];
	if (n > *leftp - 4)
		return -1;
	*sp = *pp + 4;
	*lenp = n;
	*pp += 4 + n;
	*leftp -= 4 + (size_t)n;
	return 0;
}

static void
set_cipher(struct privkey_info *info, const char *name, size_t len)
{
	if (len >= sizeof(info->cipher))
		len = sizeof(info->cipher) - 1;
	memcpy(info->cipher, name, len);
	info->cipher[len] = '\0';
	info->encrypted = strcmp(info->cipher, "none") != 0;
}

int
privkey_openssh_blob(const uint8_t *blob, size_t len,
    struct privkey_info *info, const char **whyp)
{
	const uint8_t *p = blob, *s;
	size_t left = len, n;
	const struct keytype *kt;
	uint32_t nkeys;

	info_init(info);
	*whyp = NULL;
	if (len < OPENSSH_MAGIC_LEN ||
	    memcmp(blob, OPENSSH_MAGIC, OPENSSH_MAGIC_LEN) != 0) {
		*whyp = "no openssh-key-v1 magic";
		return SL_ERR_PARSE;
	}
	info->format = PK_OPENSSH;
	p += OPENSSH_MAGIC_LEN;
	left -= OPENSSH_MAGIC_LEN;
	if (get_string(&p, &left, &s, &n) != 0)
		return 0;		/* cut short: cipher unknown */
	if (!name_ok(s, n)) {
		*whyp = "bad cipher name in openssh-key-v1";
		return SL_ERR_PARSE;
	}
	set_cipher(info, (const char *)s, n);
	if (get_string(&p, &left, &s, &n) != 0)
		return 0;
	if (!name_ok(s, n)) {
		*whyp = "bad KDF name in openssh-key-v1";
		return SL_ERR_PARSE;
	}
	memcpy(info->kdf, s, n);
	info->kdf[n] = '\0';
	/* KDF options, number of keys, then the first public key */
	if (get_string(&p, &left, &s, &n) != 0 || left < 4)
		return 0;
	nkeys = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
	p += 4;
	left -= 4;
	if (nkeys != 1)
		return 0;
	/* the key type is the first string of the public key blob */
	if (left < 4)
		return 0;
	p += 4;
	left -= 4;
	if (get_string(&p, &left, &s, &n) != 0)
		return 0;
	if ((kt = keytype_by_name((const char *)s, n)) != NULL)
		info->type = kt->label;
	return 0;
}

/* The next line of [*pp, e) without its LF or CR; advances *pp. */
static void
next_line(const char **pp, const char *e, const char **lp, size_t *lenp)
{
	const char *p = *pp, *nl;

	if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
		nl = e;
	*lp = p;
	*lenp = (size_t)(nl - p);
	if (*lenp > 0 && p[*lenp - 1] == '\r')
		(*lenp)--;
	*pp = nl < e ? nl + 1 : e;
}

static int
line_is(const char *l, size_t len, const char *s)
{
	return len == strlen(s) && memcmp(l, s, len) == 0;
}

static int
line_prefix(const char *l, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && strncasecmp(l, s, n) == 0;
}

/* The collector's lines after an OPENSSH BEGIN line, or the base64 body. */
static int
classify_openssh(const char *p, const char *e, struct privkey_info *info,
    const char **whyp)
{
	const char *l;
	size_t len, i;
	struct sbuf b64;
	uint8_t *blob = NULL;
	size_t blen;
	int r = 0, body = 0;

	sbuf_init(&b64, 0);
	while (p < e) {
		next_line(&p, e, &l, &len);
		if (line_prefix(l, len, "Format: ")) {
			if (!line_is(l, len, "Format: openssh-key-v1")) {
				info->format = PK_UNKNOWN;
				*whyp = "no openssh-key-v1 magic";
				r = SL_ERR_PARSE;
				goto out;
			}
		} else if (line_prefix(l, len, "Cipher: ")) {
			if (name_ok((const uint8_t *)l + 8, len - 8))
				set_cipher(info, l + 8, len - 8);
		} else if (line_prefix(l, len, "KDF: ")) {
			if (name_ok((const uint8_t *)l + 5, len - 5)) {
				memcpy(info->kdf, l + 5, len - 5);
				info->kdf[len - 5] = '\0';
			}
		} else if (line_prefix(l, len, "-----END ")) {
			break;
		} else {
			body = 1;
			for (i = 0; i < len && b64.len < B64_PREFIX_MAX; i++)
				if (l[i] != ' ' && l[i] != '\t')
					(void)sbuf_putc(&b64, l[i]);
		}
	}
	if (body && b64.len >= 4) {
		len = b64.len - b64.len % 4;
		if (keys_b64_decode(b64.data, len, B64_PREFIX_MAX, &blob,
		    &blen) != 0) {
			*whyp = "bad base64 in openssh-key-v1 key";
			r = SL_ERR_PARSE;
			goto out;
		}
		r = privkey_openssh_blob(blob, blen, info, whyp);
	}
 out:
	free(blob);
	sbuf_cleanup(&b64);
	return r;
}

int
privkey_classify(const char *data, size_t len, struct privkey_info *info,
    const char **whyp)
{
	const char *p = data, *e, *l, *label, *v;
	size_t n, lablen;

	info_init(info);
	*whyp = NULL;
	if (len > SL_MAX_KEY_HEADER)
		len = SL_MAX_KEY_HEADER;
	e = data + len;
	next_line(&p, e, &l, &n);
	if (n < 22 || memcmp(l, "-----BEGIN ", 11) != 0 ||
	    memcmp(l + n - 5, "-----", 5) != 0) {
		*whyp = "no \"-----BEGIN ...-----\" line";
		return SL_ERR_PARSE;
	}
	label = l + 11;
	lablen = n - 16;
	if (line_is(label, lablen, "OPENSSH PRIVATE KEY")) {
		info->format = PK_OPENSSH;
		return classify_openssh(p, e, info, whyp);
	}
	if (line_is(label, lablen, "PRIVATE KEY")) {
		info->format = PK_PKCS8;
		info->encrypted = 0;
		return 0;
	}
	if (line_is(label, lablen, "ENCRYPTED PRIVATE KEY")) {
		info->format = PK_PKCS8_ENCRYPTED;
		info->encrypted = 1;
		return 0;
	}
	if (line_is(label, lablen, "RSA PRIVATE KEY"))
		info->type = "RSA";
	else if (line_is(label, lablen, "DSA PRIVATE KEY"))
		info->type = "DSA";
	else if (line_is(label, lablen, "EC PRIVATE KEY"))
		info->type = "ECDSA";
	else {
		*whyp = "not a private key format OpenSSH reads";
		return SL_ERR_PARSE;
	}
	info->format = PK_PEM;
	info->encrypted = 0;
	/* RFC 1421 header lines right after BEGIN */
	while (p < e) {
		next_line(&p, e, &l, &n);
		if (line_prefix(l, n, "Proc-Type:")) {
			v = l + 10;
			while (v < l + n && (*v == ' ' || *v == '\t'))
				v++;
			if (line_prefix(v, (size_t)(l + n - v), "4,ENCRYPTED"))
				info->encrypted = 1;
		} else if (line_prefix(l, n, "DEK-Info:")) {
			v = l + 9;
			while (v < l + n && (*v == ' ' || *v == '\t'))
				v++;
			for (lablen = 0; v + lablen < l + n &&
			    v[lablen] != ','; lablen++)
				;
			if (lablen >= sizeof(info->cipher))
				lablen = sizeof(info->cipher) - 1;
			memcpy(info->cipher, v, lablen);
			info->cipher[lablen] = '\0';
		} else if (memchr(l, ':', n) == NULL)
			break;
	}
	return 0;
}
