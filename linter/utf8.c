/*
 * utf8.c — UTF-8 decoding by the book (RFC 3629, Unicode 3.9) and the
 * repairs reporters need before host bytes reach libxml2, jansson or a tty.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sbuf.h"
#include "utf8.h"
#include "xmalloc.h"

#define BAD_CP		UINT32_MAX

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

/*
 * Decodes one character at p (len > 0). Returns the number of bytes used and
 * the code point in *cpp, or BAD_CP in *cpp and the length of the maximal
 * ill-formed subsequence (at least 1) that one U+FFFD stands for.
 */
static size_t
decode(const unsigned char *p, size_t len, uint32_t *cpp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	uint32_t cp;
	size_t need, i;

	if (p[0] < 0x80) {
		*cpp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 1;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 2;
		cp = p[0] & 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0;		/* overlong */
		else if (p[0] == 0xed)
			hi = 0x9f;		/* surrogates */
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 3;
		cp = p[0] & 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;		/* overlong */
		else if (p[0] == 0xf4)
			hi = 0x8f;		/* above U+10FFFF */
	} else {
		*cpp = BAD_CP;			/* 80..C1, F5..FF */
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || p[i] < lo || p[i] > hi) {
			*cpp = BAD_CP;
			return i;
		}
		cp = (cp << 6) | (p[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cpp = cp;
	return need + 1;
}

static int
xml_char_ok(uint32_t cp)
{
	if (cp < 0x20)
		return cp == 0x09 || cp == 0x0a || cp == 0x0d;
	if (cp <= 0xd7ff)
		return 1;
	if (cp >= 0xe000 && cp <= 0xfffd)
		return 1;
	return cp >= 0x10000 && cp <= 0x10ffff;
}

/* Characters a terminal may act on, or that reorder or break lines. */
static int
term_char_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0;

	while (i < len) {
		i += decode(p + i, len - i, &cp);
		if (cp == BAD_CP || cp == 0)
			return 0;
	}
	return 1;
}

int
utf8_valid_xml(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0;

	while (i < len) {
		i += decode(p + i, len - i, &cp);
		if (cp == BAD_CP || !xml_char_ok(cp))
			return 0;
	}
	return 1;
}

static int
put_term_escape(struct sbuf *out, uint32_t cp)
{
	switch (cp) {
	case '\t':
		return sbuf_puts(out, "\\t");
	case '\n':
		return sbuf_puts(out, "\\n");
	case '\r':
		return sbuf_puts(out, "\\r");
	default:
		if (cp < 0x80)
			return sbuf_putf(out, "\\x%02x", (unsigned int)cp);
		return sbuf_putf(out, "\\u%04x", (unsigned int)cp);
	}
}

int
utf8_repair_buf(struct sbuf *out, const char *s, size_t len, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0, n, k;
	int r = SL_OK;

	while (i < len && r == SL_OK) {
		n = decode(p + i, len - i, &cp);
		if (cp == BAD_CP && (flags & UTF8_TERM)) {
			for (k = 0; k < n && r == SL_OK; k++)
				r = sbuf_putf(out, "\\x%02x", p[i + k]);
		} else if (cp == BAD_CP || cp == 0)
			r = sbuf_puts(out, replacement);
		else if ((flags & UTF8_TERM) && term_char_unsafe(cp))
			r = put_term_escape(out, cp);
		else if ((flags & UTF8_XML) && !xml_char_ok(cp))
			r = sbuf_puts(out, replacement);
		else
			r = sbuf_put(out, p + i, n);
		i += n;
	}
	return r;
}

static char *
repair_alloc(const char *s, size_t len, int flags, size_t *lenp)
{
	struct sbuf b;
	char *ret;

	if (lenp != NULL)
		*lenp = 0;
	if (s == NULL)
		return NULL;
	sbuf_init(&b, 0);
	/* Unbounded buffer: fails only for sizes malloc could never give. */
	if (utf8_repair_buf(&b, s, len, flags) != SL_OK) {
		sbuf_reset(&b);
		(void)sbuf_puts(&b, replacement);
	}
	ret = sbuf_steal(&b, lenp);
	sbuf_cleanup(&b);
	return ret;
}

char *
utf8_repair(const char *s, size_t len, size_t *lenp)
{
	return repair_alloc(s, len, 0, lenp);
}

char *
utf8_repair_xml(const char *s, size_t len, size_t *lenp)
{
	return repair_alloc(s, len, UTF8_XML, lenp);
}

char *
utf8_term(const char *s)
{
	return repair_alloc(s, s != NULL ? strlen(s) : 0, UTF8_TERM, NULL);
}
