/*
 * sshd_parse.c — reads sshd_config as sshd does: servconf.c's line
 * tokenizer (strdelim/argv_split), keyword lookup in sshd_keywords.h,
 * Include expanded in place, Match blocks numbered. Every directive keeps
 * its file:line; lines sshd would reject or ignore are kept with their
 * status and reported in the diag. Bounded by sl_limits.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "sshd_priv.h"
#include "xmalloc.h"

#define SSHD_DIR	"/etc/ssh"

const struct sshd_kwrow sshd_kwtab[] = {
#define K(sp, ca, ty, mo, fl, si, un, st, df) \
	{ sp, ca, ty, mo, fl, si, un, st, df },
	SSHD_KEYWORDS(K)
#undef K
	{ NULL, NULL, SSHD_T_NONE, SSHD_M_FIRST, 0, 0, 0, SSHD_S_OK, NULL }
};

static const struct {
	const char	*canon;
	int		 below;
	const char	*value;
} sshd_deftab[] = {
#define D(ca, be, va) { ca, be, va },
	SSHD_DEFAULTS(D)
#undef D
	{ NULL, 0, NULL }
};

const struct sshd_kwrow *
sshd_kw_lookup(const char *keyword, int v)
{
	size_t i;

	for (i = 0; sshd_kwtab[i].spelling != NULL; i++)
		if (v >= sshd_kwtab[i].since && v < sshd_kwtab[i].until &&
		    strcasecmp(keyword, sshd_kwtab[i].spelling) == 0)
			return &sshd_kwtab[i];
	return NULL;
}

const struct sshd_kwrow *
sshd_kw_canon(const char *canon, int v)
{
	size_t i;

	for (i = 0; sshd_kwtab[i].spelling != NULL; i++)
		if (v >= sshd_kwtab[i].since && v < sshd_kwtab[i].until &&
		    strcmp(sshd_kwtab[i].spelling, canon) == 0 &&
		    strcmp(sshd_kwtab[i].canon, canon) == 0)
			return &sshd_kwtab[i];
	return NULL;
}

const char *
sshd_kw_default(const struct sshd_kwrow *kw, int v)
{
	const char *val = kw->dflt;
	int best = 0;
	size_t i;

	for (i = 0; sshd_deftab[i].canon != NULL; i++)
		if (strcmp(sshd_deftab[i].canon, kw->canon) == 0 &&
		    v < sshd_deftab[i].below &&
		    (best == 0 || sshd_deftab[i].below < best)) {
			best = sshd_deftab[i].below;
			val = sshd_deftab[i].value;
		}
	return val;
}

int
sshd_keyword_known(const char *name, int openssh_version)
{
	const struct sshd_kwrow *kw = sshd_kw_canon(name, openssh_version);

	return kw != NULL && kw->status == SSHD_S_OK &&
	    !(kw->flags & SSHD_F_NOPRINT);
}

#define WHITESPACE " \t\r\n"

char *
sshd_strdelim(char **sp)
{
	char *old, *s;
	int wspace = 0;

	if (*sp == NULL)
		return NULL;
	old = *sp;
	s = strpbrk(*sp, WHITESPACE "\"=");
	if (s == NULL) {
		*sp = NULL;
		return old;
	}
	if (*s == '"') {
		memmove(s, s + 1, strlen(s));	/* moves the NUL too */
		if ((s = strpbrk(s, "\"")) == NULL) {
			*sp = NULL;
			return NULL;		/* no matching quote */
		}
		*s = '\0';
		s += strspn(s + 1, WHITESPACE) + 1;
		*sp = s;
		return old;
	}
	if (*s == '=')
		wspace = 1;
	*s = '\0';
	s += strspn(s + 1, WHITESPACE) + 1;
	if (*s == '=' && !wspace)
		s += strspn(s + 1, WHITESPACE) + 1;
	*sp = s;
	return old;
}

int
sshd_argv_split(const char *s, struct strv *out)
{
	size_t i, j, len = strlen(s);
	char *arg;
	int quote;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (s[i] == '#')
			break;
		quote = 0;
		arg = xmalloc(len - i + 1);
		for (j = 0; i < len; i++) {
			if (s[i] == '\\') {
				if (s[i + 1] == '\'' || s[i + 1] == '"' ||
				    s[i + 1] == '\\' ||
				    (quote == 0 && s[i + 1] == ' ')) {
					i++;
					arg[j++] = s[i];
				} else
					arg[j++] = s[i];
			} else if (quote == 0 && (s[i] == ' ' || s[i] == '\t'))
				break;
			else if (quote == 0 && (s[i] == '"' || s[i] == '\''))
				quote = s[i];
			else if (quote != 0 && s[i] == quote)
				quote = 0;
			else
				arg[j++] = s[i];
		}
		arg[j] = '\0';
		strv_push_owned(out, arg);
		if (i >= len) {
			if (quote != 0)
				return -1;
			break;
		}
	}
	return 0;
}

/* Parser state across files. */
struct pstate {
	struct sshd_config	*cfg;
	const struct sshd_source *src;
	struct diag		*diag;
	struct strv		 stack;		/* files being read (loops) */
	int			 too_large;
	size_t			 nincludes;	/* files read through Include */
	size_t			 cur_match;	/* current block, 0: global */
	size_t			 inc_parent;	/* block at this file's Include */
	struct strv		 subsystems;	/* global Subsystem names */
	int			 authmethods;	/* a global AuthenticationMethods */
};

static const char *
keep(struct sshd_config *cfg, const char *s)
{
	strv_push(&cfg->strings, s);
	return cfg->strings.v[cfg->strings.n - 1];
}

static struct sshd_directive *
add_dir(struct pstate *ps, const char *kw, const char *name,
    const char *args, const char *file, unsigned int line)
{
	struct sshd_config *cfg = ps->cfg;
	struct sshd_directive *d;

	if (cfg->ndirs == cfg->cap) {
		cfg->cap = cfg->cap ? cfg->cap * 2 : 32;
		cfg->dirs = xreallocarray(cfg->dirs, cfg->cap,
		    sizeof(*cfg->dirs));
	}
	d = &cfg->dirs[cfg->ndirs++];
	d->keyword = keep(cfg, kw);
	d->name = name;
	d->args = keep(cfg, args);
	d->file = file;
	d->line = line;
	d->match = (int)ps->cur_match;
	d->status = SSHD_KW_OK;
	return d;
}

static int parse_file(struct pstate *, const char *path, const char *data,
    size_t len, unsigned int depth);

/*
 * Include: globs relative to /etc/ssh, expanded in place. The Include
 * directive is dirs[di], addressed by index: the nested parse_file() grows
 * (reallocates) cfg->dirs. Its strings live in cfg->strings and stay put.
 */
static void
do_include(struct pstate *ps, size_t di, unsigned int depth)
{
	const char *file = ps->cfg->dirs[di].file;
	unsigned int line = ps->cfg->dirs[di].line;
	struct strv av, paths;
	const char *data;
	size_t len, i, j;
	char *pat;
	int r;

	strv_init(&av);
	strv_init(&paths);
	if (sshd_argv_split(ps->cfg->dirs[di].args, &av) != 0 || av.n == 0) {
		ps->cfg->dirs[di].status = SSHD_KW_BAD_VALUE;
		diag_error(ps->diag, file, line, "%s", av.n == 0 ?
		    "Include missing filename argument" : "invalid quotes");
		goto out;
	}
	for (i = 0; i < av.n && !ps->too_large; i++) {
		if (av.v[i][0] == '\0') {
			ps->cfg->dirs[di].status = SSHD_KW_BAD_VALUE;
			diag_error(ps->diag, file, line,
			    "keyword Include empty argument");
			continue;
		}
		if (av.v[i][0] == '~')
			pat = xprintf("/root%s", av.v[i] + 1);	/* uid 0 */
		else if (av.v[i][0] != '/')
			pat = xprintf("%s/%s", SSHD_DIR, av.v[i]);
		else
			pat = xstrdup(av.v[i]);
		strv_cleanup(&paths);
		strv_init(&paths);
		r = ps->src->glob(ps->src->arg, pat, &paths);
		if (r != 0) {
			ps->cfg->dirs[di].status = SSHD_KW_BAD_VALUE;
			diag_error(ps->diag, file, line,
			    "include \"%s\" glob failed: %s", pat,
			    sl_strerror(r));
		}
		for (j = 0; r == 0 && j < paths.n && !ps->too_large; j++) {
			if (depth + 1 > SL_MAX_INCLUDE_DEPTH) {
				ps->cfg->dirs[di].status = SSHD_KW_BAD_VALUE;
				diag_error(ps->diag, file, line,
				    "Too many recursive configuration "
				    "includes (%s)", paths.v[j]);
				continue;
			}
			if (strv_find(&ps->stack, paths.v[j]) >= 0) {
				ps->cfg->dirs[di].status = SSHD_KW_BAD_VALUE;
				diag_error(ps->diag, file, line,
				    "Include loop: %s includes itself; sshd "
				    "fails with \"Too many recursive "
				    "configuration includes\"", paths.v[j]);
				continue;
			}
			if (++ps->nincludes > SL_MAX_INCLUDES) {
				diag_error(ps->diag, file, line,
				    "more than %u files read through Include",
				    SL_MAX_INCLUDES);
				ps->too_large = 1;
				break;
			}
			r = ps->src->read(ps->src->arg, paths.v[j], &data,
			    &len);
			if (r == SL_ERR_TOO_LARGE)
				ps->too_large = 1;
			if (r != 0) {
				ps->cfg->dirs[di].status = SSHD_KW_BAD_VALUE;
				diag_error(ps->diag, file, line,
				    "cannot read included %s: %s", paths.v[j],
				    sl_strerror(r));
				r = 0;
				continue;
			}
			{
				size_t saved = ps->cur_match;
				size_t sparent = ps->inc_parent;

				ps->inc_parent = ps->cur_match;
				(void)parse_file(ps, keep(ps->cfg, paths.v[j]),
				    data, len, depth + 1);
				/* includes don't clobber the Match state */
				ps->cur_match = saved;
				ps->inc_parent = sparent;
			}
		}
		free(pat);
	}
 out:
	strv_cleanup(&av);
	strv_cleanup(&paths);
}

static void
parse_line(struct pstate *ps, const char *file, unsigned int lineno,
    char *line, unsigned int depth)
{
	const struct sshd_kwrow *kw;
	struct sshd_directive *d;
	struct strv vals;
	char *str, *keyword, why[512];
	size_t n;
	int v = ps->cfg->version;

	/* leading " \t\r" (load_server_config), trailing WHITESPACE+\f */
	line += strspn(line, " \t\r");
	n = strlen(line);
	while (n > 0 && strchr(WHITESPACE "\f", line[n - 1]) != NULL)
		line[--n] = '\0';
	if (n == 0)
		return;
	str = line;
	if ((keyword = sshd_strdelim(&str)) == NULL)
		return;
	if (*keyword == '\0')
		keyword = sshd_strdelim(&str);
	if (keyword == NULL || *keyword == '\0' || *keyword == '#')
		return;
	kw = sshd_kw_lookup(keyword, v);
	d = add_dir(ps, keyword, kw != NULL ? kw->canon : NULL,
	    str != NULL ? str : "", file, lineno);
	if (str == NULL || *str == '\0') {
		d->status = kw == NULL ? SSHD_KW_UNKNOWN : SSHD_KW_BAD_VALUE;
		diag_error(ps->diag, file, lineno,
		    "no argument after keyword \"%s\"", keyword);
		return;
	}
	if (kw == NULL) {
		d->status = SSHD_KW_UNKNOWN;
		diag_error(ps->diag, file, lineno,
		    "Bad configuration option: %s", keyword);
		return;
	}
	if (ps->cur_match != 0 && !(kw->flags & SSHD_F_MATCH)) {
		d->status = SSHD_KW_NOT_IN_MATCH;
		diag_error(ps->diag, file, lineno, "Directive '%s' is not "
		    "allowed within a Match block", keyword);
		return;
	}
	if (kw->type == SSHD_T_MATCH) {
		if (sshd_match_check(d->args, why, sizeof(why)) != 0) {
			d->status = SSHD_KW_BAD_VALUE;
			diag_error(ps->diag, file, lineno,
			    "Bad Match condition: %s", why);
		}
		/* a bad block still starts a block: its lines are in it */
		strv_push(&ps->cfg->matches, d->args);
		ps->cur_match = ps->cfg->matches.n;
		ps->cfg->match_parent = xreallocarray(ps->cfg->match_parent,
		    ps->cur_match + 1, sizeof(size_t));
		ps->cfg->match_parent[ps->cur_match] = ps->inc_parent;
		d->match = (int)ps->cur_match;
		return;
	}
	if (kw->type == SSHD_T_INCLUDE) {
		do_include(ps, (size_t)(d - ps->cfg->dirs), depth);
		return;
	}
	strv_init(&vals);
	if (sshd_value_check(kw, d->args, v, &vals, why, sizeof(why)) != 0) {
		d->status = SSHD_KW_BAD_VALUE;
		diag_error(ps->diag, file, lineno, "%s: %s", keyword, why);
	} else if (kw->status == SSHD_S_DEPRECATED ||
	    kw->status == SSHD_S_IGNORE) {
		d->status = SSHD_KW_DEPRECATED;
		diag_add(ps->diag, kw->status == SSHD_S_IGNORE ? DIAG_NOTE :
		    DIAG_WARNING, file, lineno, 0, "Deprecated option %s",
		    keyword);
	} else if (kw->status == SSHD_S_UNSUPPORTED) {
		d->status = SSHD_KW_UNSUPPORTED;
		diag_warn(ps->diag, file, lineno, "Unsupported option %s",
		    keyword);
	} else if (kw->type == SSHD_T_AUTHMETHODS) {
		/* servconf.c: "any" after methods were set is fatal */
		if (ps->authmethods && vals.n > 0 &&
		    strcmp(vals.v[0], "any") == 0) {
			d->status = SSHD_KW_BAD_VALUE;
			diag_error(ps->diag, file, lineno, "\"any\" must appear "
			    "alone in AuthenticationMethods");
		} else if (ps->cur_match == 0)
			ps->authmethods = 1;
	} else if (kw->type == SSHD_T_SUBSYSTEM && ps->cur_match == 0 &&
	    vals.n > 0) {
		/* a global duplicate is fatal in sshd */
		char *name = xstrndup(vals.v[0], strcspn(vals.v[0], " "));

		if (strv_find(&ps->subsystems, name) >= 0) {
			d->status = SSHD_KW_BAD_VALUE;
			diag_error(ps->diag, file, lineno,
			    "Subsystem '%s' already defined.", name);
			free(name);
		} else
			strv_push_owned(&ps->subsystems, name);
	}
	strv_cleanup(&vals);
}

static int
parse_file(struct pstate *ps, const char *path, const char *data, size_t len,
    unsigned int depth)
{
	const char *p = data, *end = data + len, *nl;
	unsigned int lineno = 0;
	char *line;
	size_t n;

	strv_push(&ps->stack, path);
	while (p < end && !ps->too_large) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		if (++ps->cfg->nlines > SL_MAX_CONFIG_LINES) {
			diag_error(ps->diag, path, lineno, "more than %u "
			    "configuration lines", SL_MAX_CONFIG_LINES);
			ps->too_large = 1;
			break;
		}
		if (n > SL_MAX_LINE) {
			struct sshd_directive *d;

			/* named so the SSHD-027 finding says what is wrong */
			d = add_dir(ps, "(line over " SL_MAX_LINE_TEXT " bytes)",
			    NULL, "", path, lineno);
			d->status = SSHD_KW_BAD_VALUE;
			diag_error(ps->diag, path, lineno, "line longer than "
			    "%u bytes ignored", SL_MAX_LINE);
		} else {
			/* getline()+strlen(): a NUL ends the line's text */
			line = xstrndup(p, n);
			parse_line(ps, path, lineno, line, depth);
			free(line);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	free(ps->stack.v[--ps->stack.n]);
	ps->stack.v[ps->stack.n] = NULL;
	return ps->too_large ? SL_ERR_TOO_LARGE : 0;
}

int
sshd_config_load(const char *path, const struct sshd_source *src,
    int openssh_version, struct sshd_config **cfgp, struct diag *diag)
{
	struct sshd_config *cfg = NULL;
	struct pstate ps;
	const char *data = NULL;
	size_t len = 0;
	int r = SL_ERR_INTERNAL;

	*cfgp = NULL;
	memset(&ps, 0, sizeof(ps));
	strv_init(&ps.stack);
	strv_init(&ps.subsystems);
	if ((r = src->read(src->arg, path, &data, &len)) != 0) {
		if (r != SL_ERR_NOT_FOUND)
			diag_error(diag, path, 0, "cannot read: %s",
			    sl_strerror(r));
		goto out;
	}
	cfg = xcalloc(1, sizeof(*cfg));
	cfg->version = openssh_version;
	strv_init(&cfg->matches);
	strv_init(&cfg->strings);
	ps.cfg = cfg;
	ps.src = src;
	ps.diag = diag;
	if ((r = parse_file(&ps, keep(cfg, path), data, len, 0)) != 0)
		goto out;
	*cfgp = cfg;
	cfg = NULL;
	r = 0;
 out:
	strv_cleanup(&ps.stack);
	strv_cleanup(&ps.subsystems);
	sshd_config_free(cfg);
	return r;
}

void
sshd_config_free(struct sshd_config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->dirs);
	free(cfg->match_parent);
	strv_cleanup(&cfg->matches);
	strv_cleanup(&cfg->strings);
	free(cfg);
}

size_t
sshd_config_count(const struct sshd_config *cfg)
{
	return cfg->ndirs;
}

const struct sshd_directive *
sshd_config_get(const struct sshd_config *cfg, size_t i)
{
	return i < cfg->ndirs ? &cfg->dirs[i] : NULL;
}

size_t
sshd_config_nmatch(const struct sshd_config *cfg)
{
	return cfg->matches.n;
}

const char *
sshd_config_match_text(const struct sshd_config *cfg, size_t n)
{
	return n >= 1 && n <= cfg->matches.n ? cfg->matches.v[n - 1] : NULL;
}
