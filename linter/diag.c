/* diag.c — collected, located diagnostics. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sbuf.h"
#include "xmalloc.h"

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
diag_cleanup(struct diag *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static void diag_vadd(struct diag *, enum diag_level, const char *,
    unsigned int, unsigned int, const char *, va_list)
    __attribute__((format(printf, 6, 0)));

static void
diag_vadd(struct diag *d, enum diag_level level, const char *file,
    unsigned int line, unsigned int col, const char *fmt, va_list ap)
{
	struct sbuf b;
	struct diag_entry *e;

	if (d == NULL)
		return;
	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 8 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	sbuf_init(&b, 0);
	(void)sbuf_vputf(&b, fmt, ap);
	e = &d->v[d->n++];
	e->level = level;
	e->file = file != NULL ? xstrdup(file) : NULL;
	e->line = line;
	e->col = col;
	e->msg = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	if (level == DIAG_ERROR)
		d->nerrors++;
}

void
diag_add(struct diag *d, enum diag_level level, const char *file,
    unsigned int line, unsigned int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_errno(struct diag *d, const char *fmt, ...)
{
	int saved = errno;
	struct sbuf b;
	va_list ap;

	sbuf_init(&b, 0);
	va_start(ap, fmt);
	(void)sbuf_vputf(&b, fmt, ap);
	va_end(ap);
	diag_add(d, DIAG_ERROR, NULL, 0, 0, "%s: %s", b.data, strerror(saved));
	sbuf_cleanup(&b);
	errno = saved;
}

void
diag_move(struct diag *dst, struct diag *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		struct diag_entry *e = &src->v[i];

		diag_add(dst, e->level, e->file, e->line, e->col, "%s", e->msg);
	}
	diag_cleanup(src);
}

static const char *
level_name(enum diag_level l)
{
	switch (l) {
	case DIAG_NOTE:
		return "note";
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
		return "error";
	}
	return "error";
}

char *
diag_format(const struct diag_entry *e)
{
	struct sbuf b;
	char *s;

	sbuf_init(&b, 0);
	if (e->file != NULL) {
		(void)sbuf_puts(&b, e->file);
		if (e->line > 0)
			(void)sbuf_putf(&b, ":%u", e->line);
		if (e->line > 0 && e->col > 0)
			(void)sbuf_putf(&b, ":%u", e->col);
		(void)sbuf_puts(&b, ": ");
	}
	(void)sbuf_putf(&b, "%s: %s", level_name(e->level), e->msg);
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return s;
}

void
diag_print(FILE *fp, const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		fprintf(fp, "synolint: %s\n", s);
		free(s);
	}
}
