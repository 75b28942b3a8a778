/*
 * utf8.h — UTF-8 validation and repair for text that leaves synolint: host
 * strings go through here before they reach libxml2, jansson or a terminal.
 */
#ifndef SL_UTF8_H
#define SL_UTF8_H

#include <stddef.h>

#include "sbuf.h"

/* Flags for utf8_repair_buf(). */
#define UTF8_XML	0x01	/* also replace what XML 1.0 forbids */
#define UTF8_TERM	0x02	/* show controls and bad bytes as \xNN */

/*
 * Returns 1 if s[0..len) is well-formed UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF) and contains no NUL byte, else 0.
 */
int	utf8_valid(const char *s, size_t len);

/*
 * Returns 1 if s[0..len) is valid UTF-8 and every character is allowed by
 * XML 1.0 (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]), else 0.
 */
int	utf8_valid_xml(const char *s, size_t len);

/*
 * Appends a repaired copy of s[0..len) to out. Every maximal ill-formed
 * subsequence (Unicode 3.9, the WHATWG decoder's rule) and every NUL byte
 * becomes U+FFFD. With UTF8_XML, C0 controls other than TAB, LF and CR and
 * U+FFFE/U+FFFF become U+FFFD too. With UTF8_TERM (for terminals) nothing
 * a terminal could interpret survives: TAB, LF and CR are shown as \t, \n,
 * \r; other C0 controls, DEL and ill-formed bytes as \xNN; C1 controls,
 * bidirectional overrides and U+2028/U+2029 as \uNNNN.
 * Returns 0, or the error of sbuf_put() (SL_ERR_TOO_LARGE).
 */
int	utf8_repair_buf(struct sbuf *out, const char *s, size_t len, int flags);

/*
 * Returns a NUL-terminated repaired copy of s[0..len) (see utf8_repair_buf,
 * flags 0), owned by the caller; its length in *lenp if lenp is not NULL.
 * Returns NULL if s is NULL.
 */
char	*utf8_repair(const char *s, size_t len, size_t *lenp);
/* As utf8_repair(), also replacing characters XML 1.0 forbids. */
char	*utf8_repair_xml(const char *s, size_t len, size_t *lenp);
/* As utf8_repair() with UTF8_TERM on a NUL-terminated string. */
char	*utf8_term(const char *s);

#endif
