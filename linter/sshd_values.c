/*
 * sshd_values.c — what servconf.c accepts as the arguments of each keyword
 * type, and the spelling `sshd -T` prints them in (one handler per value
 * type, not one per keyword). Also kex_assemble_names() for algorithm lists.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "sbuf.h"
#include "sshd_priv.h"
#include "xmalloc.h"


struct choice {
	const char	*key;
	const char	*print;
};

static const struct choice ch_flag[] = {
	{ "yes", "yes" }, { "no", "no" }, { NULL, NULL }
};
static const struct choice ch_prl[] = {
	{ "without-password", "without-password" },
	{ "prohibit-password", "without-password" },
	{ "forced-commands-only", "forced-commands-only" },
	{ "yes", "yes" }, { "no", "no" }, { NULL, NULL }
};
/*
 * XXX: upstream master lists prohibit-password first (STYLE.md C5); the
 * exact release that changed it is unverified here, 9.2 still prints
 * without-password. We switch at 9.5.
 */
static const struct choice ch_prl_new[] = {
	{ "without-password", "prohibit-password" },
	{ "prohibit-password", "prohibit-password" },
	{ "forced-commands-only", "forced-commands-only" },
	{ "yes", "yes" }, { "no", "no" }, { NULL, NULL }
};
static const struct choice ch_comp[] = {
	{ "yes", "yes" }, { "delayed", "yes" }, { "no", "no" }, { NULL, NULL }
};
/* Before 7.6 "yes" meant zlib from the start and printed as such. */
static const struct choice ch_comp_old[] = {
	{ "yes", "yes" }, { "delayed", "delayed" }, { "no", "no" },
	{ NULL, NULL }
};
static const struct choice ch_gwp[] = {
	{ "clientspecified", "clientspecified" }, { "yes", "yes" },
	{ "no", "no" }, { NULL, NULL }
};
static const struct choice ch_fwd[] = {
	{ "yes", "yes" }, { "all", "yes" }, { "no", "no" },
	{ "remote", "remote" }, { "local", "local" }, { NULL, NULL }
};
static const struct choice ch_af[] = {
	{ "inet", "inet" }, { "inet6", "inet6" }, { "any", "any" },
	{ NULL, NULL }
};
static const struct choice ch_ignrh[] = {
	{ "yes", "yes" }, { "no", "no" }, { "shosts-only", "shosts-only" },
	{ NULL, NULL }
};
static const struct choice ch_privsep[] = {
	{ "yes", "yes" }, { "sandbox", "sandbox" }, { "no", "no" },
	{ NULL, NULL }
};
static const struct choice ch_tun[] = {
	{ "no", "no" }, { "point-to-point", "point-to-point" },
	{ "ethernet", "ethernet" }, { "yes", "yes" }, { NULL, NULL }
};
static const struct choice ch_loglevel[] = {
	{ "QUIET", "QUIET" }, { "FATAL", "FATAL" }, { "ERROR", "ERROR" },
	{ "INFO", "INFO" }, { "VERBOSE", "VERBOSE" }, { "DEBUG", "DEBUG" },
	{ "DEBUG1", "DEBUG" }, { "DEBUG2", "DEBUG2" }, { "DEBUG3", "DEBUG3" },
	{ NULL, NULL }
};
static const struct choice ch_facility[] = {
	{ "DAEMON", "DAEMON" }, { "USER", "USER" }, { "AUTH", "AUTH" },
	{ "AUTHPRIV", "AUTHPRIV" }, { "LOCAL0", "LOCAL0" },
	{ "LOCAL1", "LOCAL1" }, { "LOCAL2", "LOCAL2" }, { "LOCAL3", "LOCAL3" },
	{ "LOCAL4", "LOCAL4" }, { "LOCAL5", "LOCAL5" }, { "LOCAL6", "LOCAL6" },
	{ "LOCAL7", "LOCAL7" }, { NULL, NULL }
};
static const struct choice ch_fphash[] = {
	{ "md5", "MD5" }, { "sha1", "SHA1" }, { "sha256", "SHA256" },
	{ "sha384", "SHA384" }, { "sha512", "SHA512" }, { NULL, NULL }
};

/* misc.c ipqos[]: the first name of a value is the one printed. */
static const struct { const char *name; int val; } ipqos_tab[] = {
	{ "none", INT_MAX },
	{ "af11", 0x28 }, { "af12", 0x30 }, { "af13", 0x38 },
	{ "af21", 0x48 }, { "af22", 0x50 }, { "af23", 0x58 },
	{ "af31", 0x68 }, { "af32", 0x70 }, { "af33", 0x78 },
	{ "af41", 0x88 }, { "af42", 0x90 }, { "af43", 0x98 },
	{ "cs0", 0x00 }, { "cs1", 0x20 }, { "cs2", 0x40 }, { "cs3", 0x60 },
	{ "cs4", 0x80 }, { "cs5", 0xa0 }, { "cs6", 0xc0 }, { "cs7", 0xe0 },
	{ "ef", 0xb8 }, { "le", 0x04 }, { "lowdelay", 0x10 },
	{ "throughput", 0x08 }, { "reliability", 0x04 }, { NULL, -1 }
};

/* Everything the 9.2 build supports (ssh -Q), for patterns and checks. */
static const char all_cipher[] = "3des-cbc,aes128-cbc,aes192-cbc,aes256-cbc,"
    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
    "aes256-gcm@openssh.com,chacha20-poly1305@openssh.com";
static const char all_mac[] = "hmac-sha1,hmac-sha1-96,hmac-sha2-256,"
    "hmac-sha2-512,hmac-md5,hmac-md5-96,umac-64@openssh.com,"
    "umac-128@openssh.com,hmac-sha1-etm@openssh.com,"
    "hmac-sha1-96-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
    "hmac-sha2-512-etm@openssh.com,hmac-md5-etm@openssh.com,"
    "hmac-md5-96-etm@openssh.com,umac-64-etm@openssh.com,"
    "umac-128-etm@openssh.com";
static const char all_kex[] = "diffie-hellman-group1-sha1,"
    "diffie-hellman-group14-sha1,diffie-hellman-group14-sha256,"
    "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
    "diffie-hellman-group-exchange-sha1,"
    "diffie-hellman-group-exchange-sha256,ecdh-sha2-nistp256,"
    "ecdh-sha2-nistp384,ecdh-sha2-nistp521,curve25519-sha256,"
    "curve25519-sha256@libssh.org,sntrup761x25519-sha512,"
    "sntrup761x25519-sha512@openssh.com";
/* sshkey.c keytypes[] order, signature-only names included. */
static const char all_key[] = "ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,"
    "sk-ssh-ed25519@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp256-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp384,ecdsa-sha2-nistp384-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp521,ecdsa-sha2-nistp521-cert-v01@openssh.com,"
    "sk-ecdsa-sha2-nistp256@openssh.com,"
    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com,"
    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,"
    "ssh-dss,ssh-dss-cert-v01@openssh.com,ssh-rsa,rsa-sha2-256,"
    "rsa-sha2-512,ssh-rsa-cert-v01@openssh.com,"
    "rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512-cert-v01@openssh.com";
static const char all_sig[] = "ssh-ed25519,sk-ssh-ed25519@openssh.com,"
    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
    "sk-ecdsa-sha2-nistp256@openssh.com,"
    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com,ssh-dss,ssh-rsa,"
    "rsa-sha2-256,rsa-sha2-512";

static int
fail(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -1;
}

static const struct choice *
choices_for(enum sshd_type t, int v)
{
	switch (t) {
	case SSHD_T_FLAG:	return ch_flag;
	case SSHD_T_PRL:	return v >= 905 ? ch_prl_new : ch_prl;
	case SSHD_T_COMP:	return v >= 706 ? ch_comp : ch_comp_old;
	case SSHD_T_GWP:	return ch_gwp;
	case SSHD_T_FWD:	return ch_fwd;
	case SSHD_T_AF:		return ch_af;
	case SSHD_T_IGNRH:	return v >= 807 ? ch_ignrh : ch_flag;
	case SSHD_T_PRIVSEP:	return ch_privsep;
	case SSHD_T_TUN:	return ch_tun;
	case SSHD_T_LOGLEVEL:	return ch_loglevel;
	case SSHD_T_FACILITY:	return ch_facility;
	case SSHD_T_FPHASH:	return ch_fphash;
	default:		return NULL;
	}
}

/* strtonum(s, 0, INT_MAX) as atoi_err() uses it. */
static int
parse_uint(const char *s, int *valp)
{
	char *ep = NULL;
	long long ll;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	ll = strtoll(s, &ep, 10);
	if (*ep != '\0' || errno != 0 || ll < 0 || ll > INT_MAX)
		return -1;
	*valp = (int)ll;
	return 0;
}

/* misc.c convtime(): "1h30m" -> 5400; -1 if invalid. */
static long
convtime(const char *s)
{
	long total = 0, secs, mult;
	const char *p = s;
	char *ep;

	if (s == NULL || *s == '\0')
		return -1;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return -1;
		errno = 0;
		secs = strtol(p, &ep, 10);
		if (errno != 0 || secs < 0 || ep == p)
			return -1;
		switch (*ep) {
		case '\0':
			mult = 1;
			break;
		case 's': case 'S':
			mult = 1; ep++;
			break;
		case 'm': case 'M':
			mult = 60; ep++;
			break;
		case 'h': case 'H':
			mult = 3600; ep++;
			break;
		case 'd': case 'D':
			mult = 86400; ep++;
			break;
		case 'w': case 'W':
			mult = 604800; ep++;
			break;
		default:
			return -1;
		}
		if (secs > INT_MAX / mult)
			return -1;
		secs *= mult;
		if (total > INT_MAX - secs)
			return -1;
		total += secs;
		p = ep;
	}
	return total;
}

/* misc.c a2port(): 1..65535, else -1 (0 is -1 too for our callers). */
static int
a2port(const char *s)
{
	int v;

	if (parse_uint(s, &v) != 0 || v > 65535)
		return -1;
	return v;
}

/* scan_scaled() for RekeyLimit: number with an optional K/M/G/T unit. */
static int
scan_scaled(const char *s, long long *out)
{
	char *ep = NULL;
	long long v, mult = 1;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &ep, 10);
	if (errno != 0 || v < 0)
		return -1;
	if (*ep != '\0') {
		switch (toupper((unsigned char)*ep)) {
		case 'B': mult = 1; break;
		case 'K': mult = 1LL << 10; break;
		case 'M': mult = 1LL << 20; break;
		case 'G': mult = 1LL << 30; break;
		case 'T': mult = 1LL << 40; break;
		case 'P': mult = 1LL << 50; break;
		default: return -1;
		}
		if (ep[1] != '\0')
			return -1;
	}
	if (v > LLONG_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

static int
parse_ipqos(const char *s)
{
	long v;
	char *ep = NULL;
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; ipqos_tab[i].name != NULL; i++)
		if (strcasecmp(s, ipqos_tab[i].name) == 0)
			return ipqos_tab[i].val;
	errno = 0;
	v = strtol(s, &ep, 0);
	if (*s == '\0' || *ep != '\0' || errno != 0 || v < 0 || v > 255)
		return -1;
	return (int)v;
}

static void
push_iptos(struct sbuf *b, int val)
{
	int i;

	for (i = 0; ipqos_tab[i].name != NULL; i++)
		if (ipqos_tab[i].val == val) {
			(void)sbuf_puts(b, ipqos_tab[i].name);
			return;
		}
	(void)sbuf_putf(b, "0x%02x", val);
}

/* Is name one of the comma-separated names in list? */
static int
list_has(const char *list, const char *name, size_t nlen)
{
	const char *p = list, *e;

	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == nlen && strncmp(p, name, nlen) == 0)
			return 1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

static const char *
alg_all(enum sshd_type t)
{
	switch (t) {
	case SSHD_T_ALG_CIPHER:	return all_cipher;
	case SSHD_T_ALG_MAC:	return all_mac;
	case SSHD_T_ALG_KEX:	return all_kex;
	case SSHD_T_ALG_SIG:	return all_sig;
	default:		return all_key;
	}
}

/*
 * ciphers_valid()/mac_valid()/kex_names_valid(): exact names only;
 * sshkey_names_valid2(..., 1): key names may be patterns matching one.
 */
int
sshd_algs_valid(enum sshd_type t, int v, const char *spec)
{
	const char *all = alg_all(t), *p, *e, *a, *ae;
	char name[256];
	size_t n;
	int wild = (t == SSHD_T_ALG_KEY || t == SSHD_T_ALG_SIG), ok;

	(void)v;
	if (*spec == '-')
		return 1;
	if (*spec == '+' || *spec == '^')
		spec++;
	if (*spec == '\0')
		return 0;
	for (p = spec; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0)
			return 0;
		if (wild && memchr(p, '*', n) == NULL &&
		    memchr(p, '?', n) == NULL) {
			if (!list_has(all, p, n))
				return 0;
			continue;
		}
		if (!wild) {
			if (!list_has(all, p, n))
				return 0;
			continue;
		}
		if (n >= sizeof(name))
			return 0;
		memcpy(name, p, n);
		name[n] = '\0';
		ok = 0;
		for (a = all; *a && !ok; a = *ae ? ae + 1 : ae) {
			char one[128];

			ae = strchr(a, ',');
			if (ae == NULL)
				ae = a + strlen(a);
			if ((size_t)(ae - a) >= sizeof(one))
				continue;
			memcpy(one, a, (size_t)(ae - a));
			one[ae - a] = '\0';
			if (sshd_match_pattern_list(one, name, 0) != 0)
				ok = 1;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

/* kex_names_cat(a, b): a plus the names of b not already in a. */
static void
names_cat(struct sbuf *out, const char *b)
{
	const char *p, *e;

	for (p = b; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p || list_has(out->data != NULL ? out->data : "", p,
		    (size_t)(e - p)))
			continue;
		if (out->len > 0)
			(void)sbuf_putc(out, ',');
		(void)sbuf_put(out, p, (size_t)(e - p));
	}
}

/* Appends to out every name of list matching (or, deny: not matching) pats. */
static void
filter_list(struct sbuf *out, const char *list, const char *pats, int deny)
{
	const char *p, *e;
	char one[128];
	int m;

	for (p = list; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) >= sizeof(one) || e == p)
			continue;
		memcpy(one, p, (size_t)(e - p));
		one[e - p] = '\0';
		m = sshd_match_pattern_list(one, pats, 0) == 1;
		if (m != deny)
			names_cat(out, one);
	}
}

int
sshd_algs_assemble(enum sshd_type t, int v, const char *spec, char **outp)
{
	const struct sshd_kwrow *row = NULL;
	const char *def = NULL, *all = alg_all(t), *p, *e;
	struct sbuf list, res;
	char pat[256];
	int r = SL_ERR_PARSE;

	*outp = NULL;
	switch (t) {
	case SSHD_T_ALG_CIPHER: row = sshd_kw_canon("ciphers", v); break;
	case SSHD_T_ALG_MAC: row = sshd_kw_canon("macs", v); break;
	case SSHD_T_ALG_KEX: row = sshd_kw_canon("kexalgorithms", v); break;
	case SSHD_T_ALG_SIG:
		row = sshd_kw_canon("casignaturealgorithms", v);
		break;
	default:
		row = sshd_kw_canon("hostkeyalgorithms", v);
		break;
	}
	if (row != NULL)
		def = sshd_kw_default(row, v);
	if (def == NULL)
		def = "";
	sbuf_init(&list, 0);
	sbuf_init(&res, 0);
	if (spec == NULL || *spec == '\0') {
		*outp = xstrdup(def);
		r = 0;
		goto out;
	}
	if (*spec == '-') {
		filter_list(&res, def, spec + 1, 1);
		*outp = xstrdup(res.data != NULL ? res.data : "");
		r = 0;
		goto out;
	}
	if (*spec == '+') {
		names_cat(&list, def);
		names_cat(&list, spec + 1);
	} else if (*spec == '^') {
		names_cat(&list, spec + 1);
		names_cat(&list, def);
	} else
		(void)sbuf_puts(&list, spec);
	for (p = list.data != NULL ? list.data : ""; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (*p == '!' || (size_t)(e - p) >= sizeof(pat))
			goto out;
		memcpy(pat, p, (size_t)(e - p));
		pat[e - p] = '\0';
		filter_list(&res, all, pat, 0);
	}
	if (res.len == 0)
		goto out;
	*outp = sbuf_steal(&res, NULL);
	r = 0;
 out:
	sbuf_cleanup(&list);
	sbuf_cleanup(&res);
	return r;
}

/* auth2_methods_valid(): comma-separated known methods. */
static int
authmethods_valid(const char *s)
{
	static const char *const methods[] = { "publickey", "password",
	    "keyboard-interactive", "hostbased", "gssapi-with-mic", NULL };
	const char *p, *e, *c;
	size_t n;
	int i, ok;

	if (*s == '\0')
		return 0;
	for (p = s; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0)
			return 0;
		c = memchr(p, ':', n);
		if (c != NULL)
			n = (size_t)(c - p);
		ok = 0;
		for (i = 0; methods[i] != NULL; i++)
			if (strlen(methods[i]) == n &&
			    strncmp(methods[i], p, n) == 0)
				ok = 1;
		if (!ok)
			return 0;
	}
	return 1;
}

/* hpdelim(): splits "host:port", "[v6]:port" or "host"; modifies s. */
static char *
hpdelim(char **sp)
{
	char *s = *sp, *old = s;

	if (s == NULL)
		return NULL;
	if (*s == '[') {
		if ((s = strchr(s, ']')) == NULL)
			return NULL;
		s++;
	} else if ((s = strpbrk(s, ":/")) == NULL)
		s = *sp + strlen(*sp);
	switch (*s) {
	case '\0':
		*sp = NULL;
		break;
	case ':':
	case '/':
		*s = '\0';
		*sp = s + 1;
		break;
	default:
		return NULL;
	}
	return old;
}

static char *
cleanhostname(char *h)
{
	size_t n = strlen(h);

	if (*h == '[' && n > 1 && h[n - 1] == ']') {
		h[n - 1] = '\0';
		return h + 1;
	}
	return h;
}

static int
permitopen_port(const char *p)
{
	if (strcmp(p, "*") == 0)
		return 0;
	return a2port(p) <= 0 ? -1 : a2port(p);
}

static void
join_args(struct strv *out, char **av, size_t ac)
{
	struct sbuf b;
	size_t i;

	sbuf_init(&b, 0);
	for (i = 0; i < ac; i++) {
		if (i > 0)
			(void)sbuf_putc(&b, ' ');
		(void)sbuf_puts(&b, av[i]);
	}
	strv_push_owned(out, sbuf_steal(&b, NULL));
}

static int
check_choice(const struct choice *c, enum sshd_type t, const char *arg,
    struct strv *out)
{
	int i, m;

	for (i = 0; c[i].key != NULL; i++) {
		m = (t == SSHD_T_TUN) ? strcmp(arg, c[i].key) == 0 :
		    strcasecmp(arg, c[i].key) == 0;
		if (m) {
			strv_push(out, c[i].print);
			return 0;
		}
	}
	return -1;
}

int
sshd_value_check(const struct sshd_kwrow *kw, const char *args, int v,
    struct strv *out, char *why, size_t whylen)
{
	struct strv av;
	char *a0, *a1, *p, *copy = NULL;
	const char *arg;
	size_t ac, maxargs = 1, i, j;
	const struct choice *ch;
	int val, val2, n, r = -1;
	long t;
	long long ll;

	strv_init(&av);
	why[0] = '\0';
	if (sshd_argv_split(args, &av) != 0) {
		r = fail(why, whylen, "invalid quotes");
		goto out;
	}
	ac = av.n;
	a0 = ac > 0 ? av.v[0] : NULL;
	a1 = ac > 1 ? av.v[1] : NULL;
	if ((ch = choices_for(kw->type, v)) != NULL) {
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		if (check_choice(ch, kw->type, a0, out) != 0) {
			r = fail(why, whylen, "unsupported option \"%s\"", a0);
			goto out;
		}
		goto args_done;
	}
	switch (kw->type) {
	case SSHD_T_NONE:
	case SSHD_T_INCLUDE:
	case SSHD_T_MATCH:
		maxargs = ac;
		break;
	case SSHD_T_INT:
		if (parse_uint(a0, &val) != 0) {
			r = fail(why, whylen, "integer value %s",
			    a0 == NULL ? "missing" : "invalid");
			goto out;
		}
		strv_push_owned(out, xprintf("%d", val));
		break;
	case SSHD_T_TIME:
		if ((t = convtime(a0)) < 0) {
			r = fail(why, whylen, "invalid time value");
			goto out;
		}
		strv_push_owned(out, xprintf("%ld", t));
		break;
	case SSHD_T_UNUSEDTO:
		if (a0 != NULL && strcasecmp(a0, "none") == 0)
			t = 0;
		else if ((t = convtime(a0)) < 0) {
			r = fail(why, whylen, "invalid time value");
			goto out;
		}
		strv_push_owned(out, t == 0 ? xstrdup("none") :
		    xprintf("%ld", t));
		break;
	case SSHD_T_STR:
	case SSHD_T_PATH:
	case SSHD_T_MULTI:
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		if (kw->type == SSHD_T_PATH && strcasecmp(a0, "none") == 0)
			strv_push(out, "none");
		else
			strv_push(out, a0);
		break;
	case SSHD_T_RAW:
	case SSHD_T_CMD:
		maxargs = ac;
		arg = args + strspn(args, " \t\r\n");
		copy = xstrdup(arg);
		if (strcmp(kw->canon, "versionaddendum") == 0) {
			if (strchr(copy, '\r') != NULL) {
				r = fail(why, whylen, "Invalid argument");
				goto out;
			}
			/* later releases cut a comment; 9.2 keeps it (XXX: 9.5) */
			if (v >= 905 && (p = strchr(copy, '#')) != NULL) {
				*p = '\0';
				for (n = (int)strlen(copy); n > 0 &&
				    strchr(" \t\r\n", copy[n - 1]); n--)
					copy[n - 1] = '\0';
			}
			if (strcasecmp(copy, "none") == 0)
				copy[0] = '\0';
			strv_push(out, copy[0] == '\0' ? "none" : copy);
			break;
		}
		if (kw->type == SSHD_T_CMD && copy[0] != '/' &&
		    strcasecmp(copy, "none") != 0) {
			r = fail(why, whylen, "%s must be an absolute path",
			    kw->canon);
			goto out;
		}
		strv_push(out, copy);
		break;
	case SSHD_T_USERS:
	case SSHD_T_GROUPS:
	case SSHD_T_ACCEPTENV:
		maxargs = ac;
		for (i = 0; i < ac; i++) {
			arg = av.v[i];
			if (*arg == '\0') {
				r = fail(why, whylen, "empty pattern");
				goto out;
			}
			if (kw->type == SSHD_T_ACCEPTENV &&
			    strchr(arg, '=') != NULL) {
				r = fail(why, whylen,
				    "Invalid environment name.");
				goto out;
			}
			if (kw->type == SSHD_T_USERS &&
			    (p = strchr(arg, '@')) != NULL &&
			    sshd_addr_match_list(NULL, p + 1) == -2) {
				r = fail(why, whylen, "invalid %s pattern: "
				    "\"%s\"", kw->canon, arg);
				goto out;
			}
			strv_push(out, arg);
		}
		break;
	case SSHD_T_SETENV:
		maxargs = ac;
		for (i = 0; i < ac; i++) {
			arg = av.v[i];
			if (*arg == '\0' || (p = strchr(arg, '=')) == NULL) {
				r = fail(why, whylen, "Invalid environment.");
				goto out;
			}
			for (j = 0; j < out->n; j++)
				if (strncmp(out->v[j], arg,
				    (size_t)(p - arg) + 1) == 0)
					break;
			if (j == out->n)
				strv_push(out, arg);
		}
		break;
	case SSHD_T_AKFILE:
	case SSHD_T_LOGVERBOSE:
	case SSHD_T_CHTIMEOUT:
	case SSHD_T_ARGS1:
		maxargs = ac;
		for (i = 0; i < ac; i++) {
			arg = av.v[i];
			if (*arg == '\0') {
				r = fail(why, whylen, "empty argument");
				goto out;
			}
			if (kw->type == SSHD_T_LOGVERBOSE &&
			    strcasecmp(arg, "none") == 0 && ac > 1) {
				r = fail(why, whylen, "\"none\" argument "
				    "must appear alone.");
				goto out;
			}
			if (kw->type == SSHD_T_CHTIMEOUT &&
			    ((p = strchr(arg, '=')) == NULL ||
			    convtime(p + 1) < 0)) {
				r = fail(why, whylen, "invalid channel "
				    "timeout %s", arg);
				goto out;
			}
		}
		if (ac == 0) {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		join_args(out, av.v, ac);
		break;
	case SSHD_T_ALG_CIPHER:
	case SSHD_T_ALG_MAC:
	case SSHD_T_ALG_KEX:
	case SSHD_T_ALG_KEY:
	case SSHD_T_ALG_SIG:
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		if (!sshd_algs_valid(kw->type, v, a0)) {
			r = fail(why, whylen, "Bad %s '%s'", kw->canon, a0);
			goto out;
		}
		if (sshd_algs_assemble(kw->type, v, a0, &copy) != 0) {
			r = fail(why, whylen, "%s: empty or invalid list '%s'",
			    kw->canon, a0);
			goto out;
		}
		strv_push(out, copy);
		break;
	case SSHD_T_PORT:
		if ((val = a2port(a0)) <= 0) {
			r = fail(why, whylen, a0 == NULL ? "missing port "
			    "number" : "Badly formatted port number");
			goto out;
		}
		strv_push_owned(out, xprintf("%d", val));
		break;
	case SSHD_T_LISTEN:
		maxargs = 1;
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing address");
			goto out;
		}
		copy = xstrdup(a0);
		val = 0;
		if (strchr(copy, '[') == NULL && (p = strchr(copy, ':'))
		    != NULL && strchr(p + 1, ':') != NULL) {
			p = copy;
		} else {
			a1 = copy;
			if ((p = hpdelim(&a1)) == NULL) {
				r = fail(why, whylen, "bad address:port usage");
				goto out;
			}
			p = cleanhostname(p);
			if (a1 != NULL && (val = a2port(a1)) <= 0) {
				r = fail(why, whylen, "bad port number");
				goto out;
			}
		}
		if (ac > 1) {
			r = fail(why, whylen, "bad routing domain");
			goto out;
		}
		strv_push_owned(out, xprintf("%s\t%d", p, val));
		break;
	case SSHD_T_MAXSTARTUPS:
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		{
			int b = 0, rt = 0, mx = 0;

			n = sscanf(a0, "%d:%d:%d", &b, &rt, &mx);
			if (n == 3) {
				if (b > mx || rt > 100 || rt < 1) {
					r = fail(why, whylen, "Invalid "
					    "MaxStartups spec.");
					goto out;
				}
				strv_push_owned(out, xprintf("%d:%d:%d", b,
				    rt, mx));
			} else if (n == 1)
				strv_push_owned(out, xprintf("%d", b));
			else {
				r = fail(why, whylen, "Invalid MaxStartups "
				    "spec.");
				goto out;
			}
		}
		break;
	case SSHD_T_PSMAX:
		if (a0 != NULL && strcmp(a0, "none") == 0)
			strv_push(out, "none");
		else if (parse_uint(a0, &val) != 0) {
			r = fail(why, whylen, "integer value invalid");
			goto out;
		} else
			strv_push_owned(out, xprintf("%d", val));
		break;
	case SSHD_T_PSNET:
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		val = val2 = 0;
		n = sscanf(a0, "%d:%d", &val, &val2);
		if (n == 2 && (val2 < 0 || val2 > 128))
			n = -1;
		if ((n == 1 || n == 2) && (val < 0 || val > 32))
			n = -1;
		if (n != 1 && n != 2) {
			r = fail(why, whylen, "Invalid PerSourceNetBlockSize "
			    "spec.");
			goto out;
		}
		/* XXX: sshd leaves the IPv6 length uninitialised; 0 seen */
		strv_push_owned(out, xprintf("%d:%d", val, val2));
		break;
	case SSHD_T_REKEY:
		maxargs = 2;
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		if (strcmp(a0, "default") == 0)
			ll = 0;
		else if (scan_scaled(a0, &ll) != 0) {
			r = fail(why, whylen, "Bad RekeyLimit number '%s'",
			    a0);
			goto out;
		} else if (ll != 0 && ll < 16) {
			r = fail(why, whylen, "RekeyLimit too small");
			goto out;
		}
		if (a1 == NULL || strcmp(a1, "none") == 0)
			t = -1;
		else if ((t = convtime(a1)) < 0) {
			r = fail(why, whylen, "invalid time value");
			goto out;
		}
		/* "LIMIT INTERVAL", interval "-" when not given */
		strv_push_owned(out, t < 0 ? xprintf("%lld -", ll) :
		    xprintf("%lld %ld", ll, t));
		break;
	case SSHD_T_IPQOS:
		maxargs = 2;
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		if ((val = parse_ipqos(a0)) == -1 ||
		    (val2 = a1 == NULL ? val : parse_ipqos(a1)) == -1) {
			r = fail(why, whylen, "Bad IPQoS value: %s",
			    val == -1 ? a0 : a1);
			goto out;
		}
		{
			struct sbuf b;

			sbuf_init(&b, 0);
			push_iptos(&b, val);
			(void)sbuf_putc(&b, ' ');
			push_iptos(&b, val2);
			strv_push_owned(out, sbuf_steal(&b, NULL));
		}
		break;
	case SSHD_T_OCTMASK:
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		{
			char *ep = NULL;
			long m = strtol(a0, &ep, 8);

			if (ep == a0 || m < 0 || m > 0777) {
				r = fail(why, whylen, "Invalid "
				    "StreamLocalBindMask.");
				goto out;
			}
			strv_push_owned(out, xprintf("0%lo", m));
		}
		break;
	case SSHD_T_PERMITOPEN:
	case SSHD_T_PERMITLISTEN:
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		if (strcmp(a0, "any") == 0 || strcmp(a0, "none") == 0) {
			strv_push(out, a0);
			break;
		}
		maxargs = ac;
		{
			struct sbuf b;

			sbuf_init(&b, 0);
			for (i = 0; i < ac; i++) {
				char *h, *rest;

				if (*av.v[i] == '\0')
					break;
				free(copy);
				copy = NULL;
				if (kw->type == SSHD_T_PERMITLISTEN &&
				    strchr(av.v[i], ':') == NULL) {
					copy = xprintf("*:%s", av.v[i]);
					rest = copy + 2;
				} else {
					copy = xstrdup(av.v[i]);
					rest = copy;
					if ((h = hpdelim(&rest)) == NULL) {
						sbuf_cleanup(&b);
						r = fail(why, whylen,
						    "%s missing host",
						    kw->canon);
						goto out;
					}
				}
				if (rest == NULL ||
				    permitopen_port(rest) < 0) {
					sbuf_cleanup(&b);
					r = fail(why, whylen,
					    "%s bad port number", kw->canon);
					goto out;
				}
				if (i > 0)
					(void)sbuf_putc(&b, ' ');
				if (kw->type == SSHD_T_PERMITLISTEN &&
				    strchr(av.v[i], ':') == NULL)
					(void)sbuf_putf(&b, "*:%s", av.v[i]);
				else
					(void)sbuf_puts(&b, av.v[i]);
			}
			strv_push_owned(out, sbuf_steal(&b, NULL));
		}
		break;
	case SSHD_T_PUENV:
		if (a0 == NULL || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		strv_push(out, a0);
		break;
	case SSHD_T_PKOPTS:
		maxargs = ac;
		val = 0;
		for (i = 0; i < ac; i++) {
			if (strcasecmp(av.v[i], "none") == 0)
				continue;
			else if (strcasecmp(av.v[i], "touch-required") == 0)
				val |= 1;
			else if (strcasecmp(av.v[i], "verify-required") == 0)
				val |= 2;
			else {
				r = fail(why, whylen, "unsupported %s option "
				    "%s", kw->canon, av.v[i]);
				goto out;
			}
		}
		strv_push(out, val == 0 ? "none" : val == 1 ?
		    "touch-required" : val == 2 ? "verify-required" :
		    "touch-required verify-required");
		break;
	case SSHD_T_AUTHMETHODS:
		maxargs = ac;
		val = val2 = 0;
		for (i = 0; i < ac; i++) {
			if (strcmp(av.v[i], "any") == 0) {
				if (i > 0) {
					r = fail(why, whylen, "\"any\" must "
					    "appear alone in %s", kw->canon);
					goto out;
				}
				val = 1;
			} else if (val) {
				r = fail(why, whylen, "\"any\" must appear "
				    "alone in %s", kw->canon);
				goto out;
			} else if (!authmethods_valid(av.v[i])) {
				r = fail(why, whylen, "invalid %s method "
				    "list.", kw->canon);
				goto out;
			}
			val2 = 1;
		}
		if (!val2) {
			r = fail(why, whylen, "no %s specified", kw->canon);
			goto out;
		}
		join_args(out, av.v, ac);
		break;
	case SSHD_T_SUBSYSTEM:
		maxargs = ac;
		if (ac < 1 || *a0 == '\0') {
			r = fail(why, whylen, "missing argument");
			goto out;
		}
		if (ac < 2 || *a1 == '\0') {
			r = fail(why, whylen, "Missing subsystem command.");
			goto out;
		}
		join_args(out, av.v, ac);
		break;
	case SSHD_T_RDOMAIN:
		r = fail(why, whylen, "setting RDomain not supported on this "
		    "platform.");
		goto out;
	default:
		r = fail(why, whylen, "internal: unhandled type");
		goto out;
	}
 args_done:
	if (ac > maxargs) {
		r = fail(why, whylen, "keyword %s extra arguments at end of "
		    "line", kw->spelling);
		goto out;
	}
	r = 0;
 out:
	free(copy);
	strv_cleanup(&av);
	return r;
}
