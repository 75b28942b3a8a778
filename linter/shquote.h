/* shquote.h — POSIX single-quote quoting for anything sent to a shell. */
#ifndef SL_SHQUOTE_H
#define SL_SHQUOTE_H

/* Returns a newly allocated, single-quoted copy of s ('  becomes '\''). */
char	*shquote(const char *s);
/* Quotes each element and joins them with spaces; caller frees. */
char	*shquote_argv(const char *const argv[]);

#endif
