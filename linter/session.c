/* session.c — the session object and its dispatch to a backend's ops. */
#include <stdlib.h>

#include "err.h"
#include "session.h"
#include "xmalloc.h"

struct session {
	const struct session_ops *ops;
	void		*priv;		/* backend state */
	char		*root;		/* root sessions: resolved directory */
	char		*label;		/* NULL: backend's */
	int		 timeout_s;
	unsigned int	 nexec;		/* round trips so far (-v) */
};

struct session *
session_new(const struct session_ops *ops, void *priv,
    const struct session_opts *opts)
{
	struct session *s = xcalloc(1, sizeof(*s));

	s->ops = ops;
	s->priv = priv;
	s->timeout_s = SESSION_DEFAULT_TIMEOUT;
	if (opts != NULL && opts->timeout_s > 0)
		s->timeout_s = opts->timeout_s;
	if (opts != NULL && opts->label != NULL)
		s->label = xstrdup(opts->label);
	return s;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	if (s->ops != NULL && s->ops->close != NULL)
		s->ops->close(s);
	free(s->root);
	free(s->label);
	free(s);
}

int
session_exec(struct session *s, const char *const argv[],
    const struct sbuf *input, struct exec_result *res)
{
	if (s == NULL || s->ops == NULL || s->ops->exec == NULL ||
	    argv == NULL || argv[0] == NULL || res == NULL || res->out == NULL)
		return SL_ERR_INTERNAL;
	res->status = -1;
	sbuf_reset(res->out);
	if (res->err != NULL)
		sbuf_reset(res->err);
	s->nexec++;
	return s->ops->exec(s, argv, input, res);
}

unsigned int
session_exec_count(const struct session *s)
{
	return s != NULL ? s->nexec : 0;
}

const char *
session_name(const struct session *s)
{
	return s->ops->name;
}

const char *
session_root(const struct session *s)
{
	return s->root;
}

const char *
session_label(const struct session *s)
{
	if (s->label != NULL)
		return s->label;
	if (s->root != NULL)
		return s->root;
	return s->ops->name;
}

int
session_timeout(const struct session *s)
{
	return s->timeout_s;
}

void *
session_priv(const struct session *s)
{
	return s->priv;
}

void
session_set_root(struct session *s, const char *dir)
{
	free(s->root);
	s->root = dir != NULL ? xstrdup(dir) : NULL;
}
