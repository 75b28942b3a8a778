/* xmalloc.h — allocators that never return NULL: out of memory is fatal. */
#ifndef SL_XMALLOC_H
#define SL_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*xprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Wipes then frees n bytes at p (NULL-safe). */
void	 freezero(void *p, size_t n);

#endif
