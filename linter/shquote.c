/* shquote.c — quote strings so /bin/sh reads them back literally. */
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "shquote.h"

char *
shquote(const char *s)
{
	struct sbuf b;
	char *r;

	sbuf_init(&b, 0);
	(void)sbuf_putc(&b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			(void)sbuf_puts(&b, "'\\''");
		else
			(void)sbuf_putc(&b, *s);
	}
	(void)sbuf_putc(&b, '\'');
	r = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return r;
}

char *
shquote_argv(const char *const argv[])
{
	struct sbuf b;
	char *q, *r;
	size_t i;

	sbuf_init(&b, 0);
	for (i = 0; argv[i] != NULL; i++) {
		q = shquote(argv[i]);
		if (i > 0)
			(void)sbuf_putc(&b, ' ');
		(void)sbuf_puts(&b, q);
		free(q);
	}
	r = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return r;
}
