/*
 * bundle.c — the bundle format of docs/bundle-format.md: a strict, bounded
 * parser (the input comes from a host we do not trust), the builder and the
 * writer. Builder and parser share one header parser, so whatever the
 * builder accepts the writer can emit and the parser read back unchanged.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "bundle.h"
#include "err.h"
#include "sl_limits.h"
#include "sbuf.h"
#include "xmalloc.h"

struct bundle {
	char			*name;
	int			 version;
	struct bundle_rec	*recs;
	size_t			 n;
	size_t			 cap;
	size_t			*slots;		/* hash of record index + 1; 0: empty */
	size_t			 nslots;	/* power of two */
	uint64_t		 seed;		/* per bundle: no precomputed collisions */
};

static const char *const kind_names[REC_NKINDS] = {
	"meta", "stat", "link", "nostat", "file", "nofile", "cmd", "skip"
};
/* Fields in the header of each kind, the kind name included. */
static const int kind_nfields[REC_NKINDS] = { 3, 8, 3, 3, 4, 3, 4, 3 };

/* Meta keys of version 1 (docs/bundle-format.md). */
static const char *const meta_keys[] = {
	"collector_version", "hostname", "session", "root", "uid",
	"openssh_version", "time", NULL
};

const char *
bundle_kind_name(enum rec_kind k)
{
	if ((unsigned int)k >= REC_NKINDS)
		return "?";
	return kind_names[k];
}

/*
 * Uniqueness classes: a path has at most one stat-or-nostat, one link, one
 * file-or-nofile; a meta key and a command label appear once. -1: no class.
 */
static int
kind_class(enum rec_kind k)
{
	switch (k) {
	case REC_META:
		return 0;
	case REC_STAT:
	case REC_NOSTAT:
		return 1;
	case REC_LINK:
		return 2;
	case REC_FILE:
	case REC_NOFILE:
		return 3;
	case REC_CMD:
		return 4;
	default:
		return -1;
	}
}

/* Appends at most 120 bytes of s, non-printable bytes as \xNN. */
static void
put_vis(struct sbuf *sb, const char *s, size_t len)
{
	size_t i, max = 120;

	for (i = 0; i < len && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '\\')
			(void)sbuf_putf(sb, "\\x%02x", c);
		else
			(void)sbuf_putc(sb, (char)c);
	}
	if (len > max)
		(void)sbuf_puts(sb, "...");
}

static void
rec_cleanup(struct bundle_rec *r)
{
	free((char *)r->path);
	free((char *)r->value);
	free((char *)r->data);
	memset(r, 0, sizeof(*r));
}

/* Strict numbers: digits only, no sign, no leading zero, no overflow. */
static int
parse_dec(const char *s, size_t len, unsigned long long max,
    unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;

	if (len == 0 || len > 20 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		unsigned int dg;

		if (s[i] < '0' || s[i] > '9')
			return -1;
		dg = (unsigned int)(s[i] - '0');
		if (v > (max - dg) / 10)
			return -1;
		v = v * 10 + dg;
	}
	*out = v;
	return 0;
}

/* Mode: 1 to 5 octal digits, at most 07777. */
static int
parse_mode(const char *s, size_t len, unsigned int *out)
{
	unsigned int v = 0;
	size_t i;

	if (len == 0 || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '7')
			return -1;
		v = v * 8 + (unsigned int)(s[i] - '0');
	}
	if (v > 07777)
		return -1;
	*out = v;
	return 0;
}

static int
field_is(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

static const char *
parse_errname(const char *s, size_t len)
{
	static const char *const names[] = { "ENOENT", "EACCES", "EIO", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (field_is(s, len, names[i]))
			return names[i];
	return NULL;
}

struct field {
	const char	*s;
	size_t		 len;
};

/* A path field: absolute, non-empty, bounded. */
static int
check_path(const struct field *f, const char *what, struct sbuf *err)
{
	if (f->len == 0 || f->s[0] != '/') {
		(void)sbuf_putf(err, "%s is not an absolute path: \"", what);
		put_vis(err, f->s, f->len);
		(void)sbuf_puts(err, "\"");
		return SL_ERR_PARSE;
	}
	if (f->len > SL_MAX_PATH) {
		(void)sbuf_putf(err, "%s longer than %u bytes", what,
		    SL_MAX_PATH);
		return SL_ERR_TOO_LARGE;
	}
	return 0;
}

static int
check_text(const struct field *f, const char *what, size_t max,
    int empty_ok, struct sbuf *err)
{
	if (f->len == 0 && !empty_ok) {
		(void)sbuf_putf(err, "empty %s", what);
		return SL_ERR_PARSE;
	}
	if (f->len > max) {
		(void)sbuf_putf(err, "%s longer than %zu bytes", what, max);
		return SL_ERR_TOO_LARGE;
	}
	return 0;
}

static int
check_meta(const struct field *k, const struct field *v, struct sbuf *err)
{
	unsigned long long u;
	size_t i;
	int known = 0;

	for (i = 0; i < k->len; i++) {
		char c = k->s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_'))
			break;
	}
	if (k->len == 0 || i < k->len) {
		(void)sbuf_puts(err, "bad meta key \"");
		put_vis(err, k->s, k->len);
		(void)sbuf_puts(err, "\"");
		return SL_ERR_PARSE;
	}
	for (i = 0; meta_keys[i] != NULL; i++)
		if (field_is(k->s, k->len, meta_keys[i]))
			known = 1;
	if (!known) {
		(void)sbuf_puts(err, "unknown meta key \"");
		put_vis(err, k->s, k->len);
		(void)sbuf_putf(err, "\" in version %d", SL_BUNDLE_VERSION);
		return SL_ERR_PARSE;
	}
	if (field_is(k->s, k->len, "session") && !field_is(v->s, v->len,
	    "root") && !field_is(v->s, v->len, "local") &&
	    !field_is(v->s, v->len, "ssh")) {
		(void)sbuf_puts(err, "bad meta session \"");
		put_vis(err, v->s, v->len);
		(void)sbuf_puts(err, "\" (root, local or ssh)");
		return SL_ERR_PARSE;
	}
	if (field_is(k->s, k->len, "uid") &&
	    parse_dec(v->s, v->len, UINT32_MAX, &u) != 0) {
		(void)sbuf_puts(err, "bad meta uid \"");
		put_vis(err, v->s, v->len);
		(void)sbuf_puts(err, "\"");
		return SL_ERR_PARSE;
	}
	return check_text(v, "meta value", SL_MAX_FIELD, 1, err);
}

/*
 * Parses one header line (without its LF) into r: strings are allocated,
 * data/len hold the announced LEN of a file or cmd record (data NULL).
 * Returns 0, or SL_ERR_PARSE/SL_ERR_TOO_LARGE with the reason in err.
 */
static int
parse_header(const char *line, size_t len, struct bundle_rec *r,
    struct sbuf *err)
{
	struct field f[8];
	unsigned long long u = 0;
	const char *p, *end = line + len, *e;
	const char *errname = NULL;
	int k, nf = 0, want, r_ = SL_ERR_PARSE;

	memset(r, 0, sizeof(*r));
	if (len > SL_MAX_HEADER) {
		(void)sbuf_putf(err, "record header longer than %u bytes",
		    SL_MAX_HEADER);
		return SL_ERR_TOO_LARGE;
	}
	if (memchr(line, '\0', len) != NULL) {
		(void)sbuf_puts(err, "NUL byte in record header");
		return SL_ERR_PARSE;
	}
	if (memchr(line, '\n', len) != NULL) {
		(void)sbuf_puts(err, "LF inside a record field");
		return SL_ERR_PARSE;
	}
	if (len > 0 && line[len - 1] == '\r') {
		(void)sbuf_puts(err, "CR at end of line (CRLF line endings?)");
		return SL_ERR_PARSE;
	}
	/* The kind. */
	e = memchr(line, '\t', len);
	if (e == NULL)
		e = end;
	for (k = 0; k < REC_NKINDS; k++)
		if (field_is(line, (size_t)(e - line), kind_names[k]))
			break;
	if (k == REC_NKINDS) {
		(void)sbuf_puts(err, "unknown record kind \"");
		put_vis(err, line, (size_t)(e - line));
		(void)sbuf_puts(err, "\"");
		return SL_ERR_PARSE;
	}
	want = kind_nfields[k];
	/* Split into exactly want fields; the last may not hold a TAB. */
	for (p = line; nf < want; nf++) {
		e = memchr(p, '\t', (size_t)(end - p));
		if (e == NULL || nf == want - 1)
			e = end;
		f[nf].s = p;
		f[nf].len = (size_t)(e - p);
		if (e == end) {
			nf++;
			break;
		}
		p = e + 1;
	}
	if (nf != want || memchr(f[want - 1].s, '\t', f[want - 1].len)) {
		(void)sbuf_putf(err, "%s record needs %d fields, found %s",
		    kind_names[k], want - 1, nf != want ? "fewer" : "more");
		return SL_ERR_PARSE;
	}
	r->kind = (enum rec_kind)k;
	switch (r->kind) {
	case REC_META:
		if ((r_ = check_meta(&f[1], &f[2], err)) != 0)
			return r_;
		r->path = xstrndup(f[1].s, f[1].len);
		r->value = xstrndup(f[2].s, f[2].len);
		break;
	case REC_STAT:
		if ((r_ = check_path(&f[7], "stat path", err)) != 0)
			return r_;
		if (f[1].len != 1 || strchr("fdlo", f[1].s[0]) == NULL) {
			(void)sbuf_puts(err, "bad stat type \"");
			put_vis(err, f[1].s, f[1].len);
			(void)sbuf_puts(err, "\" (f, d, l or o)");
			return SL_ERR_PARSE;
		}
		r->type = f[1].s[0];
		if (parse_mode(f[2].s, f[2].len, &r->mode) != 0) {
			(void)sbuf_puts(err, "bad mode \"");
			put_vis(err, f[2].s, f[2].len);
			(void)sbuf_puts(err, "\" (octal, at most 07777)");
			return SL_ERR_PARSE;
		}
		if (parse_dec(f[3].s, f[3].len, UINT32_MAX, &u) != 0) {
			(void)sbuf_puts(err, "bad uid \"");
			put_vis(err, f[3].s, f[3].len);
			(void)sbuf_puts(err, "\"");
			return SL_ERR_PARSE;
		}
		r->uid = (unsigned long)u;
		if (parse_dec(f[4].s, f[4].len, UINT32_MAX, &u) != 0) {
			(void)sbuf_puts(err, "bad gid \"");
			put_vis(err, f[4].s, f[4].len);
			(void)sbuf_puts(err, "\"");
			return SL_ERR_PARSE;
		}
		r->gid = (unsigned long)u;
		if (parse_dec(f[5].s, f[5].len, INT64_MAX, &u) != 0) {
			(void)sbuf_puts(err, "bad size \"");
			put_vis(err, f[5].s, f[5].len);
			(void)sbuf_puts(err, "\"");
			return SL_ERR_PARSE;
		}
		r->size = (long long)u;
		if (field_is(f[6].s, f[6].len, "1"))
			r->acl = 1;
		else if (field_is(f[6].s, f[6].len, "0"))
			r->acl = 0;
		else if (field_is(f[6].s, f[6].len, "-"))
			r->acl = -1;
		else {
			(void)sbuf_puts(err, "bad acl flag \"");
			put_vis(err, f[6].s, f[6].len);
			(void)sbuf_puts(err, "\" (1, 0 or -)");
			return SL_ERR_PARSE;
		}
		r->path = xstrndup(f[7].s, f[7].len);
		break;
	case REC_LINK:
		if ((r_ = check_path(&f[1], "link path", err)) != 0 ||
		    (r_ = check_text(&f[2], "link target", SL_MAX_PATH, 0,
		    err)) != 0)
			return r_;
		r->path = xstrndup(f[1].s, f[1].len);
		r->value = xstrndup(f[2].s, f[2].len);
		break;
	case REC_NOSTAT:
	case REC_NOFILE:
		if ((r_ = check_path(&f[2], "path", err)) != 0)
			return r_;
		if ((errname = parse_errname(f[1].s, f[1].len)) == NULL) {
			(void)sbuf_puts(err, "bad error name \"");
			put_vis(err, f[1].s, f[1].len);
			(void)sbuf_puts(err, "\" (ENOENT, EACCES or EIO)");
			return SL_ERR_PARSE;
		}
		r->path = xstrndup(f[2].s, f[2].len);
		r->value = xstrdup(errname);
		break;
	case REC_FILE:
		if ((r_ = check_path(&f[3], "file path", err)) != 0)
			return r_;
		if (parse_dec(f[1].s, f[1].len, UINT64_MAX, &u) != 0) {
			(void)sbuf_puts(err, "bad file length \"");
			put_vis(err, f[1].s, f[1].len);
			(void)sbuf_puts(err, "\"");
			return SL_ERR_PARSE;
		}
		if (u > SL_MAX_RECORD_DATA) {
			(void)sbuf_puts(err, "file record for ");
			put_vis(err, f[3].s, f[3].len);
			(void)sbuf_putf(err, " announces %llu bytes (limit %u)",
			    u, SL_MAX_RECORD_DATA);
			return SL_ERR_TOO_LARGE;
		}
		r->len = (size_t)u;
		if (field_is(f[2].s, f[2].len, "t"))
			r->truncated = 1;
		else if (!field_is(f[2].s, f[2].len, "-")) {
			(void)sbuf_puts(err, "bad file flags \"");
			put_vis(err, f[2].s, f[2].len);
			(void)sbuf_puts(err, "\" (- or t)");
			return SL_ERR_PARSE;
		}
		r->path = xstrndup(f[3].s, f[3].len);
		break;
	case REC_CMD:
		if ((r_ = check_text(&f[3], "command label", SL_MAX_FIELD, 0,
		    err)) != 0)
			return r_;
		if (parse_dec(f[1].s, f[1].len, UINT64_MAX, &u) != 0) {
			(void)sbuf_puts(err, "bad command output length \"");
			put_vis(err, f[1].s, f[1].len);
			(void)sbuf_puts(err, "\"");
			return SL_ERR_PARSE;
		}
		if (u > SL_MAX_RECORD_DATA) {
			(void)sbuf_puts(err, "cmd record for ");
			put_vis(err, f[3].s, f[3].len);
			(void)sbuf_putf(err, " announces %llu bytes (limit %u)",
			    u, SL_MAX_RECORD_DATA);
			return SL_ERR_TOO_LARGE;
		}
		r->len = (size_t)u;
		if (field_is(f[2].s, f[2].len, "-1"))
			r->status = -1;
		else if (parse_dec(f[2].s, f[2].len, 255, &u) == 0)
			r->status = (int)u;
		else {
			(void)sbuf_puts(err, "bad exit status \"");
			put_vis(err, f[2].s, f[2].len);
			(void)sbuf_puts(err, "\" (-1 to 255)");
			return SL_ERR_PARSE;
		}
		r->path = xstrndup(f[3].s, f[3].len);
		break;
	case REC_SKIP:
		if ((r_ = check_text(&f[1], "skip reason", SL_MAX_FIELD, 0,
		    err)) != 0 || (r_ = check_text(&f[2], "skip text",
		    SL_MAX_FIELD, 1, err)) != 0)
			return r_;
		r->value = xstrndup(f[1].s, f[1].len);
		r->path = xstrndup(f[2].s, f[2].len);
		break;
	}
	return 0;
}

/* Formats the header of r (without LF) in the one canonical spelling. */
static void
format_header(struct sbuf *sb, const struct bundle_rec *r)
{
	const char *acl;

	switch (r->kind) {
	case REC_META:
		(void)sbuf_putf(sb, "meta\t%s\t%s", r->path, r->value);
		break;
	case REC_STAT:
		acl = r->acl == 1 ? "1" : r->acl == 0 ? "0" :
		    r->acl == -1 ? "-" : "?";
		(void)sbuf_putf(sb, "stat\t");
		(void)sbuf_putc(sb, r->type);
		(void)sbuf_putf(sb, "\t%04o\t%lu\t%lu\t%lld\t%s\t%s", r->mode,
		    r->uid, r->gid, r->size, acl, r->path);
		break;
	case REC_LINK:
		(void)sbuf_putf(sb, "link\t%s\t%s", r->path, r->value);
		break;
	case REC_NOSTAT:
	case REC_NOFILE:
		(void)sbuf_putf(sb, "%s\t%s\t%s", kind_names[r->kind],
		    r->value, r->path);
		break;
	case REC_FILE:
		(void)sbuf_putf(sb, "file\t%zu\t%s\t%s", r->len,
		    r->truncated ? "t" : "-", r->path);
		break;
	case REC_CMD:
		(void)sbuf_putf(sb, "cmd\t%zu\t%d\t%s", r->len, r->status,
		    r->path);
		break;
	case REC_SKIP:
		(void)sbuf_putf(sb, "skip\t%s\t%s", r->value, r->path);
		break;
	}
}

/*
 * FNV-1a over the class and the key from a random start, then a
 * splitmix64 finaliser so that every bit of the state reaches the slot
 * index: a host cannot send paths crafted to share one probe chain.
 */
static size_t
hash_key(uint64_t seed, int cls, const char *key)
{
	uint64_t h = 14695981039346656037ULL ^ seed;

	h = (h ^ (unsigned char)cls) * 1099511628211ULL;
	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (size_t)h;
}

/* The slot holding (cls, key), or the empty slot where it would go. */
static size_t *
hash_slot(const struct bundle *b, int cls, const char *key)
{
	size_t mask = b->nslots - 1, i = hash_key(b->seed, cls, key) & mask;

	for (;; i = (i + 1) & mask) {
		const struct bundle_rec *r;

		if (b->slots[i] == 0)
			return &b->slots[i];
		r = &b->recs[b->slots[i] - 1];
		if (kind_class(r->kind) == cls && strcmp(r->path, key) == 0)
			return &b->slots[i];
	}
}

static void
hash_grow(struct bundle *b)
{
	size_t i, *old = b->slots, oldn = b->nslots;

	b->nslots = oldn == 0 ? 64 : oldn * 2;
	b->slots = xcalloc(b->nslots, sizeof(*b->slots));
	for (i = 0; i < oldn; i++) {
		const struct bundle_rec *r;

		if (old[i] == 0)
			continue;
		r = &b->recs[old[i] - 1];
		*hash_slot(b, kind_class(r->kind), r->path) = old[i];
	}
	free(old);
}

/*
 * Appends r (taking its strings) after the checks across records:
 * count, duplicates, a link right after its symlink's stat.
 */
static int
add_rec(struct bundle *b, struct bundle_rec *r, struct sbuf *err)
{
	const struct bundle_rec *prev, *dup;
	int cls = kind_class(r->kind);
	size_t *slot = NULL;

	if (b->n >= SL_MAX_RECORDS) {
		(void)sbuf_putf(err, "more than %u records", SL_MAX_RECORDS);
		return SL_ERR_TOO_LARGE;
	}
	if (r->kind == REC_LINK) {
		prev = b->n > 0 ? &b->recs[b->n - 1] : NULL;
		if (prev == NULL || prev->kind != REC_STAT ||
		    prev->type != 'l' || strcmp(prev->path, r->path) != 0) {
			(void)sbuf_puts(err, "link record for ");
			put_vis(err, r->path, strlen(r->path));
			(void)sbuf_puts(err, " does not follow its symlink's "
			    "stat record");
			return SL_ERR_PARSE;
		}
	}
	if (cls >= 0) {
		if (b->n + 1 > b->nslots / 2)
			hash_grow(b);
		slot = hash_slot(b, cls, r->path);
		if (*slot != 0) {
			dup = &b->recs[*slot - 1];
			(void)sbuf_putf(err, "duplicate %s record for ",
			    kind_names[r->kind]);
			put_vis(err, r->path, strlen(r->path));
			if (dup->line > 0)
				(void)sbuf_putf(err, " (first at line %u)",
				    dup->line);
			return SL_ERR_PARSE;
		}
	}
	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 64 : b->cap * 2;
		b->recs = xreallocarray(b->recs, b->cap, sizeof(*b->recs));
	}
	b->recs[b->n++] = *r;
	if (slot != NULL)
		*slot = b->n;
	memset(r, 0, sizeof(*r));
	return 0;
}

struct bundle *
bundle_new(void)
{
	struct bundle *b = xcalloc(1, sizeof(*b));

	b->version = SL_BUNDLE_VERSION;
	if (getrandom(&b->seed, sizeof(b->seed), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(b->seed))
		b->seed = (uint64_t)(uintptr_t)b ^ 0x9e3779b97f4a7c15ULL;
	return b;
}

void
bundle_free(struct bundle *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		rec_cleanup(&b->recs[i]);
	free(b->recs);
	free(b->slots);
	free(b->name);
	free(b);
}

/* Parser state. */
struct parser {
	const char	*data;
	size_t		 len;
	size_t		 pos;		/* start of the next line */
	unsigned int	 line;		/* its line number */
	const char	*name;
	struct diag	*d;
};

static void
perr(struct parser *p, unsigned int line, size_t off, const struct sbuf *msg)
{
	diag_error(p->d, p->name, line, "%s (byte offset %zu)", msg->data,
	    off);
}

/*
 * The next line from p->pos: *linep and *lenp (LF excluded). Returns 0,
 * or an error in err when there is no LF within SL_MAX_HEADER bytes.
 */
static int
next_line(struct parser *p, const char **linep, size_t *lenp,
    struct sbuf *err)
{
	size_t left = p->len - p->pos;
	size_t scan = left < SL_MAX_HEADER + 1 ? left : SL_MAX_HEADER + 1;
	const char *lf = memchr(p->data + p->pos, '\n', scan);

	if (lf == NULL) {
		if (left > SL_MAX_HEADER) {
			(void)sbuf_putf(err, "record header longer than %u "
			    "bytes", SL_MAX_HEADER);
			return SL_ERR_TOO_LARGE;
		}
		(void)sbuf_puts(err, "truncated bundle: line without LF (no "
		    "end record)");
		return SL_ERR_PARSE;
	}
	*linep = p->data + p->pos;
	*lenp = (size_t)(lf - *linep);
	return 0;
}

static unsigned int
count_lf(const char *s, size_t len)
{
	unsigned int n = 0;
	const char *e = s + len;

	while (s < e && (s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

static int
parse_version_line(struct parser *p, struct bundle *b, struct sbuf *err)
{
	const char *line = NULL;
	size_t len = 0, mlen = strlen(SL_BUNDLE_MAGIC);
	unsigned long long v = 0;
	int r;

	if (p->len == 0) {
		(void)sbuf_puts(err, "empty bundle");
		return SL_ERR_PARSE;
	}
	if ((r = next_line(p, &line, &len, err)) != 0) {
		if (p->len < mlen + 1 || memcmp(p->data, SL_BUNDLE_MAGIC "\t",
		    mlen + 1) != 0) {
			sbuf_reset(err);
			(void)sbuf_puts(err, "not a synolint bundle (no \""
			    SL_BUNDLE_MAGIC "\" line)");
			return SL_ERR_PARSE;
		}
		return r;
	}
	if (len < mlen + 1 || memcmp(line, SL_BUNDLE_MAGIC "\t", mlen + 1)) {
		(void)sbuf_puts(err, "not a synolint bundle (no \""
		    SL_BUNDLE_MAGIC "\" line)");
		return SL_ERR_PARSE;
	}
	if (line[len - 1] == '\r') {
		(void)sbuf_puts(err, "CR at end of line (CRLF line endings?)");
		return SL_ERR_PARSE;
	}
	if (parse_dec(line + mlen + 1, len - mlen - 1, INT32_MAX, &v) != 0) {
		(void)sbuf_puts(err, "bad bundle version \"");
		put_vis(err, line + mlen + 1, len - mlen - 1);
		(void)sbuf_puts(err, "\"");
		return SL_ERR_PARSE;
	}
	if (v != SL_BUNDLE_VERSION) {
		(void)sbuf_putf(err, "unsupported bundle version %llu (this "
		    "synolint reads version %d)", v, SL_BUNDLE_VERSION);
		return SL_ERR_UNSUPPORTED;
	}
	b->version = (int)v;
	p->pos += len + 1;
	p->line++;
	return 0;
}

int
bundle_parse(const char *data, size_t len, const char *name,
    struct bundle **bp, struct diag *d)
{
	struct parser p;
	struct bundle *b = NULL;
	struct bundle_rec rec;
	struct sbuf err;
	const char *line = NULL;
	size_t llen = 0, hoff = 0;
	unsigned long long count = 0;
	unsigned int hline = 1;
	int r = SL_ERR_INTERNAL, ended = 0;

	*bp = NULL;
	memset(&rec, 0, sizeof(rec));
	sbuf_init(&err, 0);
	memset(&p, 0, sizeof(p));
	p.data = data;
	p.len = len;
	p.line = 1;
	p.name = name != NULL ? name : "bundle";
	p.d = d;
	if (len > SL_MAX_BUNDLE) {
		(void)sbuf_putf(&err, "bundle larger than %u bytes",
		    SL_MAX_BUNDLE);
		r = SL_ERR_TOO_LARGE;
		goto fail;
	}
	b = bundle_new();
	if (name != NULL)
		b->name = xstrdup(name);
	if ((r = parse_version_line(&p, b, &err)) != 0)
		goto fail;
	while (p.pos < p.len) {
		hoff = p.pos;
		hline = p.line;
		if (ended) {
			(void)sbuf_puts(&err, "data after the end record");
			r = SL_ERR_PARSE;
			goto fail;
		}
		if ((r = next_line(&p, &line, &llen, &err)) != 0)
			goto fail;
		p.pos += llen + 1;
		p.line++;
		if (llen >= 3 && memcmp(line, "end", 3) == 0 &&
		    (llen == 3 || line[3] == '\t')) {
			if (llen < 4 || parse_dec(line + 4, llen - 4,
			    UINT64_MAX, &count) != 0 || count != b->n) {
				(void)sbuf_puts(&err, "bad end record \"");
				put_vis(&err, line, llen);
				(void)sbuf_putf(&err, "\" (%zu records read)",
				    b->n);
				r = SL_ERR_PARSE;
				goto fail;
			}
			ended = 1;
			continue;
		}
		if ((r = parse_header(line, llen, &rec, &err)) != 0)
			goto fail;
		rec.line = hline;
		rec.offset = hoff;
		if (rec.kind == REC_FILE || rec.kind == REC_CMD) {
			char *buf;

			if (rec.len > p.len - p.pos ||
			    p.len - p.pos - rec.len < 1) {
				(void)sbuf_putf(&err, "truncated %s record "
				    "for ", kind_names[rec.kind]);
				put_vis(&err, rec.path, strlen(rec.path));
				r = SL_ERR_PARSE;
				goto fail;
			}
			if (p.data[p.pos + rec.len] != '\n') {
				(void)sbuf_putf(&err, "%s record for ",
				    kind_names[rec.kind]);
				put_vis(&err, rec.path, strlen(rec.path));
				(void)sbuf_putf(&err, ": no LF after its %zu "
				    "bytes", rec.len);
				r = SL_ERR_PARSE;
				goto fail;
			}
			buf = xmalloc(rec.len + 1);
			memcpy(buf, p.data + p.pos, rec.len);
			buf[rec.len] = '\0';
			rec.data = buf;
			p.line += count_lf(buf, rec.len) + 1;
			p.pos += rec.len + 1;
		}
		if ((r = add_rec(b, &rec, &err)) != 0)
			goto fail;
	}
	if (!ended) {
		hoff = p.pos;
		hline = p.line;
		(void)sbuf_puts(&err, "truncated bundle: no end record");
		r = SL_ERR_PARSE;
		goto fail;
	}
	*bp = b;
	b = NULL;
	r = 0;
	goto out;
 fail:
	perr(&p, hline, hoff, &err);
 out:
	rec_cleanup(&rec);
	bundle_free(b);
	sbuf_cleanup(&err);
	return r;
}

int
bundle_load_file(const char *path, struct bundle **bp, struct diag *d)
{
	struct sbuf buf;
	char chunk[65536];
	ssize_t n;
	int fd = -1, r = SL_ERR_INTERNAL;

	*bp = NULL;
	sbuf_init(&buf, SL_MAX_BUNDLE);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		diag_errno(d, "open %s", path);
		r = SL_ERR_SYSTEM;
		goto out;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			diag_errno(d, "read %s", path);
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (n == 0)
			break;
		if (sbuf_put(&buf, chunk, (size_t)n) != 0) {
			diag_error(d, path, 0, "bundle larger than %u bytes",
			    SL_MAX_BUNDLE);
			r = SL_ERR_TOO_LARGE;
			goto out;
		}
	}
	r = bundle_parse(buf.data, buf.len, path, bp, d);
 out:
	if (fd != -1)
		close(fd);
	sbuf_cleanup(&buf);
	return r;
}

int
bundle_write(FILE *fp, const struct bundle *b)
{
	struct sbuf sb;
	size_t i;
	int r = SL_ERR_SYSTEM;

	sbuf_init(&sb, 0);
	if (fprintf(fp, "%s\t%d\n", SL_BUNDLE_MAGIC, SL_BUNDLE_VERSION) < 0)
		goto out;
	for (i = 0; i < b->n; i++) {
		const struct bundle_rec *rec = &b->recs[i];

		sbuf_reset(&sb);
		format_header(&sb, rec);
		(void)sbuf_putc(&sb, '\n');
		if (fwrite(sb.data, 1, sb.len, fp) != sb.len)
			goto out;
		if (rec->kind == REC_FILE || rec->kind == REC_CMD) {
			if (rec->len > 0 &&
			    fwrite(rec->data, 1, rec->len, fp) != rec->len)
				goto out;
			if (fputc('\n', fp) == EOF)
				goto out;
		}
	}
	if (fprintf(fp, "end\t%zu\n", b->n) < 0 || ferror(fp))
		goto out;
	r = 0;
 out:
	sbuf_cleanup(&sb);
	return r;
}

/*
 * The builder: format the header from the template, parse it back with the
 * parser's own checks, then add the record like the parser does.
 */
static int
build_add(struct bundle *b, const struct bundle_rec *tmpl, const char *data,
    size_t len)
{
	struct bundle_rec rec;
	struct sbuf line, err;
	char *buf = NULL;
	int r = SL_ERR_INTERNAL;

	memset(&rec, 0, sizeof(rec));
	sbuf_init(&line, 0);
	sbuf_init(&err, 0);
	if (data == NULL && len > 0) {
		r = SL_ERR_USAGE;
		goto out;
	}
	format_header(&line, tmpl);
	if ((r = parse_header(line.data, line.len, &rec, &err)) != 0)
		goto out;
	if (rec.kind != tmpl->kind) {
		r = SL_ERR_PARSE;
		goto out;
	}
	if (rec.kind == REC_FILE || rec.kind == REC_CMD) {
		buf = xmalloc(len + 1);
		if (len > 0)
			memcpy(buf, data, len);
		buf[len] = '\0';
		rec.data = buf;
		buf = NULL;
	}
	r = add_rec(b, &rec, &err);
 out:
	rec_cleanup(&rec);
	sbuf_cleanup(&line);
	sbuf_cleanup(&err);
	return r;
}

int
bundle_set_meta(struct bundle *b, const char *key, const char *value)
{
	struct bundle_rec t, rec;
	struct sbuf line, err;
	size_t *slot;
	int r;

	memset(&t, 0, sizeof(t));
	t.kind = REC_META;
	t.path = key;
	t.value = value;
	if (b->nslots > 0 && *(slot = hash_slot(b, 0, key)) != 0) {
		sbuf_init(&line, 0);
		sbuf_init(&err, 0);
		format_header(&line, &t);
		r = parse_header(line.data, line.len, &rec, &err);
		if (r == 0) {
			struct bundle_rec *old = &b->recs[*slot - 1];

			free((char *)old->value);
			old->value = rec.value;
			rec.value = NULL;
		}
		rec_cleanup(&rec);
		sbuf_cleanup(&line);
		sbuf_cleanup(&err);
		return r;
	}
	return build_add(b, &t, NULL, 0);
}

int
bundle_add_stat(struct bundle *b, const char *path, char type,
    unsigned int mode, unsigned long uid, unsigned long gid, long long size,
    int acl)
{
	struct bundle_rec t;

	memset(&t, 0, sizeof(t));
	t.kind = REC_STAT;
	t.path = path;
	t.type = type;
	t.mode = mode;
	t.uid = uid;
	t.gid = gid;
	t.size = size;
	t.acl = acl;
	return build_add(b, &t, NULL, 0);
}

int
bundle_add_link(struct bundle *b, const char *path, const char *target)
{
	struct bundle_rec t;

	memset(&t, 0, sizeof(t));
	t.kind = REC_LINK;
	t.path = path;
	t.value = target;
	return build_add(b, &t, NULL, 0);
}

int
bundle_add_nostat(struct bundle *b, const char *path, const char *err)
{
	struct bundle_rec t;

	memset(&t, 0, sizeof(t));
	t.kind = REC_NOSTAT;
	t.path = path;
	t.value = err;
	return build_add(b, &t, NULL, 0);
}

int
bundle_add_file(struct bundle *b, const char *path, const char *data,
    size_t len, int truncated)
{
	struct bundle_rec t;

	memset(&t, 0, sizeof(t));
	t.kind = REC_FILE;
	t.path = path;
	t.len = len;
	t.truncated = truncated != 0;
	return build_add(b, &t, data, len);
}

int
bundle_add_nofile(struct bundle *b, const char *path, const char *err)
{
	struct bundle_rec t;

	memset(&t, 0, sizeof(t));
	t.kind = REC_NOFILE;
	t.path = path;
	t.value = err;
	return build_add(b, &t, NULL, 0);
}

int
bundle_add_cmd(struct bundle *b, const char *name, int status,
    const char *out, size_t len)
{
	struct bundle_rec t;

	memset(&t, 0, sizeof(t));
	t.kind = REC_CMD;
	t.path = name;
	t.status = status;
	t.len = len;
	return build_add(b, &t, out, len);
}

int
bundle_add_skip(struct bundle *b, const char *reason, const char *text)
{
	struct bundle_rec t;

	memset(&t, 0, sizeof(t));
	t.kind = REC_SKIP;
	t.path = text;
	t.value = reason;
	return build_add(b, &t, NULL, 0);
}

const char *
bundle_name(const struct bundle *b)
{
	return b->name;
}

int
bundle_version(const struct bundle *b)
{
	return b->version;
}

const char *
bundle_meta(const struct bundle *b, const char *key)
{
	const struct bundle_rec *r = bundle_find(b, REC_META, key);

	return r != NULL ? r->value : NULL;
}

size_t
bundle_count(const struct bundle *b)
{
	return b->n;
}

const struct bundle_rec *
bundle_rec(const struct bundle *b, size_t i)
{
	return i < b->n ? &b->recs[i] : NULL;
}

const struct bundle_rec *
bundle_next(const struct bundle *b, enum rec_kind kind, size_t *iter)
{
	for (; *iter < b->n; (*iter)++)
		if (b->recs[*iter].kind == kind)
			return &b->recs[(*iter)++];
	return NULL;
}

const struct bundle_rec *
bundle_find(const struct bundle *b, enum rec_kind kind, const char *path)
{
	const struct bundle_rec *r;
	int cls = kind_class(kind);
	size_t *slot;

	if (cls < 0 || b->nslots == 0 || path == NULL)
		return NULL;
	slot = hash_slot(b, cls, path);
	if (*slot == 0)
		return NULL;
	r = &b->recs[*slot - 1];
	return r->kind == kind ? r : NULL;
}
