/*
 * facts_dsm.c — DSM's own view of the box: version and model
 * (/etc.defaults/VERSION, /etc/synoinfo.conf, syno_hw_version), Auto Block,
 * the Terminal/SFTP/rsync switches and the SSH port (synowebapi's JSON when
 * the collector ran as root, else synoinfo.conf), the service manager's
 * answer for sshd (DSM 7 synosystemctl, DSM 6 synoservicectl), TCP
 * listeners (/proc/net/tcp{,6}) and the ACL listings of paths
 * (synoacltool -get on DSM, getfacl -n elsewhere). Sources: dsm.md 1.1,
 * 2.1, 2.2, 4.3, 5 (shared/reference).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bundle.h"
#include "err.h"
#include "facts.h"
#include "facts_priv.h"
#include "xmalloc.h"

#define VERSION_FILE	"/etc.defaults/VERSION"
#define HOMES_LINK	"/var/services/homes"
#define MAX_ACL_ENTRIES	1024	/* entries kept of one listing */

#define CMD_AUTOBLOCK	"synowebapi SYNO.Core.Security.AutoBlock get"
#define CMD_AB_ALLOW	"synowebapi SYNO.Core.Security.AutoBlock.Rules list allow"
#define CMD_TERMINAL	"synowebapi SYNO.Core.Terminal get"
#define CMD_SFTP	"synowebapi SYNO.Core.FileServ.FTP.SFTP get"
#define CMD_RSYNC	"synowebapi SYNO.Core.FileServ.Rsync get"
#define CMD_SYSTEMCTL	"synosystemctl is-active sshd.service"
#define CMD_SERVICECTL	"synoservicectl --status sshd"
#define CMD_HWVERSION	"cat /proc/sys/kernel/syno_hw_version"

/* --- small helpers ------------------------------------------------------- */

/* Strict non-negative decimal (at most 9 digits); -1 if not one. */
static long
parse_num(const char *s)
{
	long v = 0;
	size_t n = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++, n++) {
		if (!isdigit((unsigned char)*s) || n >= 9)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static int
yes_no(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 ||
	    strcmp(s, "1") == 0)
		return 1;
	if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 ||
	    strcmp(s, "0") == 0)
		return 0;
	return -1;
}

/*
 * The "data" object of a synowebapi answer ({"data":{...},"success":true}),
 * or NULL with *why set. Text before the first '{' (log lines) is skipped.
 * The caller json_decref()s *rootp.
 */
static json_t *
webapi_data(const struct cmd_fact *c, json_t **rootp, const char **why)
{
	const char *p;
	json_error_t err;
	json_t *root, *ok, *data;

	*rootp = NULL;
	if (c == NULL) {
		*why = "not run";
		return NULL;
	}
	if (c->status < 0) {
		*why = "synowebapi is not installed";
		return NULL;
	}
	if ((p = memchr(c->out, '{', c->len)) == NULL) {
		*why = c->status != 0 ? "synowebapi failed" :
		    "synowebapi printed no JSON";
		return NULL;
	}
	root = json_loadb(p, c->len - (size_t)(p - c->out),
	    JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &err);
	if (root == NULL || !json_is_object(root)) {
		json_decref(root);
		*why = "synowebapi printed malformed JSON";
		return NULL;
	}
	ok = json_object_get(root, "success");
	data = json_object_get(root, "data");
	if (!json_is_true(ok) || !json_is_object(data)) {
		json_decref(root);
		*why = "synowebapi answered with an error";
		return NULL;
	}
	*rootp = root;
	return data;
}

/* A boolean field: 1, 0, or -1 when absent or not a boolean. */
static int
jbool(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_boolean(v))
		return json_is_true(v);
	return -1;
}

/* A non-negative integer field (also "12" as a string); -1 otherwise. */
static long
jnum(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) < 1000000000)
		return (long)json_integer_value(v);
	if (json_is_string(v))
		return parse_num(json_string_value(v));
	return -1;
}

static const struct cmd_fact *
cmd_ok(const struct facts *f, const char *name)
{
	const struct cmd_fact *c = facts_cmd(f, name);

	return c != NULL && c->out != NULL ? c : NULL;
}

/* --- version, model ------------------------------------------------------ */

static void
dsm_version(struct facts_impl *fi)
{
	struct dsm_fact *d = &fi->pub.dsm;
	const struct file_fact *ff = facts_file(&fi->pub, VERSION_FILE);
	const char *pv = fi->pub.host.dsm_version, *p;
	struct strv keys, values;
	long i;
	char *end;

	d->major = d->minor = d->micro = d->smallfix = -1;
	if (ff == NULL || ff->data == NULL)
		return;
	d->is_dsm = 1;
	if (pv != NULL) {
		p = pv;
		d->major = (int)strtol(p, &end, 10);
		if (end != p && *end == '.') {
			p = end + 1;
			d->minor = (int)strtol(p, &end, 10);
			if (end != p && *end == '.') {
				p = end + 1;
				d->micro = (int)strtol(p, &end, 10);
				if (end == p)
					d->micro = -1;
			}
		}
		if (d->major <= 0 || d->major > 99)
			d->major = d->minor = d->micro = -1;
	}
	strv_init(&keys);
	strv_init(&values);
	/* Already diagnosed by facts_host.c: parse quietly. */
	{
		struct diag quiet;

		diag_init(&quiet);
		facts_parse_kv(VERSION_FILE, ff->data, ff->len, &keys, &values,
		    &quiet);
		diag_cleanup(&quiet);
	}
	if ((i = strv_find(&keys, "smallfixnumber")) >= 0)
		d->smallfix = (int)parse_num(values.v[i]);
	if (d->micro < 0 && (i = strv_find(&keys, "micro")) >= 0)
		d->micro = (int)parse_num(values.v[i]);
	strv_cleanup(&keys);
	strv_cleanup(&values);
}

static char *
trimmed(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static void
dsm_model(struct facts_impl *fi)
{
	struct dsm_fact *d = &fi->pub.dsm;
	const struct cmd_fact *c;

	d->model = facts_synoinfo(&fi->pub, "upnpmodelname");
	d->unique = facts_synoinfo(&fi->pub, "unique");
	if ((c = cmd_ok(&fi->pub, CMD_HWVERSION)) != NULL && c->status == 0 &&
	    c->len > 0 && c->len < 256 && memchr(c->out, '\0', c->len) == NULL)
		d->hw_version = facts_own(fi, trimmed(c->out, c->len));
}

/* --- Auto Block ---------------------------------------------------------- */

static void
dsm_autoblock(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	struct dsm_fact *d = &f->dsm;
	const char *why = NULL, *sa, *sm, *se;
	json_t *root = NULL, *data, *list;
	long a, m, e;
	int en;

	data = webapi_data(cmd_ok(f, CMD_AUTOBLOCK), &root, &why);
	if (data != NULL) {
		en = jbool(data, "enable");
		a = jnum(data, "attempts");
		m = jnum(data, "within_mins");
		e = jnum(data, "expire_day");
		if (en >= 0 && a >= 0 && m >= 0 && e >= 0) {
			d->ab_known = 1;
			d->ab_source = "synowebapi SYNO.Core.Security.AutoBlock";
			d->ab_enabled = en;
			d->ab_attempts = a;
			d->ab_within_mins = m;
			d->ab_expire_days = e;
		} else
			why = "synowebapi's answer lacks enable/attempts/"
			    "within_mins/expire_day";
	}
	json_decref(root);
	root = NULL;
	if ((data = webapi_data(cmd_ok(f, CMD_AB_ALLOW), &root, &sa)) != NULL) {
		list = json_object_get(data, "ip_info");
		if (json_is_array(list))
			d->ab_allow_count = (long)json_array_size(list);
		else if ((a = jnum(data, "total")) >= 0)
			d->ab_allow_count = a;
	}
	json_decref(root);
	if (d->ab_known)
		return;
	/* DSM 6.2.3's libsynoautoblock: three keys, enabled iff any is set. */
	sa = facts_synoinfo(f, "autoblock_attempts");
	sm = facts_synoinfo(f, "autoblock_attempt_min");
	se = facts_synoinfo(f, "autoblock_expriedday");
	a = parse_num(sa);
	m = parse_num(sm);
	e = se == NULL ? 0 : parse_num(se);
	if (a >= 0 && m >= 0 && e >= 0) {
		d->ab_known = 1;
		d->ab_source = "/etc/synoinfo.conf (autoblock_attempts, "
		    "autoblock_attempt_min, autoblock_expriedday)";
		d->ab_enabled = a != 0 || m != 0;
		d->ab_attempts = a;
		d->ab_within_mins = m;
		d->ab_expire_days = e;
		return;
	}
	if (cmd_ok(f, CMD_AUTOBLOCK) == NULL)
		why = d->webapi_reason;
	d->ab_reason = facts_own(fi, xprintf("%s%s, and /etc/synoinfo.conf "
	    "%s", cmd_ok(f, CMD_AUTOBLOCK) != NULL ? "" : "synowebapi not "
	    "read: ", why != NULL ? why : "unknown reason",
	    facts_file(f, "/etc/synoinfo.conf") == NULL ||
	    facts_file(f, "/etc/synoinfo.conf")->data == NULL ?
	    "was not readable" : sa == NULL && sm == NULL ?
	    "has no autoblock_* keys" : "has malformed autoblock_* values"));
}

/* --- services and the SSH port ------------------------------------------- */

static void
toggle_set(struct dsm_toggle *t, int on, const char *source)
{
	if (t->on >= 0 || on < 0)
		return;
	t->on = on;
	t->source = source;
}

static void
dsm_services(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	struct dsm_fact *d = &f->dsm;
	const struct cmd_fact *c;
	const char *why, *p;
	json_t *root = NULL, *data;
	long port;
	int r;

	if ((data = webapi_data(cmd_ok(f, CMD_TERMINAL), &root, &why)) !=
	    NULL) {
		toggle_set(&d->ssh, jbool(data, "enable_ssh"),
		    "synowebapi SYNO.Core.Terminal (enable_ssh)");
		toggle_set(&d->telnet, jbool(data, "enable_telnet"),
		    "synowebapi SYNO.Core.Terminal (enable_telnet)");
		if ((port = jnum(data, "ssh_port")) > 0 && port < 65536) {
			d->ssh_port = port;
			d->ssh_port_source = "synowebapi SYNO.Core.Terminal "
			    "(ssh_port)";
		}
	}
	json_decref(root);
	root = NULL;
	if ((data = webapi_data(cmd_ok(f, CMD_SFTP), &root, &why)) != NULL)
		toggle_set(&d->sftp, jbool(data, "enable"),
		    "synowebapi SYNO.Core.FileServ.FTP.SFTP (enable)");
	json_decref(root);
	root = NULL;
	if ((data = webapi_data(cmd_ok(f, CMD_RSYNC), &root, &why)) != NULL)
		toggle_set(&d->rsync, jbool(data, "enable_server"),
		    "synowebapi SYNO.Core.FileServ.Rsync (enable_server)");
	json_decref(root);
	if (d->ssh_port < 0) {
		/* DSM's patched sshd reads ssh_port itself (dsm.md 2.2). */
		p = facts_synoinfo(f, "ssh_port");
		port = parse_num(p);
		if (port > 0 && port < 65536) {
			d->ssh_port = port;
			d->ssh_port_source = "/etc/synoinfo.conf (ssh_port)";
		} else {
			d->ssh_port = 22;
			d->ssh_port_source = p == NULL ? "default (no ssh_port "
			    "in /etc/synoinfo.conf)" : "default (bad ssh_port "
			    "in /etc/synoinfo.conf)";
		}
	}
	/* Without the API, a telnet listener still tells. */
	if (d->telnet.on < 0 && (r = facts_listening(f, 23)) >= 0)
		toggle_set(&d->telnet, r, r ? "/proc/net/tcp: something "
		    "listens on port 23" : "/proc/net/tcp: nothing listens on "
		    "port 23");
	/* DSM 7: systemd via synosystemctl; DSM 6: upstart via synoservicectl. */
	if ((c = cmd_ok(f, CMD_SYSTEMCTL)) != NULL) {
		d->service_manager = "synosystemctl";
		if (c->status == 0 && strncmp(c->out, "active", 6) == 0)
			d->sshd_active = 1;
		else if (c->status > 0)
			d->sshd_active = 0;
	} else if ((c = cmd_ok(f, CMD_SERVICECTL)) != NULL) {
		d->service_manager = "synoservicectl";
		if (c->status == 0 && strstr(c->out, "start/running") != NULL)
			d->sshd_active = 1;
		else if (c->status >= 0 && strstr(c->out, "stop/") != NULL)
			d->sshd_active = 0;
	}
	if (d->service_manager == NULL && d->major > 0)
		d->service_manager = d->major >= 7 ? "synosystemctl" :
		    "synoservicectl";
}

static void
dsm_homes(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	struct dsm_fact *d = &f->dsm;
	const struct path_fact *p;

	d->user_home = yes_no(facts_synoinfo(f, "userHomeEnable"));
	d->guest_enabled = yes_no(facts_synoinfo(f, "enableguest"));
	d->otp_enforce = facts_synoinfo(f, "otp_enforce_option");
	if ((p = facts_path(f, HOMES_LINK)) != NULL && p->realpath != NULL)
		d->homes_target = p->realpath;
}

static void
dsm_webapi_reason(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	const char *s = f->host.session;

	if (cmd_ok(f, CMD_AUTOBLOCK) != NULL || cmd_ok(f, CMD_TERMINAL) != NULL)
		return;
	if (s != NULL && strcmp(s, "root") == 0)
		f->dsm.webapi_reason = "a --root tree runs no DSM tools";
	else if (!f->host.privileged)
		f->dsm.webapi_reason = "synowebapi needs root (scan with "
		    "--become)";
	else
		f->dsm.webapi_reason = "the collector did not run synowebapi";
}

/* --- listeners ----------------------------------------------------------- */

static int
cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return (x > y) - (x < y);
}

/* "  0: 0100007F:0016 00000000:0000 0A ..." lines in LISTEN state. */
static void
listen_parse(struct facts *f, const struct cmd_fact *c, size_t *cap)
{
	const char *p = c->out, *e = c->out + c->len, *nl, *colon;
	char local[64], rem[64], st[8];
	unsigned long port;
	char *end;

	for (; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if ((size_t)(nl - p) >= 512)
			continue;
		{
			char line[512];

			memcpy(line, p, (size_t)(nl - p));
			line[nl - p] = '\0';
			if (sscanf(line, " %*[0-9]: %63s %63s %7s", local, rem,
			    st) != 3)
				continue;
		}
		if (strcmp(st, "0A") != 0 ||
		    (colon = strrchr(local, ':')) == NULL)
			continue;
		port = strtoul(colon + 1, &end, 16);
		if (*end != '\0' || end == colon + 1 || port == 0 ||
		    port > 65535)
			continue;
		if (f->nlisten == *cap) {
			*cap = *cap == 0 ? 16 : *cap * 2;
			f->listen_ports = xreallocarray(f->listen_ports, *cap,
			    sizeof(*f->listen_ports));
		}
		f->listen_ports[f->nlisten++] = (unsigned int)port;
		if (nl == e)
			break;
	}
}

static void
dsm_listen(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	const struct cmd_fact *c;
	size_t cap = 0, i, j;
	const char *names[] = { "listen /proc/net/tcp", "listen /proc/net/tcp6" };

	for (i = 0; i < 2; i++)
		if ((c = cmd_ok(f, names[i])) != NULL && c->status == 0) {
			f->listen_known = 1;
			listen_parse(f, c, &cap);
		}
	if (f->nlisten == 0)
		return;
	qsort(f->listen_ports, f->nlisten, sizeof(*f->listen_ports), cmp_uint);
	for (i = j = 1; i < f->nlisten; i++)
		if (f->listen_ports[i] != f->listen_ports[j - 1])
			f->listen_ports[j++] = f->listen_ports[i];
	f->nlisten = j;
}

int
facts_listening(const struct facts *f, unsigned int port)
{
	if (!f->listen_known)
		return -1;
	return bsearch(&port, f->listen_ports, f->nlisten,
	    sizeof(*f->listen_ports), cmp_uint) != NULL;
}

/* --- ACL listings -------------------------------------------------------- */

/* Synology permission letters that let someone change what sshd trusts. */
static int
syno_write(const char *perm)
{
	/* rwxpdDaARWcCo: w write, p append, D delete child, C write ACL, o owner */
	return strpbrk(perm, "wpDCo") != NULL;
}

static void
acl_push(struct facts_impl *fi, struct acl_fact *a, size_t *cap,
    const struct acl_entry *e)
{
	if (a->n >= MAX_ACL_ENTRIES)
		return;
	if (a->n == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		a->v = xreallocarray(a->v, *cap, sizeof(*a->v));
	}
	a->v[a->n++] = *e;
	(void)fi;
}

/*
 * synoacltool -get (dsm.md 4.3): entry lines
 * "\t [N] KIND:NAME:allow|deny:PERMS:INHERIT (level:L)"; NAME may be empty.
 */
static void
acl_parse_syno(struct facts_impl *fi, struct acl_fact *a, char *buf)
{
	char *line, *next, *p, *lv, *f[5], *q;
	struct acl_entry e;
	size_t cap = 0;
	int k;

	for (line = buf; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '[' || (p = strchr(p, ']')) == NULL)
			continue;
		p++;
		while (*p == ' ')
			p++;
		if ((lv = strstr(p, " (level:")) == NULL)
			continue;
		memset(&e, 0, sizeof(e));
		e.inherited = atoi(lv + 8) > 0;
		*lv = '\0';
		e.text = facts_own(fi, xstrdup(p));
		/* KIND first, then the last three fields; NAME is the rest. */
		f[0] = p;
		if ((q = strchr(p, ':')) == NULL)
			continue;
		*q++ = '\0';
		f[1] = q;
		for (k = 4; k >= 2; k--) {
			if ((q = strrchr(f[1], ':')) == NULL)
				break;
			*q++ = '\0';
			f[k] = q;
		}
		if (k >= 2)
			continue;
		if (strcmp(f[0], "owner") == 0)
			e.who = ACLW_OWNER;
		else if (strcmp(f[0], "user") == 0)
			e.who = ACLW_USER;
		else if (strcmp(f[0], "group") == 0)
			e.who = ACLW_GROUP;
		else if (strcmp(f[0], "everyone") == 0)
			e.who = ACLW_EVERYONE;
		else if (strcmp(f[0], "authenticated_user") == 0)
			e.who = ACLW_AUTHENTICATED;
		else if (strcmp(f[0], "system") == 0)
			e.who = ACLW_SYSTEM;
		else
			continue;
		e.name = *f[1] != '\0' ? facts_own(fi, xstrdup(f[1])) : NULL;
		e.allow = strcmp(f[2], "deny") != 0;
		e.write = syno_write(f[3]);
		acl_push(fi, a, &cap, &e);
	}
}

/* getfacl -c -n: "user::rwx", "user:1026:rwx", "group:101:rwx", "mask::rwx". */
static void
acl_parse_posix(struct facts_impl *fi, struct acl_fact *a, char *buf)
{
	const struct facts *f = &fi->pub;
	char *line, *next, *name, *perm, *q;
	struct acl_entry e;
	size_t cap = 0;
	unsigned long id;
	const struct user_fact *u;
	const struct group_fact *g;

	for (line = buf; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		if ((q = strchr(line, '#')) != NULL)
			*q = '\0';	/* "#effective:r-x" */
		if ((name = strchr(line, ':')) == NULL)
			continue;
		*name++ = '\0';
		if ((perm = strchr(name, ':')) == NULL)
			continue;
		*perm++ = '\0';
		while ((q = strpbrk(perm, " \t")) != NULL)
			*q = '\0';
		memset(&e, 0, sizeof(e));
		e.allow = 1;
		e.write = strchr(perm, 'w') != NULL;
		e.text = facts_own(fi, xprintf("%s:%s:%s", line, name, perm));
		if (strcmp(line, "user") == 0)
			e.who = *name == '\0' ? ACLW_OWNER : ACLW_USER;
		else if (strcmp(line, "group") == 0)
			e.who = *name == '\0' ? ACLW_OWNING_GROUP : ACLW_GROUP;
		else if (strcmp(line, "other") == 0)
			e.who = ACLW_EVERYONE;
		else if (strcmp(line, "mask") == 0)
			e.who = ACLW_MASK;
		else
			continue;
		if (*name != '\0') {
			id = strtoul(name, &q, 10);
			e.name = name;
			if (*q == '\0' && e.who == ACLW_USER &&
			    (u = facts_user_by_uid(f, id)) != NULL)
				e.name = u->name;
			else if (*q == '\0' && e.who == ACLW_GROUP &&
			    (g = facts_group_by_gid(f, id)) != NULL)
				e.name = g->name;
			e.name = facts_own(fi, xstrdup(e.name));
		}
		acl_push(fi, a, &cap, &e);
	}
}

static int
cmp_acl(const void *a, const void *b)
{
	return strcmp(((const struct acl_fact *)a)->path,
	    ((const struct acl_fact *)b)->path);
}

static void
dsm_acls(struct facts_impl *fi)
{
	struct facts *f = &fi->pub;
	const struct cmd_fact *c;
	struct acl_fact *a;
	size_t i, cap = 0;
	const char *path, *src;
	char *buf;

	for (i = 0; i < f->ncmds; i++) {
		c = &f->cmds[i];
		if (strncmp(c->name, "synoacltool -get /", 18) == 0) {
			path = c->name + 17;
			src = "synoacltool";
		} else if (strncmp(c->name, "getfacl /", 9) == 0) {
			path = c->name + 8;
			src = "getfacl";
		} else
			continue;
		if (c->status != 0 || c->out == NULL)
			continue;
		if (f->nacls == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			f->acls = xreallocarray(f->acls, cap, sizeof(*f->acls));
		}
		a = &f->acls[f->nacls++];
		memset(a, 0, sizeof(*a));
		a->path = path;
		a->source = src;
		buf = xmalloc(c->len + 1);
		memcpy(buf, c->out, c->len);
		buf[c->len] = '\0';
		if (*src == 's')
			acl_parse_syno(fi, a, buf);
		else
			acl_parse_posix(fi, a, buf);
		free(buf);
		if (a->n == 0) {	/* "It's Linux mode", an error text */
			free(a->v);
			f->nacls--;
		}
	}
	if (f->nacls > 1)
		qsort(f->acls, f->nacls, sizeof(*f->acls), cmp_acl);
}

const struct acl_fact *
facts_acl(const struct facts *f, const char *path)
{
	struct acl_fact key;

	if (f->nacls == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.path = path;
	return bsearch(&key, f->acls, f->nacls, sizeof(*f->acls), cmp_acl);
}

/* --- build --------------------------------------------------------------- */

int
facts_build_dsm(struct facts_impl *fi, struct diag *d)
{
	struct dsm_fact *dm = &fi->pub.dsm;

	(void)d;
	dm->ssh.on = dm->telnet.on = dm->sftp.on = dm->rsync.on = -1;
	dm->sshd_active = dm->user_home = dm->guest_enabled = -1;
	dm->ab_allow_count = dm->ssh_port = -1;
	dsm_listen(fi);
	dsm_acls(fi);
	dsm_version(fi);
	if (!fi->pub.dsm.is_dsm)
		return 0;
	dsm_model(fi);
	dsm_webapi_reason(fi);
	dsm_autoblock(fi);
	dsm_services(fi);
	dsm_homes(fi);
	return 0;
}

void
facts_free_dsm(struct facts_impl *fi)
{
	size_t i;

	for (i = 0; i < fi->pub.nacls; i++)
		free(fi->pub.acls[i].v);
	free(fi->pub.acls);
	free(fi->pub.listen_ports);
}
