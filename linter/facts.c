/*
 * facts.c — facts_build() and facts_free(): runs the build steps of
 * facts_host.c, facts_users.c, facts_paths.c and facts_sshd.c over one
 * bundle, which the facts then own.
 */
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "err.h"
#include "facts.h"
#include "facts_priv.h"
#include "xmalloc.h"

char *
facts_own(struct facts_impl *fi, char *s)
{
	strv_push_owned(&fi->owned, s);
	return s;
}

int
facts_build(struct bundle *bundle, const struct facts_opts *opts,
    struct facts **factsp, struct diag *d)
{
	static const struct facts_opts defaults = { NULL, 0 };
	struct facts_impl *fi = NULL;
	int r = SL_ERR_INTERNAL;

	*factsp = NULL;
	if (bundle == NULL) {
		diag_error(d, NULL, 0, "no bundle to build facts from");
		return SL_ERR_USAGE;
	}
	if (opts == NULL)
		opts = &defaults;
	fi = xcalloc(1, sizeof(*fi));
	strv_init(&fi->owned);
	diag_init(&fi->pub.diag);
	strv_init(&fi->pub.synoinfo_keys);
	strv_init(&fi->pub.synoinfo_values);
	fi->pub.bundle = bundle;
	bundle = NULL;

	facts_build_host(fi, opts);
	if ((r = facts_build_users(fi, d)) != 0)
		goto out;
	if ((r = facts_build_paths(fi, d)) != 0)
		goto out;
	if ((r = facts_build_dsm(fi, d)) != 0)
		goto out;
	if ((r = facts_build_sshd(fi)) != 0) {
		/* A limit: this host's scan fails, with the reasons. */
		diag_move(d, &fi->pub.diag);
		goto out;
	}
	*factsp = &fi->pub;
	fi = NULL;
	r = 0;
 out:
	if (fi != NULL)
		facts_free(&fi->pub);
	return r;
}

void
facts_free(struct facts *f)
{
	struct facts_impl *fi = (struct facts_impl *)f;

	if (f == NULL)
		return;
	facts_free_sshd(fi);
	facts_free_dsm(fi);
	facts_free_paths(fi);
	facts_free_users(fi);
	strv_cleanup(&f->synoinfo_keys);
	strv_cleanup(&f->synoinfo_values);
	diag_cleanup(&f->diag);
	bundle_free(f->bundle);
	strv_cleanup(&fi->owned);
	free(fi);
}
