/*
 * targets.c — "[user@]host[:port]" specs, inventory files with [group]
 * headers, "@group" expansion, -l/-p defaults and deduplication.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sbuf.h"
#include "targets.h"
#include "xmalloc.h"

#define HOST_MAX	255u
#define USER_MAX	64u
#define GROUP_MAX	64u
#define NO_GROUP	((size_t)-1)

static int
name_char(int c)
{
	return isascii(c) && (isalnum(c) || c == '.' || c == '-' || c == '_');
}

/* A host name or IPv4 address: [A-Za-z0-9._-], no leading '-' or '.'. */
static int
valid_host(const char *s, size_t n, const char **why)
{
	size_t i;

	if (n == 0) {
		*why = "empty host";
		return 0;
	}
	if (n > HOST_MAX) {
		*why = "host name longer than 255 characters";
		return 0;
	}
	if (s[0] == '-' || s[0] == '.') {
		*why = "host must not start with '-' or '.'";
		return 0;
	}
	for (i = 0; i < n; i++)
		if (!name_char((unsigned char)s[i])) {
			*why = "host may only hold letters, digits, '.', '-' "
			    "and '_'";
			return 0;
		}
	return 1;
}

static int
valid_ipv6(const char *s, size_t n, const char **why)
{
	size_t i, colons = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ':')
			colons++;
		else if (!isascii((unsigned char)s[i]) ||
		    (!isxdigit((unsigned char)s[i]) && s[i] != '.')) {
			*why = "bad IPv6 address";
			return 0;
		}
	}
	if (n == 0 || n > 45 || colons < 2) {
		*why = "bad IPv6 address";
		return 0;
	}
	return 1;
}

static int
valid_user(const char *s, size_t n, const char **why)
{
	size_t i;

	if (n == 0 || n > USER_MAX) {
		*why = n == 0 ? "empty user name" : "user name too long";
		return 0;
	}
	if (s[0] == '-') {
		*why = "user name must not start with '-'";
		return 0;
	}
	for (i = 0; i < n; i++)
		if (!name_char((unsigned char)s[i])) {
			*why = "user name may only hold letters, digits, '.', "
			    "'-' and '_'";
			return 0;
		}
	return 1;
}

static unsigned int
port_n(const char *s, size_t n)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return v >= 1 && v <= 65535 ? (unsigned int)v : 0;
}

unsigned int
target_parse_port(const char *s)
{
	return port_n(s, strlen(s));
}

void
ssh_target_cleanup(struct ssh_target *t)
{
	free(t->label);
	free(t->host);
	free(t->user);
	memset(t, 0, sizeof(*t));
}

void
ssh_target_copy(struct ssh_target *dst, const struct ssh_target *src)
{
	dst->label = xstrdup(src->label);
	dst->host = xstrdup(src->host);
	dst->user = src->user != NULL ? xstrdup(src->user) : NULL;
	dst->port = src->port;
}

int
ssh_target_parse(const char *spec, struct ssh_target *t, const char **why)
{
	const char *at, *h, *end, *colon, *p;
	size_t hl, colons = 0;
	unsigned int port = 0;

	memset(t, 0, sizeof(*t));
	if (spec == NULL || *spec == '\0') {
		*why = "empty target";
		return SL_ERR_PARSE;
	}
	if (strlen(spec) > TARGET_MAX_SPEC) {
		*why = "target longer than 1024 characters";
		return SL_ERR_PARSE;
	}
	h = spec;
	if ((at = strchr(spec, '@')) != NULL) {
		if (!valid_user(spec, (size_t)(at - spec), why))
			return SL_ERR_PARSE;
		h = at + 1;
	}
	end = h + strlen(h);
	if (*h == '[') {
		const char *rb = strchr(h, ']');

		if (rb == NULL) {
			*why = "missing ']' after an IPv6 address";
			return SL_ERR_PARSE;
		}
		if (!valid_ipv6(h + 1, (size_t)(rb - h - 1), why))
			return SL_ERR_PARSE;
		if (rb[1] != '\0') {
			if (rb[1] != ':' ||
			    (port = port_n(rb + 2, strlen(rb + 2))) == 0) {
				*why = "expected \":PORT\" (1-65535) after ']'";
				return SL_ERR_PARSE;
			}
		}
		h++;
		hl = (size_t)(rb - h);
	} else {
		for (p = h; *p != '\0'; p++)
			if (*p == ':')
				colons++;
		if (colons >= 2) {		/* a bare IPv6 address */
			if (!valid_ipv6(h, (size_t)(end - h), why))
				return SL_ERR_PARSE;
			hl = (size_t)(end - h);
		} else {
			colon = strchr(h, ':');
			hl = colon != NULL ? (size_t)(colon - h) :
			    (size_t)(end - h);
			if (colon != NULL &&
			    (port = port_n(colon + 1, strlen(colon + 1))) == 0) {
				*why = "port must be a number from 1 to 65535";
				return SL_ERR_PARSE;
			}
			if (!valid_host(h, hl, why))
				return SL_ERR_PARSE;
		}
	}
	t->label = xstrdup(spec);
	t->host = xstrndup(h, hl);
	t->user = at != NULL ? xstrndup(spec, (size_t)(at - spec)) : NULL;
	t->port = port;
	return SL_OK;
}

void
inventory_cleanup(struct inventory *inv)
{
	size_t i;

	for (i = 0; i < inv->nhosts; i++)
		free(inv->hosts[i].spec);
	free(inv->hosts);
	free(inv->path);
	strv_cleanup(&inv->groups);
	memset(inv, 0, sizeof(*inv));
}

static void
inventory_init(struct inventory *inv, const char *name)
{
	memset(inv, 0, sizeof(*inv));
	strv_init(&inv->groups);
	inv->path = xstrdup(name);
}

static int
valid_group(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > GROUP_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!name_char((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Handles one line (without its newline). */
static int
inventory_line(struct inventory *inv, const char *line, size_t len,
    unsigned int lno, size_t *groupp, struct diag *d)
{
	struct ssh_target t;
	const char *why = NULL, *s = line, *e;
	char *tok;
	size_t i;
	long gi;
	int r;

	for (i = 0; i < len; i++)
		if (line[i] == '\0') {
			diag_error(d, inv->path, lno, "NUL byte in line");
			return SL_ERR_PARSE;
		}
	/* A '#' at the start or after blank space starts a comment. */
	for (i = 0; i < len; i++)
		if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' ||
		    line[i - 1] == '\t'))
			break;
	e = line + i;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (s == e)
		return SL_OK;
	if ((size_t)(e - s) > TARGET_MAX_SPEC) {
		diag_error(d, inv->path, lno, "line longer than %u characters",
		    TARGET_MAX_SPEC);
		return SL_ERR_PARSE;
	}
	if (*s == '[' && e[-1] == ']' && memchr(s + 1, '[', (size_t)(e - s - 1))
	    == NULL && (e - s < 3 || memchr(s + 1, ':', (size_t)(e - s - 2))
	    == NULL)) {
		tok = xstrndup(s + 1, (size_t)(e - s - 2));
		if (!valid_group(tok, strlen(tok))) {
			diag_error(d, inv->path, lno, "bad group name \"%s\" "
			    "(letters, digits, '.', '-', '_')", tok);
			free(tok);
			return SL_ERR_PARSE;
		}
		if (strcmp(tok, "all") == 0) {
			diag_error(d, inv->path, lno, "\"all\" is reserved: "
			    "@all already means every host");
			free(tok);
			return SL_ERR_PARSE;
		}
		if ((gi = strv_find(&inv->groups, tok)) < 0) {
			strv_push_owned(&inv->groups, tok);
			*groupp = inv->groups.n - 1;
		} else {
			free(tok);
			*groupp = (size_t)gi;	/* a repeated header adds to it */
		}
		return SL_OK;
	}
	for (i = 0; s + i < e; i++)
		if (s[i] == ' ' || s[i] == '\t') {
			diag_error(d, inv->path, lno, "one target per line "
			    "(\"%.*s\" is followed by more)", (int)i, s);
			return SL_ERR_PARSE;
		}
	tok = xstrndup(s, (size_t)(e - s));
	if ((r = ssh_target_parse(tok, &t, &why)) != SL_OK) {
		diag_error(d, inv->path, lno, "bad target \"%s\": %s", tok,
		    why);
		free(tok);
		return r;
	}
	ssh_target_cleanup(&t);
	if (inv->nhosts >= INVENTORY_MAX_HOSTS) {
		diag_error(d, inv->path, lno, "more than %u hosts",
		    INVENTORY_MAX_HOSTS);
		free(tok);
		return SL_ERR_TOO_LARGE;
	}
	/* capacity in powers of two: growing by one copies quadratically */
	if ((inv->nhosts & (inv->nhosts - 1)) == 0)
		inv->hosts = xreallocarray(inv->hosts,
		    inv->nhosts == 0 ? 1 : 2 * inv->nhosts, sizeof(*inv->hosts));
	inv->hosts[inv->nhosts].spec = tok;
	inv->hosts[inv->nhosts].line = lno;
	inv->hosts[inv->nhosts].group = *groupp;
	inv->nhosts++;
	return SL_OK;
}

int
inventory_parse(const char *data, size_t len, const char *name,
    struct inventory *inv, struct diag *d)
{
	size_t off = 0, group = NO_GROUP;
	unsigned int lno = 0;
	int r;

	inventory_init(inv, name);
	if (len > INVENTORY_MAX_SIZE) {
		diag_error(d, name, 0, "inventory larger than %u bytes",
		    INVENTORY_MAX_SIZE);
		return SL_ERR_TOO_LARGE;
	}
	while (off < len) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t ll = nl != NULL ? (size_t)(nl - (data + off)) : len - off;

		lno++;
		if ((r = inventory_line(inv, data + off, ll, lno, &group, d))
		    != SL_OK)
			return r;
		off += ll + (nl != NULL);
	}
	return SL_OK;
}

int
inventory_load(const char *path, struct inventory *inv, struct diag *d)
{
	struct sbuf b;
	char buf[8192];
	FILE *fp;
	size_t n;
	int r = SL_OK, e;

	inventory_init(inv, path);
	if ((fp = fopen(path, "r")) == NULL) {
		e = errno;
		diag_errno(d, "inventory %s", path);
		return e == ENOENT ? SL_ERR_NOT_FOUND : SL_ERR_SYSTEM;
	}
	sbuf_init(&b, INVENTORY_MAX_SIZE);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (sbuf_put(&b, buf, n) != SL_OK) {
			diag_error(d, path, 0, "inventory larger than %u bytes",
			    INVENTORY_MAX_SIZE);
			r = SL_ERR_TOO_LARGE;
			break;
		}
	if (r == SL_OK && ferror(fp)) {
		diag_errno(d, "cannot read inventory %s", path);
		r = SL_ERR_SYSTEM;
	}
	(void)fclose(fp);
	if (r == SL_OK) {
		inventory_cleanup(inv);
		r = inventory_parse(b.data != NULL ? b.data : "", b.len, path,
		    inv, d);
	}
	sbuf_cleanup(&b);
	return r;
}

void
targets_free(struct ssh_target *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		ssh_target_cleanup(&v[i]);
	free(v);
}

struct tvec {
	struct ssh_target	*v;
	size_t			 n;
};

static int
push_spec(struct tvec *tv, const char *spec, const struct target_defaults *def,
    const char *file, unsigned int line, struct diag *d)
{
	struct ssh_target t;
	const char *why = NULL;

	if (ssh_target_parse(spec, &t, &why) != SL_OK) {
		if (file != NULL)
			diag_error(d, file, line, "bad target \"%s\": %s",
			    spec, why);
		else
			diag_error(d, NULL, 0, "bad target \"%s\": %s%s", spec,
			    why, strchr(spec, '/') != NULL ?
			    " (for a directory use --root DIR)" : "");
		return SL_ERR_PARSE;
	}
	if (t.user == NULL && def != NULL && def->user != NULL)
		t.user = xstrdup(def->user);
	if (t.port == 0 && def != NULL)
		t.port = def->port;
	if ((tv->n & (tv->n - 1)) == 0)	/* powers of two, as above */
		tv->v = xreallocarray(tv->v, tv->n == 0 ? 1 : 2 * tv->n,
		    sizeof(*tv->v));
	tv->v[tv->n++] = t;
	return SL_OK;
}

struct dkey {
	char	*key;
	size_t	 idx;
};

static int
cmp_dkey(const void *a, const void *b)
{
	const struct dkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Keeps the first of each (user, host, port), in order. */
static void
dedupe(struct tvec *tv)
{
	struct dkey *k;
	char *drop;
	size_t i, j;

	if (tv->n < 2)
		return;
	k = xcalloc(tv->n, sizeof(*k));
	drop = xcalloc(tv->n, 1);
	for (i = 0; i < tv->n; i++) {
		k[i].key = xprintf("%s@%s:%u", tv->v[i].user ? tv->v[i].user :
		    "", tv->v[i].host, tv->v[i].port);
		k[i].idx = i;
	}
	qsort(k, tv->n, sizeof(*k), cmp_dkey);
	for (i = 1; i < tv->n; i++)
		if (strcmp(k[i].key, k[i - 1].key) == 0)
			drop[k[i].idx] = 1;
	for (i = j = 0; i < tv->n; i++) {
		free(k[i].key);
		if (drop[i])
			ssh_target_cleanup(&tv->v[i]);
		else
			tv->v[j++] = tv->v[i];
	}
	tv->n = j;
	free(k);
	free(drop);
}

int
targets_resolve(const char *const args[], size_t nargs,
    const struct inventory *inv, const struct target_defaults *def,
    struct ssh_target **tp, size_t *np, struct diag *d)
{
	struct tvec tv = { NULL, 0 };
	size_t i, j;
	long gi;
	int r = SL_OK, all;

	*tp = NULL;
	*np = 0;
	if (nargs == 0 && inv != NULL)
		for (j = 0; r == SL_OK && j < inv->nhosts; j++)
			r = push_spec(&tv, inv->hosts[j].spec, def, inv->path,
			    inv->hosts[j].line, d);
	for (i = 0; r == SL_OK && i < nargs; i++) {
		if (args[i][0] != '@') {
			r = push_spec(&tv, args[i], def, NULL, 0, d);
			continue;
		}
		if (inv == NULL) {
			diag_error(d, NULL, 0, "%s: a group needs --inventory "
			    "FILE", args[i]);
			r = SL_ERR_USAGE;
			break;
		}
		all = strcmp(args[i] + 1, "all") == 0;
		gi = all ? -1 : strv_find(&inv->groups, args[i] + 1);
		if (!all && gi < 0) {
			diag_error(d, NULL, 0, "%s: no group [%s] in %s",
			    args[i], args[i] + 1, inv->path);
			r = SL_ERR_USAGE;
			break;
		}
		for (j = 0; r == SL_OK && j < inv->nhosts; j++)
			if (all || inv->hosts[j].group == (size_t)gi)
				r = push_spec(&tv, inv->hosts[j].spec, def,
				    inv->path, inv->hosts[j].line, d);
	}
	if (r != SL_OK) {
		targets_free(tv.v, tv.n);
		return r;
	}
	dedupe(&tv);
	*tp = tv.v;
	*np = tv.n;
	return SL_OK;
}
