/* sbuf.c — bounded growable buffer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sbuf.h"
#include "xmalloc.h"

void
sbuf_init(struct sbuf *b, size_t max)
{
	b->data = xmalloc(64);
	b->data[0] = '\0';
	b->len = 0;
	b->cap = 64;
	b->max = max;
}

void
sbuf_cleanup(struct sbuf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

struct sbuf *
sbuf_new(size_t max)
{
	struct sbuf *b = xmalloc(sizeof(*b));

	sbuf_init(b, max);
	return b;
}

void
sbuf_free(struct sbuf *b)
{
	if (b == NULL)
		return;
	sbuf_cleanup(b);
	free(b);
}

void
sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
sbuf_put(struct sbuf *b, const void *p, size_t n)
{
	size_t need;

	if (n > SIZE_MAX / 2 - b->len)
		return SL_ERR_TOO_LARGE;
	need = b->len + n;
	if (b->max != 0 && need > b->max)
		return SL_ERR_TOO_LARGE;
	if (need + 1 > b->cap) {
		size_t cap = b->cap == 0 ? 64 : b->cap;

		while (cap < need + 1)
			cap *= 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len = need;
	b->data[b->len] = '\0';
	return SL_OK;
}

int
sbuf_putc(struct sbuf *b, char c)
{
	return sbuf_put(b, &c, 1);
}

int
sbuf_puts(struct sbuf *b, const char *s)
{
	return sbuf_put(b, s, strlen(s));
}

int
sbuf_vputf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	char small[256], *big = NULL;
	int n, r;

	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return SL_ERR_INTERNAL;
	if ((size_t)n < sizeof(small))
		return sbuf_put(b, small, (size_t)n);
	big = xmalloc((size_t)n + 1);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	r = sbuf_put(b, big, (size_t)n);
	free(big);
	return r;
}

int
sbuf_putf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sbuf_vputf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *
sbuf_steal(struct sbuf *b, size_t *lenp)
{
	char *p = b->data;

	if (p == NULL)
		p = xstrdup("");
	if (lenp != NULL)
		*lenp = b->len;
	b->data = NULL;		/* allocated again on the next put */
	b->len = 0;
	b->cap = 0;
	return p;
}
