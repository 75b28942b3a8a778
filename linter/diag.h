/*
 * diag.h — diagnostics a user must read (a bad line in sshd_config, a rule
 * file typo, a truncated bundle), collected with file:line:column and printed
 * once by main in GCC shape: "rules/x.rules:14:3: error: unknown keyword".
 */
#ifndef SL_DIAG_H
#define SL_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag_entry {
	enum diag_level	 level;
	char		*file;		/* may be NULL */
	unsigned int	 line;		/* 0: none */
	unsigned int	 col;		/* 0: none */
	char		*msg;
};

struct diag {
	struct diag_entry *v;
	size_t		 n;
	size_t		 cap;
	size_t		 nerrors;
};

void	diag_init(struct diag *);
void	diag_cleanup(struct diag *);
/* Adds an entry; file may be NULL, line/col 0 when unknown. */
void	diag_add(struct diag *, enum diag_level, const char *file,
	    unsigned int line, unsigned int col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
#define diag_error(d, file, line, ...) \
	diag_add((d), DIAG_ERROR, (file), (line), 0, __VA_ARGS__)
#define diag_warn(d, file, line, ...) \
	diag_add((d), DIAG_WARNING, (file), (line), 0, __VA_ARGS__)
/* Adds an error ending in ": strerror(errno)", errno captured on entry. */
void	diag_errno(struct diag *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Moves every entry of src to the end of dst. */
void	diag_move(struct diag *dst, struct diag *src);
/* Formats one entry as a single line (no newline); caller frees. */
char	*diag_format(const struct diag_entry *);
/* Prints every entry, one per line, prefixed with "synolint: ". */
void	diag_print(FILE *, const struct diag *);

#endif
