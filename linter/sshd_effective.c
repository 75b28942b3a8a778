/*
 * sshd_effective.c — the settings sshd uses for one connection, computed
 * as servconf.c does: a first pass over the global section (first value
 * wins, some keywords accumulate, a few take the last value), then for a
 * connection context a second pass over the Match blocks that apply, whose
 * values replace the global ones; defaults for the target's OpenSSH version
 * where nothing was set. Printed in `sshd -T` format and order.
 * Lookups by name also accept an alias valid at the version
 * (ChallengeResponseAuthentication -> kbdinteractiveauthentication at 8.7+).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sbuf.h"
#include "sshd_priv.h"
#include "xmalloc.h"

struct slot {
	struct strv			 vals;
	int				 set;
	const struct sshd_directive	*origin;
};

struct sshd_effective {
	int			  v;
	size_t			  n;
	const struct sshd_kwrow	**rows;	/* canonical rows, print order */
	struct slot		 *slots;
};

static long
row_index(const struct sshd_effective *eff, const char *canon)
{
	size_t i;

	for (i = 0; i < eff->n; i++)
		if (strcmp(eff->rows[i]->canon, canon) == 0)
			return (long)i;
	return -1;
}

static void
slots_init(struct slot *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		strv_init(&s[i].vals);
		s[i].set = 0;
		s[i].origin = NULL;
	}
}

static void
slots_cleanup(struct slot *s, size_t n)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < n; i++)
		strv_cleanup(&s[i].vals);
}

static void
slot_replace(struct slot *s, const struct strv *vals,
    const struct sshd_directive *d)
{
	size_t i;

	strv_cleanup(&s->vals);
	strv_init(&s->vals);
	for (i = 0; i < vals->n; i++)
		strv_push(&s->vals, vals->v[i]);
	s->set = 1;
	s->origin = d;
}

/* MaxStartups "n" keeps the rate of an earlier "b:r:m" ("?" = unset). */
static void
apply_maxstartups(struct slot *s, const char *val,
    const struct sshd_directive *d)
{
	const char *rate = "?", *c;
	char *nv, *copy = NULL;

	if (strchr(val, ':') != NULL)
		nv = xstrdup(val);
	else {
		if (s->set && (c = strchr(s->vals.v[0], ':')) != NULL) {
			copy = xstrndup(c + 1, strcspn(c + 1, ":"));
			rate = copy;
		}
		nv = xprintf("%s:%s:%s", val, rate, val);
	}
	strv_cleanup(&s->vals);
	strv_init(&s->vals);
	strv_push_owned(&s->vals, nv);
	s->set = 1;
	s->origin = d;
	free(copy);
}

/* RekeyLimit: the limit and the interval are each first-wins. */
static void
apply_rekey(struct slot *s, const char *val, const struct sshd_directive *d)
{
	const char *old, *sp;
	char *nv;

	if (!s->set) {
		strv_push(&s->vals, val);
		s->set = 1;
		s->origin = d;
		return;
	}
	old = s->vals.v[0];
	if (strcmp(strchr(old, ' ') + 1, "-") != 0)
		return;
	if (strcmp((sp = strchr(val, ' ')) + 1, "-") == 0)
		return;
	nv = xprintf("%.*s%s", (int)(strchr(old, ' ') - old), old, sp);
	free(s->vals.v[0]);
	s->vals.v[0] = nv;
}

static void
apply(struct sshd_effective *eff, struct slot *slots,
    const struct sshd_directive *d)
{
	const struct sshd_kwrow *kw, *crow;
	struct strv vals;
	struct slot *s;
	char why[256];
	long idx;
	size_t i;

	if (d->status != SSHD_KW_OK || d->name == NULL)
		return;
	if ((kw = sshd_kw_lookup(d->keyword, eff->v)) == NULL ||
	    kw->type == SSHD_T_MATCH || kw->type == SSHD_T_INCLUDE ||
	    kw->status != SSHD_S_OK)
		return;
	if ((crow = sshd_kw_canon(kw->canon, eff->v)) == NULL ||
	    (idx = row_index(eff, crow->canon)) < 0)
		return;
	s = &slots[idx];
	strv_init(&vals);
	if (sshd_value_check(kw, d->args, eff->v, &vals, why,
	    sizeof(why)) != 0 || vals.n == 0)
		goto out;
	switch (crow->type) {
	case SSHD_T_MAXSTARTUPS:
		apply_maxstartups(s, vals.v[0], d);
		goto out;
	case SSHD_T_REKEY:
		apply_rekey(s, vals.v[0], d);
		goto out;
	default:
		break;
	}
	switch (crow->mode) {
	case SSHD_M_FIRST:
		if (!s->set)
			slot_replace(s, &vals, d);
		break;
	case SSHD_M_LAST:
		slot_replace(s, &vals, d);
		break;
	case SSHD_M_ACCUM:
		if (!s->set) {
			s->set = 1;
			s->origin = d;
		}
		for (i = 0; i < vals.n; i++)
			strv_push(&s->vals, vals.v[i]);
		break;
	}
 out:
	strv_cleanup(&vals);
}

static void
push_lines(struct strv *out, const char *text)
{
	const char *p = text, *e;

	while (*p) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		strv_push_owned(out, xstrndup(p, (size_t)(e - p)));
		p = *e ? e + 1 : e;
	}
}

/* format_listen_addrs(): numeric addresses; names are printed as given. */
static void
listen_addrs(struct sshd_effective *eff)
{
	long li = row_index(eff, "listenaddress");
	long pi = row_index(eff, "port"), ai = row_index(eff, "addressfamily");
	struct strv out, *ports;
	const char *af;
	char *host, *tab;
	size_t i, j;
	int port;

	if (li < 0 || pi < 0 || ai < 0)
		return;
	ports = &eff->slots[pi].vals;
	af = eff->slots[ai].vals.n ? eff->slots[ai].vals.v[0] : "any";
	strv_init(&out);
	if (eff->slots[li].vals.n == 0) {
		for (i = 0; i < ports->n; i++) {
			if (strcmp(af, "inet") != 0)
				strv_push_owned(&out, xprintf("[::]:%s",
				    ports->v[i]));
			if (strcmp(af, "inet6") != 0)
				strv_push_owned(&out, xprintf("0.0.0.0:%s",
				    ports->v[i]));
		}
	}
	for (i = 0; i < eff->slots[li].vals.n; i++) {
		host = xstrdup(eff->slots[li].vals.v[i]);
		if ((tab = strchr(host, '\t')) == NULL) {
			free(host);
			continue;
		}
		*tab = '\0';
		port = atoi(tab + 1);
		for (j = 0; j < (port > 0 ? 1 : ports->n); j++) {
			if (strchr(host, ':') != NULL)
				strv_push_owned(&out, port > 0 ?
				    xprintf("[%s]:%d", host, port) :
				    xprintf("[%s]:%s", host, ports->v[j]));
			else
				strv_push_owned(&out, port > 0 ?
				    xprintf("%s:%d", host, port) :
				    xprintf("%s:%s", host, ports->v[j]));
		}
		free(host);
	}
	strv_cleanup(&eff->slots[li].vals);
	eff->slots[li].vals = out;
}

/*
 * Before OpenSSH 8.7, sshd.c forces keyboard-interactive on when
 * ChallengeResponseAuthentication is yes (its default) after filling the
 * defaults and before `sshd -T` prints: "challenge-response is implemented
 * via keyboard interactive". A Match block that sets
 * KbdInteractiveAuthentication is applied later and still wins.
 */
static void
kbdint_from_cra(struct sshd_effective *eff)
{
	struct slot *kbd, *cra;
	long ik, ic;

	if (eff->v >= 807 ||
	    (ik = row_index(eff, "kbdinteractiveauthentication")) < 0 ||
	    (ic = row_index(eff, "challengeresponseauthentication")) < 0)
		return;
	kbd = &eff->slots[ik];
	cra = &eff->slots[ic];
	if (cra->vals.n == 0 || strcmp(cra->vals.v[0], "yes") != 0 ||
	    kbd->vals.n == 0 || strcmp(kbd->vals.v[0], "yes") == 0 ||
	    (kbd->origin != NULL && kbd->origin->match > 0))
		return;
	strv_cleanup(&kbd->vals);
	strv_init(&kbd->vals);
	strv_push(&kbd->vals, "yes");
	kbd->origin = cra->origin;
}

static void
finalize(struct sshd_effective *eff)
{
	struct slot *s;
	const char *dflt;
	char *p;
	size_t i;

	for (i = 0; i < eff->n; i++) {
		s = &eff->slots[i];
		if (!s->set && (dflt = sshd_kw_default(eff->rows[i],
		    eff->v)) != NULL) {
			if (eff->rows[i]->type >= SSHD_T_ALG_CIPHER &&
			    eff->rows[i]->type <= SSHD_T_ALG_SIG)
				strv_push(&s->vals, dflt);
			else
				push_lines(&s->vals, dflt);
		}
		if (s->vals.n == 0)
			continue;
		if (eff->rows[i]->type == SSHD_T_MAXSTARTUPS &&
		    (p = strstr(s->vals.v[0], ":?:")) != NULL) {
			char *nv = xprintf("%.*s:30:%s",
			    (int)(p - s->vals.v[0]), s->vals.v[0], p + 3);

			free(s->vals.v[0]);
			s->vals.v[0] = nv;
		}
		if (eff->rows[i]->type == SSHD_T_REKEY &&
		    (p = strstr(s->vals.v[0], " -")) != NULL)
			strcpy(p, " 0");
	}
	kbdint_from_cra(eff);
	listen_addrs(eff);
}

int
sshd_effective_new(const struct sshd_config *cfg,
    const struct sshd_match_ctx *ctx, struct sshd_effective **effp,
    struct diag *diag)
{
	struct sshd_effective *eff = NULL;
	struct slot *mo = NULL;
	const struct sshd_kwrow *kw;
	const struct sshd_directive *d;
	size_t i, nm = cfg->matches.n;
	int *mres = NULL, r = SL_ERR_INTERNAL, res;
	char why[512];

	*effp = NULL;
	eff = xcalloc(1, sizeof(*eff));
	eff->v = cfg->version;
	for (kw = sshd_kwtab; kw->spelling != NULL; kw++)
		if (kw->status == SSHD_S_OK && eff->v >= kw->since &&
		    eff->v < kw->until && strcmp(kw->spelling, kw->canon) == 0 &&
		    kw->type != SSHD_T_MATCH && kw->type != SSHD_T_INCLUDE) {
			eff->rows = xreallocarray(eff->rows, eff->n + 1,
			    sizeof(*eff->rows));
			eff->rows[eff->n++] = kw;
		}
	eff->slots = xcalloc(eff->n, sizeof(*eff->slots));
	slots_init(eff->slots, eff->n);

	/* first pass: the global section */
	for (i = 0; i < cfg->ndirs; i++)
		if (cfg->dirs[i].match == 0)
			apply(eff, eff->slots, &cfg->dirs[i]);

	/* second pass: Match blocks for this connection */
	if (ctx != NULL && nm > 0) {
		mres = xcalloc(nm + 1, sizeof(*mres));
		mres[0] = 1;
		for (i = 1; i <= nm; i++) {
			d = NULL;
			if (mres[cfg->match_parent[i]] != 1) {
				mres[i] = 0;	/* SSHCFG_NEVERMATCH */
				continue;
			}
			res = sshd_match_eval(cfg->matches.v[i - 1], ctx, why,
			    sizeof(why));
			if (res < 0) {
				size_t k;

				for (k = 0; k < cfg->ndirs; k++)
					if (cfg->dirs[k].match == (int)i &&
					    cfg->dirs[k].name != NULL &&
					    strcmp(cfg->dirs[k].name,
					    "match") == 0) {
						d = &cfg->dirs[k];
						break;
					}
				if (d != NULL && d->status != SSHD_KW_OK) {
					mres[i] = 0;	/* reported by parse */
					continue;
				}
				diag_error(diag, d ? d->file : NULL,
				    d ? d->line : 0, "%s", why);
				r = SL_ERR_USAGE;
				goto out;
			}
			mres[i] = res;
		}
		mo = xcalloc(eff->n, sizeof(*mo));
		slots_init(mo, eff->n);
		for (i = 0; i < cfg->ndirs; i++) {
			d = &cfg->dirs[i];
			if (d->match > 0 && mres[d->match] == 1)
				apply(eff, mo, d);
		}
		for (i = 0; i < eff->n; i++)
			if (mo[i].set && (eff->rows[i]->flags & SSHD_F_MATCH))
				slot_replace(&eff->slots[i], &mo[i].vals,
				    mo[i].origin);
	}
	finalize(eff);
	*effp = eff;
	eff = NULL;
	r = 0;
 out:
	free(mres);
	slots_cleanup(mo, eff != NULL ? eff->n : (*effp)->n);
	free(mo);
	sshd_effective_free(eff);
	return r;
}

void
sshd_effective_free(struct sshd_effective *eff)
{
	if (eff == NULL)
		return;
	slots_cleanup(eff->slots, eff->n);
	free(eff->slots);
	free(eff->rows);
	free(eff);
}

static const struct slot *
find_slot(const struct sshd_effective *eff, const char *name)
{
	const struct sshd_kwrow *kw;
	long i;

	if ((i = row_index(eff, name)) < 0 &&
	    (kw = sshd_kw_lookup(name, eff->v)) != NULL)
		i = row_index(eff, kw->canon);
	return i < 0 ? NULL : &eff->slots[i];
}

const char *
sshd_eff_value(const struct sshd_effective *eff, const char *name)
{
	const struct slot *s = find_slot(eff, name);

	return s == NULL || s->vals.n == 0 ? NULL : s->vals.v[0];
}

const struct strv *
sshd_eff_values(const struct sshd_effective *eff, const char *name)
{
	const struct slot *s = find_slot(eff, name);

	return s == NULL ? NULL : &s->vals;
}

const struct sshd_directive *
sshd_eff_origin(const struct sshd_effective *eff, const char *name)
{
	const struct slot *s = find_slot(eff, name);

	return s == NULL ? NULL : s->origin;
}

int
sshd_eff_print(FILE *f, const struct sshd_effective *eff)
{
	size_t i, j;

	for (i = 0; i < eff->n; i++) {
		if (eff->rows[i]->flags & SSHD_F_NOPRINT)
			continue;
		for (j = 0; j < eff->slots[i].vals.n; j++)
			if (fprintf(f, "%s %s\n", eff->rows[i]->canon,
			    eff->slots[i].vals.v[j]) < 0)
				return SL_ERR_SYSTEM;
	}
	return fflush(f) == 0 ? 0 : SL_ERR_SYSTEM;
}
