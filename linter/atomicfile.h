/*
 * atomicfile.h — write a file as PATH.XXXXXX in the same directory and
 * rename it over PATH only when complete (rpki-client's output_finish()).
 */
#ifndef SL_ATOMICFILE_H
#define SL_ATOMICFILE_H

#include <stdio.h>

#include "diag.h"

struct atomicfile {
	FILE	*fp;		/* write here */
	char	*path;
	char	*tmp;
};

/*
 * Returns 0 and an open temp file, or SL_ERR_SYSTEM with a diag. When path
 * exists and is neither a regular file nor a directory (a device, a FIFO),
 * it is opened in place instead (tmp NULL) and commit only closes it.
 */
int	atomicfile_open(struct atomicfile *, const char *path, struct diag *);
/* Flushes, closes and renames over path; on any failure unlinks the temp. */
int	atomicfile_commit(struct atomicfile *, struct diag *);
/* Closes and unlinks the temp file (NULL-safe, idempotent). */
void	atomicfile_abort(struct atomicfile *);

#endif
