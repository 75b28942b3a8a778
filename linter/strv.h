/* strv.h — a growable vector of owned, NUL-terminated strings. */
#ifndef SL_STRV_H
#define SL_STRV_H

#include <stddef.h>

struct strv {
	char	**v;		/* v[n] == NULL */
	size_t	  n;
	size_t	  cap;
};

void	 strv_init(struct strv *);
void	 strv_cleanup(struct strv *);
struct strv *strv_new(void);
void	 strv_free(struct strv *);
/* Copies s. */
void	 strv_push(struct strv *, const char *s);
/* Takes ownership of s (which must come from malloc). */
void	 strv_push_owned(struct strv *, char *s);
/* Returns the index of s, or -1. */
long	 strv_find(const struct strv *, const char *s);
void	 strv_sort(struct strv *);

#endif
