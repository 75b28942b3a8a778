/*
 * report_trustsvg.c — the key trust map as an SVG for the HTML report:
 * trust_write_dot()'s graph handed to Graphviz `dot -Tsvg` (fixed argv, no
 * shell, input and output bounded, killed after a timeout), then the SVG
 * parsed with libxml2 (no network, no DTD, no entities) and rebuilt from an
 * allowlist of drawing elements and attributes: no script, no link, no
 * style sheet, no reference to anything outside the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "err.h"
#include "report_priv.h"
#include "sbuf.h"
#include "session.h"
#include "trust.h"
#include "xmalloc.h"

#define DOT_TIMEOUT_S	20
#define DOT_MAX_OUT	(4u << 20)	/* SVG bytes */
#define DOT_MAX_ERR	(64u << 10)
#define DOT_MAX_EDGES	1000		/* beyond: a table, not a drawing */

/* What Graphviz draws with; everything else is dropped. */
static const char *const svg_elements[] = {
	"svg", "g", "title", "text", "path", "polygon", "polyline",
	"ellipse", "circle", "rect", "line", NULL
};
static const char *const svg_attributes[] = {
	"id", "class", "width", "height", "viewBox", "transform", "x", "y",
	"x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "points", "d",
	"fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
	"stroke-dasharray", "opacity", "font-family", "font-size",
	"font-weight", "font-style", "text-anchor", NULL
};

static int
listed(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/*
 * $SYNOLINT_DOT when set (empty: Graphviz off; else an absolute path),
 * else "dot" in an absolute $PATH directory. NULL with *why when none.
 */
static char *
find_dot(const char **why)
{
	const char *env = getenv("SYNOLINT_DOT"), *path;
	char *dirs, *dir, *save = NULL, *cand;
	struct stat st;

	if (env != NULL) {
		if (*env == '\0') {
			*why = "Graphviz is turned off (SYNOLINT_DOT is empty)";
			return NULL;
		}
		if (*env != '/' || access(env, X_OK) != 0) {
			*why = "SYNOLINT_DOT is not an absolute path to an "
			    "executable";
			return NULL;
		}
		return xstrdup(env);
	}
	path = getenv("PATH");
	dirs = xstrdup(path != NULL ? path : "/usr/bin:/bin");
	for (dir = strtok_r(dirs, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		if (*dir != '/')
			continue;	/* never a relative PATH entry */
		cand = xprintf("%s/dot", dir);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(cand, X_OK) == 0) {
			free(dirs);
			return cand;
		}
		free(cand);
	}
	free(dirs);
	*why = "Graphviz (dot) is not installed";
	return NULL;
}

/* Drops every attribute not allowlisted or whose value points elsewhere. */
static void
clean_attributes(xmlNodePtr n)
{
	xmlAttrPtr a = n->properties, next;
	xmlChar *v;

	for (; a != NULL; a = next) {
		int keep;

		next = a->next;
		keep = a->ns == NULL && listed(svg_attributes,
		    (const char *)a->name);
		if (keep) {
			v = xmlNodeGetContent((xmlNodePtr)a);
			if (v == NULL || strstr((const char *)v, "url(") != NULL ||
			    strchr((const char *)v, '&') != NULL ||
			    strstr((const char *)v, "javascript:") != NULL)
				keep = 0;
			xmlFree(v);
		}
		if (!keep)
			xmlRemoveProp(a);
	}
}

/* Keeps allowlisted elements and text; removes anything else, subtree and all. */
static void
clean_tree(xmlNodePtr n)
{
	xmlNodePtr c, next;

	clean_attributes(n);
	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE)
			continue;
		if (c->type == XML_ELEMENT_NODE &&
		    listed(svg_elements, (const char *)c->name) &&
		    strcmp((const char *)c->name, "svg") != 0) {
			clean_tree(c);
			continue;
		}
		xmlUnlinkNode(c);	/* comments, CDATA, PIs, <a>, <script>... */
		xmlFreeNode(c);
	}
}

/* The SVG's root element, sanitised and serialised; NULL if unusable. */
static char *
sanitize(const char *svg, size_t len)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlBufferPtr buf;
	char *out = NULL;

	if (svg == NULL || len == 0 || len > (size_t)DOT_MAX_OUT)
		return NULL;
	doc = xmlReadMemory(svg, (int)len, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOCDATA);
	if (doc == NULL)
		return NULL;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "svg") != 0 ||
	    root->ns == NULL || strcmp((const char *)root->ns->href,
	    "http://www.w3.org/2000/svg") != 0) {
		xmlFreeDoc(doc);
		return NULL;
	}
	clean_tree(root);
	/* only the SVG namespace is declared (xlink goes) */
	if (root->nsDef != NULL && root->nsDef->next != NULL) {
		xmlNsPtr ns, keep = NULL, nx;

		for (ns = root->nsDef; ns != NULL; ns = nx) {
			nx = ns->next;
			ns->next = NULL;
			if (ns == root->ns)
				keep = ns;
			else
				xmlFreeNs(ns);
		}
		root->nsDef = keep;
	}
	buf = xmlBufferCreate();
	if (buf != NULL && xmlNodeDump(buf, doc, root, 0, 0) > 0)
		out = xstrdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	return out;
}

int
report_trust_dot(const struct trust_map *m, char **dotp, size_t *lenp)
{
	FILE *fp;
	char *s = NULL;
	size_t len = 0;
	int r;

	*dotp = NULL;
	if ((fp = open_memstream(&s, &len)) == NULL)
		return SL_ERR_SYSTEM;
	r = trust_write_dot(fp, m);
	if (fclose(fp) != 0 && r == SL_OK)
		r = SL_ERR_SYSTEM;
	if (r != SL_OK) {
		free(s);
		return r;
	}
	*dotp = s;
	if (lenp != NULL)
		*lenp = len;
	return SL_OK;
}

int
report_trust_svg(const struct trust_map *m, char **svgp, const char **why)
{
	struct sbuf in, out, err;
	struct exec_result res;
	const char *argv[4];
	char *dot, *text = NULL;
	size_t len;
	int r;

	*svgp = NULL;
	if (m->nedges > DOT_MAX_EDGES) {
		*why = "too many key logins to draw";
		return SL_ERR_TOO_LARGE;
	}
	if ((dot = find_dot(why)) == NULL)
		return SL_ERR_NOT_FOUND;
	if ((r = report_trust_dot(m, &text, &len)) != SL_OK) {
		free(dot);
		*why = "cannot build the Graphviz input";
		return r;
	}
	sbuf_init(&in, 0);
	sbuf_init(&out, DOT_MAX_OUT);
	sbuf_init(&err, DOT_MAX_ERR);
	r = sbuf_put(&in, text, len);
	free(text);
	argv[0] = dot;
	argv[1] = "-Tsvg";
	argv[2] = "-q";
	argv[3] = NULL;
	memset(&res, 0, sizeof(res));
	res.out = &out;
	res.err = &err;
	if (r == SL_OK)
		r = session_local_exec(argv, &in, DOT_TIMEOUT_S, &res);
	if (r == SL_ERR_TIMEOUT)
		*why = "Graphviz (dot) timed out";
	else if (r == SL_ERR_TOO_LARGE)
		*why = "Graphviz (dot) wrote too much";
	else if (r != SL_OK || res.status != 0)
		*why = "Graphviz (dot) failed";
	else if ((*svgp = sanitize(out.data, out.len)) == NULL)
		*why = "Graphviz (dot) wrote no usable SVG";
	if (r == SL_OK && *svgp == NULL)
		r = SL_ERR_PARSE;
	sbuf_cleanup(&in);
	sbuf_cleanup(&out);
	sbuf_cleanup(&err);
	free(dot);
	return r;
}
