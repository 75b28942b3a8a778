/*
 * check_collector.c — the embedded collector run through a root session on
 * a small DSM-like tree built in /tmp: records for symlinked homes resolved
 * inside the root, modes and owners, missing files, private keys reduced to
 * their header, hostile file names, Include globs, hidden password hashes.
 * The bundle is parsed here with a minimal framing reader (bundle.c is
 * another module); the reader checks lengths and the end count.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "bundle.h"
#include "collector.h"
#include "diag.h"
#include "err.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "session.h"
#include "sl_check.h"
#include "xmalloc.h"

#define ALICE	1026
#define BOB	1027
#define USERS	100

/* --- a minimal bundle reader ------------------------------------------- */

#define MAXF	8

struct rec {
	char		*f[MAXF];	/* header fields, f[0] the kind */
	int		 nf;
	const char	*data;		/* file/cmd content, else NULL */
	size_t		 dlen;
};

struct recs {
	struct rec	*v;
	size_t		 n;
};

static char *
take_line(const char **pp, const char *end)
{
	const char *p = *pp, *nl = memchr(p, '\n', (size_t)(end - p));

	ck_assert_msg(nl != NULL, "unterminated line at offset");
	*pp = nl + 1;
	return xstrndup(p, (size_t)(nl - p));
}

static void
parse_bundle(const struct sbuf *b, struct recs *rs)
{
	const char *p = b->data, *end = b->data + b->len;
	char *line, *s, *tab;
	size_t cap = 0;

	memset(rs, 0, sizeof(*rs));
	line = take_line(&p, end);
	ck_assert_str_eq(line, "synolint-bundle\t1");
	free(line);
	for (;;) {
		struct rec r;

		memset(&r, 0, sizeof(r));
		line = take_line(&p, end);
		if (strncmp(line, "end\t", 4) == 0) {
			ck_assert_uint_eq(strtoul(line + 4, NULL, 10), rs->n);
			ck_assert_msg(p == end, "bytes after end");
			free(line);
			return;
		}
		for (s = line; r.nf < MAXF; s = tab + 1) {
			tab = strchr(s, '\t');
			r.f[r.nf++] = tab ? xstrndup(s, (size_t)(tab - s)) : xstrdup(s);
			if (tab == NULL)
				break;
		}
		free(line);
		if (strcmp(r.f[0], "file") == 0 || strcmp(r.f[0], "cmd") == 0) {
			ck_assert_int_eq(r.nf, 4);
			r.dlen = strtoul(r.f[1], NULL, 10);
			ck_assert_msg((size_t)(end - p) > r.dlen, "short content");
			r.data = p;
			p += r.dlen;
			ck_assert_int_eq(*p, '\n');
			p++;
		} else if (strcmp(r.f[0], "stat") == 0) {
			ck_assert_int_eq(r.nf, 8);
		} else {
			ck_assert_msg(r.nf == 3, "record %s has %d fields",
			    r.f[0], r.nf);
		}
		if (rs->n == cap) {
			cap = cap ? cap * 2 : 64;
			rs->v = xreallocarray(rs->v, cap, sizeof(*rs->v));
		}
		rs->v[rs->n++] = r;
	}
}

static void
free_recs(struct recs *rs)
{
	size_t i;
	int j;

	for (i = 0; i < rs->n; i++)
		for (j = 0; j < rs->v[i].nf; j++)
			free(rs->v[i].f[j]);
	free(rs->v);
}

/* The record of a kind whose last field is key (path, or meta key). */
static const struct rec *
find(const struct recs *rs, const char *kind, const char *key)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		const struct rec *r = &rs->v[i];
		const char *k = strcmp(kind, "meta") == 0 || strcmp(kind, "link") == 0 ?
		    r->f[1] : r->f[r->nf - 1];

		if (strcmp(r->f[0], kind) == 0 && strcmp(k, key) == 0)
			return r;
	}
	return NULL;
}

static const char *
meta(const struct recs *rs, const char *key)
{
	const struct rec *r = find(rs, "meta", key);

	ck_assert_msg(r != NULL, "no meta %s", key);
	return r->f[2];
}

static void
assert_stat(const struct recs *rs, const char *path, const char *type,
    const char *mode, unsigned long uid)
{
	const struct rec *r = find(rs, "stat", path);

	ck_assert_msg(r != NULL, "no stat record for %s", path);
	ck_assert_str_eq(r->f[1], type);
	ck_assert_str_eq(r->f[2], mode);
	ck_assert_uint_eq(strtoul(r->f[3], NULL, 10), uid);
}

static int
content_has(const struct rec *r, const char *needle)
{
	char *s = xstrndup(r->data, r->dlen);
	int found = strstr(s, needle) != NULL;

	free(s);
	return found;
}

/* --- building the tree ------------------------------------------------- */

static char *root;

static char *
P(const char *rel)
{
	return xprintf("%s%s", root, rel);
}

static void
mkd(const char *rel, mode_t mode, uid_t uid)
{
	char *p = P(rel);

	ck_assert_msg(mkdir(p, 0700) == 0 || errno == EEXIST, "mkdir %s", p);
	ck_assert_int_eq(chown(p, uid, uid == 0 ? 0 : USERS), 0);
	ck_assert_int_eq(chmod(p, mode), 0);
	free(p);
}

static void
put(const char *rel, const char *text, mode_t mode, uid_t uid)
{
	char *p = P(rel);
	FILE *fp = fopen(p, "w");

	ck_assert_msg(fp != NULL, "create %s", p);
	fputs(text, fp);
	fclose(fp);
	ck_assert_int_eq(chown(p, uid, uid == 0 ? 0 : USERS), 0);
	ck_assert_int_eq(chmod(p, mode), 0);
	free(p);
}

static void
lnk(const char *target, const char *rel)
{
	char *p = P(rel);

	ck_assert_int_eq(symlink(target, p), 0);
	free(p);
}

/* ssh-keygen through the local session: no shell string anywhere. */
static void
keygen(const char *rel, const char *type, const char *pass, int pem)
{
	char *p = P(rel);
	const char *argv[] = { "/usr/bin/ssh-keygen", "-q", "-t", type, "-N",
	    pass, "-C", "test", "-f", p, pem ? "-m" : NULL, "PEM", NULL };
	struct sbuf out;
	struct exec_result res = { &out, NULL, 0 };

	sbuf_init(&out, 65536);
	ck_assert_int_eq(session_local_exec(argv, NULL, 30, &res), SL_OK);
	ck_assert_int_eq(res.status, 0);
	sbuf_cleanup(&out);
	free(p);
}

/* Line n (1-based) of a file in the tree; caller frees. */
static char *
file_line(const char *rel, int n)
{
	char *p = P(rel), *data = sl_read_file(p, NULL), *s, *e;
	char *line;

	ck_assert_ptr_nonnull(data);
	for (s = data; n > 1; n--) {
		s = strchr(s, '\n');
		ck_assert_ptr_nonnull(s);
		s++;
	}
	e = strchr(s, '\n');
	line = e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
	free(data);
	free(p);
	return line;
}

static void
build_tree(void)
{
	mkd("/etc", 0755, 0);
	mkd("/etc/ssh", 0755, 0);
	mkd("/etc/ssh/sshd_config.d", 0755, 0);
	mkd("/etc.defaults", 0755, 0);
	mkd("/usr", 0755, 0);
	mkd("/usr/bin", 0755, 0);
	mkd("/var", 0755, 0);
	mkd("/var/services", 0755, 0);
	mkd("/volume1", 0755, 0);
	mkd("/volume1/homes", 0711, 0);
	mkd("/volume1/homes/alice", 0777, ALICE);	/* DSM's default */
	mkd("/volume1/homes/alice/.ssh", 0700, ALICE);
	mkd("/volume1/homes/bob", 0755, BOB);
	mkd("/volume1/homes/bob/.ssh", 0700, BOB);
	mkd("/root", 0700, 0);
	lnk("/volume1/homes", "/var/services/homes");
	put("/etc/passwd",
	    "root:x:0:0::/root:/bin/ash\n"
	    "alice:x:1026:100::/var/services/homes/alice:/bin/sh\n"
	    "bob:x:1027:100::/var/services/homes/bob:/bin/sh\n"
	    "guest:x:1025:100:Guest:/nonexist:/usr/bin/nologin\n", 0644, 0);
	put("/etc/group", "users:x:100:\nadministrators:x:101:alice\n", 0644, 0);
	put("/etc/shadow",
	    "root:$6$saltsalt$SHADOWHASHROOT:18000:0:99999:7:::\n"
	    "alice:!$6$x$SHADOWHASHLOCKED:18000:0:99999:7:::\n"
	    "bob::18000:0:99999:7:::\n"
	    "guest:*:18000:0:99999:7::1:\n", 0600, 0);
	put("/etc/synoinfo.conf",
	    "ssh_port=\"2222\"\nsecret_token=\"TOPSECRET\"\n"
	    "autoblock_attempts=\"10\"\nupnpmodelname=\"DS120j\"\n", 0644, 0);
	put("/etc.defaults/VERSION", "majorversion=\"6\"\nproductversion=\"6.2.3\"\n",
	    0644, 0);
	put("/etc/hostname", "inside-root\n", 0644, 0);
	put("/etc/ssh/sshd_config",
	    "Include /etc/ssh/sshd_config.d/*.conf\n"
	    "PasswordAuthentication yes\n"
	    "AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/keys/%u\n", 0644, 0);
	put("/etc/ssh/sshd_config.d/10-a.conf", "PermitRootLogin no\n", 0644, 0);
	put("/etc/ssh/sshd_config.d/20-b.conf", "X11Forwarding no\n", 0644, 0);
	put("/etc/ssh/sshd_config.d/ignored.txt", "Bogus yes\n", 0644, 0);
	put("/usr/bin/sshd", "\177ELF....OpenSSH_7.4p1\0....", 0755, 0);
	keygen("/etc/ssh/ssh_host_ed25519_key", "ed25519", "", 0);
	keygen("/volume1/homes/alice/.ssh/id_ed25519", "ed25519", "", 0);
	keygen("/volume1/homes/alice/.ssh/id_rsa", "rsa", "secret-pass", 1);
	put("/volume1/homes/alice/.ssh/authorized_keys",
	    "from=\"10.0.0.2\",restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBob bob@local\n",
	    0600, ALICE);
	put("/volume1/homes/alice/.ssh/id_e\tvil", "x\n", 0600, ALICE);
	/* bob: no authorized_keys; authorized_keys2 is an absolute symlink
	 * that must resolve inside the root, not through the real /. */
	lnk("/etc/hostname", "/volume1/homes/bob/.ssh/authorized_keys2");
}

/* --- tests -------------------------------------------------------------- */

static void
run_collector(struct sbuf *out)
{
	struct session_opts o = { 60, NULL };
	struct session *s = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(session_root_open(root, &o, &s, &d), SL_OK);
	sbuf_init(out, 0);
	ck_assert_int_eq(collector_run(s, NULL, out, &d), SL_OK);
	if (d.n > 0)
		ck_abort_msg("diag: %s", d.v[0].msg);
	ck_assert_uint_eq(out->max, SL_MAX_BUNDLE);
	session_free(s);
	diag_cleanup(&d);
}

START_TEST(test_collector_root_tree)
{
	struct sbuf out;
	struct recs rs;
	const struct rec *r;
	char *line;

	root = sl_mkdtemp();
	ck_assert_ptr_nonnull(root);
	if (geteuid() != 0) {
		sl_rmtree(root);
		free(root);
		return;		/* chown needs root; the ctest run is root */
	}
	build_tree();
	run_collector(&out);
	parse_bundle(&out, &rs);
	{
		/* The real parser accepts it too, with the same record count. */
		struct bundle *b = NULL;
		struct diag d;

		diag_init(&d);
		if (bundle_parse(out.data, out.len, "collected", &b, &d) != SL_OK)
			ck_abort_msg("bundle_parse: %s", d.v[0].msg);
		ck_assert_uint_eq(bundle_count(b), rs.n);
		ck_assert_str_eq(bundle_meta(b, "session"), "root");
		bundle_free(b);
		diag_cleanup(&d);
	}

	/* meta */
	ck_assert_str_eq(meta(&rs, "session"), "root");
	ck_assert_str_eq(meta(&rs, "root"), root);
	ck_assert_str_eq(meta(&rs, "collector_version"), "1");
	ck_assert_str_eq(meta(&rs, "openssh_version"),
	    "OpenSSH_7.4p1");
	ck_assert_str_eq(meta(&rs, "hostname"), "inside-root");

	/* the homes symlink, resolved inside the root */
	assert_stat(&rs, "/var/services/homes", "l", "0777", 0);
	r = find(&rs, "link", "/var/services/homes");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->f[2], "/volume1/homes");
	assert_stat(&rs, "/", "d", "0700", 0);
	assert_stat(&rs, "/volume1", "d", "0755", 0);
	assert_stat(&rs, "/volume1/homes", "d", "0711", 0);
	/* the 0777 home, under its passwd name and its real path */
	assert_stat(&rs, "/var/services/homes/alice", "d", "0777", ALICE);
	assert_stat(&rs, "/volume1/homes/alice", "d", "0777", ALICE);
	assert_stat(&rs, "/volume1/homes/alice/.ssh", "d", "0700", ALICE);
	assert_stat(&rs, "/var/services/homes/alice/.ssh/authorized_keys", "f",
	    "0600", ALICE);
	r = find(&rs, "file", "/var/services/homes/alice/.ssh/authorized_keys");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "from=\"10.0.0.2\",restrict ssh-ed25519"));

	/* bob's missing authorized_keys */
	r = find(&rs, "nostat", "/var/services/homes/bob/.ssh/authorized_keys");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->f[1], "ENOENT");
	ck_assert_ptr_nonnull(find(&rs, "nostat",
	    "/volume1/homes/bob/.ssh/authorized_keys"));
	r = find(&rs, "nofile", "/var/services/homes/bob/.ssh/authorized_keys");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->f[1], "ENOENT");
	/* bob's absolute symlink read inside the root, never the real /etc */
	assert_stat(&rs, "/var/services/homes/bob/.ssh/authorized_keys2", "l",
	    "0777", 0);
	r = find(&rs, "link", "/volume1/homes/bob/.ssh/authorized_keys2");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->f[2], "/etc/hostname");
	r = find(&rs, "file", "/var/services/homes/bob/.ssh/authorized_keys2");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->dlen, strlen("inside-root\n"));
	ck_assert(memcmp(r->data, "inside-root\n", r->dlen) == 0);
	/* a missing home and the AuthorizedKeysFile of sshd_config */
	ck_assert_ptr_nonnull(find(&rs, "nostat", "/nonexist"));
	ck_assert_ptr_nonnull(find(&rs, "nofile", "/etc/ssh/keys/alice"));

	/* private keys: header only, never the material */
	r = find(&rs, "file", "/var/services/homes/alice/.ssh/id_ed25519");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->f[2], "t");
	ck_assert(content_has(r, "-----BEGIN OPENSSH PRIVATE KEY-----\n"));
	ck_assert(content_has(r, "Cipher: none\n"));
	ck_assert(content_has(r, "KDF: none\n"));
	line = file_line("/volume1/homes/alice/.ssh/id_ed25519", 3);
	ck_assert_uint_gt(strlen(line), 20);
	ck_assert_ptr_null(strstr(out.data, line));
	free(line);
	line = file_line("/volume1/homes/alice/.ssh/id_ed25519", 2);
	ck_assert_ptr_null(strstr(out.data, line));
	free(line);
	r = find(&rs, "file", "/var/services/homes/alice/.ssh/id_rsa");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "-----BEGIN RSA PRIVATE KEY-----\n"
	    "Proc-Type: 4,ENCRYPTED\nDEK-Info: "));
	line = file_line("/volume1/homes/alice/.ssh/id_rsa", 5);
	ck_assert_uint_gt(strlen(line), 20);
	ck_assert_ptr_null(strstr(out.data, line));
	free(line);
	r = find(&rs, "file", "/var/services/homes/alice/.ssh/id_rsa.pub");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "ssh-rsa AAAA"));
	r = find(&rs, "file", "/etc/ssh/ssh_host_ed25519_key");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "Cipher: none"));
	ck_assert_ptr_nonnull(find(&rs, "file", "/etc/ssh/ssh_host_ed25519_key.pub"));

	/* the hostile name travels only as a skip record */
	r = find(&rs, "skip", "/var/services/homes/alice/.ssh/id_e?vil");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->f[1], "badpath");
	ck_assert_ptr_null(strstr(out.data, "id_e\tvil"));

	/* Include glob: both .conf files, in order, not the .txt */
	r = find(&rs, "file", "/etc/ssh/sshd_config.d/10-a.conf");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "PermitRootLogin no"));
	ck_assert_ptr_nonnull(find(&rs, "file", "/etc/ssh/sshd_config.d/20-b.conf"));
	ck_assert(find(&rs, "file", "/etc/ssh/sshd_config.d/10-a.conf") <
	    find(&rs, "file", "/etc/ssh/sshd_config.d/20-b.conf"));
	ck_assert_ptr_null(find(&rs, "file", "/etc/ssh/sshd_config.d/ignored.txt"));
	ck_assert_ptr_null(strstr(out.data, "Bogus"));

	/* no password hash, no key outside the audit list */
	ck_assert_ptr_null(strstr(out.data, "SHADOWHASH"));
	ck_assert_ptr_null(strstr(out.data, "saltsalt"));
	r = find(&rs, "file", "/etc/shadow");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "root:x:18000:"));
	ck_assert(content_has(r, "alice:!:18000:"));
	ck_assert(content_has(r, "bob::18000:"));
	ck_assert(content_has(r, "guest:*:18000:"));
	r = find(&rs, "file", "/etc/synoinfo.conf");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "ssh_port=\"2222\"\n"));
	ck_assert(content_has(r, "upnpmodelname=\"DS120j\"\n"));
	ck_assert_ptr_null(strstr(out.data, "TOPSECRET"));
	r = find(&rs, "file", "/etc.defaults/VERSION");
	ck_assert_ptr_nonnull(r);
	ck_assert(content_has(r, "productversion=\"6.2.3\""));

	/* root's home */
	assert_stat(&rs, "/root", "d", "0700", 0);
	ck_assert_ptr_nonnull(find(&rs, "nostat", "/root/.ssh"));
	/* no time when SOURCE_DATE_EPOCH is set (ctest does not set it) */
	if (getenv("SOURCE_DATE_EPOCH") == NULL)
		ck_assert_ptr_nonnull(find(&rs, "meta", "time"));

	free_recs(&rs);
	sbuf_cleanup(&out);
	sl_rmtree(root);
	free(root);
}
END_TEST

START_TEST(test_collector_argv)
{
	const char **argv = collector_argv("root", "/mnt/nas");

	ck_assert_str_eq(argv[0], "/bin/sh");
	ck_assert_str_eq(argv[1], "-s");
	ck_assert_str_eq(argv[2], "--");
	ck_assert_str_eq(argv[3], "--session");
	ck_assert_str_eq(argv[4], "root");
	ck_assert_str_eq(argv[5], "--root");
	ck_assert_str_eq(argv[6], "/mnt/nas");
	ck_assert_ptr_null(argv[7]);
	free(argv);
	argv = collector_argv("local", NULL);
	ck_assert_str_eq(argv[4], "local");
	ck_assert_ptr_null(argv[5]);
	free(argv);
}
END_TEST

START_TEST(test_collector_bad_root)
{
	struct session_opts o = { 10, "nas1" };
	struct session *s = NULL;
	struct diag d;
	struct sbuf out;

	diag_init(&d);
	sbuf_init(&out, 0);
	ck_assert_int_eq(session_local_open(&o, &s, &d), SL_OK);
	/* relative root: refused before running anything */
	ck_assert_int_eq(collector_run(s, "relative/dir", &out, &d), SL_ERR_USAGE);
	ck_assert_uint_eq(d.nerrors, 1);
	/* a root that vanished: the collector fails with a one-line reason */
	ck_assert_int_eq(collector_run(s, "/nonexistent/nas", &out, &d),
	    SL_ERR_REMOTE);
	ck_assert_uint_eq(d.nerrors, 2);
	ck_assert_ptr_nonnull(strstr(d.v[1].msg, "nas1: collector exited with status 2"));
	ck_assert_ptr_nonnull(strstr(d.v[1].msg, "not a directory: /nonexistent/nas"));
	session_free(s);
	sbuf_cleanup(&out);
	diag_cleanup(&d);
}
END_TEST

/* The committed example bundles (examples/make-bundles.sh) parse. */
START_TEST(test_example_bundles)
{
	static const char *const names[] = { "seed-local", "seed-remote",
	    "dsm-default", "hardened" };
	const char *src = getenv("SL_SOURCE_DIR");
	struct bundle *b = NULL;
	struct diag d;
	char *path;

	if (src == NULL)
		src = ".";
	diag_init(&d);
	path = xprintf("%s/examples/%s.bundle", src, names[_i]);
	if (bundle_load_file(path, &b, &d) != SL_OK)
		ck_abort_msg("%s: %s", path, d.n ? d.v[0].msg : "?");
	ck_assert_str_eq(bundle_meta(b, "session"), "root");
	ck_assert_ptr_nonnull(bundle_meta(b, "openssh_version"));
	ck_assert_ptr_nonnull(bundle_find(b, REC_FILE, "/etc/ssh/sshd_config"));
	ck_assert_ptr_nonnull(bundle_find(b, REC_LINK, "/var/services/homes"));
	bundle_free(b);
	diag_cleanup(&d);
	free(path);
}
END_TEST

static Suite *
collector_suite(void)
{
	Suite *s = suite_create("collector");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_collector_argv);
	tcase_add_test(tc, test_collector_root_tree);
	tcase_add_test(tc, test_collector_bad_root);
	tcase_add_loop_test(tc, test_example_bundles, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(collector_suite)
