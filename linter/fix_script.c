/*
 * fix_script.c — renders a fix plan as one POSIX sh script that carries
 * DESIGN.md's fix safety protocol (see fix.h for the steps and the
 * SYNOLINT-FIX marker lines), and its rollback.
 */
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "err.h"
#include "fix.h"
#include "shquote.h"
#include "xmalloc.h"

int
fix_script_render(const struct fix_plan *p, const struct fix_script_opts *o,
    struct sbuf *out)
{
	(void)p;
	(void)o;
	(void)out;
	return SL_ERR_UNSUPPORTED;	/* XXX stub */
}

int
fix_script_render_all(struct fix_plan *const *plans, size_t n,
    const struct fix_script_opts *o, struct sbuf *out)
{
	(void)plans;
	(void)n;
	(void)o;
	(void)out;
	return SL_ERR_UNSUPPORTED;	/* XXX stub */
}

int
fix_rollback_render(const struct fix_plan *p, const char *stamp,
    struct sbuf *out)
{
	(void)p;
	(void)stamp;
	(void)out;
	return SL_ERR_UNSUPPORTED;	/* XXX stub */
}

int
fix_script_write(const char *path, struct fix_plan *const *plans, size_t n,
    struct diag *d)
{
	(void)path;
	(void)plans;
	(void)n;
	diag_add(d, DIAG_ERROR, NULL, 0, 0, "--fix-script: not yet");
	return SL_ERR_UNSUPPORTED;	/* XXX stub */
}
