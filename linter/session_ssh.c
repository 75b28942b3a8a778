/*
 * session_ssh.c — the ssh backend (libssh). Connection setup, in this order:
 * host → ssh_config (-F FILE, else the user's and the system's) → the
 * command line's user and port → host-key checking forced on with our
 * known_hosts → connect → host key verified (unknown: refused with its
 * fingerprint unless --accept-new; changed: always refused) → public-key
 * authentication without prompts. One exec per session: the argv quoted
 * with shquote(), the input written as the server's window allows while
 * stdout/stderr are drained into bounded buffers, everything under one
 * deadline (connect + exec). --become wraps the argv in sudo; a password
 * travels only on stdin, ahead of a marker line the wrapper skips to.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include "err.h"
#include "log.h"
#include "sbuf.h"
#include "session_ssh.h"
#include "shquote.h"
#include "xmalloc.h"

#define READ_CHUNK	16384
#define WRITE_CHUNK	32768u
#define POLL_MS		100

struct ssh_priv {
	ssh_session		 ss;
	struct ssh_callbacks_struct cb;
	char			*label;
	char			*hostkey;	/* "TYPE SHA256:..." */
	char			*banner;
	char			*user;		/* who it logged in as */
	unsigned int		 port;		/* the port it connected to */
	int			 become;
	const char		*password;	/* borrowed */
	long long		 deadline;	/* ms, CLOCK_MONOTONIC */
	int			 timeout_s;
	long long		 connect_ms;	/* TCP + key exchange + host key */
	long long		 auth_ms;	/* user authentication */
};

/* update_known_hosts appends to a file other threads may append to. */
static pthread_mutex_t known_hosts_lock = PTHREAD_MUTEX_INITIALIZER;

static long long
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Seconds left before the deadline, at least 1 (libssh: 0 is "default"). */
static long
left_s(const struct ssh_priv *p)
{
	long long ms = p->deadline - now_ms();

	if (ms < 1000)
		return 1;
	return (long)((ms + 999) / 1000);
}

static void
set_timeout(struct ssh_priv *p)
{
	long t = left_s(p);

	(void)ssh_options_set(p->ss, SSH_OPTIONS_TIMEOUT, &t);
}

/*
 * libssh's own messages (its verbosity follows LogLevel in ssh_config) go
 * to our debug level, never straight to stderr. libssh keeps the callback
 * per thread: every thread that opens a session sets it.
 */
static void
libssh_log(int priority, const char *function, const char *buffer,
    void *userdata)
{
	(void)priority;
	(void)function;			/* buffer starts with it */
	(void)userdata;
	debug("libssh: %s", buffer != NULL ? buffer : "");
}

int
session_ssh_global_init(void)
{
	if (ssh_init() != SSH_OK)
		return SL_ERR_SYSTEM;
	(void)ssh_set_log_callback(libssh_log);
	return SL_OK;
}

void
session_ssh_global_cleanup(void)
{
	(void)ssh_finalize();
}

/* Never prompt for a passphrase: an encrypted key belongs in ssh-agent. */
static int
no_prompt(const char *prompt, char *buf, size_t len, int echo, int verify,
    void *userdata)
{
	(void)prompt;
	(void)echo;
	(void)verify;
	(void)userdata;
	if (len > 0)
		buf[0] = '\0';
	return -1;
}

/* A copy of s with control and non-ASCII bytes as '?'. */
static char *
printable(const char *s)
{
	char *r = xstrdup(s != NULL ? s : "");
	char *c;

	for (c = r; *c != '\0'; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			*c = '?';
	return r;
}

static void
priv_free(struct ssh_priv *p)
{
	if (p == NULL)
		return;
	if (p->ss != NULL) {
		ssh_disconnect(p->ss);
		ssh_free(p->ss);
	}
	free(p->label);
	free(p->hostkey);
	free(p->banner);
	free(p->user);
	free(p);
}

static void
ssh_close(struct session *s)
{
	priv_free(session_priv(s));
}

/* "TYPE SHA256:..." of the server's key, or NULL. */
static char *
server_key_string(ssh_session ss)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp = NULL, *r = NULL;

	if (ssh_get_server_publickey(ss, &key) != SSH_OK)
		return NULL;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) == 0 && (fp = ssh_get_fingerprint_hash(
	    SSH_PUBLICKEY_HASH_SHA256, hash, hlen)) != NULL)
		r = xprintf("%s %s", ssh_key_type_to_char(ssh_key_type(key)),
		    fp);
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	return r;
}

static char *
known_hosts_file(ssh_session ss)
{
	char *f = NULL, *r;

	if (ssh_options_get(ss, SSH_OPTIONS_KNOWNHOSTS, &f) != SSH_OK ||
	    f == NULL)
		return xstrdup("~/.ssh/known_hosts");
	r = xstrdup(f);
	ssh_string_free_char(f);
	return r;
}

static int
check_host_key(struct ssh_priv *p, const struct ssh_conn_opts *o,
    struct diag *d)
{
	enum ssh_known_hosts_e k;
	const char *key = p->hostkey != NULL ? p->hostkey : "(no key)";
	char *kh = known_hosts_file(p->ss);
	int r = SL_OK;

	k = ssh_session_is_known_server(p->ss);
	switch (k) {
	case SSH_KNOWN_HOSTS_OK:
		break;
	case SSH_KNOWN_HOSTS_NOT_FOUND:
	case SSH_KNOWN_HOSTS_UNKNOWN:
		if (!o->accept_new) {
			diag_error(d, NULL, 0, "%s: host key not known: %s "
			    "(not in %s; check the fingerprint, then rerun "
			    "with --accept-new to record it)", p->label, key,
			    kh);
			r = SL_ERR_HOSTKEY_UNKNOWN;
			break;
		}
		/* Another thread may have recorded it meanwhile: ask again. */
		(void)pthread_mutex_lock(&known_hosts_lock);
		k = ssh_session_is_known_server(p->ss);
		r = k == SSH_KNOWN_HOSTS_OK ? SSH_OK :
		    k == SSH_KNOWN_HOSTS_NOT_FOUND ||
		    k == SSH_KNOWN_HOSTS_UNKNOWN ?
		    ssh_session_update_known_hosts(p->ss) : SSH_ERROR;
		(void)pthread_mutex_unlock(&known_hosts_lock);
		if (r != SSH_OK) {
			diag_error(d, NULL, 0, "%s: cannot record the host key "
			    "in %s: %s", p->label, kh, ssh_get_error(p->ss));
			r = SL_ERR_SYSTEM;
			break;
		}
		sl_log(LOG_INFO, "%s: recorded new host key %s in %s",
		    p->label, key, kh);
		r = SL_OK;
		break;
	case SSH_KNOWN_HOSTS_CHANGED:
	case SSH_KNOWN_HOSTS_OTHER:
		diag_error(d, NULL, 0, "%s: WARNING: HOST KEY CHANGED: the "
		    "server offers %s%s, which does not match %s -- someone "
		    "may be intercepting the connection; refusing (if the key "
		    "really changed, remove the old entry from that file)",
		    p->label, key, k == SSH_KNOWN_HOSTS_OTHER ?
		    " (a key of another type is recorded)" : "", kh);
		r = SL_ERR_HOSTKEY_CHANGED;
		break;
	case SSH_KNOWN_HOSTS_ERROR:
	default:
		diag_error(d, NULL, 0, "%s: cannot check the host key %s "
		    "against %s: %s", p->label, key, kh, ssh_get_error(p->ss));
		r = SL_ERR_HOSTKEY_UNKNOWN;
		break;
	}
	free(kh);
	return r;
}

static int
authenticate(struct ssh_priv *p, const struct ssh_conn_opts *o,
    struct diag *d)
{
	ssh_key key = NULL;
	const char *why = NULL;
	char *user = NULL;
	int a;

	if (o->identity != NULL) {
		set_timeout(p);
		if (ssh_pki_import_privkey_file(o->identity, NULL, no_prompt,
		    NULL, &key) != SSH_OK) {
			diag_warn(d, NULL, 0, "%s: cannot use identity %s "
			    "(unreadable, or protected by a passphrase: load "
			    "it into ssh-agent)", p->label, o->identity);
		} else {
			a = ssh_userauth_publickey(p->ss, NULL, key);
			ssh_key_free(key);
			if (a == SSH_AUTH_SUCCESS)
				return SL_OK;
			if (a == SSH_AUTH_ERROR)
				goto error;
		}
	}
	set_timeout(p);
	a = ssh_userauth_publickey_auto(p->ss, NULL, NULL);
	if (a == SSH_AUTH_SUCCESS)
		return SL_OK;
	if (a == SSH_AUTH_ERROR)
		goto error;
	why = a == SSH_AUTH_PARTIAL ? "the server wants a second factor" :
	    "no key was accepted";
	(void)ssh_options_get(p->ss, SSH_OPTIONS_USER, &user);
	diag_error(d, NULL, 0, "%s: authentication failed for user %s: %s "
	    "(tried %s%sssh-agent, the ssh_config IdentityFile and the default "
	    "keys; only public-key authentication is used)", p->label,
	    user != NULL ? user : "?",
	    why, o->identity != NULL ? o->identity : "",
	    o->identity != NULL ? ", " : "");
	ssh_string_free_char(user);
	return SL_ERR_AUTH;
 error:
	if (now_ms() >= p->deadline) {
		diag_error(d, NULL, 0, "%s: timed out authenticating after "
		    "%d s", p->label, p->timeout_s);
		return SL_ERR_TIMEOUT;
	}
	diag_error(d, NULL, 0, "%s: authentication error: %s", p->label,
	    ssh_get_error(p->ss));
	return SL_ERR_AUTH;
}

static int
readable(const char *what, const char *path, const char *label,
    struct diag *d)
{
	if (path != NULL && access(path, R_OK) != 0) {
		diag_errno(d, "%s: %s %s", label, what, path);
		return 0;
	}
	return 1;
}

static int ssh_exec(struct session *, const char *const argv[],
    const struct sbuf *, struct exec_result *);

static const struct session_ops ssh_ops = {
	.name = "ssh",
	.exec = ssh_exec,
	.close = ssh_close,
};

int
session_ssh_open(const struct ssh_conn_opts *o, struct session **sessionp,
    struct diag *d)
{
	struct session_opts so;
	struct ssh_priv *p;
	const struct ssh_target *t = o->target;
	int strict = 1, r = SL_ERR_INTERNAL;
	unsigned int port;
	long long t0;

	*sessionp = NULL;
	(void)ssh_set_log_callback(libssh_log);
	p = xcalloc(1, sizeof(*p));
	p->label = xstrdup(o->label != NULL ? o->label : t->label);
	p->timeout_s = o->timeout_s > 0 ? o->timeout_s : SESSION_DEFAULT_TIMEOUT;
	p->deadline = now_ms() + (long long)p->timeout_s * 1000;
	p->become = o->become;
	p->password = o->become_password;
	if (!readable("ssh config", o->config_file, p->label, d) ||
	    !readable("identity", o->identity, p->label, d)) {
		r = SL_ERR_USAGE;
		goto out;
	}
	if ((p->ss = ssh_new()) == NULL) {
		r = SL_ERR_ALLOC;
		goto out;
	}
	memset(&p->cb, 0, sizeof(p->cb));
	ssh_callbacks_init(&p->cb);
	p->cb.auth_function = no_prompt;
	(void)ssh_set_callbacks(p->ss, &p->cb);

	if (ssh_options_set(p->ss, SSH_OPTIONS_HOST, t->host) != SSH_OK ||
	    ssh_options_parse_config(p->ss, o->config_file) != SSH_OK) {
		diag_error(d, NULL, 0, "%s: ssh config: %s", p->label,
		    ssh_get_error(p->ss));
		r = SL_ERR_USAGE;
		goto out;
	}
	/* The command line wins over ssh_config. */
	if (t->user != NULL &&
	    ssh_options_set(p->ss, SSH_OPTIONS_USER, t->user) != SSH_OK)
		goto opt_error;
	port = t->port;
	if (port != 0 &&
	    ssh_options_set(p->ss, SSH_OPTIONS_PORT, &port) != SSH_OK)
		goto opt_error;
	/* Nothing in ssh_config may turn host-key checking off. */
	if (ssh_options_set(p->ss, SSH_OPTIONS_STRICTHOSTKEYCHECK, &strict)
	    != SSH_OK || ssh_options_set(p->ss, SSH_OPTIONS_KNOWNHOSTS,
	    o->known_hosts != NULL ? o->known_hosts : "%d/known_hosts")
	    != SSH_OK)
		goto opt_error;
	set_timeout(p);

	t0 = now_ms();
	if (ssh_connect(p->ss) != SSH_OK) {
		if (now_ms() >= p->deadline) {
			diag_error(d, NULL, 0, "%s: timed out connecting after "
			    "%d s", p->label, p->timeout_s);
			r = SL_ERR_TIMEOUT;
		} else {
			diag_error(d, NULL, 0, "%s: cannot connect: %s",
			    p->label, ssh_get_error(p->ss));
			r = SL_ERR_CONNECT;
		}
		goto out;
	}
	p->hostkey = server_key_string(p->ss);
	p->banner = printable(ssh_get_serverbanner(p->ss));
	debug("%s: server %s, host key %s", p->label, p->banner,
	    p->hostkey != NULL ? p->hostkey : "?");
	if ((r = check_host_key(p, o, d)) != SL_OK)
		goto out;
	p->connect_ms = now_ms() - t0;
	t0 = now_ms();
	if ((r = authenticate(p, o, d)) != SL_OK)
		goto out;
	p->auth_ms = now_ms() - t0;
	{
		char *u = NULL;

		if (ssh_options_get(p->ss, SSH_OPTIONS_USER, &u) == SSH_OK &&
		    u != NULL)
			p->user = xstrdup(u);
		ssh_string_free_char(u);
		(void)ssh_options_get_port(p->ss, &p->port);
	}
	so.timeout_s = p->timeout_s;
	so.label = p->label;
	*sessionp = session_new(&ssh_ops, p, &so);
	p = NULL;
	r = SL_OK;
	goto out;
 opt_error:
	diag_error(d, NULL, 0, "%s: ssh option: %s", p->label,
	    ssh_get_error(p->ss));
	r = SL_ERR_USAGE;
 out:
	priv_free(p);
	return r;
}

const char *
session_ssh_hostkey(const struct session *s)
{
	const struct ssh_priv *p;

	if (strcmp(session_name(s), "ssh") != 0)
		return NULL;
	p = session_priv(s);
	return p->hostkey;
}

void
session_ssh_times(const struct session *s, long long *connect_ms,
    long long *auth_ms)
{
	const struct ssh_priv *p;

	*connect_ms = *auth_ms = -1;
	if (strcmp(session_name(s), "ssh") != 0)
		return;
	p = session_priv(s);
	*connect_ms = p->connect_ms;
	*auth_ms = p->auth_ms;
}

const char *
session_ssh_user(const struct session *s)
{
	const struct ssh_priv *p;

	if (strcmp(session_name(s), "ssh") != 0)
		return NULL;
	p = session_priv(s);
	return p->user;
}

unsigned int
session_ssh_port(const struct session *s)
{
	const struct ssh_priv *p;

	if (strcmp(session_name(s), "ssh") != 0)
		return 0;
	p = session_priv(s);
	return p->port;
}

int
session_ssh_can_login(const struct ssh_conn_opts *o, struct diag *d)
{
	struct session *s = NULL;
	int r;

	r = session_ssh_open(o, &s, d);
	session_free(s);
	return r;
}

const char *
session_ssh_banner(const struct session *s)
{
	const struct ssh_priv *p;

	if (strcmp(session_name(s), "ssh") != 0)
		return NULL;
	p = session_priv(s);
	return p->banner;
}

/*
 * The wrapper run under sudo when a password goes first on stdin: it reads
 * (and drops) lines up to the marker in $0, so whether sudo read the
 * password line or not (NOPASSWD, cached credentials), what follows the
 * marker -- the script -- is all the real command sees. The shell's read
 * builtin takes one byte at a time from a pipe, as does sudo -S.
 */
#define SKIP_TO_MARKER \
	"while IFS= read -r l; do [ \"$l\" = \"$0\" ] && break; done; " \
	"l=; exec \"$@\""

const char **
session_ssh_wrap_argv(const char *const argv[], int become,
    int with_password, char **markerp)
{
	const char **v;
	size_t n = 0, i, k = 0;
	unsigned char rnd[16];
	char *m;
	FILE *fp;

	*markerp = NULL;
	while (argv[n] != NULL)
		n++;
	v = xcalloc(n + 12, sizeof(*v));
	if (become && with_password) {
		memset(rnd, 0, sizeof(rnd));
		if ((fp = fopen("/dev/urandom", "r")) != NULL) {
			if (fread(rnd, 1, sizeof(rnd), fp) != sizeof(rnd))
				memset(rnd, 0, sizeof(rnd));
			(void)fclose(fp);
		}
		m = xmalloc(sizeof("synolint-stdin-") + 2 * sizeof(rnd) + 16);
		strcpy(m, "synolint-stdin-");
		for (i = 0; i < sizeof(rnd); i++)
			sprintf(m + strlen(m), "%02x", rnd[i]);
		sprintf(m + strlen(m), "-%lx", (unsigned long)now_ms());
		*markerp = m;
		v[k++] = "sudo";
		v[k++] = "-S";
		v[k++] = "-p";
		v[k++] = "";
		v[k++] = "--";
		v[k++] = "/bin/sh";
		v[k++] = "-c";
		v[k++] = SKIP_TO_MARKER;
		v[k++] = m;
	} else if (become) {
		v[k++] = "sudo";
		v[k++] = "-n";
		v[k++] = "--";
	}
	for (i = 0; i < n; i++)
		v[k++] = argv[i];
	v[k] = NULL;
	return v;
}

/* Appends what the channel has on one stream; -1 on error (r set). */
static int
drain(ssh_channel ch, int is_stderr, int wait_ms, struct sbuf *b, int *rp)
{
	char buf[READ_CHUNK];
	int n, total = 0;

	for (;;) {
		n = wait_ms > 0 ? ssh_channel_read_timeout(ch, buf,
		    sizeof(buf), is_stderr, wait_ms) :
		    ssh_channel_read_nonblocking(ch, buf, sizeof(buf),
		    is_stderr);
		wait_ms = 0;
		if (n == SSH_ERROR) {
			*rp = SL_ERR_REMOTE;
			return -1;
		}
		if (n <= 0)
			return total;
		total += n;
		if (b != NULL && sbuf_put(b, buf, (size_t)n) != SL_OK) {
			*rp = SL_ERR_TOO_LARGE;
			return -1;
		}
	}
}

static int
ssh_exec(struct session *s, const char *const argv[],
    const struct sbuf *input, struct exec_result *res)
{
	struct ssh_priv *p = session_priv(s);
	ssh_channel ch = NULL;
	const char **full = NULL;
	char *cmd = NULL, *marker = NULL, *in = NULL;
	size_t off = 0, inlen = 0, plen = 0, mlen = 0;
	int r = SL_ERR_REMOTE, eof_sent = 0, n;

	res->status = -1;
	full = session_ssh_wrap_argv(argv, p->become, p->password != NULL,
	    &marker);
	cmd = shquote_argv(full);
	/* One allocation, wiped at the end: no stray copy of a password. */
	if (marker != NULL) {
		plen = strlen(p->password);
		mlen = strlen(marker);
	}
	inlen = (marker != NULL ? plen + 1 + mlen + 1 : 0) +
	    (input != NULL ? input->len : 0);
	in = xmalloc(inlen + 1);
	if (marker != NULL) {
		memcpy(in, p->password, plen);
		in[plen] = '\n';
		memcpy(in + plen + 1, marker, mlen);
		in[plen + 1 + mlen] = '\n';
		off = plen + mlen + 2;
	}
	if (input != NULL && input->len > 0)
		memcpy(in + off, input->data, input->len);
	off = 0;
	if ((ch = ssh_channel_new(p->ss)) == NULL) {
		r = SL_ERR_ALLOC;
		goto out;
	}
	set_timeout(p);
	if (ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_exec(ch, cmd) != SSH_OK) {
		r = now_ms() >= p->deadline ? SL_ERR_TIMEOUT : SL_ERR_REMOTE;
		debug("%s: exec: %s", p->label, ssh_get_error(p->ss));
		goto out;
	}
	for (;;) {
		if (now_ms() >= p->deadline) {
			r = SL_ERR_TIMEOUT;
			(void)ssh_channel_request_send_signal(ch, "KILL");
			goto out;
		}
		while (off < inlen && ssh_channel_is_open(ch)) {
			uint32_t w = ssh_channel_window_size(ch);
			size_t chunk = inlen - off;

			if (w == 0)
				break;
			if (chunk > w)
				chunk = w;
			if (chunk > WRITE_CHUNK)
				chunk = WRITE_CHUNK;
			n = ssh_channel_write(ch, in + off, (uint32_t)chunk);
			if (n == SSH_ERROR) {
				off = inlen;	/* it stopped reading */
				break;
			}
			off += (size_t)n;
		}
		if (off >= inlen && !eof_sent) {
			(void)ssh_channel_send_eof(ch);
			eof_sent = 1;
		}
		if (drain(ch, 0, POLL_MS, res->out, &r) < 0 ||
		    drain(ch, 1, 0, res->err, &r) < 0)
			goto out;
		if (ssh_channel_is_eof(ch) || !ssh_channel_is_open(ch)) {
			/* Whatever came with the EOF. */
			if (drain(ch, 0, 0, res->out, &r) < 0 ||
			    drain(ch, 1, 0, res->err, &r) < 0)
				goto out;
			break;
		}
	}
	set_timeout(p);
	res->status = ssh_channel_get_exit_status(ch);
	r = SL_OK;
 out:
	/* The server went away mid-stream: say so, not "command failed". */
	if ((r == SL_ERR_REMOTE || (r == SL_OK && res->status == -1)) &&
	    !ssh_is_connected(p->ss)) {
		debug("%s: connection lost: %s", p->label,
		    ssh_get_error(p->ss));
		r = SL_ERR_LOST;
	}
	if (ch != NULL) {
		(void)ssh_channel_close(ch);
		ssh_channel_free(ch);
	}
	freezero(in, inlen + 1);
	free(cmd);
	free(marker);
	free(full);
	return r;
}
