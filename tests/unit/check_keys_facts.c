/*
 * check_keys_facts.c — the keys model (facts_keys.c), the key rules and the
 * trust map on keys ssh-keygen makes here: bundles built with the bundle
 * builder hold real public keys and real private key files (whose start
 * privkey_classify reads, as it reads the collector's header), so
 * fingerprints are compared with `ssh-keygen -lf`, passphrases with what
 * ssh-keygen was told.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "engine.h"
#include "err.h"
#include "facts.h"
#include "findings.h"
#include "keys.h"
#include "rules.h"
#include "sbuf.h"
#include "session.h"
#include "sl_check.h"
#include "trust.h"
#include "xmalloc.h"

#define KEYGEN	"/usr/bin/ssh-keygen"
#define HOME	"/var/services/homes/"

static char *tmp;

static void
setup(void)
{
	tmp = sl_mkdtemp();
	ck_assert_ptr_nonnull(tmp);
}

static void
teardown(void)
{
	sl_rmtree(tmp);
	free(tmp);
	tmp = NULL;
}

static char *
run_out(const char *const argv[])
{
	struct sbuf out;
	struct exec_result res = { &out, NULL, 0 };
	char *s;

	sbuf_init(&out, 1 << 20);
	ck_assert_int_eq(session_local_exec(argv, NULL, 120, &res), SL_OK);
	ck_assert_int_eq(res.status, 0);
	s = sbuf_steal(&out, NULL);
	sbuf_cleanup(&out);
	return s != NULL ? s : xstrdup("");
}

/* ssh-keygen -t type [-b bits] -N pass -C name -f tmp/name; returns the path. */
static char *
keygen(const char *type, const char *bits, const char *pass, const char *fmt,
    const char *name)
{
	char *path = xprintf("%s/%s", tmp, name);
	const char *argv[16];
	int n = 0;

	argv[n++] = KEYGEN;
	argv[n++] = "-q";
	argv[n++] = "-t";
	argv[n++] = type;
	if (bits != NULL) {
		argv[n++] = "-b";
		argv[n++] = bits;
	}
	if (fmt != NULL) {
		argv[n++] = "-m";
		argv[n++] = fmt;
	}
	argv[n++] = "-N";
	argv[n++] = pass;
	argv[n++] = "-C";
	argv[n++] = name;
	argv[n++] = "-f";
	argv[n++] = path;
	argv[n] = NULL;
	free(run_out(argv));
	return path;
}

static char *
slurp(const char *path)
{
	char *s = sl_read_file(path, NULL);

	ck_assert_msg(s != NULL, "cannot read %s", path);
	return s;
}

/* The SHA256:... word `ssh-keygen -lf` prints for path. */
static char *
keygen_fp(const char *path)
{
	const char *argv[] = { KEYGEN, "-lf", path, NULL };
	char *out = run_out(argv), *s, *e, *fp;

	s = strchr(out, ' ');
	ck_assert_ptr_nonnull(s);
	e = strchr(s + 1, ' ');
	ck_assert_ptr_nonnull(e);
	fp = xstrndup(s + 1, (size_t)(e - s - 1));
	free(out);
	return fp;
}

/* A DSM-like host: root, the administrator admin and bob (not admin). */
static struct bundle *
host_new(const char *hostname, const char *sshd_config)
{
	struct bundle *b = bundle_new();
	const char *passwd = "root:x:0:0::/root:/bin/ash\n"
	    "admin:x:1024:100::" HOME "admin:/bin/sh\n"
	    "bob:x:1026:100::" HOME "bob:/bin/sh\n"
	    "svc:x:1030:100::" HOME "svc:/sbin/nologin\n";
	const char *group = "root:x:0:\nusers:x:100:\n"
	    "administrators:x:101:admin\n";
	const char *dirs[] = { "/", "/var", "/var/services", HOME,
	    HOME "admin", HOME "admin/.ssh", HOME "bob", HOME "bob/.ssh",
	    HOME "svc", HOME "svc/.ssh", "/etc", "/etc/ssh", NULL };
	size_t i;

	ck_assert_int_eq(bundle_set_meta(b, "hostname", hostname), 0);
	ck_assert_int_eq(bundle_set_meta(b, "openssh_version",
	    "OpenSSH_9.2p1"), 0);
	for (i = 0; dirs[i] != NULL; i++)
		ck_assert_int_eq(bundle_add_stat(b, dirs[i], 'd', 0700, 0, 0,
		    4096, 0), 0);
	ck_assert_int_eq(bundle_add_file(b, "/etc/passwd", passwd,
	    strlen(passwd), 0), 0);
	ck_assert_int_eq(bundle_add_file(b, "/etc/group", group,
	    strlen(group), 0), 0);
	if (sshd_config != NULL)
		ck_assert_int_eq(bundle_add_file(b, "/etc/ssh/sshd_config",
		    sshd_config, strlen(sshd_config), 0), 0);
	return b;
}

static void
add(struct bundle *b, const char *path, const char *data, unsigned int mode)
{
	ck_assert_int_eq(bundle_add_stat(b, path, 'f', mode, 1024, 100,
	    (long long)strlen(data), 0), 0);
	ck_assert_int_eq(bundle_add_file(b, path, data, strlen(data), 0), 0);
}

/* Copies tmp/name (private) and tmp/name.pub into the bundle at dir. */
static void
add_pair(struct bundle *b, const char *dir, const char *name,
    unsigned int mode)
{
	char *p = xprintf("%s/%s", tmp, name), *pp = xprintf("%s.pub", p);
	char *priv = slurp(p), *pub = slurp(pp);
	char *dp = xprintf("%s/%s", dir, name), *dpp = xprintf("%s.pub", dp);

	add(b, dp, priv, mode);
	add(b, dpp, pub, 0644);
	free(p);
	free(pp);
	free(priv);
	free(pub);
	free(dp);
	free(dpp);
}

static struct facts *
build(struct bundle *b)
{
	struct facts *f = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(facts_build(b, NULL, &f, &d), 0);
	diag_cleanup(&d);
	ck_assert_ptr_nonnull(f->keys);
	return f;
}

static struct ruleset *
rules(void)
{
	struct ruleset *rs = NULL;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(ruleset_load(NULL, 1, &rs, &d), 0);
	diag_cleanup(&d);
	return rs;
}

/* "VERDICT object" lines of rule id over f, joined by "|". */
static char *
verdicts(const struct facts *f, const char *id)
{
	struct ruleset *rs = rules();
	const char *only[] = { id, NULL };
	struct engine_opts o = { only, NULL };
	struct findings out;
	struct sbuf b;
	char *s;
	size_t i;

	findings_init(&out);
	ck_assert_int_eq(engine_eval(rs, f, &o, &out), 0);
	findings_sort(&out);
	sbuf_init(&b, 0);
	for (i = 0; i < out.n; i++)
		(void)sbuf_putf(&b, "%s%s %s", i > 0 ? "|" : "",
		    verdict_name(out.v[i].verdict), out.v[i].object);
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	findings_cleanup(&out);
	ruleset_free(rs);
	return s != NULL ? s : xstrdup("");
}

/* ---- the model ---------------------------------------------------------- */

START_TEST(test_model_real_keys)
{
	struct bundle *b = host_new("nas1", "AuthorizedKeysFile "
	    ".ssh/authorized_keys\n");
	struct facts *f;
	const struct keys_model *km;
	char *ed, *rsa, *ak, *pub, *fp_ed, *fp_rsa, *pp;
	size_t i, nadmin = 0;

	ed = keygen("ed25519", NULL, "", NULL, "id_ed25519");
	rsa = keygen("rsa", "3072", "secret phrase", "PEM", "id_rsa");
	pp = xprintf("%s.pub", ed);
	fp_ed = keygen_fp(pp);
	free(pp);
	pp = xprintf("%s.pub", rsa);
	fp_rsa = keygen_fp(pp);
	pub = slurp(pp);
	free(pp);
	add_pair(b, HOME "admin/.ssh", "id_ed25519", 0600);
	add_pair(b, HOME "admin/.ssh", "id_rsa", 0600);
	ak = xprintf("# a comment\n"
	    "from=\"10.0.0.1\",command=\"rsync --server\" %s"
	    "ssh-ed25519 AAAA-not-base64 broken\n", pub);
	add(b, HOME "bob/.ssh/authorized_keys", ak, 0600);
	add(b, HOME "bob/.ssh/authorized_keys2", pub, 0600);
	f = build(b);
	km = f->keys;

	/* bob's files: authorized_keys read by sshd, authorized_keys2 not */
	ck_assert_uint_eq(km->nafiles, 2);
	for (i = 0; i < km->nafiles; i++) {
		const struct key_authfile *af = &km->afiles[i];

		ck_assert_str_eq(af->kuser->user->name, "bob");
		ck_assert_int_eq(af->sshd_reads, !af->is_ak2);
		if (af->is_ak2)
			continue;
		ck_assert_uint_eq(af->ak->n, 2);
		ck_assert_int_eq(af->ak->v[0].status, AK_OK);
		ck_assert_uint_eq(af->ak->v[0].line, 2);
		ck_assert_str_eq(af->ak->v[0].key->fp, fp_rsa);
		ck_assert_uint_eq(af->ak->v[0].key->bits, 3072);
		ck_assert_str_eq(af->ak->v[0].opts.from, "10.0.0.1");
		ck_assert_int_ne(af->ak->v[1].status, AK_OK);
		ck_assert_uint_eq(af->ak->v[1].line, 3);
	}
	/* admin's private keys, each with its .pub */
	ck_assert_uint_eq(km->nprivs, 2);
	for (i = 0; i < km->nprivs; i++) {
		const struct key_privfile *kp = &km->privs[i];

		ck_assert_ptr_null(kp->why);
		ck_assert_ptr_nonnull(kp->pub);
		ck_assert_str_eq(kp->user->name, "admin");
		if (strstr(kp->path, "id_rsa") != NULL) {
			ck_assert_int_eq(kp->info.format, PK_PEM);
			ck_assert_int_eq(kp->info.encrypted, 1);
			ck_assert_str_eq(kp->pub->key->fp, fp_rsa);
		} else {
			ck_assert_int_eq(kp->info.format, PK_OPENSSH);
			ck_assert_int_eq(kp->info.encrypted, 0);
			ck_assert_str_eq(kp->pub->key->fp, fp_ed);
		}
		nadmin++;
	}
	ck_assert_uint_eq(nadmin, 2);
	facts_free(f);
	free(ed);
	free(rsa);
	free(ak);
	free(pub);
	free(fp_ed);
	free(fp_rsa);
}
END_TEST

/* DSM 6's OpenSSH 7.4 skips lines with options it does not know yet. */
START_TEST(test_version_gating)
{
	static const struct {
		const char	*opts;
		int		 version;
		enum authkey_status st;
	} cases[] = {
		{ "expiry-time=\"20991231\"", 704, AK_BAD_OPTION },
		{ "expiry-time=\"20991231\"", 707, AK_OK },
		{ "expiry-time=\"20991231\"", 0, AK_OK },
		{ "permitlisten=\"8080\"", 707, AK_BAD_OPTION },
		{ "permitlisten=\"8080\"", 708, AK_OK },
		{ "restrict,pty", 704, AK_OK },
		{ "restrict", 701, AK_BAD_OPTION },
		{ "no-touch-required", 801, AK_BAD_OPTION },
		{ "no-touch-required", 802, AK_OK },
		{ "verify-required", 808, AK_BAD_OPTION },
		{ "no-pty,from=\"10.0.0.1\"", 604, AK_OK },
	};
	char *ed = keygen("ed25519", NULL, "", NULL, "k"), *pp, *pub, *line;
	struct authkeys *ak;
	struct diag d;
	size_t i;

	pp = xprintf("%s.pub", ed);
	pub = slurp(pp);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		line = xprintf("%s %s", cases[i].opts, pub);
		diag_init(&d);
		ck_assert_int_eq(authkeys_parse_ver("ak", line, strlen(line),
		    cases[i].version, &ak, &d), 0);
		ck_assert_uint_eq(ak->n, 1);
		ck_assert_msg(ak->v[0].status == cases[i].st, "%s on %d: %s",
		    cases[i].opts, cases[i].version,
		    authkey_status_str(ak->v[0].status));
		ck_assert_uint_eq(d.nerrors, cases[i].st == AK_OK ? 0 : 1);
		authkeys_free(ak);
		diag_cleanup(&d);
		free(line);
	}
	free(pp);
	free(pub);
	free(ed);
}
END_TEST

/* ---- rules on real keys -------------------------------------------------- */

START_TEST(test_rules_real_keys)
{
	struct bundle *b = host_new("nas1", "AllowGroups administrators\n"
	    "PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-512,ssh-rsa\n");
	struct facts *f;
	char *pp, *s, *small, *mid, *dsa, *ak;
	char *pub_small, *pub_mid, *pub_dsa;

	free(keygen("ed25519", NULL, "", NULL, "id_ed25519"));
	free(keygen("ed25519", NULL, "pw", NULL, "id_enc"));
	small = keygen("rsa", "1024", "", NULL, "small");
	mid = keygen("rsa", "2048", "", NULL, "mid");
	dsa = keygen("dsa", NULL, "", NULL, "old");
	pp = xprintf("%s.pub", small);
	pub_small = slurp(pp);
	free(pp);
	pp = xprintf("%s.pub", mid);
	pub_mid = slurp(pp);
	free(pp);
	pp = xprintf("%s.pub", dsa);
	pub_dsa = slurp(pp);
	free(pp);
	add_pair(b, HOME "admin/.ssh", "id_ed25519", 0600);
	add_pair(b, HOME "bob/.ssh", "id_enc", 0600);
	add_pair(b, HOME "svc/.ssh", "id_ed25519", 0640);
	ak = xprintf("%s%s%sexpiry-time=\"20200101\" %s", pub_small, pub_mid,
	    pub_dsa, pub_mid);
	add(b, HOME "admin/.ssh/authorized_keys", ak, 0600);
	f = build(b);

#define AKL(n)	"key:" HOME "admin/.ssh/authorized_keys:" #n
	s = verdicts(f, "KEY-001");
	ck_assert_str_eq(s, "fail " AKL(3));
	free(s);
	s = verdicts(f, "KEY-002");
	ck_assert_str_eq(s, "fail " AKL(1));
	free(s);
	/* KEY-003 leaves the 1024-bit key to KEY-002 */
	s = verdicts(f, "KEY-003");
	ck_assert_str_eq(s, "fail " AKL(2) "|fail " AKL(4));
	free(s);
	/* ssh-rsa allowed by the config: each usable RSA line */
	s = verdicts(f, "KEY-004");
	ck_assert_str_eq(s, "fail " AKL(1) "|fail " AKL(2) "|fail " AKL(4));
	free(s);
	s = verdicts(f, "KEY-006");
	ck_assert_str_eq(s, "fail " AKL(1) "|fail " AKL(2) "|fail " AKL(3)
	    "|fail " AKL(4));
	free(s);
	/* admin's and svc's keys are passphrase-less, bob's is not */
	s = verdicts(f, "KEY-007");
	ck_assert_str_eq(s, "fail key:" HOME "admin/.ssh/id_ed25519|fail key:"
	    HOME "svc/.ssh/id_ed25519");
	free(s);
	s = verdicts(f, "KEY-010");
	ck_assert_str_eq(s, "fail " AKL(4));
	free(s);
	s = verdicts(f, "KEY-011");
	ck_assert_str_eq(s, "fail key:" HOME "svc/.ssh/id_ed25519");
	free(s);
	/* the same RSA 2048 key twice for admin: one account, no finding */
	s = verdicts(f, "KEY-005");
	ck_assert_str_eq(s, "pass host");
	free(s);
	facts_free(f);
	free(small);
	free(mid);
	free(dsa);
	free(ak);
	free(pub_small);
	free(pub_mid);
	free(pub_dsa);
}
END_TEST

/* ---- the trust map --------------------------------------------------------- */

/*
 * nas1: bob (no admin) has a passphrase-less key authorized for bob on
 * nas2; on nas2 bob's own key logs in as admin on nas3. With AllowGroups,
 * bob may not log in on nas2: the chain breaks there.
 */
static void
fleet(const char *nas2_config, char **chainp, size_t *nedgesp)
{
	struct bundle *b1 = host_new("nas1", NULL);
	struct bundle *b2 = host_new("nas2", nas2_config);
	struct bundle *b3 = host_new("nas3", NULL);
	struct facts *f1, *f2, *f3;
	struct trust_host *h[3];
	struct trust_map m;
	char *k1, *k2, *pub1, *pub2, *pp;

	k1 = keygen("ed25519", NULL, "", NULL, "id_ed25519");
	pp = xprintf("%s.pub", k1);
	pub1 = slurp(pp);
	free(pp);
	add_pair(b1, HOME "bob/.ssh", "id_ed25519", 0600);
	add(b2, HOME "bob/.ssh/authorized_keys", pub1, 0600);
	ck_assert_int_eq(rename(k1, k2 = xprintf("%s/id_old", tmp)), 0);
	free(k2);
	pp = xprintf("%s.pub", k1);
	ck_assert_int_eq(remove(pp), 0);
	free(pp);
	k2 = keygen("ed25519", NULL, "", NULL, "id_ed25519");
	pp = xprintf("%s.pub", k2);
	pub2 = slurp(pp);
	free(pp);
	add_pair(b2, HOME "bob/.ssh", "id_ed25519", 0600);
	add(b3, HOME "admin/.ssh/authorized_keys", pub2, 0600);
	f1 = build(b1);
	f2 = build(b2);
	f3 = build(b3);
	h[0] = trust_host_build(f1, "b1", trust_now());
	h[1] = trust_host_build(f2, "b2", trust_now());
	h[2] = trust_host_build(f3, "b3", trust_now());
	trust_map_init(&m, h, 3);
	*nedgesp = m.nedges;
	*chainp = trust_chain_to(&m, 2, "admin");
	trust_map_cleanup(&m);
	trust_host_free(h[0]);
	trust_host_free(h[1]);
	trust_host_free(h[2]);
	facts_free(f1);
	facts_free(f2);
	facts_free(f3);
	free(k1);
	free(k2);
	free(pub1);
	free(pub2);
}

START_TEST(test_chain)
{
	char *chain = NULL;
	size_t n = 0;

	fleet(NULL, &chain, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_nonnull(chain);
	ck_assert_str_eq(chain, "nas1:bob -[id_ed25519]-> nas2:bob "
	    "-[id_ed25519]-> nas3:admin");
	free(chain);
}
END_TEST

START_TEST(test_chain_broken_by_allowgroups)
{
	char *chain = NULL;
	size_t n = 0;

	fleet("AllowGroups administrators\n", &chain, &n);
	ck_assert_uint_eq(n, 2);
	/* nas2:bob's key still reaches nas3:admin, but nothing reaches bob */
	ck_assert_ptr_nonnull(chain);
	ck_assert_str_eq(chain, "nas2:bob -[id_ed25519]-> nas3:admin");
	free(chain);
}
END_TEST

static Suite *
keys_facts_suite(void)
{
	Suite *s = suite_create("keys_facts");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_model_real_keys);
	tcase_add_test(tc, test_version_gating);
	tcase_add_test(tc, test_rules_real_keys);
	tcase_add_test(tc, test_chain);
	tcase_add_test(tc, test_chain_broken_by_allowgroups);
	suite_add_tcase(s, tc);
	return s;
}

SL_CHECK_MAIN(keys_facts_suite)
