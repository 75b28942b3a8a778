/*
 * config.c — reading the configuration files (config.h): which files, in
 * which order, and the `key = value` syntax with file:line errors. What the
 * values mean is checked where flags are (cli.c), with the same messages.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "err.h"
#include "xmalloc.h"

#define CONFIG_MAX_LINE	4096

static const struct {
	const char	*key;
	size_t		 off;
	int		 list;
} keys[] = {
	{ "profile",	 offsetof(struct config, profile), 0 },
	{ "report",	 offsetof(struct config, reports), 1 },
	{ "jobs",	 offsetof(struct config, jobs), 0 },
	{ "timeout",	 offsetof(struct config, timeout), 0 },
	{ "rules",	 offsetof(struct config, rules), 1 },
	{ "waivers",	 offsetof(struct config, waivers), 0 },
	{ "fail-on",	 offsetof(struct config, fail_on), 0 },
	{ "known-hosts", offsetof(struct config, known_hosts), 0 },
	{ "color",	 offsetof(struct config, color), 0 },
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

static struct strv *
slot(struct config *c, size_t i)
{
	return (struct strv *)(void *)((char *)c + keys[i].off);
}

const struct strv *
config_get(const struct config *c, const char *key)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].key, key) == 0)
			return slot((struct config *)(uintptr_t)c, i);
	return NULL;
}

void
config_init(struct config *c)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		strv_init(slot(c, i));
}

void
config_cleanup(struct config *c)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		strv_cleanup(slot(c, i));
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* "~/x" -> "$HOME/x"; anything else as written. */
static char *
expand_home(const char *v)
{
	const char *home = getenv("HOME");

	if (strncmp(v, "~/", 2) == 0 && home != NULL && *home != '\0')
		return xprintf("%s/%s", home, v + 2);
	return xstrdup(v);
}

static int
parse_line(struct config *seen, char *line,
    const char *path, unsigned int lineno, struct diag *d)
{
	char *eq, *key, *val;
	size_t i;

	line = trim(line);
	if (*line == '\0' || *line == '#')
		return SL_OK;
	if ((eq = strchr(line, '=')) == NULL) {
		diag_error(d, path, lineno, "expected \"key = value\"");
		return SL_ERR_PARSE;
	}
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	for (i = 0; i < NKEYS; i++)
		if (strcmp(key, keys[i].key) == 0)
			break;
	if (i == NKEYS) {
		diag_error(d, path, lineno, "unknown key \"%s\" (profile, "
		    "report, jobs, timeout, rules, waivers, fail-on, "
		    "known-hosts, color)", key);
		return SL_ERR_PARSE;
	}
	if (*val == '\0') {
		diag_error(d, path, lineno, "%s: empty value", key);
		return SL_ERR_PARSE;
	}
	if (!keys[i].list && slot(seen, i)->n > 0) {
		diag_error(d, path, lineno, "%s is set twice in this file",
		    key);
		return SL_ERR_PARSE;
	}
	/* the value and where it came from, for errors found later */
	strv_push_owned(slot(seen, i), expand_home(val));
	strv_push_owned(slot(seen, i), xprintf("%s:%u", path, lineno));
	return SL_OK;
}

int
config_read(struct config *c, const char *path, int required,
    struct diag *d)
{
	struct config seen;
	char buf[CONFIG_MAX_LINE + 2];
	unsigned int lineno = 0;
	FILE *fp;
	size_t i, k;
	int r = SL_OK;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && !required)
			return SL_OK;
		diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		return SL_ERR_SYSTEM;
	}
	config_init(&seen);
	while (r == SL_OK && fgets(buf, sizeof(buf), fp) != NULL) {
		lineno++;
		if (strlen(buf) > CONFIG_MAX_LINE ||
		    memchr(buf, '\0', strlen(buf)) != NULL) {
			diag_error(d, path, lineno, "line longer than %d bytes",
			    CONFIG_MAX_LINE);
			r = SL_ERR_PARSE;
			break;
		}
		r = parse_line(&seen, buf, path, lineno, d);
	}
	if (r == SL_OK && ferror(fp)) {
		diag_error(d, path, 0, "cannot read: %s", strerror(errno));
		r = SL_ERR_SYSTEM;
	}
	(void)fclose(fp);
	/* a key this file sets replaces what an earlier file set */
	for (i = 0; r == SL_OK && i < NKEYS; i++) {
		if (slot(&seen, i)->n == 0)
			continue;
		strv_cleanup(slot(c, i));
		strv_init(slot(c, i));
		for (k = 0; k < slot(&seen, i)->n; k++)
			strv_push(slot(c, i), slot(&seen, i)->v[k]);
	}
	config_cleanup(&seen);
	return r;
}

int
config_load(struct config *c, const char *explicit_path, int no_config,
    struct diag *d)
{
	const char *sys, *xdg, *home;
	char *user = NULL;
	int r;

	if (no_config)
		return SL_OK;
	if (explicit_path == NULL && (explicit_path = getenv("SYNOLINT_CONFIG"))
	    != NULL && *explicit_path == '\0')
		explicit_path = NULL;
	if (explicit_path != NULL)
		return config_read(c, explicit_path, 1, d);
	sys = getenv("SYNOLINT_SYSTEM_CONFIG");
	if ((r = config_read(c, sys != NULL && *sys != '\0' ? sys :
	    CONFIG_SYSTEM_PATH, 0, d)) != SL_OK)
		return r;
	xdg = getenv("XDG_CONFIG_HOME");
	home = getenv("HOME");
	/* XDG: a relative XDG_CONFIG_HOME is invalid and ignored */
	if (xdg != NULL && xdg[0] == '/')
		user = xprintf("%s/synolint/config", xdg);
	else if (home != NULL && *home != '\0')
		user = xprintf("%s/.config/synolint/config", home);
	r = user != NULL ? config_read(c, user, 0, d) : SL_OK;
	free(user);
	return r;
}
