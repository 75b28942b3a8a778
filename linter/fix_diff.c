/*
 * fix_diff.c — unified diffs of a file's old and new content, as
 * `diff -u` prints them (--- a/PATH, +++ b/PATH, @@ hunks, 3 lines of
 * context, "\ No newline at end of file"), for --dry-run. Lines are
 * matched by a longest-common-subsequence table; sshd_config files are
 * small (bounded by SL_MAX_FIX_DIFF_CELLS, beyond which the whole file is
 * one hunk).
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fix.h"
#include "xmalloc.h"

#define DIFF_CONTEXT		3
#define SL_MAX_FIX_DIFF_CELLS	(16u * 1024 * 1024)

struct dline {
	const char	*s;
	size_t		 len;		/* without the newline */
	int		 nl;		/* ends with a newline */
};

static size_t
split_lines(const char *s, size_t len, struct dline **vp)
{
	struct dline *v = NULL;
	size_t n = 0, cap = 0;
	const char *p = s, *end = s + len, *nl;

	while (p < end) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		v[n].s = p;
		v[n].len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		v[n].nl = nl != NULL;
		n++;
		p = nl != NULL ? nl + 1 : end;
	}
	*vp = v;
	return n;
}

static int
line_eq(const struct dline *a, const struct dline *b)
{
	return a->len == b->len && a->nl == b->nl &&
	    memcmp(a->s, b->s, a->len) == 0;
}

enum dop { D_EQ, D_DEL, D_ADD };

struct edit {
	enum dop	 op;
	size_t		 ai, bi;	/* line indexes (0-based) */
};

/* The edit script old -> new: LCS by dynamic programming on suffixes. */
static size_t
edit_script(const struct dline *a, size_t na, const struct dline *b,
    size_t nb, struct edit **ep)
{
	struct edit *e = xcalloc(na + nb + 1, sizeof(*e));
	size_t pre = 0, suf = 0, n = 0, i, j, w, ma, mb;
	unsigned int *t = NULL;

	while (pre < na && pre < nb && line_eq(&a[pre], &b[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	    line_eq(&a[na - 1 - suf], &b[nb - 1 - suf]))
		suf++;
	ma = na - pre - suf;
	mb = nb - pre - suf;
	for (i = 0; i < pre; i++) {
		e[n].op = D_EQ;
		e[n].ai = i;
		e[n++].bi = i;
	}
	w = mb + 1;
	if (ma > 0 && mb > 0 &&
	    (ma + 1) <= SL_MAX_FIX_DIFF_CELLS / (mb + 1))
		t = xcalloc((ma + 1) * w, sizeof(*t));
	if (t != NULL) {
		for (i = ma; i-- > 0;)
			for (j = mb; j-- > 0;)
				t[i * w + j] = line_eq(&a[pre + i], &b[pre + j]) ?
				    t[(i + 1) * w + j + 1] + 1 :
				    (t[(i + 1) * w + j] >= t[i * w + j + 1] ?
				    t[(i + 1) * w + j] : t[i * w + j + 1]);
	}
	i = j = 0;
	while (i < ma || j < mb) {
		if (t != NULL && i < ma && j < mb &&
		    line_eq(&a[pre + i], &b[pre + j])) {
			e[n].op = D_EQ;
			e[n].ai = pre + i++;
			e[n++].bi = pre + j++;
		} else if (i < ma && (j == mb || t == NULL ||
		    t[(i + 1) * w + j] >= t[i * w + j + 1])) {
			e[n].op = D_DEL;
			e[n].ai = pre + i++;
			e[n++].bi = pre + j;
		} else {
			e[n].op = D_ADD;
			e[n].ai = pre + i;
			e[n++].bi = pre + j++;
		}
	}
	for (i = 0; i < suf; i++) {
		e[n].op = D_EQ;
		e[n].ai = na - suf + i;
		e[n++].bi = nb - suf + i;
	}
	free(t);
	*ep = e;
	return n;
}

static int
put_line(struct sbuf *out, char tag, const struct dline *l)
{
	int r;

	if ((r = sbuf_putc(out, tag)) != 0 ||
	    (r = sbuf_put(out, l->s, l->len)) != 0 ||
	    (r = sbuf_putc(out, '\n')) != 0)
		return r;
	if (!l->nl)
		return sbuf_puts(out, "\\ No newline at end of file\n");
	return 0;
}

/* "start,count" as diff -u prints it (",1" omitted; start-1 when empty). */
static int
put_range(struct sbuf *out, char tag, size_t start, size_t count)
{
	if (count == 1)
		return sbuf_putf(out, "%c%zu", tag, start + 1);
	return sbuf_putf(out, "%c%zu,%zu", tag, count == 0 ? start : start + 1,
	    count);
}

int
fix_diff(struct sbuf *out, const char *path, const char *old, size_t oldlen,
    const char *new_, size_t newlen)
{
	struct dline *a = NULL, *b = NULL;
	struct edit *e = NULL;
	size_t na, nb, ne, k, h, end, last, ac, bc, as, bs;
	int r = 0, headers = 0;

	na = split_lines(old, oldlen, &a);
	nb = split_lines(new_, newlen, &b);
	ne = edit_script(a, na, b, nb, &e);
	for (k = 0; k < ne && r == 0; k = end) {
		/* next change */
		while (k < ne && e[k].op == D_EQ)
			k++;
		if (k == ne)
			break;
		h = k > DIFF_CONTEXT ? k - DIFF_CONTEXT : 0;
		/* extend while the gap between changes is <= 2 * context */
		end = k;
		last = k;
		while (end < ne) {
			if (e[end].op != D_EQ)
				last = end;
			else if (end - last > 2 * DIFF_CONTEXT)
				break;
			end++;
		}
		end = last + 1 + DIFF_CONTEXT < ne ? last + 1 + DIFF_CONTEXT :
		    ne;
		as = e[h].ai;
		bs = e[h].bi;
		ac = bc = 0;
		for (size_t x = h; x < end; x++) {
			ac += e[x].op != D_ADD;
			bc += e[x].op != D_DEL;
		}
		if (!headers) {
			r = sbuf_putf(out, "--- a%s\n+++ b%s\n", path, path);
			headers = 1;
		}
		if (r == 0)
			r = sbuf_puts(out, "@@ ");
		if (r == 0)
			r = put_range(out, '-', as, ac);
		if (r == 0)
			r = sbuf_putc(out, ' ');
		if (r == 0)
			r = put_range(out, '+', bs, bc);
		if (r == 0)
			r = sbuf_puts(out, " @@\n");
		for (size_t x = h; x < end && r == 0; x++)
			r = e[x].op == D_EQ ? put_line(out, ' ', &a[e[x].ai]) :
			    e[x].op == D_DEL ? put_line(out, '-', &a[e[x].ai]) :
			    put_line(out, '+', &b[e[x].bi]);
	}
	free(a);
	free(b);
	free(e);
	return r == 0 ? SL_OK : SL_ERR_TOO_LARGE;
}
