/*
 * pred_keys.c — predicates on SSH keys. Facts read: facts->keys (the keys
 * model of facts_keys.c: authorized_keys lines per user, *.pub, host keys,
 * private key headers, known_hosts), the effective HostKeyAlgorithms; the
 * fleet_* predicates read ctx->fleet (trust.h) instead: every host's keys.
 * Objects: "key:FILE:LINE" for an authorized_keys line, "key:PATH" for a
 * key file, "key:SHA256:..." for a key wherever it is, "file:PATH",
 * "user:NAME". Without a failure a rule gives one PASS for the host (so a
 * host with 10,000 keys does not give 10,000 findings per rule).
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "predicates.h"
#include "sbuf.h"
#include "trust.h"
#include "xmalloc.h"

int	pred_key_family_not(const struct pred_ctx *, struct pred_out *);
int	pred_key_rsa_min_bits(const struct pred_ctx *, struct pred_out *);
int	pred_key_rsa_sha1_refused(const struct pred_ctx *, struct pred_out *);
int	pred_key_admin_restricted(const struct pred_ctx *, struct pred_out *);
int	pred_key_passphrase(const struct pred_ctx *, struct pred_out *);
int	pred_key_no_authorized_keys2(const struct pred_ctx *,
	    struct pred_out *);
int	pred_key_lines_valid(const struct pred_ctx *, struct pred_out *);
int	pred_key_not_expired(const struct pred_ctx *, struct pred_out *);
int	pred_key_service_private_mode_max(const struct pred_ctx *,
	    struct pred_out *);
int	pred_key_known_hosts_hashed(const struct pred_ctx *,
	    struct pred_out *);
int	pred_fleet_key_shared(const struct pred_ctx *, struct pred_out *);
int	pred_fleet_passless_restricted(const struct pred_ctx *,
	    struct pred_out *);
int	pred_fleet_admin_unreachable(const struct pred_ctx *,
	    struct pred_out *);

/* Counts for the one PASS of a host without failures. */
struct tally {
	size_t	 checked;
	size_t	 failed;
};

static void
tally_pass(struct pred_out *out, const struct tally *t, const char *what)
{
	if (t->failed == 0 && t->checked > 0)
		pred_emit(out, VERDICT_PASS, "host", "%zu %s", t->checked,
		    what);
}

/* A key wherever it was found: one authorized line, a .pub, a private key. */
struct keyref {
	char		*object;
	const char	*where;		/* "authorized for alice in FILE:LINE" */
	enum key_family	 family;
	const char	*label;		/* "RSA" */
	unsigned int	 bits;		/* 0 unknown */
	const char	*loc_file;
	unsigned int	 loc_line;
};

static int
family_of_label(const char *label, enum key_family *fp)
{
	static const struct {
		const char	*label;
		enum key_family	 f;
	} t[] = { { "RSA", KF_RSA }, { "DSA", KF_DSA }, { "ECDSA", KF_ECDSA },
	    { "ED25519", KF_ED25519 }, { "ECDSA-SK", KF_ECDSA_SK },
	    { "ED25519-SK", KF_ED25519_SK } };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (label != NULL && strcmp(label, t[i].label) == 0) {
			*fp = t[i].f;
			return 0;
		}
	return -1;
}

typedef void (*key_fn)(const struct pred_ctx *, struct pred_out *,
    const struct keyref *, struct tally *);

/*
 * Calls fn for every key of the host: each parsed authorized_keys line, each
 * *.pub (host keys included) and each private key without a .pub whose
 * header tells its type. Returns 0 when the host has no keys model.
 */
static void
each_key(const struct pred_ctx *ctx, struct pred_out *out, key_fn fn,
    struct tally *t)
{
	const struct keys_model *km = ctx->facts->keys;
	struct keyref kr;
	char *where;
	size_t i, j;

	if (km == NULL)
		return;
	for (i = 0; i < km->nafiles; i++) {
		const struct key_authfile *af = &km->afiles[i];

		for (j = 0; af->ak != NULL && j < af->ak->n; j++) {
			const struct authkey_line *l = &af->ak->v[j];

			if (l->key == NULL)
				continue;
			memset(&kr, 0, sizeof(kr));
			kr.object = xprintf("key:%s:%u", af->path, l->line);
			where = xprintf("%s %s %s authorized for %s",
			    l->key->type->label, l->key->fp,
			    l->comment != NULL ? l->comment : "(no comment)",
			    af->kuser->user->name);
			kr.where = where;
			kr.family = l->key->type->family;
			kr.label = l->key->type->label;
			kr.bits = l->key->bits;
			kr.loc_file = af->path;
			kr.loc_line = l->line;
			fn(ctx, out, &kr, t);
			free(kr.object);
			free(where);
		}
	}
	for (i = 0; i < km->npubs; i++) {
		const struct key_pubfile *pf = &km->pubs[i];

		if (pf->key == NULL)
			continue;
		memset(&kr, 0, sizeof(kr));
		kr.object = xprintf("key:%s", pf->path);
		where = xprintf("%s %s %s", pf->hostkey ? "host key" :
		    "public key", pf->key->type->label, pf->key->fp);
		kr.where = where;
		kr.family = pf->key->type->family;
		kr.label = pf->key->type->label;
		kr.bits = pf->key->bits;
		fn(ctx, out, &kr, t);
		free(kr.object);
		free(where);
	}
	for (i = 0; i < km->nprivs; i++) {
		const struct key_privfile *kp = &km->privs[i];

		if (kp->pub != NULL && kp->pub->key != NULL)
			continue;
		memset(&kr, 0, sizeof(kr));
		if (kp->why != NULL ||
		    family_of_label(kp->info.type, &kr.family) != 0)
			continue;
		kr.object = xprintf("key:%s", kp->path);
		where = xprintf("private %skey %s (no .pub)", kp->hostkey ?
		    "host " : "", kp->info.type);
		kr.where = where;
		kr.label = kp->info.type;
		fn(ctx, out, &kr, t);
		free(kr.object);
		free(where);
	}
}

static int
family_word(const char *w, enum key_family *fp)
{
	static const char *const words[] = { "rsa", "dsa", "ecdsa", "ed25519",
	    "ecdsa-sk", "ed25519-sk" };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i]) == 0) {
			*fp = (enum key_family)i;
			return 0;
		}
	return -1;
}

static void
judge_family(const struct pred_ctx *ctx, struct pred_out *out,
    const struct keyref *kr, struct tally *t)
{
	enum key_family f;
	size_t i;

	t->checked++;
	for (i = 0; i < ctx->args->n; i++)
		if (family_word(ctx->args->v[i], &f) == 0 && f == kr->family) {
			struct pred_result *r = pred_emit(out, VERDICT_FAIL,
			    kr->object, "%s", kr->where);

			if (kr->loc_file != NULL) {
				r->loc_file = xstrdup(kr->loc_file);
				r->loc_line = kr->loc_line;
			}
			t->failed++;
			return;
		}
}

int
pred_key_family_not(const struct pred_ctx *ctx, struct pred_out *out)
{
	struct tally t = { 0, 0 };
	enum key_family f;
	size_t i;

	for (i = 0; i < ctx->args->n; i++)
		if (family_word(ctx->args->v[i], &f) != 0)
			return SL_ERR_USAGE;
	each_key(ctx, out, judge_family, &t);
	tally_pass(out, &t, "keys checked, none of a refused type");
	return 0;
}

static void
judge_rsa_bits(const struct pred_ctx *ctx, struct pred_out *out,
    const struct keyref *kr, struct tally *t)
{
	unsigned long min = strtoul(ctx->args->v[0], NULL, 10);
	unsigned long floor = ctx->args->n > 1 ?
	    strtoul(ctx->args->v[1], NULL, 10) : 0;
	struct pred_result *r;

	if (kr->family != KF_RSA || kr->bits == 0 || kr->bits < floor)
		return;
	t->checked++;
	if (kr->bits >= min)
		return;
	r = pred_emit(out, VERDICT_FAIL, kr->object, "%s: %u bits, under %lu",
	    kr->where, kr->bits, min);
	if (kr->loc_file != NULL) {
		r->loc_file = xstrdup(kr->loc_file);
		r->loc_line = kr->loc_line;
	}
	t->failed++;
}

int
pred_key_rsa_min_bits(const struct pred_ctx *ctx, struct pred_out *out)
{
	struct tally t = { 0, 0 };

	each_key(ctx, out, judge_rsa_bits, &t);
	tally_pass(out, &t, "RSA keys checked, all large enough");
	return 0;
}

/* Does the comma list hold exactly "ssh-rsa"? */
static int
list_has_ssh_rsa(const char *list)
{
	const char *p = list, *e;

	while (p != NULL && *p != '\0') {
		e = strchr(p, ',');
		if ((e != NULL ? (size_t)(e - p) : strlen(p)) == 7 &&
		    strncmp(p, "ssh-rsa", 7) == 0)
			return 1;
		p = e != NULL ? e + 1 : NULL;
	}
	return 0;
}

int
pred_key_rsa_sha1_refused(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct keys_model *km = ctx->facts->keys;
	const char *hka = NULL, *file = NULL;
	unsigned int line = 0;
	struct pred_result *r;
	struct tally t = { 0, 0 };
	size_t i, j;
	int allowed;

	if (km == NULL)
		return 0;
	for (i = 0; i < km->nafiles; i++) {
		const struct key_authfile *af = &km->afiles[i];
		const struct key_user *ku = af->kuser;

		if (!af->sshd_reads || af->ak == NULL || !ku->pubkey_auth ||
		    !ku->login_allowed || !pred_login_user(ku->user))
			continue;
		allowed = ku->pubkey_algos != NULL ?
		    list_has_ssh_rsa(ku->pubkey_algos) :
		    km->openssh_version < 808;
		for (j = 0; j < af->ak->n; j++) {
			const struct authkey_line *l = &af->ak->v[j];

			if (l->status != AK_OK || l->key == NULL ||
			    l->key->type->family != KF_RSA)
				continue;
			t.checked++;
			if (!allowed)
				continue;
			t.failed++;
			r = pred_emit(out, VERDICT_FAIL, NULL, "RSA key %s "
			    "authorized for %s may sign with ssh-rsa (SHA-1): "
			    "PubkeyAcceptedAlgorithms %s it", l->key->fp,
			    ku->user->name, ku->algos_file != NULL ?
			    "allows" : "by default allows");
			r->object = xprintf("key:%s:%u", af->path, l->line);
			if (ku->algos_file != NULL) {
				r->loc_file = xstrdup(ku->algos_file);
				r->loc_line = ku->algos_line;
			}
		}
	}
	if (sshd_view_value(ctx->sshd, NULL, "hostkeyalgorithms", &hka, &file,
	    &line) != 0)
		hka = NULL;
	allowed = hka != NULL ? list_has_ssh_rsa(hka) :
	    km->openssh_version < 808;
	for (i = 0; i < km->npubs; i++) {
		const struct key_pubfile *pf = &km->pubs[i];

		if (!pf->hostkey || pf->key == NULL ||
		    pf->key->type->family != KF_RSA)
			continue;
		t.checked++;
		if (!allowed)
			continue;
		t.failed++;
		r = pred_emit(out, VERDICT_FAIL, NULL, "RSA host key %s may "
		    "sign with ssh-rsa (SHA-1): HostKeyAlgorithms %s it",
		    pf->key->fp, file != NULL ? "allows" : "by default allows");
		r->object = xprintf("key:%s", pf->path);
		if (file != NULL) {
			r->loc_file = xstrdup(file);
			r->loc_line = line;
		}
	}
	tally_pass(out, &t, "RSA keys checked, ssh-rsa (SHA-1) signatures "
	    "refused");
	return 0;
}

/* Each parsed line sshd reads for a user who can log in. */
typedef void (*line_fn)(const struct pred_ctx *, struct pred_out *,
    const struct key_authfile *, const struct authkey_line *,
    struct tally *);

static void
each_line(const struct pred_ctx *ctx, struct pred_out *out, line_fn fn,
    struct tally *t, int only_read)
{
	const struct keys_model *km = ctx->facts->keys;
	size_t i, j;

	for (i = 0; km != NULL && i < km->nafiles; i++) {
		const struct key_authfile *af = &km->afiles[i];

		if (af->ak == NULL || (only_read && (!af->sshd_reads ||
		    !af->kuser->login_allowed ||
		    !pred_login_user(af->kuser->user))))
			continue;
		for (j = 0; j < af->ak->n; j++)
			fn(ctx, out, af, &af->ak->v[j], t);
	}
}

static struct pred_result *
emit_line(struct pred_out *out, enum verdict v,
    const struct key_authfile *af, const struct authkey_line *l,
    const char *msg)
{
	struct pred_result *r;

	r = pred_emit(out, v, NULL, "%s", msg);
	r->object = xprintf("key:%s:%u", af->path, l->line);
	r->loc_file = xstrdup(af->path);
	r->loc_line = l->line;
	return r;
}

static void
judge_admin(const struct pred_ctx *ctx, struct pred_out *out,
    const struct key_authfile *af, const struct authkey_line *l,
    struct tally *t)
{
	const struct user_fact *u = af->kuser->user;
	char *msg;

	(void)ctx;
	if (l->status != AK_OK || l->key == NULL || !u->is_admin ||
	    l->opts.cert_authority)
		return;
	t->checked++;
	if (l->opts.from != NULL || l->opts.command != NULL ||
	    l->opts.restricted)
		return;
	t->failed++;
	msg = xprintf("%s %s %s logs in as %s%s with no from=, command= or "
	    "restrict", l->key->type->label, l->key->fp, l->comment != NULL ?
	    l->comment : "(no comment)", u->name, u->uid == 0 ? " (root)" :
	    " (administrator)");
	emit_line(out, VERDICT_FAIL, af, l, msg);
	free(msg);
}

int
pred_key_admin_restricted(const struct pred_ctx *ctx, struct pred_out *out)
{
	struct tally t = { 0, 0 };

	each_line(ctx, out, judge_admin, &t, 1);
	tally_pass(out, &t, "keys of administrators checked, all restricted");
	return 0;
}

int
pred_key_passphrase(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct keys_model *km = ctx->facts->keys;
	struct tally t = { 0, 0 };
	struct pred_result *r;
	char *obj;
	size_t i;

	for (i = 0; km != NULL && i < km->nprivs; i++) {
		const struct key_privfile *kp = &km->privs[i];

		if (kp->hostkey)
			continue;
		obj = xprintf("key:%s", kp->path);
		if (kp->why != NULL || kp->info.encrypted < 0) {
			pred_emit(out, VERDICT_ERROR, obj, "cannot tell whether "
			    "%s is encrypted: %s", kp->path, kp->why != NULL ?
			    kp->why : "its header does not say");
			free(obj);
			t.failed++;
			continue;
		}
		t.checked++;
		if (kp->info.encrypted == 0) {
			t.failed++;
			r = pred_emit(out, VERDICT_FAIL, obj, "%s (%s%s%s) of %s "
			    "has no passphrase%s%s", kp->path,
			    privkey_format_str(kp->info.format),
			    kp->info.type != NULL ? " " : "",
			    kp->info.type != NULL ? kp->info.type : "",
			    kp->user != NULL ? kp->user->name : "?",
			    kp->pub != NULL && kp->pub->key != NULL ? ": " : "",
			    kp->pub != NULL && kp->pub->key != NULL ?
			    kp->pub->key->fp : "");
			(void)r;
		}
		free(obj);
	}
	tally_pass(out, &t, "private keys checked, all encrypted");
	return 0;
}

int
pred_key_no_authorized_keys2(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct keys_model *km = ctx->facts->keys;
	char *obj;
	size_t i;

	for (i = 0; km != NULL && i < km->nafiles; i++) {
		const struct key_authfile *af = &km->afiles[i];

		if (!af->is_ak2 || af->ak == NULL || af->ak->n == 0)
			continue;
		obj = xprintf("file:%s", af->path);
		if (af->sshd_reads && pred_login_user(af->kuser->user))
			pred_emit(out, VERDICT_FAIL, obj, "%s holds %zu key "
			    "line%s and sshd reads it for %s", af->path,
			    af->ak->n, af->ak->n == 1 ? "" : "s",
			    af->kuser->user->name);
		else
			pred_emit(out, VERDICT_PASS, obj, "%s exists but sshd "
			    "does not read it for %s", af->path,
			    af->kuser->user->name);
		free(obj);
	}
	return 0;
}

static void
judge_valid(const struct pred_ctx *ctx, struct pred_out *out,
    const struct key_authfile *af, const struct authkey_line *l,
    struct tally *t)
{
	char *msg;

	(void)ctx;
	t->checked++;
	if (l->status == AK_OK)
		return;
	t->failed++;
	msg = xprintf("%s:%u: %s%s (for %s)", af->path, l->line,
	    l->why != NULL ? l->why : authkey_status_str(l->status),
	    l->status == AK_TOO_MANY ? "" : "; sshd ignores this line",
	    af->kuser->user->name);
	emit_line(out, VERDICT_FAIL, af, l, msg);
	free(msg);
}

int
pred_key_lines_valid(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct keys_model *km = ctx->facts->keys;
	struct tally t = { 0, 0 };
	char *obj;
	size_t i;

	for (i = 0; km != NULL && i < km->nafiles; i++)
		if (km->afiles[i].ak == NULL) {
			obj = xprintf("file:%s", km->afiles[i].path);
			pred_emit(out, VERDICT_ERROR, obj, "%s: %s",
			    km->afiles[i].path, km->afiles[i].err);
			free(obj);
			t.failed++;
		}
	each_line(ctx, out, judge_valid, &t, 0);
	tally_pass(out, &t, "authorized_keys lines checked, sshd reads all");
	return 0;
}

static void
judge_expiry(const struct pred_ctx *ctx, struct pred_out *out,
    const struct key_authfile *af, const struct authkey_line *l,
    struct tally *t)
{
	uint64_t now = trust_now();
	char *msg;

	(void)ctx;
	if (l->status != AK_OK || l->opts.expiry == 0)
		return;
	t->checked++;
	if (l->opts.expiry > now)
		return;
	t->failed++;
	msg = xprintf("the key %s for %s expired %llu days ago (expiry-time); "
	    "sshd refuses it, the line only confuses", l->key != NULL ?
	    l->key->fp : "?", af->kuser->user->name,
	    (unsigned long long)((now - l->opts.expiry) / 86400));
	emit_line(out, VERDICT_FAIL, af, l, msg);
	free(msg);
}

int
pred_key_not_expired(const struct pred_ctx *ctx, struct pred_out *out)
{
	struct tally t = { 0, 0 };

	each_line(ctx, out, judge_expiry, &t, 0);
	tally_pass(out, &t, "keys with expiry-time checked, none expired");
	return 0;
}

int
pred_key_service_private_mode_max(const struct pred_ctx *ctx,
    struct pred_out *out)
{
	const struct keys_model *km = ctx->facts->keys;
	unsigned int max = (unsigned int)strtoul(ctx->args->v[0], NULL, 8);
	struct tally t = { 0, 0 };
	struct pred_result *r;
	char *obj, mode[64];
	size_t i;

	for (i = 0; km != NULL && i < km->nprivs; i++) {
		const struct key_privfile *kp = &km->privs[i];

		if (kp->hostkey || kp->user == NULL ||
		    pred_login_user(kp->user) || kp->stat == NULL ||
		    kp->stat->type != PT_FILE)
			continue;
		t.checked++;
		if ((kp->stat->mode & ~max & 07777) == 0)
			continue;
		t.failed++;
		pred_mode_text(mode, sizeof(mode), kp->stat);
		obj = xprintf("key:%s", kp->path);
		r = pred_emit(out, VERDICT_FAIL, obj, "%s of %s (no login "
		    "shell) is %s, allows more than %04o", kp->path,
		    kp->user->name, mode, max);
		r->path = xstrdup(kp->path);
		r->mode = kp->stat->mode;
		r->acl = kp->stat->acl;
		free(obj);
	}
	tally_pass(out, &t, "private keys of accounts without a login shell "
	    "checked");
	return 0;
}

int
pred_key_known_hosts_hashed(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct keys_model *km = ctx->facts->keys;
	struct sbuf b;
	char *obj;
	size_t i, j;

	for (i = 0; km != NULL && i < km->nknown; i++) {
		const struct key_known_hosts *kh = &km->known[i];

		if (kh->nplain + kh->nhashed == 0)
			continue;
		obj = xprintf("file:%s", kh->path);
		if (kh->nplain == 0) {
			pred_emit(out, VERDICT_PASS, obj, "%zu entries, all "
			    "hashed", kh->nhashed);
			free(obj);
			continue;
		}
		sbuf_init(&b, 0);
		for (j = 0; j < kh->plain.n && j < 8; j++)
			(void)sbuf_putf(&b, "%s%s", j > 0 ? " " : "",
			    kh->plain.v[j]);
		if (kh->nplain > 8)
			(void)sbuf_puts(&b, " ...");
		pred_emit(out, VERDICT_FAIL, obj, "%zu of %zu entries name "
		    "their hosts in clear: %s", kh->nplain, kh->nplain +
		    kh->nhashed, b.data != NULL ? b.data : "");
		sbuf_cleanup(&b);
		free(obj);
	}
	return 0;
}

/* ---- fleet ------------------------------------------------------------- */

struct fpref {
	const char	*fp;
	size_t		 host;
	const struct trust_auth *auth;
};

static int
cmp_fpref(const void *a, const void *b)
{
	const struct fpref *x = a, *y = b;
	int c;

	if ((c = strcmp(x->fp, y->fp)) != 0)
		return c;
	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	return strcmp(x->auth->user, y->auth->user);
}

int
pred_fleet_key_shared(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct trust_map *m = ctx->fleet;
	struct fpref *v = NULL;
	struct tally t = { 0, 0 };
	struct sbuf b;
	size_t i, j, k, h, n = 0, cap = 0, naccts, mine;
	char *obj;

	if (m == NULL || ctx->fleet_host >= m->nhosts)
		return 0;
	/* Every usable authorization of the run, sorted by key then account. */
	for (h = 0; h < m->nhosts; h++)
		for (k = 0; k < m->hosts[h]->nauths; k++) {
			if (!m->hosts[h]->auths[k].usable)
				continue;
			if (n == cap) {
				cap = cap == 0 ? 64 : cap * 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n].fp = m->hosts[h]->auths[k].fp;
			v[n].host = h;
			v[n].auth = &m->hosts[h]->auths[k];
			n++;
		}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_fpref);
	for (i = 0; i < n; i = j) {
		naccts = 0;
		mine = 0;
		for (j = i; j < n && strcmp(v[j].fp, v[i].fp) == 0; j++) {
			if (j == i || v[j].host != v[j - 1].host ||
			    strcmp(v[j].auth->user, v[j - 1].auth->user) != 0)
				naccts++;
			mine += v[j].host == ctx->fleet_host;
		}
		if (mine == 0)
			continue;
		t.checked++;
		if (naccts < 2)
			continue;
		t.failed++;
		sbuf_init(&b, 0);
		for (k = i; k < j; k++)
			if (k == i || v[k].host != v[k - 1].host ||
			    strcmp(v[k].auth->user, v[k - 1].auth->user) != 0)
				(void)sbuf_putf(&b, "%s%s:%s", k > i ? ", " : "",
				    m->hosts[v[k].host]->name, v[k].auth->user);
		obj = xprintf("key:%s", v[i].fp);
		pred_emit(out, VERDICT_FAIL, obj, "%s %s %u logs in to %zu "
		    "accounts: %s", v[i].auth->type, v[i].fp, v[i].auth->bits,
		    naccts, b.data);
		free(obj);
		sbuf_cleanup(&b);
	}
	free(v);
	tally_pass(out, &t, "authorized keys checked, each logs in to one "
	    "account");
	return 0;
}

int
pred_fleet_passless_restricted(const struct pred_ctx *ctx,
    struct pred_out *out)
{
	const struct trust_map *m = ctx->fleet;
	struct tally t = { 0, 0 };
	struct pred_result *r;
	size_t e;

	if (m == NULL)
		return 0;
	for (e = 0; e < m->nedges; e++) {
		const struct trust_edge *te = &m->edges[e];
		const struct trust_priv *p = trust_edge_priv(m, te);
		const struct trust_auth *a = trust_edge_auth(m, te);

		if (te->to_host != ctx->fleet_host || p->encrypted != 0 ||
		    !a->usable)
			continue;
		t.checked++;
		if (!trust_edge_weak(m, te))
			continue;
		t.failed++;
		r = pred_emit(out, VERDICT_FAIL, NULL, "passphrase-less %s %u "
		    "key %s:%s %s (%s) logs in as %s%s without %s", p->type,
		    p->bits, m->hosts[te->from_host]->name, p->user, p->path,
		    p->fp, a->user, a->admin ? " (administrator)" : "",
		    a->from ? "command= or restrict" : a->command ||
		    a->restricted ? "from=" : "from= and command=/restrict");
		r->object = xprintf("key:%s:%u", a->file, a->line);
		r->loc_file = xstrdup(a->file);
		r->loc_line = a->line;
	}
	tally_pass(out, &t, "passphrase-less keys of the run that log in "
	    "here checked, all restricted");
	return 0;
}

int
pred_fleet_admin_unreachable(const struct pred_ctx *ctx,
    struct pred_out *out)
{
	const struct trust_map *m = ctx->fleet;
	const struct trust_host *me;
	struct strv done;
	struct tally t = { 0, 0 };
	char *chain, *obj;
	size_t i;

	if (m == NULL || ctx->fleet_host >= m->nhosts)
		return 0;
	me = m->hosts[ctx->fleet_host];
	strv_init(&done);
	for (i = 0; i < me->nauths; i++) {
		const struct trust_auth *a = &me->auths[i];

		if (!a->admin || !a->usable || strv_find(&done, a->user) >= 0)
			continue;
		strv_push(&done, a->user);
		t.checked++;
		chain = trust_chain_to(m, ctx->fleet_host, a->user);
		if (chain == NULL)
			continue;
		t.failed++;
		obj = xprintf("user:%s", a->user);
		pred_emit(out, VERDICT_FAIL, obj, "administrator %s is "
		    "reachable without a passphrase: %s", a->user, chain);
		free(obj);
		free(chain);
	}
	strv_cleanup(&done);
	tally_pass(out, &t, "administrator accounts with keys checked, none "
	    "reachable by a chain of passphrase-less keys");
	return 0;
}
