/*
 * sshd_edit.c — edits sshd_config the way a careful admin does: a directive
 * that is set is changed in place in the file that sets it (the first value
 * wins, Includes followed), one that is not is inserted before the first
 * Match block of the main file (above the comment lines that introduce it),
 * never inside a block. Comments, blank lines and the rest of every line
 * are kept; asking for a value that is already in effect changes nothing.
 * Operations are queued per line and every changed file is rendered at
 * once, so line numbers from the parser stay valid.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "fix.h"
#include "sbuf.h"
#include "sshd_priv.h"
#include "xmalloc.h"

enum line_op { OP_REPLACE, OP_INSERT_BEFORE, OP_APPEND };

struct edit_op {
	enum line_op	 op;
	unsigned int	 line;		/* 1-based; OP_APPEND: unused */
	char		*text;		/* without newline */
};

struct edit_file {
	char		*path;
	const char	*data;		/* borrowed */
	const char	*tag;		/* the editor's current tag */
	size_t		 len;
	struct edit_op	*ops;
	size_t		 nops;
	struct strv	 tags;		/* rule ids that queued ops here */
};

struct sshd_editor {
	const struct sshd_config *cfg;
	char		*main_path;
	int		 version;
	const char	*(*read)(void *, const char *, size_t *);
	void		*arg;
	struct edit_file *files;
	size_t		 nfiles;
	const char	*tag;
};

struct sshd_editor *
sshd_editor_new(const struct sshd_config *cfg, const char *main_path,
    int openssh_version, const char *(*read)(void *, const char *, size_t *),
    void *arg)
{
	struct sshd_editor *ed = xcalloc(1, sizeof(*ed));

	ed->cfg = cfg;
	ed->main_path = xstrdup(main_path);
	ed->version = openssh_version;
	ed->read = read;
	ed->arg = arg;
	return ed;
}

void
sshd_editor_free(struct sshd_editor *ed)
{
	size_t i, j;

	if (ed == NULL)
		return;
	for (i = 0; i < ed->nfiles; i++) {
		for (j = 0; j < ed->files[i].nops; j++)
			free(ed->files[i].ops[j].text);
		free(ed->files[i].ops);
		free(ed->files[i].path);
		strv_cleanup(&ed->files[i].tags);
	}
	free(ed->files);
	free(ed->main_path);
	free(ed);
}

static struct edit_file *
file_get(struct sshd_editor *ed, const char *path)
{
	struct edit_file *f;
	const char *data;
	size_t i, len = 0;

	for (i = 0; i < ed->nfiles; i++)
		if (strcmp(ed->files[i].path, path) == 0) {
			ed->files[i].tag = ed->tag;
			return &ed->files[i];
		}
	if ((data = ed->read(ed->arg, path, &len)) == NULL)
		return NULL;
	ed->files = xreallocarray(ed->files, ed->nfiles + 1,
	    sizeof(*ed->files));
	f = &ed->files[ed->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	strv_init(&f->tags);
	f->data = data;
	f->len = len;
	f->tag = ed->tag;
	return f;
}

void
sshd_editor_tag(struct sshd_editor *ed, const char *rule_id)
{
	ed->tag = rule_id;
}

const struct strv *
sshd_editor_tags(const struct sshd_editor *ed, const char *path)
{
	size_t i;

	for (i = 0; i < ed->nfiles; i++)
		if (strcmp(ed->files[i].path, path) == 0)
			return ed->files[i].tags.n > 0 ? &ed->files[i].tags :
			    NULL;
	return NULL;
}

static void
op_add(struct edit_file *f, enum line_op op, unsigned int line, char *text)
{
	struct edit_op *o;

	if (f->tag != NULL && strv_find(&f->tags, f->tag) < 0)
		strv_push(&f->tags, f->tag);
	f->ops = xreallocarray(f->ops, f->nops + 1, sizeof(*f->ops));
	o = &f->ops[f->nops++];
	o->op = op;
	o->line = line;
	o->text = text;
}

/* Line n (1-based) of data: start and length without the newline. */
static int
line_at(const char *data, size_t len, unsigned int n, const char **sp,
    size_t *lenp)
{
	const char *p = data, *end = data + len, *nl;
	unsigned int i;

	for (i = 1; p < end; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (i == n) {
			*sp = p;
			*lenp = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
			return 0;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return -1;
}

/* The spelling to write for keyword at this version (aliases renamed). */
static const char *
spelling_for(const char *keyword, int v, const struct sshd_kwrow **rowp)
{
	static const char *const aliases[][2] = {
		{ "PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes" },
		{ "PubkeyAcceptedKeyTypes", "PubkeyAcceptedAlgorithms" },
		{ "KbdInteractiveAuthentication",
		  "ChallengeResponseAuthentication" },
		{ NULL, NULL }
	};
	size_t i;

	if ((*rowp = sshd_kw_lookup(keyword, v)) != NULL)
		return keyword;
	for (i = 0; aliases[i][0] != NULL; i++)
		if (strcasecmp(aliases[i][0], keyword) == 0 &&
		    (*rowp = sshd_kw_lookup(aliases[i][1], v)) != NULL)
			return aliases[i][1];
	return NULL;
}

/*
 * The directive's line rewritten to "KEYWORD VALUE", keeping its indent,
 * its keyword as written and a trailing comment.
 */
static char *
rewrite_line(const char *s, size_t len, const char *keyword,
    const char *value)
{
	size_t ind = 0, k, c;
	const char *comment = NULL;
	struct sbuf b;

	while (ind < len && (s[ind] == ' ' || s[ind] == '\t'))
		ind++;
	k = ind;
	while (k < len && s[k] != ' ' && s[k] != '\t' && s[k] != '=')
		k++;
	/* a '#' that starts a word after the keyword starts a comment */
	for (c = k; c < len; c++)
		if (s[c] == '#' && (s[c - 1] == ' ' || s[c - 1] == '\t')) {
			comment = s + c;
			break;
		}
	sbuf_init(&b, 0);
	(void)sbuf_put(&b, s, ind);
	if (k > ind)
		(void)sbuf_put(&b, s + ind, k - ind);
	else
		(void)sbuf_puts(&b, keyword);
	(void)sbuf_putf(&b, " %s", value);
	if (comment != NULL)
		(void)sbuf_putf(&b, " %.*s", (int)(len - (size_t)(comment - s)),
		    comment);
	return sbuf_steal(&b, NULL);
}

/* The directive's arguments without a trailing comment, trimmed. */
static int
args_equal(const char *args, const char *value)
{
	struct strv a, b;
	size_t i;
	int eq;

	strv_init(&a);
	strv_init(&b);
	eq = sshd_argv_split(args, &a) == 0 &&
	    sshd_argv_split(value, &b) == 0 && a.n == b.n;
	for (i = 0; eq && i < a.n; i++)
		eq = strcasecmp(a.v[i], b.v[i]) == 0;
	strv_cleanup(&a);
	strv_cleanup(&b);
	return eq;
}

/* Queues "edit d to value" unless it already says so. */
static int
edit_in_place(struct sshd_editor *ed, const struct sshd_directive *d,
    const char *keyword, const char *value)
{
	struct edit_file *f;
	const char *s;
	size_t len;

	if (args_equal(d->args, value))
		return 0;
	if ((f = file_get(ed, d->file)) == NULL ||
	    line_at(f->data, f->len, d->line, &s, &len) != 0)
		return SL_ERR_NOT_FOUND;
	op_add(f, OP_REPLACE, d->line, rewrite_line(s, len, keyword, value));
	return 1;
}

static int
is_comment(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && isspace((unsigned char)s[i]))
		i++;
	return i < len && s[i] == '#';
}

/*
 * Where a new global line goes in the main file: before its first Match
 * line, moved up over the comment lines directly above it; 0: at the end.
 */
static unsigned int
insert_line(struct sshd_editor *ed, struct edit_file *f)
{
	const struct sshd_directive *d;
	unsigned int at = 0;
	const char *s;
	size_t i, len;

	for (i = 0; i < ed->cfg->ndirs; i++) {
		d = &ed->cfg->dirs[i];
		if (strcmp(d->file, ed->main_path) == 0 && d->name != NULL &&
		    strcmp(d->name, "match") == 0) {
			at = d->line;
			break;
		}
	}
	while (at > 1 && line_at(f->data, f->len, at - 1, &s, &len) == 0 &&
	    is_comment(s, len))
		at--;
	return at;
}

/* Ops queued so far per file, to undo a call that failed half-way. */
static size_t *
mark_ops(const struct sshd_editor *ed, size_t *nfilesp)
{
	size_t *m = xcalloc(ed->nfiles + 1, sizeof(*m)), i;

	for (i = 0; i < ed->nfiles; i++)
		m[i] = ed->files[i].nops;
	*nfilesp = ed->nfiles;
	return m;
}

/* Drops every op queued after mark_ops() (files opened since keep none). */
static void
undo_ops(struct sshd_editor *ed, const size_t *m, size_t nfiles)
{
	size_t i, j, keep;

	for (i = 0; i < ed->nfiles; i++) {
		keep = i < nfiles ? m[i] : 0;
		for (j = keep; j < ed->files[i].nops; j++)
			free(ed->files[i].ops[j].text);
		if (ed->files[i].nops > keep)
			ed->files[i].nops = keep;
	}
}

static int set_ops(struct sshd_editor *, const char *, const char *,
    const char *const *, const unsigned int *, size_t);

int
sshd_editor_set(struct sshd_editor *ed, const char *keyword,
    const char *value, const char *const *fix_files,
    const unsigned int *fix_lines, size_t nfix)
{
	size_t nfiles, *m = mark_ops(ed, &nfiles);
	int r;

	if ((r = set_ops(ed, keyword, value, fix_files, fix_lines, nfix)) < 0)
		undo_ops(ed, m, nfiles);
	free(m);
	return r;
}

static int
set_ops(struct sshd_editor *ed, const char *keyword,
    const char *value, const char *const *fix_files,
    const unsigned int *fix_lines, size_t nfix)
{
	const struct sshd_kwrow *row;
	const struct sshd_directive *d, *first = NULL;
	const char *spell;
	struct edit_file *f;
	unsigned int at;
	size_t i, k;
	int r, changed = 0;

	if ((spell = spelling_for(keyword, ed->version, &row)) == NULL)
		return SL_ERR_UNSUPPORTED;
	for (i = 0; i < ed->cfg->ndirs && first == NULL; i++) {
		d = &ed->cfg->dirs[i];
		if (d->match == 0 && d->name != NULL &&
		    strcmp(d->name, row->canon) == 0 &&
		    d->status == SSHD_KW_OK)
			first = d;
	}
	if (first != NULL) {
		if ((r = edit_in_place(ed, first, spell, value)) < 0)
			return r;
		changed |= r;
	} else {
		if ((f = file_get(ed, ed->main_path)) == NULL)
			return SL_ERR_NOT_FOUND;
		at = insert_line(ed, f);
		op_add(f, at == 0 ? OP_APPEND : OP_INSERT_BEFORE, at,
		    xprintf("%s %s", spell, value));
		changed = 1;
	}
	/* Match blocks that set it otherwise for some users */
	for (k = 0; k < nfix; k++)
		for (i = 0; i < ed->cfg->ndirs; i++) {
			d = &ed->cfg->dirs[i];
			if (d->match == 0 || d->line != fix_lines[k] ||
			    strcmp(d->file, fix_files[k]) != 0 ||
			    d->name == NULL || strcmp(d->name, row->canon) != 0)
				continue;
			if ((r = edit_in_place(ed, d, spell, value)) < 0)
				return r;
			changed |= r;
		}
	return changed;
}

static int remove_ops(struct sshd_editor *, const char *, const char *);

int
sshd_editor_remove(struct sshd_editor *ed, const char *keyword,
    const char *rule_id)
{
	size_t nfiles, *m = mark_ops(ed, &nfiles);
	int r;

	if ((r = remove_ops(ed, keyword, rule_id)) < 0)
		undo_ops(ed, m, nfiles);
	free(m);
	return r;
}

static int
remove_ops(struct sshd_editor *ed, const char *keyword, const char *rule_id)
{
	const struct sshd_kwrow *row;
	const struct sshd_directive *d;
	struct edit_file *f;
	const char *s;
	size_t i, len;
	int changed = 0;

	if (spelling_for(keyword, ed->version, &row) == NULL)
		return SL_ERR_UNSUPPORTED;
	for (i = 0; i < ed->cfg->ndirs; i++) {
		d = &ed->cfg->dirs[i];
		if (d->name == NULL || strcmp(d->name, row->canon) != 0)
			continue;
		if ((f = file_get(ed, d->file)) == NULL ||
		    line_at(f->data, f->len, d->line, &s, &len) != 0)
			return SL_ERR_NOT_FOUND;
		op_add(f, OP_REPLACE, d->line, xprintf("#%.*s  # synolint %s",
		    (int)len, s, rule_id));
		changed = 1;
	}
	return changed;
}

/* Renders f with its ops applied into out. */
static void
render(const struct edit_file *f, struct sbuf *out)
{
	const char *p = f->data, *end = f->data + f->len, *nl;
	unsigned int n = 0;
	const char *rep;
	size_t i, len;

	for (; p < end; p = nl != NULL ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		n++;
		for (i = 0; i < f->nops; i++)
			if (f->ops[i].op == OP_INSERT_BEFORE &&
			    f->ops[i].line == n)
				(void)sbuf_putf(out, "%s\n", f->ops[i].text);
		/* the last replacement of a line wins */
		rep = NULL;
		for (i = 0; i < f->nops; i++)
			if (f->ops[i].op == OP_REPLACE && f->ops[i].line == n)
				rep = f->ops[i].text;
		if (rep != NULL)
			(void)sbuf_puts(out, rep);
		else
			(void)sbuf_put(out, p, len);
		if (nl != NULL)
			(void)sbuf_putc(out, '\n');
	}
	for (i = 0; i < f->nops; i++)
		if (f->ops[i].op == OP_APPEND) {
			if (out->len > 0 && out->data[out->len - 1] != '\n')
				(void)sbuf_putc(out, '\n');
			(void)sbuf_putf(out, "%s\n", f->ops[i].text);
		}
}

static int
cmp_files(const void *a, const void *b)
{
	return strcmp(((const struct edit_file *)a)->path,
	    ((const struct edit_file *)b)->path);
}

int
sshd_editor_each(struct sshd_editor *ed,
    int (*fn)(const char *, const char *, size_t, const char *, size_t,
    void *), void *arg)
{
	struct sbuf b;
	size_t i;
	int r = 0;

	if (ed->nfiles > 1)
		qsort(ed->files, ed->nfiles, sizeof(*ed->files), cmp_files);
	for (i = 0; i < ed->nfiles && r == 0; i++) {
		sbuf_init(&b, 0);
		render(&ed->files[i], &b);
		if (b.len != ed->files[i].len ||
		    memcmp(b.data, ed->files[i].data, b.len) != 0)
			r = fn(ed->files[i].path, ed->files[i].data,
			    ed->files[i].len, b.data != NULL ? b.data : "",
			    b.len, arg);
		sbuf_cleanup(&b);
	}
	return r;
}
