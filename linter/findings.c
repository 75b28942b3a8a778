/* findings.c — per-host finding vectors and the scan result that holds them. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "findings.h"
#include "trust.h"
#include "xmalloc.h"

void
findings_init(struct findings *f)
{
	memset(f, 0, sizeof(*f));
}

static void
finding_cleanup(struct finding *f)
{
	free(f->object);
	free(f->message);
	free(f->evidence);
	free(f->loc_file);
	free(f->fix);
	free(f->fix_path);
	if (f->waiver != NULL) {
		free(f->waiver->file);
		free(f->waiver->expires);
		free(f->waiver->justification);
		free(f->waiver);
	}
}

void
findings_cleanup(struct findings *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		finding_cleanup(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

struct finding *
findings_add(struct findings *f, const struct rule *rule, const char *object,
    enum verdict verdict, const char *message)
{
	struct finding *x;

	if (f->n == f->cap) {
		f->cap = f->cap == 0 ? 16 : f->cap * 2;
		f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
	}
	x = &f->v[f->n++];
	memset(x, 0, sizeof(*x));
	x->rule = rule;
	x->object = xstrdup(object);
	x->verdict = verdict;
	x->message = message != NULL ? xstrdup(message) : NULL;
	return x;
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	c = strcmp(x->rule->id, y->rule->id);
	if (c != 0)
		return c;
	c = strcmp(x->object, y->object);
	if (c != 0)
		return c;
	if (x->loc_line != y->loc_line)
		return x->loc_line < y->loc_line ? -1 : 1;
	return strcmp(x->message != NULL ? x->message : "",
	    y->message != NULL ? y->message : "");
}

void
findings_sort(struct findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), cmp_finding);
}

void
scan_result_init(struct scan_result *sr, const struct ruleset *rules)
{
	memset(sr, 0, sizeof(*sr));
	sr->rules = rules;
	sr->fail_on = SEV_LOW;
	findings_init(&sr->run_findings);
}

void
host_fix_free(struct host_fix *hf)
{
	size_t i;

	if (hf == NULL)
		return;
	for (i = 0; i < hf->n; i++) {
		free(hf->v[i].state);
		free(hf->v[i].rule_id);
		free(hf->v[i].object);
		free(hf->v[i].detail);
	}
	for (i = 0; i < hf->nbackups; i++)
		free(hf->backups[i]);
	free(hf->v);
	free(hf->backups);
	free(hf->outcome);
	free(hf->message);
	free(hf->rollback);
	free(hf);
}

void
scan_result_cleanup(struct scan_result *sr)
{
	size_t i;

	if (sr == NULL)
		return;
	for (i = 0; i < sr->nhosts; i++) {
		struct host_result *h = &sr->hosts[i];

		free(h->name);
		free(h->error);
		free(h->openssh_version);
		free(h->dsm_version);
		findings_cleanup(&h->findings);
		host_fix_free(h->fix);
		free(h->ssh_server);
		free(h->ssh_host_key);
	}
	free(sr->hosts);
	sr->hosts = NULL;
	sr->nhosts = sr->cap = 0;
	findings_cleanup(&sr->run_findings);
	sr->waivers = NULL;
	trust_map_free(sr->trust);
	sr->trust = NULL;
}

struct host_result *
scan_result_add_host(struct scan_result *sr, const char *name)
{
	struct host_result *h;

	if (sr->nhosts == sr->cap) {
		sr->cap = sr->cap == 0 ? 4 : sr->cap * 2;
		sr->hosts = xreallocarray(sr->hosts, sr->cap, sizeof(*sr->hosts));
	}
	h = &sr->hosts[sr->nhosts++];
	memset(h, 0, sizeof(*h));
	h->name = xstrdup(name);
	findings_init(&h->findings);
	return h;
}

static size_t
count_fail(const struct findings *f, enum severity sev)
{
	size_t j, n = 0;

	for (j = 0; j < f->n; j++)
		if (f->v[j].verdict == VERDICT_FAIL &&
		    f->v[j].rule->severity >= sev)
			n++;
	return n;
}

size_t
scan_result_count_fail(const struct scan_result *sr, enum severity sev)
{
	size_t i, n;

	n = count_fail(&sr->run_findings, sev);
	for (i = 0; i < sr->nhosts; i++)
		n += count_fail(&sr->hosts[i].findings, sev);
	return n;
}

size_t
scan_result_count_failed_hosts(const struct scan_result *sr)
{
	size_t i, n = 0;

	for (i = 0; i < sr->nhosts; i++)
		if (sr->hosts[i].status != SL_OK)
			n++;
	return n;
}

const char *
verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:
		return "pass";
	case VERDICT_FAIL:
		return "fail";
	case VERDICT_NA:
		return "n/a";
	case VERDICT_WAIVED:
		return "waived";
	case VERDICT_ERROR:
		return "error";
	}
	return "error";
}
