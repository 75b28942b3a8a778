/*
 * rules_parse.c — the rule-file language (rules/README.md): a tokenizer in
 * the style of sshd_config (whitespace-separated words, "quoted strings",
 * # comments, backslash-newline continuation) and a keyword table like
 * servconf.c's. Pure: text in, rules and file:line:column diags out. Every
 * error is reported and parsing goes on; a rule with errors is dropped and
 * the whole text then fails with SL_ERR_PARSE.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sl_limits.h"
#include "predicates.h"
#include "re.h"
#include "rules_priv.h"
#include "sbuf.h"
#include "sshd.h"
#include "xmalloc.h"

struct tok {
	char		*s;
	unsigned int	 line;
	unsigned int	 col;
	int		 quoted;
};

struct lexer {
	const char	*file;
	const char	*p;
	const char	*end;
	unsigned int	 line;
	unsigned int	 col;
	struct diag	*d;
	unsigned int	 nerr;
	int		 badline;	/* the last line had a lexical error */
};

enum kw_op {
	K_RULE, K_END, K_TITLE, K_SEVERITY, K_SCOPE, K_CHECK, K_RATIONALE,
	K_REF, K_FIX, K_FIXTEXT, K_DSMFIX, K_NOPS
};

/* servconf.c-style keyword table: name, opcode, args, required, repeatable. */
static const struct {
	const char	*name;
	enum kw_op	 op;
	int		 amin;
	int		 amax;		/* -1: unbounded */
	int		 required;
	int		 repeat;
} keywords[] = {
	{ "rule",	K_RULE,		1, 1,  0, 0 },
	{ "end",	K_END,		0, 0,  0, 0 },
	{ "title",	K_TITLE,	1, 1,  1, 0 },
	{ "severity",	K_SEVERITY,	1, 1,  1, 0 },
	{ "scope",	K_SCOPE,	1, 1,  1, 0 },
	{ "check",	K_CHECK,	1, -1, 1, 0 },
	{ "rationale",	K_RATIONALE,	1, 1,  1, 0 },
	{ "ref",	K_REF,		1, -1, 0, 1 },
	{ "fix",	K_FIX,		1, -1, 0, 0 },
	{ "fixtext",	K_FIXTEXT,	1, 1,  0, 0 },
	{ "dsmfix",	K_DSMFIX,	1, -1, 0, 0 },
	{ NULL,		K_NOPS,		0, 0,  0, 0 }
};

/* Fix actions and their arguments (argspec letters as in predicate_list.h). */
static const struct {
	const char	*name;
	int		 amin;
	int		 amax;
	const char	*spec;
} fix_actions[] = {
	{ "sshd_set",		2, -1, "ws" },
	{ "sshd_remove",	1, 1,  "w" },
	{ "chmod",		1, 1,  "m" },
	{ "chown",		1, 1,  "o" },
	{ "manual",		1, 1,  "s" },
	{ NULL,			0, 0,  NULL }
};

static const char *const sshd_statuses[] = {
	"ok", "deprecated", "unsupported", "unknown", "bad_value",
	"not_in_match", NULL
};

/* Where each keyword of the open rule was seen (0: not seen). */
struct open_rule {
	struct rule_priv	*rp;
	unsigned int		 line, col;	/* of "rule" */
	unsigned int		 kwline[K_NOPS];
	unsigned int		 kwcol[K_NOPS];
	struct tok		*check;		/* copy of the check tokens */
	size_t			 ncheck;
	struct tok		*fixtok[2];	/* fix, dsmfix tokens */
	size_t			 nfixtok[2];
	unsigned int		 nerr;		/* errors inside this rule */
	int			 lexbad;	/* a line was unreadable */
};

static void __attribute__((format(printf, 4, 5)))
lex_error(struct lexer *lx, unsigned int line, unsigned int col,
    const char *fmt, ...)
{
	struct sbuf b;
	va_list ap;

	sbuf_init(&b, 0);
	va_start(ap, fmt);
	(void)sbuf_vputf(&b, fmt, ap);
	va_end(ap);
	diag_add(lx->d, DIAG_ERROR, lx->file, line, col, "%s", b.data);
	sbuf_cleanup(&b);
	lx->nerr++;
}

static void
toks_free(struct tok *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(t[i].s);
}

static void
advance(struct lexer *lx)
{
	if (*lx->p == '\n') {
		lx->line++;
		lx->col = 1;
	} else
		lx->col++;
	lx->p++;
}

/* At a backslash: is it a line continuation ("\\\n" or "\\\r\n")? */
static int
at_continuation(const struct lexer *lx)
{
	const char *q = lx->p + 1;

	if (*lx->p != '\\')
		return 0;
	if (q < lx->end && *q == '\r')
		q++;
	return q >= lx->end || *q == '\n';
}

static void
skip_continuation(struct lexer *lx)
{
	advance(lx);			/* the backslash */
	while (lx->p < lx->end && *lx->p != '\n')
		advance(lx);		/* "\r" */
	if (lx->p < lx->end)
		advance(lx);		/* "\n" */
}

/* Reads a quoted string; the opening quote is at lx->p. */
static int
lex_quoted(struct lexer *lx, struct sbuf *b)
{
	unsigned int line = lx->line, col = lx->col;

	advance(lx);
	for (;;) {
		if (lx->p >= lx->end || *lx->p == '\n' || *lx->p == '\r') {
			lex_error(lx, line, col, "unterminated quoted string");
			return SL_ERR_PARSE;
		}
		if (*lx->p == '"') {
			advance(lx);
			break;
		}
		if (*lx->p == '\0') {
			lex_error(lx, lx->line, lx->col, "NUL byte");
			return SL_ERR_PARSE;
		}
		if (*lx->p == '\\' && lx->p + 1 < lx->end &&
		    (lx->p[1] == '"' || lx->p[1] == '\\'))
			advance(lx);	/* \" and \\ are the only escapes */
		if (sbuf_putc(b, *lx->p) != 0) {
			lex_error(lx, line, col, "string too long");
			return SL_ERR_PARSE;
		}
		advance(lx);
	}
	if (lx->p < lx->end && !isspace((unsigned char)*lx->p) &&
	    !at_continuation(lx)) {
		lex_error(lx, lx->line, lx->col,
		    "expected white space after quoted string");
		return SL_ERR_PARSE;
	}
	return 0;
}

/*
 * Reads the tokens of the next logical line. Returns 1 with *ntoks (0 for
 * a blank or comment line, or a line with an error, already reported), or
 * 0 at the end of the text.
 */
static int
lex_line(struct lexer *lx, struct tok *toks, size_t *ntoks)
{
	struct sbuf b;
	int bad = 0;

	*ntoks = 0;
	if (lx->p >= lx->end)
		return 0;
	sbuf_init(&b, SL_MAX_LINE);
	for (;;) {
		while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' ||
		    *lx->p == '\r' || *lx->p == '\f' || *lx->p == '\v'))
			advance(lx);
		if (lx->p >= lx->end)
			break;
		if (*lx->p == '\n') {
			advance(lx);
			break;
		}
		if (at_continuation(lx)) {
			skip_continuation(lx);
			continue;
		}
		if (*lx->p == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				advance(lx);
			continue;
		}
		if (*lx->p == '\0') {
			if (!bad)
				lex_error(lx, lx->line, lx->col, "NUL byte");
			bad = 1;
			advance(lx);
			continue;
		}
		if (*ntoks >= SL_MAX_RULE_ARGS) {
			if (!bad)
				lex_error(lx, lx->line, lx->col,
				    "more than %u words on one line",
				    SL_MAX_RULE_ARGS);
			bad = 1;
			while (lx->p < lx->end && *lx->p != '\n')
				advance(lx);
			continue;
		}
		sbuf_reset(&b);
		toks[*ntoks].line = lx->line;
		toks[*ntoks].col = lx->col;
		toks[*ntoks].quoted = *lx->p == '"';
		if (*lx->p == '"') {
			if (lex_quoted(lx, &b) != 0) {
				bad = 1;
				while (lx->p < lx->end && *lx->p != '\n')
					advance(lx);
				continue;
			}
		} else {
			while (lx->p < lx->end && !isspace((unsigned char)*lx->p)
			    && !at_continuation(lx) && *lx->p != '\0') {
				if (*lx->p == '"') {
					if (!bad)
						lex_error(lx, lx->line, lx->col,
						    "unexpected quote inside a word");
					bad = 1;
				}
				if (sbuf_putc(&b, *lx->p) != 0) {
					if (!bad)
						lex_error(lx, lx->line, lx->col,
						    "line too long");
					bad = 1;
					break;
				}
				advance(lx);
			}
		}
		toks[(*ntoks)++].s = xstrdup(b.data != NULL ? b.data : "");
	}
	sbuf_cleanup(&b);
	lx->badline = bad;
	if (bad) {
		toks_free(toks, *ntoks);
		*ntoks = 0;
	}
	return 1;
}

/* The value of variable name (len bytes) in the active profile, or NULL. */
static const char *
profile_value(const struct ruleset *rs, const char *name, size_t len)
{
	const struct rule_profile *p;
	size_t i;

	if (rs->active < 0)
		return NULL;
	p = &rs->profiles[rs->active];
	for (i = 0; i < p->vars.n; i++)
		if (strlen(p->vars.v[i]) == len &&
		    strncmp(p->vars.v[i], name, len) == 0)
			return p->values.v[i];
	return NULL;
}

/*
 * Replaces ${var} in the tokens with the active profile's value: a bare
 * token that is exactly ${var} becomes one token per word of the value,
 * anywhere else the value is pasted in. Returns 0, or SL_ERR_PARSE after
 * reporting (unknown variable, no profile, unterminated ${).
 */
static int
expand_vars(struct lexer *lx, const struct ruleset *rs, struct tok *toks,
    size_t *ntoks)
{
	struct tok *out;
	struct sbuf b;
	const char *p, *q, *v, *w;
	size_t i, n = 0, len;
	int r = 0;

	for (i = 0; i < *ntoks; i++)
		if (strstr(toks[i].s, "${") != NULL)
			break;
	if (i == *ntoks)
		return 0;
	out = xcalloc(SL_MAX_RULE_ARGS, sizeof(*out));
	sbuf_init(&b, SL_MAX_LINE);
	for (i = 0; i < *ntoks && r == 0; i++) {
		if (strstr(toks[i].s, "${") == NULL) {
			if (n >= SL_MAX_RULE_ARGS)
				goto toomany;
			out[n] = toks[i];
			out[n++].s = xstrdup(toks[i].s);
			continue;
		}
		sbuf_reset(&b);
		for (p = toks[i].s; *p != '\0'; ) {
			if (p[0] != '$' || p[1] != '{') {
				(void)sbuf_putc(&b, *p++);
				continue;
			}
			if ((q = strchr(p + 2, '}')) == NULL) {
				lex_error(lx, toks[i].line, toks[i].col,
				    "unterminated ${ in \"%s\"", toks[i].s);
				r = SL_ERR_PARSE;
				break;
			}
			len = (size_t)(q - (p + 2));
			if ((v = profile_value(rs, p + 2, len)) == NULL) {
				if (rs->active < 0)
					lex_error(lx, toks[i].line, toks[i].col,
					    "\"%s\" uses a profile variable but "
					    "no profile is defined", toks[i].s);
				else
					lex_error(lx, toks[i].line, toks[i].col,
					    "unknown profile variable \"%.*s\"",
					    (int)len, p + 2);
				r = SL_ERR_PARSE;
				break;
			}
			if (p == toks[i].s && q[1] == '\0' && !toks[i].quoted) {
				/* A whole word: one token per value word. */
				for (w = v; *w != '\0'; ) {
					len = strcspn(w, " ");
					if (n >= SL_MAX_RULE_ARGS)
						goto toomany;
					out[n] = toks[i];
					out[n++].s = xstrndup(w, len);
					w += len;
					while (*w == ' ')
						w++;
				}
				sbuf_reset(&b);
				p = q + 1;
				goto next;
			}
			(void)sbuf_puts(&b, v);
			p = q + 1;
		}
		if (r != 0)
			break;
		if (n >= SL_MAX_RULE_ARGS)
			goto toomany;
		out[n] = toks[i];
		out[n++].s = xstrdup(b.data != NULL ? b.data : "");
 next:
		;
	}
	goto done;
 toomany:
	lex_error(lx, toks[0].line, toks[0].col, "more than %u words after "
	    "expanding profile variables", SL_MAX_RULE_ARGS);
	r = SL_ERR_PARSE;
 done:
	sbuf_cleanup(&b);
	toks_free(toks, *ntoks);
	if (r != 0) {
		toks_free(out, n);
		*ntoks = 0;
	} else {
		memcpy(toks, out, n * sizeof(*out));
		*ntoks = n;
	}
	free(out);
	return r;
}

static int
find_keyword(const char *s)
{
	int i;

	for (i = 0; keywords[i].name != NULL; i++)
		if (strcmp(keywords[i].name, s) == 0)
			return i;
	return -1;
}

static int
valid_id(const char *s)
{
	size_t i;

	if (!isalpha((unsigned char)s[0]) || strlen(s) > 64)
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("_.-", s[i]) == NULL)
			return 0;
	return 1;
}

static int
valid_mode(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 5 || strspn(s, "01234567") != n)
		return 0;
	return strtoul(s, NULL, 8) <= 07777;
}

static int
valid_template(const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, '%')) != NULL; p += 2)
		if (p[1] != 'h' && p[1] != 'u' && p[1] != '%')
			return 0;
	return 1;
}

/* A keyword sshd -T prints at OpenSSH 7.4 (DSM 6) or 9.2, any case. */
static int
known_sshd_keyword(const char *s)
{
	char *l = xstrdup(s), *p;
	int known;

	for (p = l; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	known = sshd_keyword_known(l, 902) || sshd_keyword_known(l, 704);
	free(l);
	return known;
}

/*
 * Checks one argument against its argspec letter; compiles regexes into
 * *rep. Reports an error at the token and returns SL_ERR_PARSE when bad.
 */
static int
check_arg(struct lexer *lx, char spec, const struct tok *t, const char *what,
    struct re **rep)
{
	const char *s = t->s;
	size_t off, i;
	char *msg = NULL;

	switch (spec) {
	case 'w':
		if (*s == '\0')
			goto bad;
		return 0;
	case 's':
		return 0;
	case 'p':
		if ((s[0] != '/' && strncmp(s, "%h", 2) != 0) ||
		    !valid_template(s))
			goto bad;
		return 0;
	case 'm':
		if (!valid_mode(s))
			goto bad;
		return 0;
	case 'n':
		if (*s == '\0' || strlen(s) > 9 || strspn(s, "0123456789") !=
		    strlen(s))
			goto bad;
		return 0;
	case 'o':
		if (strcmp(s, "%u") == 0)
			return 0;
		if (*s == '\0' || strspn(s, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != strlen(s))
			goto bad;
		return 0;
	case 'K':
		if (known_sshd_keyword(s))
			return 0;
		goto bad;
	case 'S':
		for (i = 0; sshd_statuses[i] != NULL; i++)
			if (strcmp(sshd_statuses[i], s) == 0)
				return 0;
		goto bad;
	case 'r':
		if (re_compile(s, rep, &off, &msg) == 0)
			return 0;
		/* PCRE2's offset counts bytes of the pattern. */
		lex_error(lx, t->line, t->col + (t->quoted ? 1 : 0) +
		    (unsigned int)off, "bad regular expression for %s: %s",
		    what, msg);
		free(msg);
		return SL_ERR_PARSE;
	default:
		break;
	}
 bad:
	lex_error(lx, t->line, t->col, "bad argument \"%s\" for %s: expected %s",
	    s, what,
	    spec == 'w' ? "a word" :
	    spec == 'p' ? "an absolute path or %h/..., escapes %h %u %%" :
	    spec == 'm' ? "an octal mode (0000-7777)" :
	    spec == 'n' ? "a non-negative integer" :
	    spec == 'o' ? "a user name or %u" :
	    spec == 'K' ? "an sshd keyword" :
	    spec == 'S' ? "ok, deprecated, unsupported, unknown, bad_value or "
	    "not_in_match" : "a valid value");
	return SL_ERR_PARSE;
}

static void
count_error(struct lexer *lx, const struct tok *t, const char *kind,
    const char *name, int amin, int amax, size_t got)
{
	if (amin == amax)
		lex_error(lx, t->line, t->col,
		    "%s \"%s\" takes %d argument%s, got %zu", kind, name,
		    amin, amin == 1 ? "" : "s", got);
	else if (amax < 0)
		lex_error(lx, t->line, t->col,
		    "%s \"%s\" takes at least %d argument%s, got %zu", kind,
		    name, amin, amin == 1 ? "" : "s", got);
	else
		lex_error(lx, t->line, t->col,
		    "%s \"%s\" takes %d to %d arguments, got %zu", kind, name,
		    amin, amax, got);
}

static int
count_ok(int amin, int amax, size_t n)
{
	return n >= (size_t)amin && (amax < 0 || n <= (size_t)amax);
}

static char
spec_at(const char *spec, size_t i)
{
	size_t n = strlen(spec);

	return n == 0 ? 'w' : spec[i < n ? i : n - 1];
}

/* Validates and stores a fix / dsmfix line (toks[0] is the action). */
static void
finish_fix(struct lexer *lx, struct open_rule *o, int which)
{
	struct fix_spec *fs = which == 0 ? &o->rp->r.fix : &o->rp->r.dsm_fix;
	const struct tok *t = o->fixtok[which];
	size_t n = o->nfixtok[which], i;
	struct re *re = NULL;
	int a;

	if (t == NULL)
		return;
	for (a = 0; fix_actions[a].name != NULL; a++)
		if (strcmp(fix_actions[a].name, t[0].s) == 0)
			break;
	if (fix_actions[a].name == NULL) {
		lex_error(lx, t[0].line, t[0].col, "unknown fix action \"%s\" "
		    "(expected sshd_set, sshd_remove, chmod, chown or manual)",
		    t[0].s);
		o->nerr++;
		return;
	}
	if (!count_ok(fix_actions[a].amin, fix_actions[a].amax, n - 1)) {
		count_error(lx, &t[0], "fix action", t[0].s,
		    fix_actions[a].amin, fix_actions[a].amax, n - 1);
		o->nerr++;
		return;
	}
	for (i = 1; i < n; i++) {
		if (check_arg(lx, spec_at(fix_actions[a].spec, i - 1), &t[i],
		    t[0].s, &re) != 0)
			o->nerr++;
		re_free(re);
		re = NULL;
	}
	fs->action = xstrdup(t[0].s);
	for (i = 1; i < n; i++)
		strv_push(&fs->args, t[i].s);
}

static void
finish_check(struct lexer *lx, struct open_rule *o)
{
	struct rule_priv *rp = o->rp;
	const struct predicate *pred;
	const struct tok *t = o->check;
	size_t n = o->ncheck, i;

	if (t == NULL)
		return;
	if ((pred = predicate_find(t[0].s)) == NULL) {
		lex_error(lx, t[0].line, t[0].col, "unknown predicate \"%s\"",
		    t[0].s);
		o->nerr++;
		return;
	}
	if (o->kwline[K_SCOPE] != 0 && !(pred->scopes & (1u << rp->r.scope))) {
		lex_error(lx, t[0].line, t[0].col,
		    "predicate \"%s\" cannot be used with scope %s", t[0].s,
		    scope_name(rp->r.scope));
		o->nerr++;
	}
	if (!count_ok(pred->amin, pred->amax, n - 1)) {
		count_error(lx, &t[0], "predicate", t[0].s, pred->amin,
		    pred->amax, n - 1);
		o->nerr++;
		return;
	}
	rp->nres = n - 1;
	rp->res = xcalloc(n, sizeof(*rp->res));
	for (i = 1; i < n; i++)
		if (check_arg(lx, spec_at(pred->argspec, i - 1), &t[i],
		    t[0].s, &rp->res[i - 1]) != 0)
			o->nerr++;
	rp->r.pred = pred;
	for (i = 1; i < n; i++)
		strv_push(&rp->r.args, t[i].s);
}

static void
open_rule_reset(struct open_rule *o)
{
	size_t i;

	rule_priv_free(o->rp);
	toks_free(o->check, o->ncheck);
	free(o->check);
	for (i = 0; i < 2; i++) {
		toks_free(o->fixtok[i], o->nfixtok[i]);
		free(o->fixtok[i]);
	}
	memset(o, 0, sizeof(*o));
}

/* Closes the open rule: validates it and adds it to rs when clean. */
static void
finish_rule(struct lexer *lx, struct open_rule *o, struct ruleset *rs)
{
	struct rule_priv *rp = o->rp;
	int k;

	if (rp == NULL)
		return;
	for (k = 0; keywords[k].name != NULL; k++) {
		if (!keywords[k].required || o->kwline[keywords[k].op] != 0 ||
		    o->lexbad)
			continue;
		lex_error(lx, o->line, o->col, "rule \"%s\" is missing \"%s\"",
		    rp->r.id != NULL ? rp->r.id : "?", keywords[k].name);
		o->nerr++;
	}
	finish_check(lx, o);
	finish_fix(lx, o, 0);
	finish_fix(lx, o, 1);
	if (o->nerr == 0 && rp->r.id != NULL) {
		ruleset_append(rs, rp);
		o->rp = NULL;
	}
	open_rule_reset(o);
}

static struct tok *
toks_copy(const struct tok *t, size_t n)
{
	struct tok *c = xcalloc(n, sizeof(*c));
	size_t i;

	for (i = 0; i < n; i++) {
		c[i] = t[i];
		c[i].s = xstrdup(t[i].s);
	}
	return c;
}

static void
start_rule(struct lexer *lx, struct open_rule *o, struct ruleset *rs,
    const struct tok *t, size_t n)
{
	long i;

	o->rp = xcalloc(1, sizeof(*o->rp));
	strv_init(&o->rp->r.refs);
	strv_init(&o->rp->r.args);
	strv_init(&o->rp->r.fix.args);
	strv_init(&o->rp->r.dsm_fix.args);
	o->rp->r.file = xstrdup(lx->file);
	o->rp->r.line = t[0].line;
	o->line = t[0].line;
	o->col = t[0].col;
	if (n != 2) {
		count_error(lx, &t[0], "keyword", "rule", 1, 1, n - 1);
		o->nerr++;
		return;
	}
	if (!valid_id(t[1].s)) {
		lex_error(lx, t[1].line, t[1].col, "bad rule id \"%s\" (a "
		    "letter, then letters, digits, '-', '_' or '.')", t[1].s);
		o->nerr++;
		return;
	}
	o->rp->r.id = xstrdup(t[1].s);
	if ((i = strv_find(&rs->ids, t[1].s)) >= 0) {
		lex_error(lx, t[1].line, t[1].col,
		    "duplicate rule id \"%s\" (first defined at %s)", t[1].s,
		    rs->locs.v[i]);
		o->nerr++;
		return;
	}
	strv_push(&rs->ids, t[1].s);
	strv_push_owned(&rs->locs, xprintf("%s:%u", lx->file, t[0].line));
}

static void
set_enum(struct lexer *lx, struct open_rule *o, enum kw_op op,
    const struct tok *t)
{
	static const char *const scopes[] = { "host", "user", "file", "key",
	    NULL };
	enum severity sev;
	int i;

	if (op == K_SEVERITY) {
		if (severity_parse(t->s, &sev) == 0) {
			o->rp->r.severity = sev;
			return;
		}
		lex_error(lx, t->line, t->col, "bad severity \"%s\" (expected "
		    "info, low, medium, high or critical)", t->s);
		o->nerr++;
		return;
	}
	for (i = 0; scopes[i] != NULL; i++)
		if (strcmp(scopes[i], t->s) == 0) {
			o->rp->r.scope = (enum scope)i;
			return;
		}
	lex_error(lx, t->line, t->col,
	    "bad scope \"%s\" (expected host, user, file or key)", t->s);
	o->nerr++;
}

static void
handle_line(struct lexer *lx, struct open_rule *o, struct ruleset *rs,
    struct tok *t, size_t n)
{
	struct rule_priv *rp;
	enum kw_op op;
	size_t i;
	int k;

	if ((k = find_keyword(t[0].s)) < 0) {
		lex_error(lx, t[0].line, t[0].col, "unknown keyword \"%s\"",
		    t[0].s);
		if (o->rp != NULL)
			o->nerr++;
		return;
	}
	op = keywords[k].op;
	if (op == K_RULE) {
		if (o->rp != NULL) {
			lex_error(lx, o->line, o->col,
			    "rule \"%s\" has no \"end\"",
			    o->rp->r.id != NULL ? o->rp->r.id : "?");
			o->nerr++;
			finish_rule(lx, o, rs);
		}
		start_rule(lx, o, rs, t, n);
		return;
	}
	if (o->rp == NULL) {
		lex_error(lx, t[0].line, t[0].col,
		    "\"%s\" outside a rule block", t[0].s);
		return;
	}
	if (op == K_END) {
		if (n != 1) {
			count_error(lx, &t[0], "keyword", "end", 0, 0, n - 1);
			o->nerr++;
		}
		finish_rule(lx, o, rs);
		return;
	}
	rp = o->rp;
	if (!keywords[k].repeat && o->kwline[op] != 0) {
		lex_error(lx, t[0].line, t[0].col,
		    "duplicate \"%s\" (first at line %u)", t[0].s,
		    o->kwline[op]);
		o->nerr++;
		return;
	}
	o->kwline[op] = t[0].line;
	o->kwcol[op] = t[0].col;
	if (!count_ok(keywords[k].amin, keywords[k].amax, n - 1)) {
		count_error(lx, &t[0], "keyword", t[0].s, keywords[k].amin,
		    keywords[k].amax, n - 1);
		o->nerr++;
		return;
	}
	switch (op) {
	case K_TITLE:
		rp->r.title = xstrdup(t[1].s);
		break;
	case K_RATIONALE:
		rp->r.rationale = xstrdup(t[1].s);
		break;
	case K_FIXTEXT:
		rp->r.fix.text = xstrdup(t[1].s);
		break;
	case K_SEVERITY:
	case K_SCOPE:
		set_enum(lx, o, op, &t[1]);
		break;
	case K_REF:
		for (i = 1; i < n; i++)
			strv_push(&rp->r.refs, t[i].s);
		break;
	case K_CHECK:
		o->check = toks_copy(t + 1, n - 1);
		o->ncheck = n - 1;
		break;
	case K_FIX:
	case K_DSMFIX:
		i = op == K_FIX ? 0 : 1;
		o->fixtok[i] = toks_copy(t + 1, n - 1);
		o->nfixtok[i] = n - 1;
		break;
	default:
		break;
	}
}

int
ruleset_add_text(struct ruleset *rs, const char *file, const char *data,
    size_t len, struct diag *d)
{
	struct lexer lx;
	struct open_rule o;
	struct tok *toks = NULL;
	size_t n = 0;
	int r = SL_ERR_INTERNAL, in_profile = 0;

	memset(&lx, 0, sizeof(lx));
	memset(&o, 0, sizeof(o));
	lx.file = file;
	lx.p = data;
	lx.end = data + len;
	lx.line = 1;
	lx.col = 1;
	lx.d = d;
	if (len > SL_MAX_RULE_FILE) {
		diag_add(d, DIAG_ERROR, file, 0, 0,
		    "rule file larger than %u bytes", SL_MAX_RULE_FILE);
		r = SL_ERR_TOO_LARGE;
		goto out;
	}
	toks = xcalloc(SL_MAX_RULE_ARGS, sizeof(*toks));
	while (lex_line(&lx, toks, &n)) {
		/* Profile blocks were read by ruleset_add_profiles(). */
		if (n > 0 && o.rp == NULL && !in_profile &&
		    strcmp(toks[0].s, "profile") == 0)
			in_profile = 1;
		if (in_profile) {
			if (n > 0 && strcmp(toks[0].s, "end") == 0)
				in_profile = 0;
			toks_free(toks, n);
			n = 0;
			continue;
		}
		if (n > 0 && expand_vars(&lx, rs, toks, &n) != 0) {
			if (o.rp != NULL)
				o.nerr++;
			continue;
		}
		if (n > 0)
			handle_line(&lx, &o, rs, toks, n);
		else if (lx.badline && o.rp != NULL) {
			o.nerr++;
			o.lexbad = 1;	/* no "missing" errors after this */
		}
		toks_free(toks, n);
		n = 0;
		if (rs->n > SL_MAX_RULES) {
			lex_error(&lx, lx.line, 0, "more than %u rules",
			    SL_MAX_RULES);
			break;
		}
	}
	if (o.rp != NULL) {
		lex_error(&lx, o.line, o.col, "rule \"%s\" has no \"end\"",
		    o.rp->r.id != NULL ? o.rp->r.id : "?");
		o.nerr++;
		finish_rule(&lx, &o, rs);
	}
	if (lx.nerr > 0) {
		r = SL_ERR_PARSE;
		goto out;
	}
	r = 0;
 out:
	open_rule_reset(&o);
	free(toks);
	return r;
}

/* --- profiles (pass 1) --------------------------------------------------- */

static int
valid_var(const char *s)
{
	size_t i;

	if (!(islower((unsigned char)s[0]) || s[0] == '_') || strlen(s) > 64)
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

static void
profile_line(struct lexer *lx, struct ruleset *rs, struct rule_profile *p,
    struct tok *t, size_t n)
{
	struct sbuf b;
	size_t i;

	if (strcmp(t[0].s, "title") == 0 && n == 2 && p->title == NULL) {
		p->title = xstrdup(t[1].s);
	} else if (strcmp(t[0].s, "default") == 0 && n == 1) {
		for (i = 0; i < rs->nprofiles; i++)
			if (rs->profiles[i].is_default &&
			    &rs->profiles[i] != p) {
				lex_error(lx, t[0].line, t[0].col, "profile "
				    "\"%s\" is already the default (%s:%u)",
				    rs->profiles[i].name, rs->profiles[i].file,
				    rs->profiles[i].line);
				return;
			}
		p->is_default = 1;
	} else if (strcmp(t[0].s, "set") == 0 && n >= 3) {
		if (!valid_var(t[1].s)) {
			lex_error(lx, t[1].line, t[1].col, "bad variable name "
			    "\"%s\" (lower-case letters, digits, _)", t[1].s);
			return;
		}
		if (strv_find(&p->vars, t[1].s) >= 0) {
			lex_error(lx, t[1].line, t[1].col, "profile \"%s\" "
			    "sets \"%s\" twice", p->name, t[1].s);
			return;
		}
		sbuf_init(&b, SL_MAX_LINE);
		for (i = 2; i < n; i++) {
			if (strchr(t[i].s, ' ') != NULL || *t[i].s == '\0' ||
			    strstr(t[i].s, "${") != NULL) {
				lex_error(lx, t[i].line, t[i].col, "a profile "
				    "value is words without spaces or ${");
				sbuf_cleanup(&b);
				return;
			}
			(void)sbuf_putf(&b, "%s%s", i > 2 ? " " : "", t[i].s);
		}
		strv_push(&p->vars, t[1].s);
		strv_push(&p->values, b.data);
		sbuf_cleanup(&b);
	} else
		lex_error(lx, t[0].line, t[0].col, "expected title \"text\", "
		    "default or set VARIABLE VALUE... in profile \"%s\"",
		    p->name);
}

int
ruleset_add_profiles(struct ruleset *rs, const char *file, const char *data,
    size_t len, struct diag *d)
{
	struct lexer lx;
	struct tok *toks;
	struct rule_profile *p = NULL;
	size_t n = 0, i;
	int in_rule = 0;

	memset(&lx, 0, sizeof(lx));
	lx.file = file;
	lx.p = data;
	lx.end = data + len;
	lx.line = 1;
	lx.col = 1;
	lx.d = d;
	if (len > SL_MAX_RULE_FILE)
		return 0;	/* reported by ruleset_add_text */
	toks = xcalloc(SL_MAX_RULE_ARGS, sizeof(*toks));
	while (lex_line(&lx, toks, &n)) {
		if (n == 0)
			continue;
		if (p == NULL && !in_rule && strcmp(toks[0].s, "rule") == 0)
			in_rule = 1;
		else if (in_rule) {
			if (strcmp(toks[0].s, "end") == 0)
				in_rule = 0;
		} else if (p == NULL && strcmp(toks[0].s, "profile") == 0) {
			if (n != 2 || !valid_id(toks[1].s)) {
				lex_error(&lx, toks[0].line, toks[0].col,
				    "expected profile NAME");
				p = NULL;
			}
			for (i = 0; n == 2 && i < rs->nprofiles; i++)
				if (strcmp(rs->profiles[i].name, toks[1].s) ==
				    0) {
					lex_error(&lx, toks[1].line,
					    toks[1].col, "duplicate profile "
					    "\"%s\" (first at %s:%u)",
					    toks[1].s, rs->profiles[i].file,
					    rs->profiles[i].line);
					break;
				}
			rs->profiles = xreallocarray(rs->profiles,
			    rs->nprofiles + 1, sizeof(*rs->profiles));
			p = &rs->profiles[rs->nprofiles++];
			memset(p, 0, sizeof(*p));
			p->name = xstrdup(n == 2 ? toks[1].s : "?");
			p->file = xstrdup(file);
			p->line = toks[0].line;
			strv_init(&p->vars);
			strv_init(&p->values);
		} else if (p != NULL && strcmp(toks[0].s, "end") == 0 &&
		    n == 1)
			p = NULL;
		else if (p != NULL)
			profile_line(&lx, rs, p, toks, n);
		toks_free(toks, n);
		n = 0;
	}
	if (p != NULL)
		lex_error(&lx, p->line, 1, "profile \"%s\" has no \"end\"",
		    p->name);
	free(toks);
	return lx.nerr > 0 ? SL_ERR_PARSE : 0;
}
