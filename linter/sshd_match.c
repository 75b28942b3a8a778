/*
 * sshd_match.c — sshd's Match semantics: glob patterns and pattern lists
 * (match.c), address lists with CIDR and negation (addrmatch.c), the
 * criteria of a Match line (servconf.c match_cfg_line()) and the
 * `sshd -C` connection specification.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "sshd_priv.h"
#include "xmalloc.h"

static int
why_set(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
why_set(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -1;
}

/* match.c match_pattern(): '*' and '?' wildcards, iterative. */
int
sshd_match_pattern(const char *s, const char *pattern)
{
	const char *star = NULL, *ss = NULL;

	while (*s) {
		if (*pattern == '*') {
			star = pattern++;
			ss = s;
		} else if (*pattern == '?' || *pattern == *s) {
			pattern++;
			s++;
		} else if (star != NULL) {
			pattern = star + 1;
			s = ++ss;
		} else
			return 0;
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}

int
sshd_match_pattern_list(const char *s, const char *pattern, int dolower)
{
	char sub[1024];
	size_t i = 0, subi, len = strlen(pattern);
	int negated, got_positive = 0;

	while (i < len) {
		negated = pattern[i] == '!';
		if (negated)
			i++;
		for (subi = 0; i < len && subi < sizeof(sub) - 1 &&
		    pattern[i] != ','; subi++, i++)
			sub[subi] = dolower ?
			    (char)tolower((unsigned char)pattern[i]) :
			    pattern[i];
		if (subi >= sizeof(sub) - 1)
			return 0;
		if (i < len && pattern[i] == ',')
			i++;
		sub[subi] = '\0';
		if (sshd_match_pattern(s, sub)) {
			if (negated)
				return -1;
			got_positive = 1;
		}
	}
	return got_positive;
}

struct xaddr {
	int		af;
	unsigned char	a[16];
};

static int
addr_pton(const char *s, struct xaddr *xa)
{
	struct addrinfo hints, *ai = NULL;
	int ok = -1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST;
	if (s == NULL || getaddrinfo(s, NULL, &hints, &ai) != 0 || ai == NULL)
		return -1;
	memset(xa, 0, sizeof(*xa));
	if (ai->ai_family == AF_INET &&
	    ai->ai_addrlen >= sizeof(struct sockaddr_in)) {
		xa->af = AF_INET;
		memcpy(xa->a, &((struct sockaddr_in *)(void *)ai->ai_addr)->
		    sin_addr, 4);
		ok = 0;
	} else if (ai->ai_family == AF_INET6 &&
	    ai->ai_addrlen >= sizeof(struct sockaddr_in6)) {
		xa->af = AF_INET6;
		memcpy(xa->a, &((struct sockaddr_in6 *)(void *)ai->ai_addr)->
		    sin6_addr, 16);
		ok = 0;
	}
	freeaddrinfo(ai);
	return ok;
}

static int
addr_bits(int af)
{
	return af == AF_INET ? 32 : 128;
}

/* Are the bits of a past masklen all zero? */
static int
host_bits_zero(const struct xaddr *a, int masklen)
{
	int i, nbits = addr_bits(a->af);

	for (i = masklen; i < nbits; i++)
		if (a->a[i / 8] & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

static int
netmatch(const struct xaddr *h, const struct xaddr *n, int masklen)
{
	int i;

	if (h->af != n->af)
		return 0;
	for (i = 0; i < masklen; i++)
		if ((h->a[i / 8] ^ n->a[i / 8]) & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

/* addr_pton_cidr(): 0 ok, -1 not an address, -2 bad mask. */
static int
addr_pton_cidr(const char *p, struct xaddr *n, int *lenp)
{
	char buf[128], *mp, *ep;
	long masklen = -1;

	if (strlen(p) >= sizeof(buf))
		return -1;
	strcpy(buf, p);
	if ((mp = strchr(buf, '/')) != NULL) {
		*mp++ = '\0';
		if (*mp < '0' || *mp > '9')
			return -1;
		masklen = strtol(mp, &ep, 10);
		if (*ep != '\0' || masklen > 128)
			return -1;
	}
	if (addr_pton(buf, n) != 0)
		return -1;
	if (masklen == -1)
		masklen = addr_bits(n->af);
	if (masklen > addr_bits(n->af) || !host_bits_zero(n, (int)masklen))
		return -2;
	*lenp = (int)masklen;
	return 0;
}

int
sshd_addr_match_list(const char *addr, const char *list)
{
	struct xaddr try, net;
	char *copy, *cp, *l;
	int ret = 0, neg, r, masklen;

	if (addr != NULL && addr_pton(addr, &try) != 0)
		return 0;
	l = copy = xstrdup(list);
	while ((cp = strsep(&l, ",")) != NULL) {
		neg = *cp == '!';
		if (neg)
			cp++;
		if (*cp == '\0') {
			ret = -2;
			break;
		}
		r = addr_pton_cidr(cp, &net, &masklen);
		if (r == -2) {
			ret = -2;
			break;
		}
		if (r == 0) {
			if (addr != NULL && netmatch(&try, &net, masklen)) {
				if (neg) {
					ret = -1;
					break;
				}
				ret = 1;
			}
			continue;
		}
		if (addr != NULL && sshd_match_pattern(addr, cp)) {
			if (neg) {
				ret = -1;
				break;
			}
			ret = 1;
		}
	}
	free(copy);
	return ret;
}

static int
a2port(const char *s)
{
	char *ep = NULL;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtol(s, &ep, 10);
	if (*ep != '\0' || v <= 0 || v > 65535)
		return -1;
	return (int)v;
}

/*
 * Both checking and evaluating walk the criteria as match_cfg_line() does.
 * ctx == NULL: syntax only. Returns 1/0, or -1 (why set).
 */
static int
match_walk(const char *criteria, const struct sshd_match_ctx *ctx,
    int evaluate, char *why, size_t whylen)
{
	char *copy, *cp, *attrib, *arg;
	int result = 1, attributes = 0, port, m, ret = -1;
	size_t i;

	cp = copy = xstrdup(criteria);
	while ((attrib = sshd_strdelim(&cp)) != NULL && *attrib != '\0') {
		if (*attrib == '#') {
			cp = NULL;
			break;
		}
		attributes++;
		if (strcasecmp(attrib, "all") == 0) {
			if (attributes > 1 || ((arg = sshd_strdelim(&cp)) !=
			    NULL && *arg != '\0' && *arg != '#')) {
				why_set(why, whylen, "'all' cannot be "
				    "combined with other Match attributes");
				goto out;
			}
			ret = 1;
			goto out;
		}
		if ((arg = sshd_strdelim(&cp)) == NULL || *arg == '\0' ||
		    *arg == '#') {
			why_set(why, whylen, "Missing Match criteria for %s",
			    attrib);
			goto out;
		}
		if (strcasecmp(attrib, "user") == 0) {
			if (!evaluate || ctx->user == NULL) {
				result = 0;
				continue;
			}
			if (sshd_match_pattern_list(ctx->user, arg, 0) != 1)
				result = 0;
		} else if (strcasecmp(attrib, "group") == 0) {
			if (!evaluate || ctx->user == NULL) {
				result = 0;
				continue;
			}
			m = 0;
			for (i = 0; ctx->groups != NULL &&
			    i < ctx->groups->n; i++) {
				int g = sshd_match_pattern_list(
				    ctx->groups->v[i], arg, 0);

				if (g == -1) {
					m = 0;
					break;
				}
				if (g == 1)
					m = 1;
			}
			if (!m)
				result = 0;
		} else if (strcasecmp(attrib, "host") == 0) {
			if (!evaluate || ctx->host == NULL) {
				result = 0;
				continue;
			}
			{
				char *h = xstrdup(ctx->host), *q;

				for (q = h; *q; q++)
					*q = (char)tolower((unsigned char)*q);
				if (sshd_match_pattern_list(h, arg, 1) != 1)
					result = 0;
				free(h);
			}
		} else if (strcasecmp(attrib, "address") == 0 ||
		    strcasecmp(attrib, "localaddress") == 0) {
			const char *what = strcasecmp(attrib, "address") == 0 ?
			    "address" : "localaddress";
			const char *a = strcasecmp(attrib, "address") == 0 ?
			    (evaluate ? ctx->addr : NULL) :
			    (evaluate ? ctx->laddr : NULL);

			if (a == NULL) {
				if (sshd_addr_match_list(NULL, arg) != 0) {
					why_set(why, whylen, "Invalid Match "
					    "%s argument '%s'", what, arg);
					goto out;
				}
				result = 0;
				continue;
			}
			switch (sshd_addr_match_list(a, arg)) {
			case 1:
				break;
			case -2:
				why_set(why, whylen, "Invalid Match %s "
				    "argument '%s'", what, arg);
				goto out;
			default:
				result = 0;
			}
		} else if (strcasecmp(attrib, "localport") == 0) {
			if ((port = a2port(arg)) == -1) {
				why_set(why, whylen, "Invalid LocalPort '%s' "
				    "on Match line", arg);
				goto out;
			}
			if (!evaluate) {
				result = 0;
				continue;
			}
			if (ctx->lport == 0) {
				/* sshd -T -C: fatal, lport is never "unset" */
				why_set(why, whylen, "'Match LocalPort' in "
				    "configuration but 'lport' not in "
				    "connection test specification.");
				goto out;
			}
			if (port != ctx->lport)
				result = 0;
		} else if (strcasecmp(attrib, "rdomain") == 0) {
			if (!evaluate || ctx->rdomain == NULL) {
				result = 0;
				continue;
			}
			if (sshd_match_pattern_list(ctx->rdomain, arg, 0) != 1)
				result = 0;
		} else {
			why_set(why, whylen, "Unsupported Match attribute %s",
			    attrib);
			goto out;
		}
	}
	if (attributes == 0) {
		why_set(why, whylen, "One or more attributes required for "
		    "Match");
		goto out;
	}
	ret = result;
 out:
	free(copy);
	return ret;
}

int
sshd_match_check(const char *criteria, char *why, size_t whylen)
{
	return match_walk(criteria, NULL, 0, why, whylen) < 0 ? -1 : 0;
}

int
sshd_match_eval(const char *criteria, const struct sshd_match_ctx *ctx,
    char *why, size_t whylen)
{
	return match_walk(criteria, ctx, 1, why, whylen);
}

int
sshd_match_ctx_parse(const char *spec, struct sshd_match_ctx *ctx,
    struct strv *storage, struct diag *diag)
{
	char *copy, *s, *p;
	const char *val;
	int r = SL_ERR_USAGE;

	memset(ctx, 0, sizeof(*ctx));
	s = copy = xstrdup(spec);
	while ((p = strsep(&s, ",")) != NULL && *p != '\0') {
		if (strncmp(p, "lport=", 6) == 0) {
			if ((ctx->lport = a2port(p + 6)) == -1) {
				diag_error(diag, NULL, 0, "Invalid port '%s' "
				    "in test mode specification %s", p + 6, p);
				goto out;
			}
			continue;
		}
		val = strchr(p, '=') != NULL ? strchr(p, '=') + 1 : NULL;
		if (val == NULL) {
			diag_error(diag, NULL, 0, "Invalid test mode "
			    "specification %s", p);
			goto out;
		}
		strv_push(storage, val);
		val = storage->v[storage->n - 1];
		if (strncmp(p, "user=", 5) == 0)
			ctx->user = val;
		else if (strncmp(p, "host=", 5) == 0)
			ctx->host = val;
		else if (strncmp(p, "addr=", 5) == 0)
			ctx->addr = val;
		else if (strncmp(p, "laddr=", 6) == 0)
			ctx->laddr = val;
		else if (strncmp(p, "rdomain=", 8) == 0)
			ctx->rdomain = val;
		else {
			diag_error(diag, NULL, 0, "Invalid test mode "
			    "specification %s", p);
			goto out;
		}
	}
	r = 0;
 out:
	free(copy);
	return r;
}
