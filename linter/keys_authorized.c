/*
 * keys_authorized.c — authorized_keys files read the way sshd reads them
 * (auth2-pubkeyfile.c, auth-options.c, sshkey_read()): a key type first, or
 * options then a key type; options are comma-separated, values in double
 * quotes with \" for a quote, names case-insensitive. Every line sshd would
 * skip gets a status and a file:line diagnostic.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "keys.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "xmalloc.h"

#define NI_MAXHOST_	1025	/* <netdb.h> NI_MAXHOST */
#define PERMIT_MAX	4096	/* SSH_AUTHOPT_PERMIT_MAX */
#define TUNID_MAX	(AK_TUN_ANY - 2)

static const char *const status_names[] = {
	"ok", "line too long", "unterminated quote", "bad option", "no key",
	"unknown key type", "bad base64", "key type mismatch", "bad key blob",
	"key too small", "too many keys"
};

const char *
authkey_status_str(enum authkey_status st)
{
	if ((size_t)st >= sizeof(status_names) / sizeof(status_names[0]))
		return "?";
	return status_names[st];
}

/* ---- options (sshauthopt_parse) -------------------------------------- */

/* "opt" or (allow_negate) "no-opt": 1, 0 for negated, -1 no match. */
static int
opt_flag(const char *opt, int allow_negate, const char **optsp)
{
	size_t len = strlen(opt);
	const char *s = *optsp;
	int negate = 0;

	if (allow_negate && strncasecmp(s, "no-", 3) == 0) {
		s += 3;
		negate = 1;
	}
	if (strncasecmp(s, opt, len) == 0) {
		*optsp = s + len;
		return negate ? 0 : 1;
	}
	return -1;
}

/* "term=": advances past the '='. */
static int
opt_match(const char **optsp, const char *term)
{
	size_t len = strlen(term);

	if (strncasecmp(*optsp, term, len) == 0 && (*optsp)[len] == '=') {
		*optsp += len + 1;
		return 1;
	}
	return 0;
}

/* A double-quoted value; \" stands for a quote, other backslashes stay. */
static char *
opt_dequote(const char **sp, const char **errp)
{
	const char *s = *sp;
	char *ret;
	size_t i;

	if (*s != '"') {
		*errp = "missing start quote";
		return NULL;
	}
	s++;
	ret = xmalloc(strlen(s) + 1);
	for (i = 0; *s != '\0' && *s != '"';) {
		if (s[0] == '\\' && s[1] == '"')
			s++;
		ret[i++] = *s++;
	}
	if (*s == '\0') {
		*errp = "missing end quote";
		free(ret);
		return NULL;
	}
	ret[i] = '\0';
	*sp = s + 1;
	return ret;
}

/* OpenBSD strtonum(3) over strtoll. */
static int
num_in(const char *s, long long min, long long max, long long *vp)
{
	char *ep;
	long long v;

	errno = 0;
	v = strtoll(s, &ep, 10);
	if (ep == s || *ep != '\0' || errno == ERANGE || v < min || v > max)
		return -1;
	*vp = v;
	return 0;
}

static int
a2port(const char *s)
{
	long long v;

	return num_in(s, 0, 65535, &v) == 0 ? (int)v : -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant). */
static int64_t
days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int
digits(const char *s, size_t n, unsigned int *vp)
{
	unsigned int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	*vp = v;
	return 0;
}

/*
 * parse_absolute_time(): YYYYMMDD[HHMM[SS]] with an optional Z or UTC
 * suffix. Without one sshd uses the host's local time zone, which we do not
 * know: the value is then read as UTC and *utcp is 0. Day overflow is
 * normalised like mktime (Feb 30 is Mar 1 or 2).
 */
static int
parse_expiry(const char *s, uint64_t *tp, int *utcp)
{
	size_t l = strlen(s);
	unsigned int y, mo, d, h = 0, mi = 0, sec = 0;
	int64_t t;

	*tp = 0;
	*utcp = 0;
	if (l > 1 && strcasecmp(s + l - 1, "Z") == 0) {
		*utcp = 1;
		l--;
	} else if (l > 3 && strcasecmp(s + l - 3, "UTC") == 0) {
		*utcp = 1;
		l -= 3;
	}
	if (l != 8 && l != 12 && l != 14)
		return -1;
	if (digits(s, 4, &y) != 0 || digits(s + 4, 2, &mo) != 0 ||
	    digits(s + 6, 2, &d) != 0)
		return -1;
	if (l >= 12 && (digits(s + 8, 2, &h) != 0 ||
	    digits(s + 10, 2, &mi) != 0))
		return -1;
	if (l == 14 && digits(s + 12, 2, &sec) != 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 61)
		return -1;
	t = (days_from_civil(y, mo, 1) + d - 1) * 86400 +
	    (int64_t)h * 3600 + mi * 60 + sec;
	if (t < 0)
		return -1;
	*tp = (uint64_t)t;
	return 0;
}

/* hpdelim2(): a host, "[v6]" or "host", then ':' or '/'. */
static int
permit_ok(const char *spec)
{
	const char *s = spec, *port;
	size_t hlen;

	if (*s == '[') {
		if ((s = strchr(s, ']')) == NULL)
			return -1;
		s++;
	} else
		s += strcspn(s, ":/");
	if (*s == '\0')
		return -2;			/* no port */
	if (*s != ':' && *s != '/')
		return -1;
	hlen = (size_t)(s - spec);
	if (hlen >= NI_MAXHOST_)
		return -1;
	port = s + 1;
	if (strcmp(port, "*") != 0 && a2port(port) <= 0)
		return -2;
	return 0;
}

static int
handle_permit(const char **optsp, int bare_port, struct strv *list,
    const char **errp)
{
	char *opt;
	int r;

	if (list->n > PERMIT_MAX) {
		*errp = "too many permission directives";
		return -1;
	}
	if ((opt = opt_dequote(optsp, errp)) == NULL)
		return -1;
	if (bare_port && strchr(opt, ':') == NULL) {
		char *tmp = xprintf("*:%s", opt);

		free(opt);
		opt = tmp;
	}
	if ((r = permit_ok(opt)) != 0) {
		*errp = r == -1 ? "invalid permission hostname" :
		    "invalid permission port";
		free(opt);
		return -1;
	}
	strv_push_owned(list, opt);
	return 0;
}

static void
push_name(struct strv *names, const char *start, size_t len)
{
	char *s = xstrndup(start, len);
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	strv_push_owned(names, s);
}

static void
opts_init(struct authkey_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->permit_pty = o->permit_port_forwarding = 1;
	o->permit_agent_forwarding = o->permit_x11_forwarding = 1;
	o->permit_user_rc = 1;
	o->tunnel = AK_TUN_NONE;
	strv_init(&o->permitopen);
	strv_init(&o->permitlisten);
	strv_init(&o->environment);
	strv_init(&o->names);
}

static void
opts_cleanup(struct authkey_opts *o)
{
	free(o->command);
	free(o->from);
	free(o->principals);
	strv_cleanup(&o->permitopen);
	strv_cleanup(&o->permitlisten);
	strv_cleanup(&o->environment);
	strv_cleanup(&o->names);
}

/*
 * sshauthopt_parse() on opts (NUL-terminated; parsing stops at a space or
 * TAB). Returns 0, or -1 with *errp and *wherep (the text at fault).
 */
/*
 * The OpenSSH release that first accepted an option (names as pushed to
 * o->names); an older sshd calls it an unknown option and skips the line.
 * From the release notes: restrict and the positive forms 7.2,
 * expiry-time 7.7, permitlisten 7.8, (no-)touch-required 8.2,
 * verify-required 8.9.
 */
static const struct {
	const char	*name;
	int		 since;
} opt_since[] = {
	{ "restrict", 702 }, { "port-forwarding", 702 },
	{ "agent-forwarding", 702 }, { "x11-forwarding", 702 },
	{ "pty", 702 }, { "user-rc", 702 }, { "expiry-time", 707 },
	{ "permitlisten", 708 }, { "touch-required", 802 },
	{ "no-touch-required", 802 }, { "verify-required", 809 },
	{ "no-verify-required", 809 }
};

/* 0 if version (0: any) knows the option name, else its first release. */
static int
opt_too_new(const char *name, int version)
{
	size_t i;

	if (version <= 0)
		return 0;
	for (i = 0; i < sizeof(opt_since) / sizeof(opt_since[0]); i++)
		if (strcmp(opt_since[i].name, name) == 0)
			return version < opt_since[i].since ?
			    opt_since[i].since : 0;
	return 0;
}

static int
parse_options(const char *opts, struct authkey_opts *o, const char **errp,
    const char **wherep, int version)
{
	const char *start, *eq;
	char *opt, *cp;
	int r, utc;
	uint64_t t;
	long long tun;

	*errp = NULL;
	while (*opts != '\0' && *opts != ' ' && *opts != '\t') {
		start = opts;
		*wherep = start;
		eq = NULL;
		if ((r = opt_flag("restrict", 0, &opts)) != -1) {
			o->restricted = 1;
			o->permit_pty = o->permit_port_forwarding = 0;
			o->permit_agent_forwarding = 0;
			o->permit_x11_forwarding = o->permit_user_rc = 0;
		} else if ((r = opt_flag("cert-authority", 0, &opts)) != -1) {
			o->cert_authority = 1;
		} else if ((r = opt_flag("port-forwarding", 1, &opts)) != -1) {
			o->permit_port_forwarding = r == 1;
		} else if ((r = opt_flag("agent-forwarding", 1, &opts)) != -1) {
			o->permit_agent_forwarding = r == 1;
		} else if ((r = opt_flag("x11-forwarding", 1, &opts)) != -1) {
			o->permit_x11_forwarding = r == 1;
		} else if ((r = opt_flag("touch-required", 1, &opts)) != -1) {
			o->no_touch_required = r != 1;
		} else if ((r = opt_flag("verify-required", 1, &opts)) != -1) {
			o->verify_required = r == 1;
		} else if ((r = opt_flag("pty", 1, &opts)) != -1) {
			o->permit_pty = r == 1;
		} else if ((r = opt_flag("user-rc", 1, &opts)) != -1) {
			o->permit_user_rc = r == 1;
		} else if (opt_match(&opts, "command")) {
			eq = opts;
			if (o->command != NULL) {
				*errp = "multiple \"command\" clauses";
				return -1;
			}
			if ((o->command = opt_dequote(&opts, errp)) == NULL)
				return -1;
		} else if (opt_match(&opts, "principals")) {
			eq = opts;
			if (o->principals != NULL) {
				*errp = "multiple \"principals\" clauses";
				return -1;
			}
			if ((o->principals = opt_dequote(&opts, errp)) == NULL)
				return -1;
		} else if (opt_match(&opts, "from")) {
			eq = opts;
			if (o->from != NULL) {
				*errp = "multiple \"from\" clauses";
				return -1;
			}
			if ((o->from = opt_dequote(&opts, errp)) == NULL)
				return -1;
		} else if (opt_match(&opts, "expiry-time")) {
			eq = opts;
			if ((opt = opt_dequote(&opts, errp)) == NULL)
				return -1;
			if (parse_expiry(opt, &t, &utc) != 0 || t == 0) {
				free(opt);
				*errp = "invalid expires time";
				return -1;
			}
			free(opt);
			if (o->expiry == 0 || t < o->expiry) {
				o->expiry = t;
				o->expiry_utc = utc != 0;
			}
		} else if (opt_match(&opts, "environment")) {
			eq = opts;
			if ((opt = opt_dequote(&opts, errp)) == NULL)
				return -1;
			if ((cp = strchr(opt, '=')) == NULL) {
				free(opt);
				*errp = "invalid environment string";
				return -1;
			}
			for (; cp > opt; cp--) {
				if (!isalnum((unsigned char)cp[-1]) &&
				    cp[-1] != '_') {
					free(opt);
					*errp = "invalid environment string";
					return -1;
				}
			}
			strv_push_owned(&o->environment, opt);
		} else if (opt_match(&opts, "permitopen")) {
			eq = opts;
			if (handle_permit(&opts, 0, &o->permitopen, errp) != 0)
				return -1;
		} else if (opt_match(&opts, "permitlisten")) {
			eq = opts;
			if (handle_permit(&opts, 1, &o->permitlisten, errp) != 0)
				return -1;
		} else if (opt_match(&opts, "tunnel")) {
			eq = opts;
			if ((opt = opt_dequote(&opts, errp)) == NULL)
				return -1;
			if (strcasecmp(opt, "any") == 0)
				o->tunnel = AK_TUN_ANY;
			else if (num_in(opt, 0, TUNID_MAX, &tun) == 0)
				o->tunnel = (int)tun;
			else {
				free(opt);
				*errp = "invalid tun device";
				return -1;
			}
			free(opt);
		}
		if (opts != start) {
			push_name(&o->names, start,
			    (size_t)((eq != NULL ? eq - 1 : opts) - start));
			if (opt_too_new(o->names.v[o->names.n - 1],
			    version) != 0) {
				*errp = "unknown key option for this "
				    "OpenSSH version";
				*wherep = start;
				return -1;
			}
		}
		if (*opts == '\0' || *opts == ' ' || *opts == '\t')
			break;
		if (*opts != ',') {
			*errp = "unknown key option";
			*wherep = start;
			return -1;
		}
		opts++;
		if (*opts == '\0') {
			*errp = "unexpected end-of-options";
			*wherep = opts;
			return -1;
		}
	}
	return 0;
}

/* ---- lines ----------------------------------------------------------- */

/* sshkey_advance_past_options(): end of the options word, or NULL. */
static const char *
skip_options(const char *p, const char *e)
{
	int quoted = 0;

	for (; p < e && (quoted || (*p != ' ' && *p != '\t')); p++) {
		if (*p == '\\' && p + 1 < e && p[1] == '"')
			p++;
		else if (*p == '"')
			quoted = !quoted;
	}
	return quoted ? NULL : p;
}

static const char *
skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *
word_end(const char *p, const char *e)
{
	while (p < e && *p != ' ' && *p != '\t')
		p++;
	return p;
}

/* Up to 40 bytes of s for a diagnostic, control bytes as \xNN. */
static char *
snippet(const char *s, size_t len)
{
	struct sbuf b;
	size_t i, n = len > 40 ? 40 : len;

	sbuf_init(&b, 0);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			(void)sbuf_putf(&b, "\\x%02x", c);
		else
			(void)sbuf_putc(&b, (char)c);
	}
	if (n < len)
		(void)sbuf_puts(&b, "...");
	return sbuf_steal(&b, NULL);
}

/*
 * "unknown key type ..." for a first word that is neither options nor a key
 * type. Quoted only when it looks like a mistyped key type ("ssh-ed2519"):
 * authorized_keys may be a symlink to /etc/shadow or any other file, whose
 * lines (hashes, tokens) must not reach a report.
 */
static char *
unknown_type(const char *s, size_t len)
{
	static const char *const families[] = { "ssh-", "ecdsa-", "sk-",
	    "rsa-", "x509v3-" };
	size_t i, ok = 0;
	char *snip, *why;

	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (len > strlen(families[i]) &&
		    strncmp(s, families[i], strlen(families[i])) == 0)
			ok = 1;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr("@._+-", s[i]) == NULL)
			ok = 0;
	if (!ok)
		return xprintf("unknown key type (a %zu-byte word that is not "
		    "a key type name; not shown)", len);
	snip = snippet(s, len);
	why = xprintf("unknown key type \"%s\"", snip);
	free(snip);
	return why;
}

static void
set_status(struct authkey_line *l, enum authkey_status st, char *why)
{
	l->status = st;
	free(l->why);
	l->why = why;
}

/* The type word [t, te) and the blob word after it; fills l->key. */
static void
read_key(struct authkey_line *l, const struct keytype *kt, const char *t,
    const char *te, const char *e)
{
	const char *b, *be, *c;
	uint8_t *blob = NULL;
	size_t blen;
	struct key_why why;
	int r;

	l->type_name = xstrndup(t, (size_t)(te - t));
	b = skip_ws(te, e);
	if (b == e) {
		set_status(l, AK_NO_KEY, xprintf("key type \"%s\" without "
		    "key data", kt->name));
		return;
	}
	be = word_end(b, e);
	l->blob_b64 = xstrndup(b, (size_t)(be - b));
	c = skip_ws(be, e);
	if (c < e)
		l->comment = xstrndup(c, (size_t)(e - c));
	r = keys_b64_decode(b, (size_t)(be - b), SL_MAX_KEY_BLOB, &blob,
	    &blen);
	if (r == SL_ERR_TOO_LARGE) {
		set_status(l, AK_BAD_BLOB, xstrdup("key blob over 64 KiB"));
		return;
	}
	if (r != 0) {
		set_status(l, AK_BAD_BASE64, xstrdup("bad base64 in key data"));
		return;
	}
	r = pubkey_from_blob(blob, blen, kt, &l->key, &why);
	free(blob);
	if (r == 0)
		return;
	switch (why.status) {
	case KEY_TYPE_MISMATCH:
		set_status(l, AK_TYPE_MISMATCH, xprintf("%s (\"%s\")",
		    why.msg, kt->name));
		break;
	case KEY_TOO_SMALL:
		set_status(l, AK_KEY_TOO_SMALL, xprintf("RSA key of %u bits: "
		    "sshd refuses keys under 1024 bits", why.bits));
		break;
	default:
		set_status(l, AK_BAD_BLOB, xprintf("bad %s key blob: %s",
		    kt->name, why.msg));
		break;
	}
}

static void
parse_line(struct authkey_line *l, const char *s, const char *e, int version)
{
	const char *p, *w1e, *oe, *q, *w2e, *err, *where = NULL;
	const struct keytype *kt;
	char *opts, *snip;
	int optrc;

	l->status = AK_OK;
	opts_init(&l->opts);
	p = skip_ws(s, e);
	w1e = word_end(p, e);
	if ((kt = keytype_by_name(p, (size_t)(w1e - p))) != NULL) {
		/* sshkey_read() of the whole line first */
		read_key(l, kt, p, w1e, e);
		return;
	}
	if ((oe = skip_options(p, e)) == NULL) {
		l->options = xstrndup(p, (size_t)(e - p));
		set_status(l, AK_BAD_QUOTE, xstrdup("unterminated quote in "
		    "key options"));
		return;
	}
	l->options = xstrndup(p, (size_t)(oe - p));
	/* NUL-terminated, with the space sshd would see after the options */
	opts = xprintf("%s ", l->options);
	optrc = parse_options(opts, &l->opts, &err, &where, version);
	q = skip_ws(oe, e);
	w2e = word_end(q, e);
	if (q == e) {
		if (optrc != 0 && strchr(l->options, '=') == NULL)
			set_status(l, AK_UNKNOWN_TYPE,
			    unknown_type(p, (size_t)(oe - p)));
		else if (optrc != 0)	/* "NAME=value": maybe not ours to show */
			set_status(l, AK_NO_KEY, xstrdup("no key, and a first "
			    "word that is not valid key options (not shown)"));
		else {
			snip = snippet(p, (size_t)(oe - p));
			set_status(l, AK_NO_KEY, xprintf("options \"%s\" "
			    "without a key", snip));
			free(snip);
		}
	} else if ((kt = keytype_by_name(q, (size_t)(w2e - q))) == NULL) {
		if (optrc != 0)
			set_status(l, AK_UNKNOWN_TYPE,
			    unknown_type(p, (size_t)(oe - p)));
		else
			set_status(l, AK_UNKNOWN_TYPE,
			    unknown_type(q, (size_t)(w2e - q)));
	} else {
		read_key(l, kt, q, w2e, e);
		if (l->status == AK_OK && optrc != 0) {
			snip = snippet(where, strcspn(where, ", "));
			set_status(l, AK_BAD_OPTION, xprintf("bad key options: "
			    "%s at \"%s\"", err, snip));
			free(snip);
		}
	}
	free(opts);
}

static struct authkey_line *
new_line(struct authkeys *ak, unsigned int lineno)
{
	struct authkey_line *l;

	if (ak->n == ak->cap) {
		ak->cap = ak->cap == 0 ? 16 : ak->cap * 2;
		ak->v = xreallocarray(ak->v, ak->cap, sizeof(*ak->v));
	}
	l = &ak->v[ak->n++];
	memset(l, 0, sizeof(*l));
	l->line = lineno;
	return l;
}

int
authkeys_parse(const char *file, const char *data, size_t len,
    struct authkeys **akp, struct diag *d)
{
	return authkeys_parse_ver(file, data, len, 0, akp, d);
}

int
authkeys_parse_ver(const char *file, const char *data, size_t len,
    int openssh_version, struct authkeys **akp, struct diag *d)
{
	struct authkeys *ak = NULL;
	struct authkey_line *l;
	const char *s = data, *end = data + len, *nl, *e, *p, *nul;
	unsigned int lineno = 0;

	*akp = NULL;
	ak = xcalloc(1, sizeof(*ak));
	while (s < end) {
		lineno++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		e = nl;
		if ((nul = memchr(s, '\0', (size_t)(e - s))) != NULL) {
			diag_warn(d, file, lineno, "NUL byte in line: sshd "
			    "reads the line only up to it");
			e = nul;
		}
		if (e > s && e[-1] == '\r')
			e--;
		p = skip_ws(s, e);
		if (p == e || *p == '#') {
			s = nl + 1;
			continue;
		}
		if (ak->n >= SL_MAX_AUTHKEYS) {
			/* a finding on this line, not a silently lost file */
			l = new_line(ak, lineno);
			opts_init(&l->opts);
			set_status(l, AK_TOO_MANY, xprintf("more than %u keys in "
			    "one authorized_keys file: this line and the rest "
			    "were not checked", SL_MAX_AUTHKEYS));
			diag_error(d, file, lineno, "%s", l->why);
			break;
		}
		l = new_line(ak, lineno);
		if ((size_t)(e - s) > SL_MAX_AUTHKEYS_LINE) {
			opts_init(&l->opts);
			set_status(l, AK_TOO_LONG, xprintf("line longer than "
			    "%u bytes", SL_MAX_AUTHKEYS_LINE));
		} else
			parse_line(l, s, e, openssh_version);
		if (l->status == AK_OK)
			ak->nok++;
		else
			diag_error(d, file, lineno, "%s; sshd ignores this "
			    "line", l->why);
		s = nl + 1;
	}
	*akp = ak;
	return 0;
}

void
authkeys_free(struct authkeys *ak)
{
	size_t i;

	if (ak == NULL)
		return;
	for (i = 0; i < ak->n; i++) {
		struct authkey_line *l = &ak->v[i];

		free(l->why);
		opts_cleanup(&l->opts);
		free(l->options);
		free(l->type_name);
		free(l->blob_b64);
		free(l->comment);
		pubkey_free(l->key);
	}
	free(ak->v);
	free(ak);
}
