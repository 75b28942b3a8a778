/*
 * acquire.h — from a command-line target to a bundle and its facts: runs the
 * collector over the right session (--root, --local) or reads a saved bundle.
 */
#ifndef SL_ACQUIRE_H
#define SL_ACQUIRE_H

#include "cli.h"
#include "diag.h"
#include "facts.h"
#include "sbuf.h"

/* The label a target has in reports: the directory, bundle path or "local". */
const char *acquire_label(const struct cli_target *);

/*
 * Runs the collector for a --root or --local target and returns the raw
 * bundle bytes in out (bounded by SL_MAX_BUNDLE). Returns 0 or SL_ERR_*.
 */
int	acquire_bundle_bytes(const struct cli_target *, struct sbuf *out,
	    struct diag *);

/*
 * Builds the facts of a target of any kind. Returns 0 and *factsp, or
 * SL_ERR_* with the reason in diag.
 */
int	acquire_facts(const struct cli_target *, int openssh_version,
	    struct facts **factsp, struct diag *);

#endif
