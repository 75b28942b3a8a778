/*
 * fleet.c — the worker pool and the per-host scan pipeline. Threads share
 * only the read-only rule set and options; the queue position, the done
 * count and the progress line are under one mutex. Each worker writes its
 * own host_result and diag slot, nothing else.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "facts.h"
#include "fleet.h"
#include "log.h"
#include "trust.h"
#include "xmalloc.h"

struct pool {
	pthread_mutex_t		 lock;
	size_t			 next;		/* next index to start */
	size_t			 done;
	size_t			 n;
	int			 progress;
	const char *const	*labels;
	void			(*fn)(size_t, void *);
	void			*arg;
};

/* Called with the lock held. */
static void
show_progress(struct pool *p, const char *label)
{
	if (!p->progress)
		return;
	fprintf(stderr, "\r\033[Ksynolint: %zu/%zu hosts done", p->done, p->n);
	if (label != NULL && p->done < p->n)
		fprintf(stderr, ", started %.60s", label);
	(void)fflush(stderr);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	for (;;) {
		(void)pthread_mutex_lock(&p->lock);
		i = p->next;
		if (i < p->n) {
			p->next++;
			show_progress(p, p->labels != NULL ? p->labels[i] :
			    NULL);
		}
		(void)pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			break;
		p->fn(i, p->arg);
		(void)pthread_mutex_lock(&p->lock);
		p->done++;
		show_progress(p, NULL);
		(void)pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

void
fleet_run(size_t n, int jobs, int progress, const char *const *labels,
    void (*fn)(size_t, void *), void *arg)
{
	struct pool p;
	pthread_t *tids;
	size_t i, nt, started = 0;

	memset(&p, 0, sizeof(p));
	(void)pthread_mutex_init(&p.lock, NULL);
	p.n = n;
	p.fn = fn;
	p.arg = arg;
	p.labels = labels;
	/* -v prints a line per host instead; -q nothing */
	p.progress = progress && n > 1 && isatty(STDERR_FILENO) &&
	    log_get_level() == LOG_INFO;
	nt = jobs < 1 ? 1 : (size_t)jobs;
	if (nt > n)
		nt = n;
	tids = xcalloc(nt > 0 ? nt : 1, sizeof(*tids));
	/* One worker is this thread; the rest are new ones. */
	for (i = 1; i < nt; i++)
		if (pthread_create(&tids[i], NULL, worker, &p) == 0)
			started++;
		else
			break;		/* fewer workers still finish the queue */
	(void)worker(&p);
	for (i = 1; i <= started; i++)
		(void)pthread_join(tids[i], NULL);
	if (p.progress) {
		fprintf(stderr, "\r\033[K");
		(void)fflush(stderr);
	}
	free(tids);
	(void)pthread_mutex_destroy(&p.lock);
}

struct scan_job {
	const struct acquire_ctx	*ctx;
	const struct ruleset		*rs;
	const struct engine_opts	*eo;
	struct scan_result		*sr;
	struct diag			*diags;	/* one per host */
	size_t				 first;	/* host index of target 0 */
	struct trust_host		**keys;	/* one per host (NULL: failed) */
	int				 defer;	/* fleet rules run after all hosts */
	fleet_host_hook			 hook;	/* may be NULL */
	void				*hook_arg;
};

static void
host_error(struct host_result *h, int r, struct diag *d)
{
	size_t i;

	h->status = r != SL_OK ? r : SL_ERR_INTERNAL;
	/*
	 * The first error names the cause, except past a limit: parsing
	 * went on after earlier (non-fatal) errors and stopped at the last.
	 */
	for (i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[r == SL_ERR_TOO_LARGE ?
		    d->n - 1 - i : i];
		size_t ll = strlen(h->name);

		if (e->level != DIAG_ERROR)
			continue;
		if (e->file != NULL)
			h->error = diag_format(e);
		else if (strncmp(e->msg, h->name, ll) == 0 &&
		    strncmp(e->msg + ll, ": ", 2) == 0)
			h->error = xstrdup(e->msg + ll + 2);	/* no "host: " twice */
		else
			h->error = xstrdup(e->msg);
		break;
	}
	if (h->error == NULL)
		h->error = xstrdup(sl_strerror(h->status));
}

/* -v: one line per host with where its time went. */
static void
log_times(const char *host, const struct acquire_times *tm, long long eval_ms,
    int r)
{
	char conn[96] = "";

	if (log_get_level() < LOG_VERBOSE)
		return;
	if (tm->connect_ms >= 0)
		snprintf(conn, sizeof(conn), "connect %lld ms, auth %lld ms, ",
		    tm->connect_ms, tm->auth_ms);
	if (tm->round_trips > 0)
		verbose("host %s: %scollect %lld ms in %u round trip%s (%zu "
		    "bytes), evaluate %lld ms%s", host, conn, tm->collect_ms,
		    tm->round_trips, tm->round_trips == 1 ? "" : "s", tm->bytes,
		    eval_ms, r == SL_OK ? "" : " (failed)");
	else if (tm->collect_ms >= 0)
		verbose("host %s: %sread %lld ms, evaluate %lld ms%s", host, conn,
		    tm->collect_ms, eval_ms, r == SL_OK ? "" : " (failed)");
}

static void
scan_one(size_t i, void *arg)
{
	struct scan_job *j = arg;
	const struct cli_target *t = &j->ctx->opts->targets[i];
	struct host_result *h = &j->sr->hosts[j->first + i];
	struct diag *d = &j->diags[i];
	struct facts *f = NULL;
	struct acquire_times tm;
	long long t0, eval_ms = 0;
	int r;

	r = acquire_facts_timed(j->ctx, t, &f, &tm, d);
	t0 = log_mono_ms();
	if (r == SL_OK)
		r = engine_eval_host(j->rs, f, j->eo, j->defer,
		    &h->findings);
	eval_ms = log_mono_ms() - t0;
	log_times(h->name, &tm, eval_ms, r);
	if (tm.host_key[0] != '\0') {	/* connected: what was verified */
		h->ssh_host_key = xstrdup(tm.host_key);
		h->ssh_server = xstrdup(tm.server);
	}
	if (r == SL_OK)
		j->keys[i] = trust_host_build(f, h->name, trust_now());
	if (r != SL_OK) {
		host_error(h, r, d);
	} else {
		if (f->host.openssh_version != NULL)
			h->openssh_version = xstrdup(f->host.openssh_version);
		if (f->host.dsm_version != NULL)
			h->dsm_version = xstrdup(f->host.dsm_version);
		findings_sort(&h->findings);
		if (j->hook != NULL)
			j->hook(i, f, h, j->hook_arg);
	}
	facts_free(f);
}

/*
 * Joins every scanned host's keys into sr->trust (the reports draw it) and,
 * when defer is set, runs the fleet rules over it. Takes keys.
 */
static void
fleet_keys_pass(const struct ruleset *rs, const struct engine_opts *eo,
    struct scan_result *sr, size_t first, struct trust_host **keys, size_t n,
    int defer)
{
	struct trust_host **hosts = xcalloc(n + 1, sizeof(*hosts));
	size_t *hidx = xcalloc(n + 1, sizeof(*hidx));
	size_t i, nh = 0;

	for (i = 0; i < n; i++)
		if (keys[i] != NULL) {
			hidx[nh] = first + i;
			hosts[nh++] = keys[i];
		}
	free(keys);
	trust_map_free(sr->trust);
	sr->trust = trust_map_new(hosts, nh);
	for (i = 0; defer && i < nh; i++) {
		struct host_result *h = &sr->hosts[hidx[i]];

		(void)engine_eval_fleet(rs, sr->trust, i, eo, &h->findings);
		findings_sort(&h->findings);
	}
	free(hidx);
}

void
fleet_scan(const struct acquire_ctx *ctx, const struct ruleset *rs,
    const struct engine_opts *eo, struct scan_result *sr)
{
	fleet_scan_hook(ctx, rs, eo, sr, NULL, NULL);
}

void
fleet_scan_hook(const struct acquire_ctx *ctx, const struct ruleset *rs,
    const struct engine_opts *eo, struct scan_result *sr,
    fleet_host_hook hook, void *arg)
{
	const struct cli_opts *o = ctx->opts;
	struct scan_job j;
	const char **labels;
	size_t i, first = sr->nhosts;

	labels = xcalloc(o->ntargets + 1, sizeof(*labels));
	for (i = 0; i < o->ntargets; i++) {
		labels[i] = acquire_label(&o->targets[i]);
		(void)scan_result_add_host(sr, labels[i]);
	}
	j.ctx = ctx;
	j.rs = rs;
	j.eo = eo;
	j.sr = sr;
	j.first = first;
	j.hook = hook;
	j.hook_arg = arg;
	j.diags = xcalloc(o->ntargets + 1, sizeof(*j.diags));
	for (i = 0; i < o->ntargets; i++)
		diag_init(&j.diags[i]);
	verbose("scanning %zu host%s, up to %d at once", o->ntargets,
	    o->ntargets == 1 ? "" : "s", o->jobs < 1 ? 1 : o->jobs);
	/* No more hosts are added: the workers' pointers stay valid. */
	/*
	 * Fleet rules judge every host's keys together: with several hosts
	 * each worker keeps a summary of its host's keys (not its facts) and
	 * the rules run once all are in, their findings going to the host
	 * they judge. One host is judged alone, inside engine_eval. Either
	 * way the summaries end up in sr->trust for the reports.
	 */
	j.defer = o->ntargets > 1 && engine_has_fleet_rules(rs, eo);
	j.keys = xcalloc(o->ntargets + 1, sizeof(*j.keys));
	fleet_run(o->ntargets, o->jobs, 1, labels, scan_one, &j);
	fleet_keys_pass(rs, eo, sr, first, j.keys, o->ntargets, j.defer);
	for (i = 0; i < o->ntargets; i++) {
		struct host_result *h = &sr->hosts[first + i];
		size_t k;

		if (h->status != SL_OK)
			sl_host_error(h->name, "could not be scanned: %s",
			    h->error);
		for (k = 0; k < j.diags[i].n; k++)
			if (j.diags[i].v[k].level != DIAG_ERROR) {
				char *line = diag_format(&j.diags[i].v[k]);

				verbose("%s", line);
				free(line);
			}
		diag_cleanup(&j.diags[i]);
	}
	free(j.diags);
	free(labels);
}
