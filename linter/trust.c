/*
 * trust.c — per-host key summaries (trust_host), the edges between them
 * and the chains that reach administrator accounts (trust_map). Every host
 * string is made terminal-safe (utf8_term) when the summary is built, so
 * the writers in trust_out.c only add their format's quoting.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sbuf.h"
#include "trust.h"
#include "utf8.h"
#include "xmalloc.h"

static char *
safe(const char *s)
{
	return s != NULL ? utf8_term(s) : NULL;
}

static int
login_ok(const struct user_fact *u)
{
	return u->can_login && u->disabled != 1;
}

static void
add_auth(struct trust_host *th, size_t *cap, const struct key_authfile *af,
    const struct authkey_line *l, uint64_t now)
{
	const struct user_fact *u = af->kuser->user;
	struct trust_auth *a;

	if (th->nauths == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		th->auths = xreallocarray(th->auths, *cap, sizeof(*th->auths));
	}
	a = &th->auths[th->nauths++];
	memset(a, 0, sizeof(*a));
	a->user = safe(u->name);
	a->admin = u->is_admin;
	a->file = safe(af->path);
	a->line = l->line;
	memcpy(a->fp, l->key->fp, sizeof(a->fp));
	a->type = l->key->type->label;
	a->bits = l->key->bits;
	a->comment = safe(l->comment);
	a->options = safe(l->options);
	a->from = l->opts.from != NULL;
	a->command = l->opts.command != NULL;
	a->restricted = l->opts.restricted;
	a->usable = 0;
	if (l->status != AK_OK)
		a->unusable_why = "sshd skips the line";
	else if (!af->sshd_reads)
		a->unusable_why = "not in AuthorizedKeysFile";
	else if (!af->kuser->pubkey_auth)
		a->unusable_why = "PubkeyAuthentication no";
	else if (!login_ok(u))
		a->unusable_why = "the account cannot log in";
	else if (!af->kuser->login_allowed)
		a->unusable_why = af->kuser->login_why;
	else if (af->kuser->root_forced && l->opts.command == NULL)
		a->unusable_why = "PermitRootLogin forced-commands-only";
	else if (l->opts.cert_authority)
		a->unusable_why = "a certificate authority";
	else if (l->opts.expiry != 0 && l->opts.expiry <= now)
		a->unusable_why = "expired (expiry-time)";
	else
		a->usable = 1;
}

struct trust_host *
trust_host_build(const struct facts *f, const char *label, uint64_t now)
{
	struct trust_host *th = xcalloc(1, sizeof(*th));
	const struct keys_model *km = f->keys;
	size_t i, j, cap = 0;

	th->label = safe(label != NULL ? label : f->host.name);
	th->name = safe(f->host.hostname != NULL ? f->host.hostname :
	    th->label);
	if (km == NULL)
		return th;
	for (i = 0; i < km->nafiles; i++) {
		const struct key_authfile *af = &km->afiles[i];

		for (j = 0; af->ak != NULL && j < af->ak->n; j++)
			if (af->ak->v[j].key != NULL)
				add_auth(th, &cap, af, &af->ak->v[j], now);
	}
	th->privs = xcalloc(km->nprivs + 1, sizeof(*th->privs));
	for (i = 0; i < km->nprivs; i++) {
		const struct key_privfile *kp = &km->privs[i];
		struct trust_priv *p = &th->privs[th->nprivs++];

		p->user = kp->user != NULL ? safe(kp->user->name) : NULL;
		p->admin = kp->user != NULL && kp->user->is_admin;
		p->path = safe(kp->path);
		p->encrypted = kp->why != NULL ? -1 : kp->info.encrypted;
		p->format = privkey_format_str(kp->info.format);
		if (kp->pub != NULL && kp->pub->key != NULL) {
			p->has_pub = 1;
			memcpy(p->fp, kp->pub->key->fp, sizeof(p->fp));
			p->type = kp->pub->key->type->label;
			p->bits = kp->pub->key->bits;
			p->comment = safe(kp->pub->comment);
		}
	}
	return th;
}

void
trust_host_free(struct trust_host *th)
{
	size_t i;

	if (th == NULL)
		return;
	for (i = 0; i < th->nauths; i++) {
		free(th->auths[i].user);
		free(th->auths[i].file);
		free(th->auths[i].comment);
		free(th->auths[i].options);
	}
	for (i = 0; i < th->nprivs; i++) {
		free(th->privs[i].user);
		free(th->privs[i].path);
		free(th->privs[i].comment);
	}
	free(th->auths);
	free(th->privs);
	free(th->label);
	free(th->name);
	free(th);
}

void
trust_map_init(struct trust_map *m, struct trust_host *const *hosts,
    size_t n)
{
	size_t a, p, b, x, cap = 0;

	memset(m, 0, sizeof(*m));
	m->hosts = hosts;
	m->nhosts = n;
	for (a = 0; a < n; a++)
		for (p = 0; p < hosts[a]->nprivs; p++) {
			const struct trust_priv *pv = &hosts[a]->privs[p];

			if (!pv->has_pub || pv->user == NULL)
				continue;
			for (b = 0; b < n; b++)
				for (x = 0; x < hosts[b]->nauths; x++) {
					const struct trust_auth *au =
					    &hosts[b]->auths[x];

					if (strcmp(au->fp, pv->fp) != 0)
						continue;
					/* the same account: no new access */
					if (a == b && strcmp(au->user,
					    pv->user) == 0)
						continue;
					if (m->nedges == cap) {
						cap = cap == 0 ? 16 : cap * 2;
						m->edges = xreallocarray(
						    m->edges, cap,
						    sizeof(*m->edges));
					}
					m->edges[m->nedges].from_host = a;
					m->edges[m->nedges].from_priv = p;
					m->edges[m->nedges].to_host = b;
					m->edges[m->nedges].to_auth = x;
					m->nedges++;
				}
		}
}

void
trust_map_cleanup(struct trust_map *m)
{
	free(m->edges);
	memset(m, 0, sizeof(*m));
}

struct trust_map *
trust_map_new(struct trust_host **hosts, size_t n)
{
	struct trust_map *m = xcalloc(1, sizeof(*m));

	trust_map_init(m, hosts, n);
	m->owned = hosts;
	return m;
}

void
trust_map_free(struct trust_map *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; m->owned != NULL && i < m->nhosts; i++)
		trust_host_free(m->owned[i]);
	free(m->owned);
	trust_map_cleanup(m);
	free(m);
}

size_t
trust_map_accounts(const struct trust_map *m)
{
	struct strv seen;
	size_t e, n;
	char *id;
	int end;

	strv_init(&seen);
	for (e = 0; e < m->nedges; e++)
		for (end = 0; end < 2; end++) {
			const struct trust_edge *te = &m->edges[e];

			id = end == 0 ? xprintf("%zu:%s", te->from_host,
			    trust_edge_priv(m, te)->user) : xprintf("%zu:%s",
			    te->to_host, trust_edge_auth(m, te)->user);
			if (strv_find(&seen, id) >= 0)
				free(id);
			else
				strv_push_owned(&seen, id);
		}
	n = seen.n;
	strv_cleanup(&seen);
	return n;
}

const struct trust_priv *
trust_edge_priv(const struct trust_map *m, const struct trust_edge *e)
{
	return &m->hosts[e->from_host]->privs[e->from_priv];
}

const struct trust_auth *
trust_edge_auth(const struct trust_map *m, const struct trust_edge *e)
{
	return &m->hosts[e->to_host]->auths[e->to_auth];
}

int
trust_edge_weak(const struct trust_map *m, const struct trust_edge *e)
{
	const struct trust_priv *p = trust_edge_priv(m, e);
	const struct trust_auth *a = trust_edge_auth(m, e);

	return p->encrypted == 0 && a->usable &&
	    !(a->from && (a->command || a->restricted));
}

uint64_t
trust_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	unsigned long long v;

	if (s != NULL && *s >= '0' && *s <= '9') {
		v = strtoull(s, &end, 10);
		if (*end == '\0')
			return (uint64_t)v;
	}
	return (uint64_t)time(NULL);
}

const char *
trust_encrypted_str(int e)
{
	return e == 1 ? "yes" : e == 0 ? "no" : "unknown";
}

/* ---- chains ------------------------------------------------------------ */

/* An account: (host, user). */
struct acct {
	size_t		 host;
	const char	*user;
	int		 admin;
};

struct graph {
	struct acct	*v;
	size_t		 n;
	size_t		 cap;
};

static size_t
acct_id(struct graph *g, size_t host, const char *user, int admin)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->v[i].host == host && strcmp(g->v[i].user, user) == 0) {
			g->v[i].admin |= admin;
			return i;
		}
	if (g->n == g->cap) {
		g->cap = g->cap == 0 ? 16 : g->cap * 2;
		g->v = xreallocarray(g->v, g->cap, sizeof(*g->v));
	}
	g->v[g->n].host = host;
	g->v[g->n].user = user;
	g->v[g->n].admin = admin;
	return g->n++;
}

/* The edge moves an attacker on: passphrase-less key, a shell at the end. */
static int
edge_moves(const struct trust_map *m, const struct trust_edge *e)
{
	const struct trust_priv *p = trust_edge_priv(m, e);
	const struct trust_auth *a = trust_edge_auth(m, e);

	return p->encrypted == 0 && a->usable && !a->from && !a->command;
}

/* Can account u use the key of edge e (its owner, or an admin there)? */
static int
can_use(const struct trust_map *m, const struct acct *u,
    const struct trust_edge *e)
{
	const struct trust_priv *p = trust_edge_priv(m, e);

	if (u->host != e->from_host)
		return 0;
	return strcmp(u->user, p->user) == 0 || u->admin;
}

static const char *
base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/*
 * Puts the owner of a moving key that logs in as nodes[0] in front of the
 * path, if it is not on it yet (and is no administrator of h). Returns 1
 * when it did.
 */
static int
prepend(const struct trust_map *m, struct graph *g, size_t h, size_t *nodes,
    size_t *edge, size_t *np)
{
	const struct acct *first = &g->v[nodes[0]];
	size_t k, i, from;

	for (k = 0; k < m->nedges; k++) {
		const struct trust_edge *e = &m->edges[k];
		const struct trust_priv *p = trust_edge_priv(m, e);

		if (!edge_moves(m, e) || e->to_host != first->host ||
		    strcmp(trust_edge_auth(m, e)->user, first->user) != 0)
			continue;
		from = acct_id(g, e->from_host, p->user, 0);
		if (g->v[from].host == h && g->v[from].admin)
			continue;
		for (i = 0; i < *np && nodes[i] != from; i++)
			;
		if (i < *np)
			continue;
		memmove(nodes + 1, nodes, *np * sizeof(*nodes));
		memmove(edge + 1, edge, *np * sizeof(*edge));
		nodes[0] = from;
		edge[1] = k;
		(*np)++;
		return 1;
	}
	return 0;
}

char *
trust_chain_to(const struct trust_map *m, size_t h, const char *user)
{
	struct graph g;
	size_t *dist = NULL, *via = NULL, *prev = NULL, *queue = NULL;
	size_t i, k, n, qh = 0, qt = 0, target, cur, nsteps;
	size_t *nodes = NULL, *edge = NULL;
	const size_t inf = (size_t)-1;
	struct sbuf b;
	char *s = NULL;

	memset(&g, 0, sizeof(g));
	for (i = 0; i < m->nedges; i++) {
		const struct trust_priv *p = trust_edge_priv(m, &m->edges[i]);
		const struct trust_auth *a = trust_edge_auth(m, &m->edges[i]);

		(void)acct_id(&g, m->edges[i].from_host, p->user, p->admin);
		(void)acct_id(&g, m->edges[i].to_host, a->user, a->admin);
	}
	for (i = 0; i < g.n; i++)
		if (g.v[i].host == h && strcmp(g.v[i].user, user) == 0)
			break;
	if (i == g.n)
		goto out;
	target = i;
	dist = xcalloc(g.n, sizeof(*dist));
	via = xcalloc(g.n, sizeof(*via));
	prev = xcalloc(g.n, sizeof(*prev));
	queue = xcalloc(g.n, sizeof(*queue));
	for (i = 0; i < g.n; i++) {
		/* Every account but the administrators of h may start. */
		dist[i] = g.v[i].host != h || !g.v[i].admin ? 0 : inf;
		if (dist[i] == 0)
			queue[qt++] = i;
	}
	while (qh < qt) {
		cur = queue[qh++];
		for (k = 0; k < m->nedges; k++) {
			const struct trust_edge *e = &m->edges[k];
			size_t to;

			if (!edge_moves(m, e) || !can_use(m, &g.v[cur], e))
				continue;
			to = acct_id(&g, e->to_host,
			    trust_edge_auth(m, e)->user, 0);
			if (dist[to] != inf)
				continue;
			dist[to] = dist[cur] + 1;
			via[to] = k;
			prev[to] = cur;
			queue[qt++] = to;
		}
	}
	if (dist[target] == inf)
		goto out;
	/* nodes[0..n): the path's accounts; edge[i] leads into nodes[i]. */
	nodes = xcalloc(g.n + 1, sizeof(*nodes));
	edge = xcalloc(g.n + 1, sizeof(*edge));
	nsteps = dist[target];
	for (cur = target, k = nsteps + 1; k > 0; k--) {
		nodes[k - 1] = cur;
		edge[k - 1] = via[cur];
		cur = prev[cur];
	}
	n = nsteps + 1;
	/* Show where the chain comes from: walk back while a key leads in. */
	while (n <= g.n && prepend(m, &g, h, nodes, edge, &n))
		;
	sbuf_init(&b, 0);
	(void)sbuf_putf(&b, "%s:%s", m->hosts[g.v[nodes[0]].host]->name,
	    g.v[nodes[0]].user);
	for (k = 1; k < n; k++) {
		const struct trust_edge *e = &m->edges[edge[k]];
		const struct trust_priv *p = trust_edge_priv(m, e);

		if (strcmp(g.v[nodes[k - 1]].user, p->user) == 0)
			(void)sbuf_putf(&b, " -[%s]->", base(p->path));
		else
			(void)sbuf_putf(&b, " -[%s's %s]->", p->user,
			    base(p->path));
		(void)sbuf_putf(&b, " %s:%s", m->hosts[g.v[nodes[k]].host]->name,
		    g.v[nodes[k]].user);
	}
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
 out:
	free(nodes);
	free(edge);
	free(dist);
	free(via);
	free(prev);
	free(queue);
	free(g.v);
	return s;
}
