/* sbuf.h — a growable byte buffer with a hard maximum (sshbuf-lite). */
#ifndef SL_SBUF_H
#define SL_SBUF_H

#include <stdarg.h>
#include <stddef.h>

struct sbuf {
	char	*data;		/* NUL-terminated after len bytes; NULL after sbuf_steal() */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* 0: unlimited */
};

/* Embedded use: sbuf_init() / sbuf_cleanup(). */
void	 sbuf_init(struct sbuf *, size_t max);
void	 sbuf_cleanup(struct sbuf *);
/* Heap use: sbuf_new() / sbuf_free() (NULL-safe). */
struct sbuf *sbuf_new(size_t max);
void	 sbuf_free(struct sbuf *);
void	 sbuf_reset(struct sbuf *);
/* Returns 0, or SL_ERR_TOO_LARGE if the result would exceed max (nothing added). */
int	 sbuf_put(struct sbuf *, const void *, size_t);
int	 sbuf_putc(struct sbuf *, char);
int	 sbuf_puts(struct sbuf *, const char *);
int	 sbuf_putf(struct sbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 sbuf_vputf(struct sbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/*
 * Transfers the data to the caller (NUL-terminated, never NULL). The buffer
 * is left empty and holds no memory: sbuf_cleanup() afterwards is optional,
 * and the next put allocates again. data is NULL until then.
 */
char	*sbuf_steal(struct sbuf *, size_t *lenp);

#endif
