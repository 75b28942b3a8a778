/*
 * facts_host.c — host facts: the bundle's meta records, DSM's
 * /etc.defaults/VERSION and /etc/synoinfo.conf (shell-style key="value"
 * files), and the OpenSSH version (override, meta, or `sshd -V` output).
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "facts.h"
#include "facts_priv.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "xmalloc.h"

#define VERSION_FILE	"/etc.defaults/VERSION"
#define SYNOINFO_FILE	"/etc/synoinfo.conf"

int
openssh_version_parse(const char *s)
{
	int major = 0, minor = 0, nd;

	if (s == NULL)
		return 0;
	if (strncmp(s, "OpenSSH_", 8) == 0)
		s += 8;
	for (nd = 0; *s >= '0' && *s <= '9'; s++, nd++) {
		if (nd >= 3)
			return 0;
		major = major * 10 + (*s - '0');
	}
	if (nd == 0 || major == 0 || *s++ != '.')
		return 0;
	for (nd = 0; *s >= '0' && *s <= '9'; s++, nd++) {
		if (nd >= 2)
			return 0;
		minor = minor * 10 + (*s - '0');
	}
	if (nd == 0)
		return 0;
	return major * 100 + minor;
}

static int
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/*
 * One line [blanks] KEY=VALUE, VALUE "double quoted" (with \" \\ \$ \`
 * escapes), 'single quoted' or bare up to the first blank. Returns 0, 1 for
 * a blank or comment line, -1 if the line is not of that shape.
 */
static int
kv_line(const char *p, const char *e, char **kp, char **vp)
{
	const char *k;
	struct sbuf v;
	int r = -1;

	*kp = *vp = NULL;
	sbuf_init(&v, SL_MAX_LINE);
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p == e || *p == '#') {
		r = 1;
		goto out;
	}
	for (k = p; p < e && is_key_char(*p); p++)
		;
	if (p == k || p == e || *p != '=')
		goto out;
	*kp = xstrndup(k, (size_t)(p - k));
	for (p++; p < e && *p != ' ' && *p != '\t';) {
		if (*p == '"') {
			for (p++; p < e && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < e &&
				    strchr("\"\\$`", p[1]) != NULL)
					p++;
				if (*p == '\0' || sbuf_putc(&v, *p) != 0)
					goto out;
			}
			if (p == e)
				goto out;	/* unterminated */
			p++;
		} else if (*p == '\'') {
			for (p++; p < e && *p != '\''; p++)
				if (*p == '\0' || sbuf_putc(&v, *p) != 0)
					goto out;
			if (p == e)
				goto out;
			p++;
		} else {
			if (*p == '\0' || sbuf_putc(&v, *p) != 0)
				goto out;
			p++;
		}
	}
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p < e && *p != '#')
		goto out;
	*vp = sbuf_steal(&v, NULL);
	r = 0;
 out:
	if (r != 0) {
		free(*kp);
		*kp = NULL;
	}
	sbuf_cleanup(&v);
	return r;
}

void
facts_parse_kv(const char *file, const char *data, size_t len,
    struct strv *keys, struct strv *values, struct diag *d)
{
	const char *p = data, *e = data + len, *nl, *le;
	unsigned int line = 0;
	char *k = NULL, *v = NULL;

	for (; p < e; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		le = nl;
		if (le > p && le[-1] == '\r')
			le--;		/* tolerate CRLF */
		switch (kv_line(p, le, &k, &v)) {
		case 0:
			strv_push_owned(keys, k);
			strv_push_owned(values, v);
			break;
		case 1:
			break;
		default:
			diag_warn(d, file, line, "not a key=\"value\" line, "
			    "ignored");
			break;
		}
		if (nl == e)
			break;
	}
}

/* The first value of key in a key/value list, NULL if absent. */
static const char *
kv_get(const struct strv *keys, const struct strv *values, const char *key)
{
	long i = strv_find(keys, key);

	return i < 0 ? NULL : values->v[i];
}

const char *
facts_synoinfo(const struct facts *f, const char *key)
{
	return kv_get(&f->synoinfo_keys, &f->synoinfo_values, key);
}

/* The OpenSSH version in sshd -V output ("OpenSSH_9.2p1 Debian..."). */
static int
version_from_cmd(const struct cmd_fact *c)
{
	const char *p;

	if (c == NULL || c->out == NULL)
		return 0;
	for (p = c->out; (p = strstr(p, "OpenSSH_")) != NULL; p++) {
		int v = openssh_version_parse(p);

		if (v > 0)
			return v;
	}
	return 0;
}

static void
host_openssh(struct facts_impl *fi, const struct facts_opts *opts)
{
	struct host_fact *h = &fi->pub.host;
	const struct bundle *b = fi->pub.bundle;
	const struct bundle_rec *r;
	struct cmd_fact c;
	int v = 0;

	if (opts->openssh_version > 0)
		v = opts->openssh_version;
	if (v == 0)
		v = openssh_version_parse(bundle_meta(b, "openssh_version"));
	if (v == 0 && (r = bundle_find(b, REC_CMD, "sshd -V")) != NULL) {
		memset(&c, 0, sizeof(c));
		c.out = r->data;
		v = version_from_cmd(&c);
	}
	if (v > 0) {
		h->openssh_version_num = v;
		h->openssh_version = facts_own(fi, xprintf("%d.%d", v / 100,
		    v % 100));
		h->openssh_version_assumed = 0;
	} else {
		h->openssh_version_num = SL_DEFAULT_OPENSSH_VERSION;
		h->openssh_version = NULL;
		h->openssh_version_assumed = 1;
	}
}

static void
host_dsm(struct facts_impl *fi)
{
	struct host_fact *h = &fi->pub.host;
	const struct bundle_rec *r;
	struct strv keys, values;
	const char *pv, *maj, *min, *build;

	r = bundle_find(fi->pub.bundle, REC_FILE, VERSION_FILE);
	if (r != NULL) {
		strv_init(&keys);
		strv_init(&values);
		facts_parse_kv(VERSION_FILE, r->data, r->len, &keys, &values,
		    &fi->pub.diag);
		pv = kv_get(&keys, &values, "productversion");
		maj = kv_get(&keys, &values, "majorversion");
		min = kv_get(&keys, &values, "minorversion");
		build = kv_get(&keys, &values, "buildnumber");
		if (pv != NULL && *pv != '\0')
			h->dsm_version = facts_own(fi, xstrdup(pv));
		else if (maj != NULL && min != NULL && *maj != '\0')
			h->dsm_version = facts_own(fi, xprintf("%s.%s", maj,
			    min));
		if (build != NULL && *build != '\0')
			h->dsm_build = facts_own(fi, xstrdup(build));
		strv_cleanup(&keys);
		strv_cleanup(&values);
	}
	r = bundle_find(fi->pub.bundle, REC_FILE, SYNOINFO_FILE);
	if (r != NULL)
		facts_parse_kv(SYNOINFO_FILE, r->data, r->len,
		    &fi->pub.synoinfo_keys, &fi->pub.synoinfo_values,
		    &fi->pub.diag);
}

void
facts_build_host(struct facts_impl *fi, const struct facts_opts *opts)
{
	struct host_fact *h = &fi->pub.host;
	const struct bundle *b = fi->pub.bundle;
	const char *uid = bundle_meta(b, "uid");

	h->hostname = bundle_meta(b, "hostname");
	if (h->hostname != NULL && *h->hostname == '\0')
		h->hostname = NULL;
	h->session = bundle_meta(b, "session");
	h->collector_version = bundle_meta(b, "collector_version");
	h->bundle_version = facts_own(fi, xprintf("%d", bundle_version(b)));
	h->privileged = uid != NULL && strcmp(uid, "0") == 0;
	if (opts->name != NULL)
		h->name = facts_own(fi, xstrdup(opts->name));
	else if (h->hostname != NULL)
		h->name = h->hostname;
	else if (bundle_meta(b, "root") != NULL)
		h->name = bundle_meta(b, "root");
	else if (bundle_name(b) != NULL)
		h->name = bundle_name(b);
	else
		h->name = "unknown";
	host_openssh(fi, opts);
	host_dsm(fi);
}
