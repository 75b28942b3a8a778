/*
 * trust_out.c — the key inventory and the trust map written out: text for
 * people, JSON (jansson) for tools, Graphviz dot for the picture. Every
 * string was made safe when the trust_host was built; dot adds its quoting.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "err.h"
#include "sbuf.h"
#include "trust.h"
#include "xmalloc.h"

/* A fingerprint and the first place that told its type and comment. */
struct fpent {
	const char	*fp;
	const char	*type;
	unsigned int	 bits;
	const char	*comment;
};

struct inventory {
	struct fpent	*v;
	size_t		 n;
	size_t		 cap;
};

static void
inv_add(struct inventory *inv, const char *fp, const char *type,
    unsigned int bits, const char *comment)
{
	size_t i;

	for (i = 0; i < inv->n; i++)
		if (strcmp(inv->v[i].fp, fp) == 0) {
			if (inv->v[i].comment == NULL)
				inv->v[i].comment = comment;
			return;
		}
	if (inv->n == inv->cap) {
		inv->cap = inv->cap == 0 ? 16 : inv->cap * 2;
		inv->v = xreallocarray(inv->v, inv->cap, sizeof(*inv->v));
	}
	inv->v[inv->n].fp = fp;
	inv->v[inv->n].type = type;
	inv->v[inv->n].bits = bits;
	inv->v[inv->n].comment = comment;
	inv->n++;
}

static int
cmp_fp(const void *a, const void *b)
{
	return strcmp(((const struct fpent *)a)->fp,
	    ((const struct fpent *)b)->fp);
}

/* Every fingerprint of the run (private keys first give the comment). */
static void
inv_build(const struct trust_map *m, struct inventory *inv)
{
	size_t h, i;

	memset(inv, 0, sizeof(*inv));
	for (h = 0; h < m->nhosts; h++)
		for (i = 0; i < m->hosts[h]->nprivs; i++) {
			const struct trust_priv *p = &m->hosts[h]->privs[i];

			if (p->has_pub)
				inv_add(inv, p->fp, p->type, p->bits,
				    p->comment);
		}
	for (h = 0; h < m->nhosts; h++)
		for (i = 0; i < m->hosts[h]->nauths; i++) {
			const struct trust_auth *a = &m->hosts[h]->auths[i];

			inv_add(inv, a->fp, a->type, a->bits, a->comment);
		}
	if (inv->n > 1)
		qsort(inv->v, inv->n, sizeof(*inv->v), cmp_fp);
}

const char *
trust_restriction(const struct trust_auth *a)
{
	if (a->from && (a->command || a->restricted))
		return "restricted";
	if (a->from || a->command || a->restricted)
		return "partly restricted";
	return "unrestricted";
}

const char *
trust_passphrase_str(int encrypted)
{
	return encrypted == 0 ? "none" : encrypted == 1 ? "yes" : "unknown";
}

int
trust_write_text(FILE *fp, const struct trust_map *m)
{
	struct inventory inv;
	size_t k, h, i, nunk = 0;

	inv_build(m, &inv);
	for (k = 0; k < inv.n; k++) {
		const struct fpent *e = &inv.v[k];

		fprintf(fp, "%s %s %u %s\n", e->fp, e->type, e->bits,
		    e->comment != NULL ? e->comment : "(no comment)");
		for (h = 0; h < m->nhosts; h++)
			for (i = 0; i < m->hosts[h]->nauths; i++) {
				const struct trust_auth *a =
				    &m->hosts[h]->auths[i];

				if (strcmp(a->fp, e->fp) != 0)
					continue;
				fprintf(fp, "  authorized  %s user %s%s  %s:%u  "
				    "%s%s%s%s%s\n", m->hosts[h]->name, a->user,
				    a->admin ? " (admin)" : "", a->file,
				    a->line, a->options != NULL ?
				    a->options : "no options", "; ",
				    trust_restriction(a), a->usable ? "" :
				    "; unused: ", a->usable ? "" :
				    a->unusable_why);
			}
		for (h = 0; h < m->nhosts; h++)
			for (i = 0; i < m->hosts[h]->nprivs; i++) {
				const struct trust_priv *p =
				    &m->hosts[h]->privs[i];

				if (!p->has_pub || strcmp(p->fp, e->fp) != 0)
					continue;
				fprintf(fp, "  private     %s %s%s  %s  %s, "
				    "encrypted: %s\n", m->hosts[h]->name,
				    p->user != NULL ? "user " : "host key",
				    p->user != NULL ? p->user : "", p->path,
				    p->format, trust_encrypted_str(p->encrypted));
			}
	}
	for (h = 0; h < m->nhosts; h++)
		for (i = 0; i < m->hosts[h]->nprivs; i++) {
			const struct trust_priv *p = &m->hosts[h]->privs[i];

			if (p->has_pub)
				continue;
			if (nunk++ == 0)
				fprintf(fp, "private keys without a public "
				    "half (no .pub next to them):\n");
			fprintf(fp, "  private     %s %s%s  %s  %s, encrypted: "
			    "%s\n", m->hosts[h]->name, p->user != NULL ?
			    "user " : "host key", p->user != NULL ? p->user :
			    "", p->path, p->format,
			    trust_encrypted_str(p->encrypted));
		}
	fprintf(fp, "trust edges (private key -> account it logs in to): "
	    "%zu\n", m->nedges);
	for (k = 0; k < m->nedges; k++) {
		const struct trust_edge *e = &m->edges[k];
		const struct trust_priv *p = trust_edge_priv(m, e);
		const struct trust_auth *a = trust_edge_auth(m, e);

		fprintf(fp, "  %s:%s %s -> %s:%s%s  %s %s %u, passphrase: %s, "
		    "%s%s%s\n", m->hosts[e->from_host]->name, p->user, p->path,
		    m->hosts[e->to_host]->name, a->user,
		    a->admin ? " (admin)" : "", p->fp, p->type, p->bits,
		    trust_passphrase_str(p->encrypted), trust_restriction(a),
		    a->usable ? "" : "; unused: ",
		    a->usable ? "" : a->unusable_why);
	}
	free(inv.v);
	return ferror(fp) ? SL_ERR_SYSTEM : 0;
}

/* ---- JSON -------------------------------------------------------------- */

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
jauth(const struct trust_host *th, const struct trust_auth *a)
{
	return json_pack("{s:o, s:s, s:b, s:s, s:i, s:o, s:b, s:b, s:b, "
	    "s:s, s:b, s:o}",
	    "host", jstr(th->name), "user", a->user, "admin", a->admin,
	    "file", a->file, "line", (int)a->line, "options", jstr(a->options),
	    "from", a->from, "command", a->command, "restrict", a->restricted,
	    "restriction", trust_restriction(a), "usable", a->usable,
	    "unused_because", jstr(a->usable ? NULL : a->unusable_why));
}

static json_t *
jpriv(const struct trust_host *th, const struct trust_priv *p)
{
	return json_pack("{s:o, s:o, s:b, s:s, s:s, s:o}",
	    "host", jstr(th->name), "user", jstr(p->user),
	    "host_key", p->user == NULL, "path", p->path, "format", p->format,
	    "encrypted", p->encrypted == -1 ? json_null() :
	    json_boolean(p->encrypted));
}

int
trust_write_json(FILE *fp, const struct trust_map *m)
{
	struct inventory inv;
	json_t *root, *keys, *edges, *hosts, *k, *auth, *priv, *nopub;
	size_t e, h, i;
	int r = 0;

	inv_build(m, &inv);
	root = json_object();
	hosts = json_array();
	for (h = 0; h < m->nhosts; h++)
		json_array_append_new(hosts, json_pack("{s:s, s:s}", "name",
		    m->hosts[h]->name, "target", m->hosts[h]->label));
	keys = json_array();
	for (e = 0; e < inv.n; e++) {
		auth = json_array();
		priv = json_array();
		for (h = 0; h < m->nhosts; h++) {
			for (i = 0; i < m->hosts[h]->nauths; i++)
				if (strcmp(m->hosts[h]->auths[i].fp,
				    inv.v[e].fp) == 0)
					json_array_append_new(auth, jauth(
					    m->hosts[h], &m->hosts[h]->auths[i]));
			for (i = 0; i < m->hosts[h]->nprivs; i++)
				if (m->hosts[h]->privs[i].has_pub &&
				    strcmp(m->hosts[h]->privs[i].fp,
				    inv.v[e].fp) == 0)
					json_array_append_new(priv, jpriv(
					    m->hosts[h], &m->hosts[h]->privs[i]));
		}
		k = json_pack("{s:s, s:s, s:i, s:o, s:o, s:o}", "fingerprint",
		    inv.v[e].fp, "type", inv.v[e].type, "bits",
		    (int)inv.v[e].bits, "comment", jstr(inv.v[e].comment),
		    "authorized", auth, "private", priv);
		json_array_append_new(keys, k);
	}
	nopub = json_array();
	for (h = 0; h < m->nhosts; h++)
		for (i = 0; i < m->hosts[h]->nprivs; i++)
			if (!m->hosts[h]->privs[i].has_pub)
				json_array_append_new(nopub, jpriv(m->hosts[h],
				    &m->hosts[h]->privs[i]));
	edges = json_array();
	for (e = 0; e < m->nedges; e++) {
		const struct trust_edge *te = &m->edges[e];
		const struct trust_priv *p = trust_edge_priv(m, te);
		const struct trust_auth *a = trust_edge_auth(m, te);

		json_array_append_new(edges, json_pack("{s:s, s:{s:s, s:s, "
		    "s:s, s:o}, s:{s:s, s:s, s:b, s:s, s:i, s:s, s:b}, s:b}",
		    "fingerprint", p->fp,
		    "from", "host", m->hosts[te->from_host]->name, "user",
		    p->user, "path", p->path, "encrypted", p->encrypted == -1 ?
		    json_null() : json_boolean(p->encrypted),
		    "to", "host", m->hosts[te->to_host]->name, "user", a->user,
		    "admin", a->admin, "file", a->file, "line", (int)a->line,
		    "restriction", trust_restriction(a), "usable", a->usable,
		    "weak", trust_edge_weak(m, te)));
	}
	json_object_set_new(root, "hosts", hosts);
	json_object_set_new(root, "keys", keys);
	json_object_set_new(root, "private_without_public", nopub);
	json_object_set_new(root, "edges", edges);
	if (json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		r = SL_ERR_SYSTEM;
	fputc('\n', fp);
	json_decref(root);
	free(inv.v);
	return r != 0 || ferror(fp) ? SL_ERR_SYSTEM : 0;
}

/* ---- Graphviz ---------------------------------------------------------- */

/* s inside a dot "string": quote and backslash escaped. */
static void
dot_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			fputs("\\n", fp);
			continue;
		}
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
dot_node_id(FILE *fp, size_t h, const char *user)
{
	struct sbuf b;
	char *s;

	sbuf_init(&b, 0);
	(void)sbuf_putf(&b, "h%zu:%s", h, user);
	s = sbuf_steal(&b, NULL);
	sbuf_cleanup(&b);
	dot_str(fp, s);
	free(s);
}

static const char *
base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

int
trust_write_dot(FILE *fp, const struct trust_map *m)
{
	struct strv seen;
	size_t h, e;
	char *id;

	strv_init(&seen);
	fprintf(fp, "digraph trust {\n"
	    "\tgraph [rankdir=LR, fontname=\"Helvetica\", label=\"synolint "
	    "trust map: a private key on one account logs in to another "
	    "(red: passphrase-less and unrestricted; double border: "
	    "administrator)\", labelloc=t, fontsize=11];\n"
	    "\tnode [shape=box, style=rounded, fontname=\"Helvetica\", "
	    "fontsize=10];\n"
	    "\tedge [fontname=\"Helvetica\", fontsize=9];\n");
	for (h = 0; h < m->nhosts; h++) {
		fprintf(fp, "\tsubgraph \"cluster_%zu\" {\n\t\tlabel=", h);
		dot_str(fp, m->hosts[h]->name);
		fprintf(fp, ";\n\t\tstyle=dashed;\n");
		for (e = 0; e < m->nedges; e++) {
			const struct trust_edge *te = &m->edges[e];
			const char *user = NULL;
			int admin = 0, pass;

			for (pass = 0; pass < 2; pass++) {
				if (pass == 0 && te->from_host == h) {
					user = trust_edge_priv(m, te)->user;
					admin = trust_edge_priv(m, te)->admin;
				} else if (pass == 1 && te->to_host == h) {
					user = trust_edge_auth(m, te)->user;
					admin = trust_edge_auth(m, te)->admin;
				} else
					continue;
				id = xprintf("%zu:%s", h, user);
				if (strv_find(&seen, id) >= 0) {
					free(id);
					continue;
				}
				strv_push_owned(&seen, id);
				fprintf(fp, "\t\t");
				dot_node_id(fp, h, user);
				fprintf(fp, " [label=");
				dot_str(fp, user);
				if (admin || strcmp(user, "root") == 0)
					fprintf(fp, ", peripheries=2, "
					    "color=red3, fontcolor=red3, "
					    "penwidth=2");
				fprintf(fp, "];\n");
			}
		}
		fprintf(fp, "\t}\n");
	}
	for (e = 0; e < m->nedges; e++) {
		const struct trust_edge *te = &m->edges[e];
		const struct trust_priv *p = trust_edge_priv(m, te);
		const struct trust_auth *a = trust_edge_auth(m, te);
		char *label;

		label = xprintf("%s %s %u\n%s\npassphrase: %s\n%s", base(p->path),
		    p->type, p->bits, p->fp, trust_passphrase_str(p->encrypted),
		    trust_restriction(a));
		fprintf(fp, "\t");
		dot_node_id(fp, te->from_host, p->user);
		fprintf(fp, " -> ");
		dot_node_id(fp, te->to_host, a->user);
		fprintf(fp, " [label=");
		dot_str(fp, label);
		free(label);
		if (trust_edge_weak(m, te))
			fprintf(fp, ", color=red3, fontcolor=red3, penwidth=2.5");
		if (!a->usable)
			fprintf(fp, ", style=dashed");
		fprintf(fp, "];\n");
	}
	fprintf(fp, "}\n");
	strv_cleanup(&seen);
	return ferror(fp) ? SL_ERR_SYSTEM : 0;
}
