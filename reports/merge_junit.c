/*
 * merge_junit.c — `synolint merge` for JUnit XML (libxml2): every shard's
 * <testsuite> (one per host) in name order, renumbered, with the "waivers"
 * suite of the run's own findings last and each of its test cases once.
 * JUnit carries no synolint or rule-set version: only the shape is checked.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "err.h"
#include "merge.h"

#define RUN_SUITE	"waivers"	/* report_junit.c's suite of the run */

static int
is_elem(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* A run suite has no properties: a host suite always has <properties>. */
static int
is_run_suite(xmlNodePtr s, const char *name)
{
	xmlNodePtr c;

	if (strcmp(name, RUN_SUITE) != 0)
		return 0;
	for (c = s->children; c != NULL; c = c->next)
		if (is_elem(c, "properties") && c->children != NULL)
			return 0;
	return 1;
}

static void
set_count(xmlNodePtr n, const char *attr, size_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu", v);
	xmlSetProp(n, BAD_CAST attr, BAD_CAST buf);
}

/* Recounts tests/failures/errors/skipped of a suite from its test cases. */
static void
recount(xmlNodePtr s)
{
	size_t t = 0, f = 0, e = 0, sk = 0;
	xmlNodePtr c, k;

	for (c = s->children; c != NULL; c = c->next) {
		if (!is_elem(c, "testcase"))
			continue;
		t++;
		for (k = c->children; k != NULL; k = k->next) {
			f += is_elem(k, "failure");
			e += is_elem(k, "error");
			sk += is_elem(k, "skipped");
		}
	}
	set_count(s, "tests", t);
	set_count(s, "failures", f);
	set_count(s, "errors", e);
	set_count(s, "skipped", sk);
}

/* Test case name of c equals that of one already in s. */
static int
has_case(xmlNodePtr s, xmlNodePtr c)
{
	xmlChar *name = xmlGetProp(c, BAD_CAST "name");
	xmlNodePtr x;
	int found = 0;

	for (x = s->children; x != NULL && !found && name != NULL; x = x->next)
		if (is_elem(x, "testcase")) {
			xmlChar *n2 = xmlGetProp(x, BAD_CAST "name");

			found = n2 != NULL && xmlStrcmp(n2, name) == 0;
			xmlFree(n2);
		}
	xmlFree(name);
	return found;
}

/* A host test case was waived by the waiver at where ("FILE:LINE"). */
static int
waived_by(xmlNodePtr root, const char *where)
{
	xmlNodePtr s, c, k;
	size_t wl = strlen(where);
	int found = 0;

	for (s = root->children; s != NULL && !found; s = s->next)
		for (c = s->children; c != NULL && !found; c = c->next)
			for (k = c->children; k != NULL && !found; k = k->next) {
				xmlChar *m;
				size_t ml;

				if (!is_elem(k, "skipped") ||
				    (m = xmlGetProp(k, BAD_CAST "message")) == NULL)
					continue;
				/* "waived: ... (until DATE, FILE:LINE)" */
				ml = strlen((const char *)m);
				found = strncmp((const char *)m, "waived: ", 8) ==
				    0 && ml > wl + 2 && m[ml - 1] == ')' &&
				    m[ml - wl - 2] == ' ' &&
				    strncmp((const char *)m + ml - wl - 1, where,
				    wl) == 0;
				xmlFree(m);
			}
	return found;
}

/*
 * Drops from the run suite the stale-waiver cases (WAIVER-002) of waivers
 * that waived a finding in another shard: stale means stale in the fleet.
 */
static void
drop_stale(xmlNodePtr root, xmlNodePtr run)
{
	static const char prefix[] = "WAIVER-002 waiver:";
	xmlNodePtr c, next;

	for (c = run->children; c != NULL; c = next) {
		xmlChar *name;

		next = c->next;
		if (!is_elem(c, "testcase") ||
		    (name = xmlGetProp(c, BAD_CAST "name")) == NULL)
			continue;
		if (strncmp((const char *)name, prefix, sizeof(prefix) - 1) ==
		    0 && waived_by(root, (const char *)name +
		    sizeof(prefix) - 1)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		xmlFree(name);
	}
}

struct suite {
	xmlNodePtr	 node;
	char		*name;
	size_t		 seq;
	size_t		 input;
};

static int
cmp_suite(const void *a, const void *b)
{
	const struct suite *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
merge_junit(const struct merge_input *in, size_t n, struct sbuf *out,
    struct diag *d)
{
	xmlDocPtr *docs = calloc(n, sizeof(*docs)), od = NULL;
	xmlNodePtr oroot, run = NULL, s, c;
	struct suite *sv = NULL;
	size_t i, ns = 0, cap = 0;
	xmlChar *mem = NULL;
	int r = SL_ERR_PARSE, len = 0;

	if (docs == NULL) {
		r = SL_ERR_ALLOC;
		goto out;
	}
	for (i = 0; i < n; i++) {
		xmlNodePtr root;

		docs[i] = xmlReadMemory(in[i].data, (int)in[i].len, in[i].name,
		    NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS |
		    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (docs[i] == NULL) {
			const xmlError *e = xmlGetLastError();
			const char *m = e != NULL && e->message != NULL ?
			    e->message : "";
			int ml = (int)strcspn(m, "\n");

			diag_error(d, in[i].name, e != NULL ?
			    (unsigned int)e->line : 0, "not well-formed XML%s%.*s",
			    ml > 0 ? ": " : "", ml, m);
			goto out;
		}
		root = xmlDocGetRootElement(docs[i]);
		if (!is_elem(root, "testsuites")) {
			diag_error(d, in[i].name, root != NULL ?
			    (unsigned int)xmlGetLineNo(root) : 1,
			    "not a JUnit report (the root element is <%s>, "
			    "not <testsuites>)", root != NULL ?
			    (const char *)root->name : "nothing");
			goto out;
		}
		for (c = root->children; c != NULL; c = c->next)
			cap += is_elem(c, "testsuite");
	}
	r = SL_ERR_ALLOC;
	if ((sv = calloc(cap + 1, sizeof(*sv))) == NULL ||
	    (od = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (oroot = xmlNewDocNode(od, NULL, BAD_CAST "testsuites", NULL)) ==
	    NULL)
		goto out;
	xmlDocSetRootElement(od, oroot);
	for (i = 0; i < n; i++)
		for (c = xmlDocGetRootElement(docs[i])->children; c != NULL;
		    c = c->next) {
			xmlChar *name;

			if (!is_elem(c, "testsuite"))
				continue;
			if ((name = xmlGetProp(c, BAD_CAST "name")) == NULL) {
				diag_error(d, in[i].name,
				    (unsigned int)xmlGetLineNo(c),
				    "a <testsuite> without a name");
				r = SL_ERR_PARSE;
				goto out;
			}
			sv[ns].node = c;
			sv[ns].name = strdup((const char *)name);
			sv[ns].seq = ns;
			sv[ns].input = i;
			xmlFree(name);
			if (sv[ns++].name == NULL)
				goto out;
		}
	if (ns > 1)
		qsort(sv, ns, sizeof(*sv), cmp_suite);
	for (i = 0; i < ns; i++) {
		if (is_run_suite(sv[i].node, sv[i].name)) {
			if (run == NULL) {
				run = xmlDocCopyNode(sv[i].node, od, 1);
				continue;
			}
			for (c = sv[i].node->children; c != NULL; c = c->next)
				if (is_elem(c, "testcase") && !has_case(run, c))
					xmlAddChild(run, xmlDocCopyNode(c, od, 1));
			/* keep <system-out/>, <system-err/> last */
			continue;
		}
		if (i + 1 < ns && strcmp(sv[i].name, sv[i + 1].name) == 0 &&
		    !is_run_suite(sv[i + 1].node, sv[i + 1].name)) {
			diag_error(d, NULL, 0, "host %s is in %s and %s: were "
			    "the shards from different --shard N or target "
			    "lists?", sv[i].name, in[sv[i].input].name,
			    in[sv[i + 1].input].name);
			r = SL_ERR_USAGE;
			goto out;
		}
		s = xmlDocCopyNode(sv[i].node, od, 1);
		if (s == NULL)
			goto out;
		xmlAddChild(oroot, s);
	}
	if (run != NULL) {
		xmlNodePtr tail[2] = { NULL, NULL };

		/* system-out/err back after the test cases added */
		for (c = run->children; c != NULL; c = c->next) {
			if (is_elem(c, "system-out"))
				tail[0] = c;
			if (is_elem(c, "system-err"))
				tail[1] = c;
		}
		for (i = 0; i < 2; i++)
			if (tail[i] != NULL) {
				xmlUnlinkNode(tail[i]);
				xmlAddChild(run, tail[i]);
			}
		drop_stale(oroot, run);
		recount(run);
		if (xmlChildElementCount(run) > 3)	/* properties, out, err */
			xmlAddChild(oroot, run);
		else {
			xmlFreeNode(run);
			run = NULL;
		}
	}
	i = 0;
	for (s = oroot->children; s != NULL; s = s->next)
		if (is_elem(s, "testsuite"))
			set_count(s, "id", i++);
	xmlDocDumpFormatMemoryEnc(od, &mem, &len, "UTF-8", 1);
	if (mem == NULL || len < 0)
		goto out;
	r = sbuf_put(out, mem, (size_t)len);
	if (r == SL_OK && len > 0 && mem[len - 1] != '\n')
		r = sbuf_putc(out, '\n');
	if (r != SL_OK)
		diag_error(d, NULL, 0, "merge: %s", sl_strerror(r));
 out:
	if (r == SL_ERR_ALLOC && d->nerrors == 0)
		diag_error(d, NULL, 0, "merge: out of memory");
	xmlFree(mem);
	if (run != NULL && run->parent == NULL)
		xmlFreeNode(run);
	for (i = 0; sv != NULL && i < ns; i++)
		free(sv[i].name);
	free(sv);
	if (od != NULL)
		xmlFreeDoc(od);
	for (i = 0; docs != NULL && i < n; i++)
		if (docs[i] != NULL)
			xmlFreeDoc(docs[i]);
	free(docs);
	return r;
}
