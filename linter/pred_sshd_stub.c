/*
 * pred_sshd_stub.c — TEMPORARY stand-in for pred_sshd.c until the sshd
 * module (sshd.h) lands on main: the host has no effective sshd view, so
 * predicates fall back to OpenSSH's defaults. Deleted by the merge that
 * enables pred_sshd.c.
 */
#include <stdlib.h>

#include "err.h"
#include "predicates.h"
#include "xmalloc.h"

struct sshd_view {
	int	unused;
};

struct sshd_view *
sshd_view_new(const struct facts *f)
{
	(void)f;
	return xcalloc(1, sizeof(struct sshd_view));
}

void
sshd_view_free(struct sshd_view *v)
{
	free(v);
}

int
sshd_view_value(struct sshd_view *v, const struct user_fact *u,
    const char *name, const char **valuep, const char **filep,
    unsigned int *linep)
{
	(void)v;
	(void)u;
	(void)name;
	*valuep = NULL;
	*filep = NULL;
	*linep = 0;
	return SL_ERR_NOT_FOUND;
}
