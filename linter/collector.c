/*
 * collector.c — one run of the embedded collector on a session: build the
 * argv, send the script on stdin, bound what comes back, and turn failures
 * into one-line diagnostics naming the host.
 */
#include <stdlib.h>
#include <string.h>

#include "become.h"
#include "collector.h"
#include "embedded.h"
#include "err.h"
#include "sl_limits.h"
#include "session.h"
#include "xmalloc.h"

#define COLLECTOR_MAGIC	"synolint-bundle\t"

const char **
collector_argv(const char *session_name, const char *root)
{
	const char **argv = xcalloc(8, sizeof(*argv));
	size_t n = 0;

	argv[n++] = "/bin/sh";
	argv[n++] = "-s";
	argv[n++] = "--";
	argv[n++] = "--session";
	argv[n++] = session_name;
	if (root != NULL) {
		argv[n++] = "--root";
		argv[n++] = root;
	}
	argv[n] = NULL;
	return argv;
}

/* The first line of s (at most 200 bytes), printable, for a diagnostic. */
static char *
first_line(const struct sbuf *s)
{
	size_t i, n = 0;
	char *line;

	if (s == NULL || s->len == 0)
		return xstrdup("no output on stderr");
	while (n < s->len && n < 200 && s->data[n] != '\n')
		n++;
	line = xstrndup(s->data, n);
	for (i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	return line;
}

int
collector_run(struct session *s, const char *root, struct sbuf *bundle_out,
    struct diag *d)
{
	struct sbuf script, err;
	struct exec_result res;
	const char **argv = NULL;
	const char *label;
	char *msg = NULL;
	int r = SL_ERR_INTERNAL;

	sbuf_init(&script, 0);
	sbuf_init(&err, SL_MAX_STDERR);
	if (s == NULL || bundle_out == NULL) {
		r = SL_ERR_INTERNAL;
		goto out;
	}
	label = session_label(s);
	if (root == NULL)
		root = session_root(s);
	if (root != NULL && root[0] != '/') {
		diag_error(d, NULL, 0, "%s: root directory must be absolute: %s",
		    label, root);
		r = SL_ERR_USAGE;
		goto out;
	}
	sbuf_reset(bundle_out);
	if (bundle_out->max == 0 || bundle_out->max > SL_MAX_BUNDLE)
		bundle_out->max = SL_MAX_BUNDLE;
	if ((r = sbuf_put(&script, sl_collector_sh, sl_collector_sh_len)) != SL_OK)
		goto out;
	argv = collector_argv(session_name(s), root);
	res.out = bundle_out;
	res.err = &err;
	res.status = -1;
	r = session_exec(s, argv, &script, &res);
	if (r != SL_OK) {
		if (r == SL_ERR_TOO_LARGE)
			diag_error(d, NULL, 0, "%s: collector output exceeds "
			    "%u bytes", label, (unsigned int)SL_MAX_BUNDLE);
		else if (r == SL_ERR_TIMEOUT)
			diag_error(d, NULL, 0, "%s: collector timed out after "
			    "%d s", label, session_timeout(s));
		else if (r == SL_ERR_LOST)
			diag_error(d, NULL, 0, "%s: connection lost after %zu "
			    "bytes of collector output", label,
			    bundle_out->len);
		else
			diag_error(d, NULL, 0, "%s: cannot run the collector: "
			    "%s", label, sl_strerror(r));
		goto out;
	}
	if (res.status != 0) {
		/* Under --become, sudo's refusal is the reason, if it said so. */
		if ((msg = become_sudo_message(err.data, err.len)) == NULL)
			msg = first_line(&err);
		diag_error(d, NULL, 0, "%s: collector exited with status %d: %s",
		    label, res.status, msg);
		r = SL_ERR_REMOTE;
		goto out;
	}
	if (bundle_out->len < strlen(COLLECTOR_MAGIC) ||
	    memcmp(bundle_out->data, COLLECTOR_MAGIC,
	    strlen(COLLECTOR_MAGIC)) != 0) {
		diag_error(d, NULL, 0, "%s: collector output is not a bundle",
		    label);
		r = SL_ERR_PARSE;
		goto out;
	}
	if (err.len > 0) {
		msg = first_line(&err);
		diag_warn(d, NULL, 0, "%s: collector: %s", label, msg);
	}
	r = SL_OK;
 out:
	free(msg);
	free(argv);
	sbuf_cleanup(&script);
	sbuf_cleanup(&err);
	return r;
}
