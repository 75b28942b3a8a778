/*
 * pred_paths.c — predicates on files and directories. Facts read: the lstat
 * records (facts->paths: type, mode, owner, ACL, symlink target), small file
 * contents (facts->files) and, for strictmodes_ok, the effective sshd
 * settings StrictModes and AuthorizedKeysFile of each user. Symlinks are
 * resolved from the facts, and a fix always names the real path (never
 * chmod through a symlink).
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "predicates.h"
#include "sbuf.h"
#include "shquote.h"
#include "strictmodes.h"
#include "xmalloc.h"

int	pred_path_mode_max(const struct pred_ctx *, struct pred_out *);
int	pred_path_owner(const struct pred_ctx *, struct pred_out *);
int	pred_path_absent(const struct pred_ctx *, struct pred_out *);
int	pred_path_no_acl(const struct pred_ctx *, struct pred_out *);
int	pred_private_key_mode_max(const struct pred_ctx *, struct pred_out *);
int	pred_file_matches(const struct pred_ctx *, struct pred_out *);
int	pred_file_not_matches(const struct pred_ctx *, struct pred_out *);
int	pred_strictmodes_ok(const struct pred_ctx *, struct pred_out *);

enum path_check { PC_MODE, PC_OWNER, PC_ACL };

struct walk {
	const struct pred_ctx	*ctx;
	struct pred_out		*out;
	enum path_check		 what;
	unsigned int		 max;	/* PC_MODE */
	int			 glob;	/* one object per matched file */
	int			 per_file; /* several paths judged: file:PATH objects */
};

static int
is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static char *
object_for(const struct walk *w, const char *path)
{
	if (w->glob || w->per_file || w->ctx->user == NULL)
		return xprintf("file:%s", path);
	return NULL;
}

/* Does uid/owner match one of the rule's owner arguments (from 1)? */
static int
owner_ok(const struct pred_ctx *ctx, const struct path_fact *pf)
{
	const char *want;
	size_t i, j;

	for (i = 1; i < ctx->args->n; i++) {
		want = ctx->args->v[i];
		if (strcmp(want, "%u") == 0) {
			if (ctx->user != NULL && pf->uid == ctx->user->uid)
				return 1;
			continue;
		}
		if (strcmp(want, "root") == 0 && pf->uid == 0)
			return 1;
		for (j = 0; j < ctx->facts->nusers; j++)
			if (strcmp(ctx->facts->users[j].name, want) == 0 &&
			    ctx->facts->users[j].uid == pf->uid)
				return 1;
		if (pf->owner != NULL && strcmp(pf->owner, want) == 0)
			return 1;
	}
	return 0;
}

static char *
owners_text(const struct pred_ctx *ctx)
{
	struct sbuf b;
	char *s;
	size_t i;

	sbuf_init(&b, 0);
	for (i = 1; i < ctx->args->n; i++)
		(void)sbuf_putf(&b, "%s%s", i > 1 ? " or " : "",
		    strcmp(ctx->args->v[i], "%u") == 0 && ctx->user != NULL ?
		    ctx->user->name : ctx->args->v[i]);
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return s;
}

static int
judge_path(const char *path, const struct path_fact *direct, void *arg)
{
	struct walk *w = arg;
	const struct path_fact *pf = NULL;
	struct pred_result *res;
	char *real = NULL, *object = NULL, *owners = NULL;
	char mode[64];
	int r;

	if (w->glob && direct != NULL && direct->type == PT_MISSING)
		return 0;
	object = object_for(w, path);
	r = sm_realpath(w->ctx->facts, path, &real, &pf);
	if (r == SL_ERR_NOT_FOUND) {
		pred_emit(w->out, VERDICT_NA, object, "%s does not exist",
		    path);
		goto out;
	}
	if (r != 0 || pf == NULL) {
		pred_emit(w->out, VERDICT_ERROR, object, r != 0 ?
		    "could not check %s (needs --become)" :
		    "could not check %s: not collected", path);
		goto out;
	}
	pred_mode_text(mode, sizeof(mode), pf);
	switch (w->what) {
	case PC_MODE:
		if ((pf->mode & 07777 & ~w->max) != 0)
			res = pred_emit(w->out, VERDICT_FAIL, object,
			    "%s is %s, allows more than %04o", path, mode,
			    w->max);
		else
			res = pred_emit(w->out, VERDICT_PASS, object,
			    "%s is %s", path, mode);
		break;
	case PC_OWNER:
		owners = owners_text(w->ctx);
		if (!owner_ok(w->ctx, pf))
			res = pred_emit(w->out, VERDICT_FAIL, object,
			    "%s is owned by %s, expected %s", path,
			    pf->owner != NULL ? pf->owner : "an unknown user",
			    owners);
		else
			res = pred_emit(w->out, VERDICT_PASS, object,
			    "%s is owned by %s", path,
			    pf->owner != NULL ? pf->owner : "root");
		break;
	case PC_ACL:
	default:
		if (pf->acl < 0)
			res = pred_emit(w->out, VERDICT_NA, object,
			    "ACL state of %s unknown", path);
		else if (pf->acl == 1)
			res = pred_emit(w->out, VERDICT_FAIL, object, "%s is %s: "
			    "the POSIX mode does not show who may write", path,
			    mode);
		else
			res = pred_emit(w->out, VERDICT_PASS, object,
			    "%s has no ACL", path);
		break;
	}
	res->evidence = xprintf("%s%s%s: %s owner %s (uid %lu)", path,
	    strcmp(path, real) != 0 ? " -> " : "",
	    strcmp(path, real) != 0 ? real : "", mode,
	    pf->owner != NULL ? pf->owner : "?", pf->uid);
	res->path = xstrdup(real);
	res->mode = pf->mode;
	res->acl = pf->acl;
 out:
	free(owners);
	free(object);
	free(real);
	return 0;
}

static int
walk_pattern(const struct pred_ctx *ctx, struct pred_out *out,
    enum path_check what, unsigned int max, int per_file)
{
	struct walk w;
	char *path = NULL;
	int r = SL_ERR_INTERNAL;

	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.out = out;
	w.what = what;
	w.max = max;
	w.per_file = per_file;
	if ((path = pred_expand(ctx->args->v[0], ctx->user)) == NULL) {
		pred_emit(out, VERDICT_ERROR, NULL, "path %s needs a user "
		    "(use scope user)", ctx->args->v[0]);
		r = 0;
		goto out;
	}
	w.glob = is_glob(path);
	if ((r = pred_paths_matching(ctx->facts, path, judge_path, &w)) < 0)
		goto out;
	r = 0;
 out:
	free(path);
	return r;
}

int
pred_path_mode_max(const struct pred_ctx *ctx, struct pred_out *out)
{
	return walk_pattern(ctx, out, PC_MODE,
	    (unsigned int)strtoul(ctx->args->v[1], NULL, 8), 0);
}

int
pred_path_owner(const struct pred_ctx *ctx, struct pred_out *out)
{
	return walk_pattern(ctx, out, PC_OWNER, 0, 0);
}

int
pred_path_no_acl(const struct pred_ctx *ctx, struct pred_out *out)
{
	size_t i;
	int r;
	struct strv one;
	struct pred_ctx c = *ctx;

	/*
	 * Each argument is a path; judge them one by one. With several paths
	 * each finding is its own object (file:PATH), so a user's two
	 * findings never share "user:NAME".
	 */
	for (i = 0; i < ctx->args->n; i++) {
		strv_init(&one);
		strv_push(&one, ctx->args->v[i]);
		c.args = &one;
		r = walk_pattern(&c, out, PC_ACL, 0, ctx->args->n > 1);
		strv_cleanup(&one);
		if (r != 0)
			return r;
	}
	return 0;
}

struct absent {
	const struct facts	*facts;
	struct strv		 present;
	struct strv		 unknown;
};

static int
absent_one(const char *path, const struct path_fact *pf, void *arg)
{
	struct absent *a = arg;
	char *real = NULL;
	int r;

	if (pf == NULL) {
		r = sm_realpath(a->facts, path, &real, &pf);
		free(real);
		if (r == SL_ERR_NOT_FOUND)
			return 0;
		if (r != 0 || pf == NULL) {
			strv_push(&a->unknown, path);
			return 0;
		}
	}
	if (pf->type == PT_UNREADABLE)
		strv_push(&a->unknown, path);
	else if (pf->type != PT_MISSING)
		strv_push(&a->present, path);
	return 0;
}

static char *
join(const struct strv *sv)
{
	struct sbuf b;
	char *s;
	size_t i;

	sbuf_init(&b, 0);
	for (i = 0; i < sv->n; i++)
		(void)sbuf_putf(&b, "%s%s", i > 0 ? ", " : "", sv->v[i]);
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	return s;
}

int
pred_path_absent(const struct pred_ctx *ctx, struct pred_out *out)
{
	struct absent a;
	struct pred_result *res;
	char *path = NULL, *list = NULL;
	size_t i;
	int r = SL_ERR_INTERNAL;

	memset(&a, 0, sizeof(a));
	a.facts = ctx->facts;
	strv_init(&a.present);
	strv_init(&a.unknown);
	for (i = 0; i < ctx->args->n; i++) {
		free(path);
		if ((path = pred_expand(ctx->args->v[i], ctx->user)) == NULL) {
			pred_emit(out, VERDICT_ERROR, NULL, "path %s needs a "
			    "user (use scope user)", ctx->args->v[i]);
			r = 0;
			goto out;
		}
		if ((r = pred_paths_matching(ctx->facts, path, absent_one,
		    &a)) < 0)
			goto out;
	}
	if (a.present.n > 0) {
		list = join(&a.present);
		res = pred_emit(out, VERDICT_FAIL, NULL, "present: %s", list);
		res->path = xstrdup(a.present.v[0]);
		res->fix = xprintf("review and remove %s", list);
	} else if (a.unknown.n > 0) {
		list = join(&a.unknown);
		pred_emit(out, VERDICT_ERROR, NULL, "could not check %s "
		    "(not collected or needs --become)", list);
	} else
		pred_emit(out, VERDICT_PASS, NULL, "absent");
	r = 0;
 out:
	free(list);
	free(path);
	strv_cleanup(&a.present);
	strv_cleanup(&a.unknown);
	return r;
}

/* A private key by name (id_*, not *.pub) or by its PEM/OpenSSH header. */
static int
is_private_key(const struct facts *f, const char *path)
{
	const struct file_fact *ff;
	const char *base = strrchr(path, '/') + 1;
	size_t n = strlen(base);

	if (n > 4 && strcmp(base + n - 4, ".pub") == 0)
		return 0;
	if (strncmp(base, "id_", 3) == 0)
		return 1;
	ff = pred_file(f, path);
	return ff != NULL && ff->data != NULL &&
	    strncmp(ff->data, "-----BEGIN ", 11) == 0 &&
	    strstr(ff->data, "PRIVATE KEY-----") != NULL;
}

/* Judges every private key directly under dir (ending in '/'). */
static size_t
keys_under(const struct facts *f, const char *dir, struct walk *w)
{
	size_t lo = 0, hi = f->npaths, mid, dlen = strlen(dir), n = 0;

	while (lo < hi) {		/* first path >= dir */
		mid = lo + (hi - lo) / 2;
		if (strcmp(f->paths[mid].path, dir) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < f->npaths && strncmp(f->paths[lo].path, dir, dlen) == 0;
	    lo++) {
		const struct path_fact *pf = &f->paths[lo];

		if (strchr(pf->path + dlen, '/') != NULL ||
		    (pf->type != PT_FILE && pf->type != PT_SYMLINK) ||
		    !is_private_key(f, pf->path))
			continue;
		(void)judge_path(pf->path, pf, w);
		n++;
	}
	return n;
}

int
pred_private_key_mode_max(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct path_fact *pf = NULL;
	struct walk w;
	char *dir = NULL, *real = NULL, *rdir = NULL;

	if ((dir = pred_expand("%h/.ssh", ctx->user)) == NULL)
		return SL_ERR_INTERNAL;
	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.out = out;
	w.what = PC_MODE;
	w.max = (unsigned int)strtoul(ctx->args->v[0], NULL, 8);
	w.glob = 1;
	rdir = xprintf("%s/", dir);
	/* The collector may list ~/.ssh by its path or by its realpath. */
	if (keys_under(ctx->facts, rdir, &w) == 0 &&
	    sm_realpath(ctx->facts, dir, &real, &pf) == 0 &&
	    strcmp(real, dir) != 0) {
		free(rdir);
		rdir = xprintf("%s/", real);
		(void)keys_under(ctx->facts, rdir, &w);
	}
	free(real);
	free(rdir);
	free(dir);
	return 0;
}

static int
file_match(const struct pred_ctx *ctx, struct pred_out *out, int want)
{
	const struct file_fact *ff;
	const struct path_fact *pf;
	const struct re *re = ctx->res[1];
	struct pred_result *res;
	const char *p, *e, *end;
	char *path = NULL, *object = NULL;
	unsigned int line = 0, hit = 0;
	int matched = 0, r = SL_ERR_INTERNAL;

	if ((path = pred_expand(ctx->args->v[0], ctx->user)) == NULL) {
		pred_emit(out, VERDICT_ERROR, NULL, "path needs a user");
		r = 0;
		goto out;
	}
	object = xprintf("file:%s", path);
	if ((ff = pred_file(ctx->facts, path)) == NULL) {
		pf = pred_path(ctx->facts, path);
		if (pf != NULL && pf->type == PT_MISSING)
			pred_emit(out, VERDICT_NA, object, "%s does not exist",
			    path);
		else
			pred_emit(out, VERDICT_ERROR, object,
			    "could not check %s: content not collected", path);
		r = 0;
		goto out;
	}
	if (ff->data == NULL) {
		pred_emit(out, VERDICT_ERROR, object, "could not read %s: %s",
		    path, ff->err != NULL ? ff->err : "unreadable");
		r = 0;
		goto out;
	}
	end = ff->data + ff->len;
	for (p = ff->data; p < end && hit == 0; p = e + 1) {
		line++;
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		if ((r = re_match(re, p, (size_t)(e - p), &matched)) != 0) {
			pred_emit(out, VERDICT_ERROR, object, "%s:%u: matching "
			    "/%s/ failed: %s", path, line, re_pattern(re),
			    sl_strerror(r));
			r = 0;
			goto out;
		}
		if (matched)
			hit = line;
	}
	if ((hit != 0) == want) {
		res = pred_emit(out, VERDICT_PASS, object, want ?
		    "%s matches /%s/" : "%s has no line matching /%s/", path,
		    re_pattern(re));
	} else {
		res = pred_emit(out, VERDICT_FAIL, object, want ?
		    "%s has no line matching /%s/" : "%s matches /%s/", path,
		    re_pattern(re));
	}
	if (hit != 0) {
		res->loc_file = xstrdup(path);
		res->loc_line = hit;
	}
	r = 0;
 out:
	free(object);
	free(path);
	return r;
}

int
pred_file_matches(const struct pred_ctx *ctx, struct pred_out *out)
{
	return file_match(ctx, out, 1);
}

int
pred_file_not_matches(const struct pred_ctx *ctx, struct pred_out *out)
{
	return file_match(ctx, out, 0);
}

/* sshd's AuthorizedKeysFile token expansion: %% %h %u %U; relative to home. */
static char *
keyfile_expand(const char *tok, const struct user_fact *u)
{
	const char *home = u->home != NULL ? u->home : "";
	struct sbuf b;
	const char *p;
	char *s, *t;

	sbuf_init(&b, 0);
	for (p = tok; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			(void)sbuf_putc(&b, *p);
			continue;
		}
		p++;
		if (*p == 'h')
			(void)sbuf_puts(&b, home);
		else if (*p == 'u')
			(void)sbuf_puts(&b, u->name);
		else if (*p == 'U')
			(void)sbuf_putf(&b, "%lu", u->uid);
		else
			(void)sbuf_putc(&b, *p);
	}
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	if (s[0] != '/') {
		t = xprintf("%s%s%s", home,
		    strcmp(home, "/") == 0 ? "" : "/", s);
		free(s);
		s = t;
	}
	return s;
}

int
pred_strictmodes_ok(const struct pred_ctx *ctx, struct pred_out *out)
{
	const struct user_fact *u = ctx->user;
	const char *akf = ".ssh/authorized_keys .ssh/authorized_keys2";
	const char *sm = "yes", *v, *file;
	struct pred_result *res = NULL;
	struct sm_result smr, worst;
	char *copy = NULL, *tok, *save = NULL, *path = NULL, *q = NULL;
	unsigned int line;
	int strict;

	memset(&worst, 0, sizeof(worst));
	worst.verdict = SM_MISSING;
	if (ctx->sshd != NULL && sshd_view_value(ctx->sshd, u,
	    "authorizedkeysfile", &v, &file, &line) == 0 && v != NULL)
		akf = v;
	if (ctx->sshd != NULL && sshd_view_value(ctx->sshd, u, "strictmodes",
	    &v, &file, &line) == 0 && v != NULL)
		sm = v;
	strict = strcmp(sm, "no") != 0;
	copy = xstrdup(akf);
	for (tok = strtok_r(copy, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if (strcmp(tok, "none") == 0)
			continue;
		free(path);
		path = keyfile_expand(tok, u);
		strictmodes_check(ctx->facts, u, path, &smr);
		/* Keep the worst: REFUSED > UNREADABLE > ADVICE > OK > MISSING */
		if ((smr.verdict == SM_REFUSED && worst.verdict != SM_REFUSED) ||
		    (smr.verdict == SM_UNREADABLE && worst.verdict != SM_REFUSED &&
		    worst.verdict != SM_UNREADABLE) ||
		    (smr.verdict == SM_ADVICE && (worst.verdict == SM_OK ||
		    worst.verdict == SM_MISSING)) ||
		    (smr.verdict == SM_OK && worst.verdict == SM_MISSING)) {
			sm_result_cleanup(&worst);
			worst = smr;
		} else
			sm_result_cleanup(&smr);
	}
	switch (worst.verdict) {
	case SM_MISSING:
		pred_emit(out, VERDICT_NA, NULL, "%s has no authorized_keys "
		    "file", u->name);
		break;
	case SM_UNREADABLE:
		res = pred_emit(out, VERDICT_ERROR, NULL, "%s", worst.reason);
		break;
	case SM_REFUSED:
		if (strict || worst.unopenable) {
			res = pred_emit(out, VERDICT_FAIL, NULL, "sshd refuses "
			    "key login for %s today: %s", u->name, worst.reason);
			res->breaks_login = 1;
		} else
			res = pred_emit(out, VERDICT_FAIL, NULL, "StrictModes "
			    "is off, so sshd accepts keys for %s although %s",
			    u->name, worst.reason);
		res->path = xstrdup(worst.fault);
		res->mode = worst.fault_mode;
		res->acl = worst.fault_acl;
		q = shquote(worst.fault);
		if (!pred_fix_in_home(ctx->facts, u, worst.fault,
		    !worst.fault_owner))
			res->fix = xprintf("%s is outside %s's home: replace "
			    "the symlink that leads there with a file of %s's "
			    "own (do not chown or chmod %s)", q, u->name,
			    u->name, q);
		else if (worst.fault_owner)
			res->fix = xprintf("chown %s %s", u->name, q);
		else
			res->fix = xprintf("chmod %04o %s", worst.fix_mode, q);
		break;
	case SM_ADVICE:
		res = pred_emit(out, VERDICT_PASS, NULL, "sshd accepts the "
		    "keys of %s; hardening advice: %s", u->name, worst.reason);
		break;
	case SM_OK:
	default:
		res = pred_emit(out, VERDICT_PASS, NULL, "sshd accepts the "
		    "keys of %s", u->name);
		break;
	}
	if (res != NULL && worst.evidence != NULL && worst.evidence[0] != '\0')
		res->evidence = xstrdup(worst.evidence);
	free(q);
	free(path);
	free(copy);
	sm_result_cleanup(&worst);
	return 0;
}
