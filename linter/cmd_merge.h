/* cmd_merge.h — `synolint merge`: shard reports into one (reports/merge.h). */
#ifndef SL_CMD_MERGE_H
#define SL_CMD_MERGE_H

#include "cli.h"

/* Returns 0, or SL_ERR_USAGE after printing one line per error. */
int	cmd_merge(const struct cli_opts *);

#endif
