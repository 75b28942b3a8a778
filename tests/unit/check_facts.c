/* check_facts.c — the facts model: host, users/groups/admin/disabled,
 * owner names from the bundle's own passwd, realpath through symlinks
 * (absolute, relative, loops), synoinfo and version parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "diag.h"
#include "err.h"
#include "facts.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "sl_check.h"
#include "sshd.h"
#include "xmalloc.h"

static struct facts *
load_fixture(const char *rel, const struct facts_opts *opts)
{
	char *path = sl_fixture(rel);
	struct bundle *b = NULL;
	struct facts *f = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(bundle_load_file(path, &b, &d), 0);
	ck_assert_int_eq(facts_build(b, opts, &f, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	diag_cleanup(&d);
	free(path);
	return f;
}

static struct facts *
build(struct bundle *b, const struct facts_opts *opts)
{
	struct facts *f = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(facts_build(b, opts, &f, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	diag_cleanup(&d);
	return f;
}

static void
add_file(struct bundle *b, const char *path, const char *text)
{
	ck_assert_int_eq(bundle_add_file(b, path, text, strlen(text), 0), 0);
}

static void
add_dir(struct bundle *b, const char *path)
{
	ck_assert_int_eq(bundle_add_stat(b, path, 'd', 0755, 0, 0, 4096, -1),
	    0);
}

static void
add_link(struct bundle *b, const char *path, const char *target)
{
	ck_assert_int_eq(bundle_add_stat(b, path, 'l', 0777, 0, 0,
	    (long long)strlen(target), -1), 0);
	ck_assert_int_eq(bundle_add_link(b, path, target), 0);
}

static const char *
realpath_of(const struct facts *f, const char *path)
{
	const struct path_fact *pf = facts_path(f, path);

	ck_assert_msg(pf != NULL, "no path fact for %s", path);
	return pf->realpath;
}

START_TEST(test_dsm7_host)
{
	struct facts *f = load_fixture("bundles/dsm7-basic.bundle", NULL);
	const struct host_fact *h = &f->host;

	ck_assert_str_eq(h->name, "nas1");
	ck_assert_str_eq(h->hostname, "nas1");
	ck_assert_str_eq(h->session, "ssh");
	ck_assert_str_eq(h->collector_version, "1");
	ck_assert_str_eq(h->bundle_version, "1");
	ck_assert_int_eq(h->privileged, 1);
	ck_assert_str_eq(h->openssh_version, "8.2");
	ck_assert_int_eq(h->openssh_version_num, 802);
	ck_assert_int_eq(h->openssh_version_assumed, 0);
	ck_assert_str_eq(h->dsm_version, "7.2.1");
	ck_assert_str_eq(h->dsm_build, "69057");
	ck_assert_str_eq(facts_synoinfo(f, "ssh_port"), "2222");
	ck_assert_str_eq(facts_synoinfo(f, "enable_autoblock"), "yes");
	ck_assert_str_eq(facts_synoinfo(f, "unquoted"), "value");
	ck_assert_ptr_null(facts_synoinfo(f, "ssh_portx"));
	ck_assert_uint_eq(f->synoinfo_keys.n, 5);
	ck_assert_uint_eq(f->diag.n, 0);
	ck_assert_ptr_nonnull(f->bundle);
	facts_free(f);
}
END_TEST

START_TEST(test_dsm7_sshd)
{
	struct facts *f = load_fixture("bundles/dsm7-basic.bundle", NULL);
	const struct sshd_directive *dir;

	ck_assert_ptr_nonnull(f->sshd);
	ck_assert_str_eq(f->sshd_config_path, "/etc/ssh/sshd_config");
	ck_assert_uint_eq(sshd_config_nmatch(f->sshd), 1);
	ck_assert_uint_ge(sshd_config_count(f->sshd), 5);
	dir = sshd_config_get(f->sshd, 0);
	ck_assert_str_eq(dir->keyword, "ChallengeResponseAuthentication");
	ck_assert_str_eq(dir->file, "/etc/ssh/sshd_config");
	ck_assert_uint_eq(dir->line, 2);
	facts_free(f);
}
END_TEST

static const char *
eff_value(const struct facts *f, const char *name, const char **filep)
{
	struct sshd_effective *eff = NULL;
	const struct sshd_directive *o;
	static char buf[256];
	struct diag d;
	const char *v;

	diag_init(&d);
	ck_assert_int_eq(sshd_effective_new(f->sshd, NULL, &eff, &d), 0);
	v = sshd_eff_value(eff, name);
	snprintf(buf, sizeof(buf), "%s", v != NULL ? v : "(null)");
	o = sshd_eff_origin(eff, name);
	*filep = o != NULL ? o->file : NULL;
	sshd_effective_free(eff);
	diag_cleanup(&d);
	return buf;
}

START_TEST(test_sshd_includes)
{
	struct bundle *b = bundle_new();
	struct facts *f;
	const char *file = NULL;
	size_t i;
	int found_bad = 0, found_eacces = 0, found_cut = 0;

	add_file(b, "/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/"
	    "*.conf\nInclude extra.conf locked.conf\nPermitRootLogin no\n"
	    "Bogus yes\n");
	add_file(b, "/etc/ssh/sshd_config.d/10-a.conf",
	    "PasswordAuthentication no\n");
	add_file(b, "/etc/ssh/sshd_config.d/02-b.conf",
	    "PermitRootLogin yes\n");
	add_file(b, "/etc/ssh/sshd_config.d/.hidden.conf", "Port 1\n");
	add_file(b, "/etc/ssh/sshd_config.d/sub/x.conf", "Port 2\n");
	add_file(b, "/etc/ssh/sshd_config.d/x.txt", "Port 3\n");
	ck_assert_int_eq(bundle_add_nofile(b, "/etc/ssh/sshd_config.d/"
	    "gone.conf", "ENOENT"), 0);
	ck_assert_int_eq(bundle_add_file(b, "/etc/ssh/extra.conf",
	    "X11Forwarding no\n", 17, 1), 0);
	ck_assert_int_eq(bundle_add_nofile(b, "/etc/ssh/locked.conf",
	    "EACCES"), 0);
	f = build(b, NULL);
	ck_assert_ptr_nonnull(f->sshd);
	ck_assert_str_eq(sshd_config_get(f->sshd, 1)->keyword,
	    "PermitRootLogin");
	ck_assert_str_eq(sshd_config_get(f->sshd, 1)->file,
	    "/etc/ssh/sshd_config.d/02-b.conf");
	ck_assert_str_eq(sshd_config_get(f->sshd, 2)->keyword,
	    "PasswordAuthentication");
	for (i = 0; i < sshd_config_count(f->sshd); i++) {
		const struct sshd_directive *dir = sshd_config_get(f->sshd, i);

		ck_assert_str_ne(dir->keyword, "Port");
	}
	ck_assert_str_eq(eff_value(f, "permitrootlogin", &file), "yes");
	ck_assert_str_eq(file, "/etc/ssh/sshd_config.d/02-b.conf");
	ck_assert_str_eq(eff_value(f, "x11forwarding", &file), "no");
	ck_assert_str_eq(file, "/etc/ssh/extra.conf");
	for (i = 0; i < f->diag.n; i++) {
		const struct diag_entry *e = &f->diag.v[i];

		if (e->line == 4 && strcmp(e->file, "/etc/ssh/sshd_config") == 0
		    && e->level == DIAG_ERROR)
			found_bad = 1;
		if (strstr(e->msg, "locked.conf") != NULL)
			found_eacces = 1;
		if (strcmp(e->file, "/etc/ssh/extra.conf") == 0 &&
		    strstr(e->msg, "cut by the collector") != NULL)
			found_cut = 1;
	}
	ck_assert_msg(found_bad && found_eacces && found_cut,
	    "bad %d eacces %d cut %d", found_bad, found_eacces, found_cut);
	facts_free(f);
}
END_TEST

/* Past an sshd limit the host's facts fail, with the reason. */
START_TEST(test_sshd_too_large)
{
	struct bundle *b = bundle_new();
	struct facts *f = NULL;
	struct sbuf sb;
	struct diag d;
	unsigned int i;

	sbuf_init(&sb, 0);
	for (i = 0; i <= SL_MAX_CONFIG_LINES; i++)
		ck_assert_int_eq(sbuf_puts(&sb, "#\n"), 0);
	ck_assert_int_eq(bundle_add_file(b, "/etc/ssh/sshd_config", sb.data,
	    sb.len, 0), 0);
	sbuf_cleanup(&sb);
	diag_init(&d);
	ck_assert_int_eq(facts_build(b, NULL, &f, &d), SL_ERR_TOO_LARGE);
	ck_assert_ptr_null(f);
	ck_assert_uint_ge(d.nerrors, 1);
	ck_assert_str_eq(d.v[0].file, "/etc/ssh/sshd_config");
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_sshd_absent)
{
	struct bundle *b = bundle_new();
	struct facts *f;

	ck_assert_int_eq(bundle_add_nofile(b, "/etc/ssh/sshd_config",
	    "ENOENT"), 0);
	f = build(b, NULL);
	ck_assert_ptr_null(f->sshd);
	ck_assert_ptr_null(f->sshd_config_path);
	ck_assert_uint_eq(f->diag.n, 0);
	facts_free(f);

	b = bundle_new();
	ck_assert_int_eq(bundle_add_nofile(b, "/etc/ssh/sshd_config",
	    "EACCES"), 0);
	f = build(b, NULL);
	ck_assert_ptr_null(f->sshd);
	ck_assert_uint_eq(f->diag.nerrors, 1);
	ck_assert_str_eq(f->diag.v[0].file, "/etc/ssh/sshd_config");
	facts_free(f);
}
END_TEST

START_TEST(test_dsm7_users)
{
	struct facts *f = load_fixture("bundles/dsm7-basic.bundle", NULL);
	const struct user_fact *u;
	const struct group_fact *g;

	ck_assert_uint_eq(f->nusers, 7);
	ck_assert_uint_eq(f->ngroups, 5);
	u = facts_user(f, "root");
	ck_assert_int_eq(u->is_admin, 1);
	ck_assert_int_eq(u->can_login, 1);
	ck_assert_int_eq(u->disabled, 0);	/* '*' is not disabled */
	ck_assert_str_eq(u->groups.v[0], "root");

	u = facts_user(f, "admin");
	ck_assert_int_eq(u->is_admin, 1);
	ck_assert_int_eq(u->can_login, 0);
	ck_assert_int_eq(u->disabled, 1);	/* expire day 1 */

	u = facts_user(f, "alice");
	ck_assert_uint_eq(u->uid, 1026);
	ck_assert_uint_eq(u->gid, 100);
	ck_assert_str_eq(u->gecos, "Alice Example");
	ck_assert_str_eq(u->home, "/var/services/homes/alice");
	ck_assert_str_eq(u->shell, "/bin/sh");
	ck_assert_uint_eq(u->groups.n, 3);
	ck_assert_str_eq(u->groups.v[0], "users");
	ck_assert_str_eq(u->groups.v[1], "administrators");
	ck_assert_str_eq(u->groups.v[2], "http");
	ck_assert_int_eq(u->is_admin, 1);
	ck_assert_int_eq(u->can_login, 1);
	ck_assert_int_eq(u->disabled, 0);

	u = facts_user(f, "bob");
	ck_assert_int_eq(u->is_admin, 0);
	ck_assert_int_eq(u->disabled, 1);	/* '!' */
	ck_assert_uint_eq(u->groups.n, 2);

	u = facts_user(f, "carol");
	ck_assert_int_eq(u->can_login, 0);	/* /bin/false */
	ck_assert_int_eq(u->disabled, -1);	/* not in shadow */
	ck_assert_int_eq(facts_user(f, "guest")->disabled, 1);
	ck_assert_ptr_null(facts_user(f, "mallory"));
	ck_assert_ptr_null(facts_user(f, ""));

	ck_assert_str_eq(facts_user_by_uid(f, 1027)->name, "bob");
	ck_assert_ptr_null(facts_user_by_uid(f, 4242));
	g = facts_group_by_gid(f, 101);
	ck_assert_str_eq(g->name, "administrators");
	ck_assert_uint_eq(g->members.n, 2);
	ck_assert_ptr_null(facts_group_by_gid(f, 4343));
	facts_free(f);
}
END_TEST

START_TEST(test_dsm7_paths)
{
	struct facts *f = load_fixture("bundles/dsm7-basic.bundle", NULL);
	const struct path_fact *p;
	const struct file_fact *ff;
	const struct cmd_fact *c;
	size_t i;

	for (i = 1; i < f->npaths; i++)
		ck_assert_int_lt(strcmp(f->paths[i - 1].path, f->paths[i].path),
		    0);
	p = facts_path(f, "/volume1/homes/alice");
	ck_assert_int_eq(p->type, PT_DIR);
	ck_assert_uint_eq(p->mode, 0777);
	ck_assert_str_eq(p->owner, "alice");
	ck_assert_str_eq(p->group, "users");
	ck_assert_int_eq(p->acl, 1);
	ck_assert_str_eq(p->realpath, "/volume1/homes/alice");
	ck_assert_ptr_eq(p->realpath, p->path);
	p = facts_path(f, "/volume1/orphan");
	ck_assert_ptr_null(p->owner);
	ck_assert_ptr_null(p->group);
	ck_assert_int_eq(p->acl, 0);
	p = facts_path(f, "/var/services/homes");
	ck_assert_int_eq(p->type, PT_SYMLINK);
	ck_assert_str_eq(p->link, "/volume1/homes");
	ck_assert_str_eq(p->realpath, "/volume1/homes");
	ck_assert_str_eq(p->owner, "root");
	ck_assert_int_eq(p->acl, -1);
	ck_assert_str_eq(realpath_of(f, "/volume1/homes/alice/.ssh/bobs"),
	    "/volume1/homes/bob");
	p = facts_path(f, "/root/.ssh");
	ck_assert_int_eq(p->type, PT_UNREADABLE);
	ck_assert_str_eq(p->err, "Permission denied");
	ck_assert_ptr_null(p->realpath);
	p = facts_path(f, "/etc/ssh/sshd_config.d");
	ck_assert_int_eq(p->type, PT_MISSING);
	ck_assert_ptr_null(p->err);
	ck_assert_ptr_null(facts_path(f, "/nope"));
	ck_assert_str_eq(realpath_of(f, "/"), "/");

	ff = facts_file(f, "/etc/group");
	ck_assert_ptr_nonnull(strstr(ff->data, "administrators:x:101:"));
	ck_assert_uint_eq(ff->len, strlen(ff->data));
	ck_assert_ptr_null(ff->err);
	ff = facts_file(f, "/root/.ssh/authorized_keys");
	ck_assert_ptr_null(ff->data);
	ck_assert_str_eq(ff->err, "Permission denied");
	ck_assert_ptr_null(facts_file(f, "/etc/motd"));
	c = facts_cmd(f, "sshd -V");
	ck_assert_int_eq(c->status, 1);
	ck_assert_ptr_nonnull(strstr(c->out, "OpenSSL"));
	ck_assert_ptr_null(facts_cmd(f, "sshd -T"));
	facts_free(f);
}
END_TEST

START_TEST(test_dsm6_loops)
{
	struct facts *f = load_fixture("bundles/dsm6-loops.bundle", NULL);

	ck_assert_ptr_null(realpath_of(f, "/a"));
	ck_assert_ptr_null(realpath_of(f, "/b"));
	ck_assert_ptr_null(realpath_of(f, "/self"));
	ck_assert_str_eq(realpath_of(f, "/x/y"), "/z");
	ck_assert_str_eq(realpath_of(f, "/x/dot"), "/z");
	ck_assert_ptr_null(realpath_of(f, "/dangling"));
	ck_assert_ptr_null(realpath_of(f, "/x/viafile"));
	ck_assert_str_eq(realpath_of(f, "/x/file"), "/x/file");
	/* No meta openssh_version: from `sshd -V` (old sshd prints usage). */
	ck_assert_int_eq(f->host.openssh_version_num, 704);
	ck_assert_str_eq(f->host.openssh_version, "7.4");
	ck_assert_int_eq(f->host.openssh_version_assumed, 0);
	ck_assert_str_eq(f->host.dsm_version, "6.2.3");
	ck_assert_str_eq(f->host.dsm_build, "25426");
	ck_assert_int_eq(f->host.privileged, 0);
	ck_assert_ptr_null(f->host.hostname);
	ck_assert_ptr_nonnull(strstr(f->host.name, "dsm6-loops.bundle"));
	ck_assert_uint_eq(f->nusers, 0);
	ck_assert_ptr_null(facts_user(f, "root"));
	ck_assert_ptr_null(facts_user_by_uid(f, 0));
	ck_assert_ptr_null(facts_path(f, "/a")->owner);
	facts_free(f);
}
END_TEST

/* /var/services/homes -> /volume1/homes, as on every DSM. */
START_TEST(test_realpath_homes)
{
	struct bundle *b = bundle_new();
	struct facts *f;

	add_dir(b, "/var");
	add_dir(b, "/var/services");
	add_link(b, "/var/services/homes", "/volume1/homes");
	add_dir(b, "/var/services/homes/alice");
	add_dir(b, "/var/services/homes/alice/.ssh");
	add_dir(b, "/var/services/homes/zed");
	add_dir(b, "/volume1");
	add_dir(b, "/volume1/homes");
	add_dir(b, "/volume1/homes/alice");
	add_dir(b, "/volume1/homes/alice/.ssh");
	ck_assert_int_eq(bundle_add_stat(b, "/volume1/homes/alice/.ssh/"
	    "authorized_keys", 'f', 0600, 1026, 100, 10, 1), 0);
	ck_assert_int_eq(bundle_add_stat(b, "/var/services/homes/alice/.ssh/"
	    "authorized_keys", 'f', 0600, 1026, 100, 10, 1), 0);
	add_link(b, "/volume1/homes/alice/up", "../../homes/./alice/.ssh/");
	add_link(b, "/volume1/homes/alice/rel", "up/authorized_keys");
	add_link(b, "/volume1/homes/alice/abs", "/var/services/homes");
	add_link(b, "/volume1/homes/alice/root", "../../../..");
	add_link(b, "/volume1/homes/alice/dotdot", "/volume1/homes/alice/"
	    ".ssh/authorized_keys/..");
	f = build(b, NULL);

	ck_assert_str_eq(realpath_of(f, "/var/services/homes/alice"),
	    "/volume1/homes/alice");
	ck_assert_str_eq(realpath_of(f, "/var/services/homes/alice/.ssh/"
	    "authorized_keys"), "/volume1/homes/alice/.ssh/authorized_keys");
	/* /volume1/homes/zed has no stat record: unknown, not guessed. */
	ck_assert_ptr_null(realpath_of(f, "/var/services/homes/zed"));
	ck_assert_str_eq(realpath_of(f, "/volume1/homes/alice/up"),
	    "/volume1/homes/alice/.ssh");
	ck_assert_str_eq(realpath_of(f, "/volume1/homes/alice/rel"),
	    "/volume1/homes/alice/.ssh/authorized_keys");
	ck_assert_str_eq(realpath_of(f, "/volume1/homes/alice/abs"),
	    "/volume1/homes");
	ck_assert_str_eq(realpath_of(f, "/volume1/homes/alice/root"), "/");
	ck_assert_ptr_null(realpath_of(f, "/volume1/homes/alice/dotdot"));
	facts_free(f);
}
END_TEST

/* A chain of n links /l0 -> /l1 -> ... -> /ln (a directory). */
static struct facts *
chain(unsigned int n)
{
	struct bundle *b = bundle_new();
	char p[32], t[32];
	unsigned int i;

	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "/l%u", i);
		snprintf(t, sizeof(t), i % 2 ? "/l%u" : "l%u", i + 1);
		add_link(b, p, t);
	}
	snprintf(p, sizeof(p), "/l%u", n);
	add_dir(b, p);
	return build(b, NULL);
}

START_TEST(test_realpath_limit)
{
	struct facts *f = chain(SL_MAX_SYMLINKS);
	char want[32];

	snprintf(want, sizeof(want), "/l%u", SL_MAX_SYMLINKS);
	ck_assert_str_eq(realpath_of(f, "/l0"), want);
	facts_free(f);
	f = chain(SL_MAX_SYMLINKS + 1);
	ck_assert_ptr_null(realpath_of(f, "/l0"));
	ck_assert_str_eq(realpath_of(f, "/l1"), "/l41");
	facts_free(f);
}
END_TEST

/* A link that grows the path each time must stop at the length bound. */
START_TEST(test_realpath_growth)
{
	struct bundle *b = bundle_new();
	struct facts *f;

	add_link(b, "/g", "/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g/g");
	add_link(b, "/h", "h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h/h");
	f = build(b, NULL);
	ck_assert_ptr_null(realpath_of(f, "/g"));
	ck_assert_ptr_null(realpath_of(f, "/h"));
	facts_free(f);
}
END_TEST

/* The realpath work of one host is bounded; past it, paths stay NULL. */
START_TEST(test_realpath_budget)
{
	struct bundle *b = bundle_new();
	struct facts *f;
	struct sbuf t;
	char p[32];
	unsigned int i, n = SL_MAX_RESOLVE_STEPS / 2000 + 10;

	sbuf_init(&t, 0);
	for (i = 0; i < 1999; i++)
		(void)sbuf_puts(&t, "/.");
	(void)sbuf_puts(&t, "/x");
	add_dir(b, "/x");
	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "/l%06u", i);
		add_link(b, p, t.data);
	}
	sbuf_cleanup(&t);
	f = build(b, NULL);
	ck_assert_str_eq(realpath_of(f, "/l000000"), "/x");
	snprintf(p, sizeof(p), "/l%06u", n - 1);
	ck_assert_ptr_null(realpath_of(f, p));
	ck_assert_uint_eq(f->diag.n, 1);
	ck_assert_ptr_nonnull(strstr(f->diag.v[0].msg, "left unresolved"));
	facts_free(f);
}
END_TEST

/* Many users in many groups: linear-ish, not users x groups x members. */
START_TEST(test_many_groups)
{
	struct bundle *b = bundle_new();
	struct sbuf pw, gr;
	struct facts *f;
	unsigned int i, n = 50000;

	sbuf_init(&pw, 0);
	sbuf_init(&gr, 0);
	(void)sbuf_puts(&gr, "all:x:1:");
	for (i = 0; i < n; i++) {
		(void)sbuf_putf(&pw, "u%u:x:%u:1::/:/bin/sh\n", i, i + 1000);
		(void)sbuf_putf(&gr, "%su%u", i ? "," : "", i);
	}
	(void)sbuf_puts(&gr, "\n");
	for (i = 0; i < n; i++)
		(void)sbuf_putf(&gr, "g%u:x:%u:u0,u0,u%u\n", i, i + 2, i);
	ck_assert_int_eq(bundle_add_file(b, "/etc/passwd", pw.data, pw.len,
	    0), 0);
	ck_assert_int_eq(bundle_add_file(b, "/etc/group", gr.data, gr.len,
	    0), 0);
	sbuf_cleanup(&pw);
	sbuf_cleanup(&gr);
	f = build(b, NULL);
	ck_assert_uint_eq(f->nusers, n);
	ck_assert_uint_eq(facts_user(f, "u0")->groups.n, n + 1);
	ck_assert_str_eq(facts_user(f, "u0")->groups.v[0], "all");
	ck_assert_str_eq(facts_user(f, "u0")->groups.v[1], "g0");
	ck_assert_uint_eq(facts_user(f, "u7")->groups.n, 2);
	ck_assert_str_eq(facts_user(f, "u7")->groups.v[1], "g7");
	facts_free(f);
}
END_TEST

START_TEST(test_owner_from_bundle)
{
	struct bundle *b = bundle_new();
	struct facts *f;
	const struct path_fact *p;

	/* uid 0 is "admin0" on this host, not this machine's root. */
	add_file(b, "/etc/passwd", "admin0:x:0:0::/:/bin/sh\n"
	    "first:x:1000:5000::/h:/bin/sh\nsecond:x:1000:5000::/h:/bin/sh\n");
	add_file(b, "/etc/group", "wheel0:x:0:\nstaff:x:5000:\n");
	ck_assert_int_eq(bundle_add_stat(b, "/f", 'f', 0644, 0, 0, 1, 0), 0);
	ck_assert_int_eq(bundle_add_stat(b, "/g", 'f', 0644, 1000, 5000, 1,
	    0), 0);
	f = build(b, NULL);
	p = facts_path(f, "/f");
	ck_assert_str_eq(p->owner, "admin0");
	ck_assert_str_eq(p->group, "wheel0");
	p = facts_path(f, "/g");
	ck_assert_str_eq(p->owner, "first");	/* first in file order */
	ck_assert_str_eq(p->group, "staff");
	ck_assert_int_eq(facts_user(f, "admin0")->is_admin, 1);
	ck_assert_int_eq(facts_user(f, "first")->disabled, -1);
	facts_free(f);
}
END_TEST

START_TEST(test_bad_lines)
{
	struct bundle *b = bundle_new();
	static const char passwd[] = "root:x:0:0::/root:/bin/sh\n"
	    "short:x:1:1\n"
	    "baduid:x:-1:1::/:/bin/sh\n"
	    "big:x:4294967296:1::/:/bin/sh\n"
	    "nul:x:5:5::/:/bin/s\0h\n"
	    "\n# comment\n+nis\n"
	    "root:x:7:7::/other:/bin/sh\n"
	    "extra:x:8:8::/:/bin/sh:more\n"
	    ":x:9:9::/:/bin/sh\n"
	    "last:x:4294967295:0::/:/bin/sh";
	struct facts *f;
	char *s;

	ck_assert_int_eq(bundle_add_file(b, "/etc/passwd", passwd,
	    sizeof(passwd) - 1, 0), 0);
	add_file(b, "/etc/group", "g:x:1\nusers:x:100:a,,a,b\n");
	add_file(b, "/etc/shadow", "root\nlast:!:1:2:3:4:5:6:7:8:9\n");
	f = build(b, NULL);
	ck_assert_uint_eq(f->nusers, 3);
	ck_assert_str_eq(facts_user(f, "root")->home, "/root");
	ck_assert_uint_eq(facts_user(f, "last")->uid, 4294967295UL);
	ck_assert_int_eq(facts_user(f, "last")->disabled, -1);
	ck_assert_uint_eq(f->ngroups, 1);
	ck_assert_uint_eq(f->groups[0].members.n, 3);	/* as listed */
	/* passwd lines 2, 3, 4, 5, 10, 11; group 1; shadow 1 and 2. */
	ck_assert_uint_eq(f->diag.n, 9);
	ck_assert_uint_eq(f->diag.nerrors, 0);
	s = diag_format(&f->diag.v[0]);
	ck_assert_str_eq(s, "/etc/group:1: warning: not "
	    "name:password:gid:members, ignored");
	free(s);
	ck_assert_str_eq(f->diag.v[1].file, "/etc/shadow");
	ck_assert_str_eq(f->diag.v[3].file, "/etc/passwd");
	ck_assert_uint_eq(f->diag.v[3].line, 2);
	ck_assert_uint_eq(f->diag.v[6].line, 5);
	ck_assert_ptr_nonnull(strstr(f->diag.v[6].msg, "NUL"));
	ck_assert_uint_eq(f->diag.v[8].line, 11);
	facts_free(f);
}
END_TEST

START_TEST(test_too_many_users)
{
	struct bundle *b = bundle_new();
	struct facts *f = NULL;
	struct sbuf sb;
	struct diag d;
	unsigned int i;

	sbuf_init(&sb, 0);
	for (i = 0; i <= SL_MAX_USERS; i++)
		ck_assert_int_eq(sbuf_putf(&sb, "u%u:x:%u:1::/:/bin/sh\n", i,
		    i), 0);
	ck_assert_int_eq(bundle_add_file(b, "/etc/passwd", sb.data, sb.len,
	    0), 0);
	sbuf_cleanup(&sb);
	diag_init(&d);
	ck_assert_int_eq(facts_build(b, NULL, &f, &d), SL_ERR_TOO_LARGE);
	ck_assert_ptr_null(f);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_uint_eq(d.v[0].line, SL_MAX_USERS + 1);
	diag_cleanup(&d);
	ck_assert_int_eq(facts_build(NULL, NULL, &f, &d), SL_ERR_USAGE);
	diag_cleanup(&d);
}
END_TEST

START_TEST(test_synoinfo_syntax)
{
	struct bundle *b = bundle_new();
	struct facts *f;

	add_file(b, "/etc/synoinfo.conf",
	    "a=\"x\\\"y\"\n"
	    "  b='s p'  # trailing comment\n"
	    "c=bare#notcomment\n"
	    "d=\"\"\n"
	    "e=\"a\"'b'c\n"
	    "bad line\n"
	    "f=\"unterminated\n"
	    "g=two words\n"
	    "a=\"second\"\n"
	    "=novalue\n"
	    "h=\"\\$HOME\"\r\n");
	f = build(b, NULL);
	ck_assert_str_eq(facts_synoinfo(f, "a"), "x\"y");
	ck_assert_str_eq(facts_synoinfo(f, "b"), "s p");
	ck_assert_str_eq(facts_synoinfo(f, "c"), "bare#notcomment");
	ck_assert_str_eq(facts_synoinfo(f, "d"), "");
	ck_assert_str_eq(facts_synoinfo(f, "e"), "abc");
	ck_assert_ptr_null(facts_synoinfo(f, "f"));
	ck_assert_ptr_null(facts_synoinfo(f, "g"));
	ck_assert_str_eq(facts_synoinfo(f, "h"), "$HOME");	/* CRLF */
	ck_assert_uint_eq(f->diag.n, 4);
	ck_assert_uint_eq(f->diag.v[0].line, 6);
	ck_assert_str_eq(f->diag.v[0].file, "/etc/synoinfo.conf");
	ck_assert_ptr_null(f->host.dsm_version);
	facts_free(f);
}
END_TEST

START_TEST(test_version_sources)
{
	struct facts_opts o = { "label", 704 };
	struct bundle *b = bundle_new();
	struct facts *f;

	ck_assert_int_eq(bundle_set_meta(b, "openssh_version",
	    "OpenSSH_9.2p1"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "hostname", "nas9"), 0);
	f = build(b, &o);
	ck_assert_str_eq(f->host.name, "label");
	ck_assert_str_eq(f->host.hostname, "nas9");
	ck_assert_int_eq(f->host.openssh_version_num, 704);
	ck_assert_str_eq(f->host.openssh_version, "7.4");
	ck_assert_int_eq(f->host.openssh_version_assumed, 0);
	facts_free(f);

	b = bundle_new();
	ck_assert_int_eq(bundle_set_meta(b, "openssh_version", "garbage"), 0);
	ck_assert_int_eq(bundle_set_meta(b, "root", "/mnt/nas"), 0);
	ck_assert_int_eq(bundle_add_cmd(b, "sshd -V", 127, "sh: sshd: not "
	    "found\n", 20), 0);
	add_file(b, "/etc.defaults/VERSION", "majorversion=\"6\"\n"
	    "minorversion=\"1\"\n");
	f = build(b, NULL);
	ck_assert_str_eq(f->host.name, "/mnt/nas");
	ck_assert_int_eq(f->host.openssh_version_num,
	    SL_DEFAULT_OPENSSH_VERSION);
	ck_assert_ptr_null(f->host.openssh_version);
	ck_assert_int_eq(f->host.openssh_version_assumed, 1);
	ck_assert_str_eq(f->host.dsm_version, "6.1");
	ck_assert_ptr_null(f->host.dsm_build);
	ck_assert_ptr_null(f->host.session);
	ck_assert_int_eq(f->host.privileged, 0);
	facts_free(f);

	f = build(bundle_new(), NULL);
	ck_assert_str_eq(f->host.name, "unknown");
	ck_assert_int_eq(f->host.openssh_version_assumed, 1);
	ck_assert_uint_eq(f->npaths, 0);
	ck_assert_ptr_null(facts_path(f, "/"));
	ck_assert_ptr_null(facts_file(f, "/etc/passwd"));
	ck_assert_ptr_null(facts_group_by_gid(f, 0));
	facts_free(f);
}
END_TEST

static const struct {
	const char	*in;
	int		 want;
} versions[] = {
	{ "OpenSSH_7.4p1", 704 },
	{ "9.2p1", 902 },
	{ "OpenSSH_9.2p1 Debian-2+deb12u2, OpenSSL 3.0.11", 902 },
	{ "OpenSSH_8.2", 802 },
	{ "8.10p1", 810 },
	{ "OpenSSH_10.0p2", 1000 },
	{ "6.7", 607 },
	{ "", 0 },
	{ "OpenSSH_", 0 },
	{ "9", 0 },
	{ "9.", 0 },
	{ ".2", 0 },
	{ "x9.2", 0 },
	{ "9.123", 0 },
	{ "1234.1", 0 },
	{ "0.9", 0 },
	{ "-9.2", 0 },
	{ "OpenSSH 9.2", 0 },
	{ "99999999999999999999.1", 0 },
};

START_TEST(test_version_parse)
{
	ck_assert_msg(openssh_version_parse(versions[_i].in) ==
	    versions[_i].want, "\"%s\": %d, want %d", versions[_i].in,
	    openssh_version_parse(versions[_i].in), versions[_i].want);
	ck_assert_int_eq(openssh_version_parse(NULL), 0);
}
END_TEST

static Suite *
facts_suite(void)
{
	Suite *s = suite_create("facts");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_dsm7_host);
	tcase_add_test(tc, test_dsm7_sshd);
	tcase_add_test(tc, test_sshd_includes);
	tcase_add_test(tc, test_sshd_absent);
	tcase_add_test(tc, test_sshd_too_large);
	tcase_add_test(tc, test_dsm7_users);
	tcase_add_test(tc, test_dsm7_paths);
	tcase_add_test(tc, test_dsm6_loops);
	tcase_add_test(tc, test_realpath_homes);
	tcase_add_test(tc, test_realpath_limit);
	tcase_add_test(tc, test_realpath_growth);
	tcase_add_test(tc, test_realpath_budget);
	tcase_add_test(tc, test_many_groups);
	tcase_add_test(tc, test_owner_from_bundle);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_too_many_users);
	tcase_add_test(tc, test_synoinfo_syntax);
	tcase_add_test(tc, test_version_sources);
	tcase_add_loop_test(tc, test_version_parse, 0,
	    (int)(sizeof(versions) / sizeof(versions[0])));
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(facts_suite)
