/* cmd_keys.h — `synolint keys`: the key inventory and trust map of targets. */
#ifndef SL_CMD_KEYS_H
#define SL_CMD_KEYS_H

#include "acquire.h"

/*
 * Collects every target of ctx->opts (in parallel, --jobs), joins their
 * keys and writes the inventory in --format (text, json, dot) to stdout.
 * Returns SL_OK; SL_ERR_CONNECT when at least one host could not be read
 * (the others are still listed; reasons on stderr); SL_ERR_SYSTEM when
 * stdout fails.
 */
int	cmd_keys(const struct acquire_ctx *ctx);

#endif
