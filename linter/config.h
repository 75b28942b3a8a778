/*
 * config.h — the configuration files: defaults for scan options, overridden
 * by flags. Read, lowest priority first: the system file
 * (/etc/synolint/config, or $SYNOLINT_SYSTEM_CONFIG), then the user file
 * ($XDG_CONFIG_HOME/synolint/config, else ~/.config/synolint/config).
 * `--config FILE` (or $SYNOLINT_CONFIG) reads FILE instead of both,
 * `--no-config` none. Format: `key = value` lines, `#` comment lines, blank
 * lines; keys in README.md ("Configuration").
 */
#ifndef SL_CONFIG_H
#define SL_CONFIG_H

#include "diag.h"
#include "strv.h"

#define CONFIG_SYSTEM_PATH	"/etc/synolint/config"

/*
 * Each key: pairs of (value, "FILE:LINE" it came from), so v[2i] is a value
 * and v[2i+1] its origin; n == 0: not set. `report` and `rules` may be given
 * on several lines, the other keys once per file.
 */
struct config {
	struct strv	profile;
	struct strv	reports;
	struct strv	jobs;
	struct strv	timeout;
	struct strv	rules;
	struct strv	waivers;
	struct strv	fail_on;
	struct strv	known_hosts;
	struct strv	color;
};

void	config_init(struct config *);
/* The values of key ("report", "fail-on", ...), or NULL for an unknown key. */
const struct strv *config_get(const struct config *, const char *key);
void	config_cleanup(struct config *);

/*
 * Reads path over cfg: a key set in the file replaces what an earlier file
 * set. A missing file is fine unless required. Returns 0, or SL_ERR_PARSE /
 * SL_ERR_SYSTEM with "file:line: ..." diags.
 */
int	config_read(struct config *, const char *path, int required,
	    struct diag *);

/*
 * Reads the files that apply (see above): explicit (--config, else
 * $SYNOLINT_CONFIG) or system then user; none when no_config.
 */
int	config_load(struct config *, const char *explicit_path, int no_config,
	    struct diag *);

#endif
