/*
 * collector.h — run the embedded collector (linter/collector.sh) once on a
 * session and bring back the raw bundle it printed. Parsing the bundle is
 * bundle.c's job; this module only checks that something bundle-shaped came
 * back.
 */
#ifndef SL_COLLECTOR_H
#define SL_COLLECTOR_H

#include "diag.h"
#include "sbuf.h"

struct session;

/*
 * Runs `/bin/sh -s -- --session NAME [--root DIR]` on the session with the
 * embedded script on stdin. root: the directory for --root; NULL uses the
 * session's own (session_root()), which is NULL except for root sessions.
 * bundle_out is initialised by the caller; it is reset, its max lowered to
 * SL_MAX_BUNDLE, and filled with the collector's stdout.
 * Returns 0, or a negative SL_ERR_* with a one-line reason in diag:
 * SL_ERR_TIMEOUT, SL_ERR_TOO_LARGE, SL_ERR_REMOTE (non-zero exit),
 * SL_ERR_LOST (the connection dropped mid-stream),
 * SL_ERR_PARSE (output is not a bundle), or what session_exec() returned.
 */
int	collector_run(struct session *, const char *root,
	    struct sbuf *bundle_out, struct diag *);

/* The argv collector_run() uses; NULL-terminated, caller frees the array only. */
const char **collector_argv(const char *session_name, const char *root);

#endif
