/*
 * bundle.h — the bundle, synolint's single interchange format (see
 * docs/bundle-format.md): a bounded, strict parser for hostile input, a
 * builder, and a writer whose output the parser reads back byte for byte.
 */
#ifndef SL_BUNDLE_H
#define SL_BUNDLE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

#define SL_BUNDLE_MAGIC		"synolint-bundle"
#define SL_BUNDLE_VERSION	1

enum rec_kind {
	REC_META,
	REC_STAT,
	REC_LINK,
	REC_NOSTAT,
	REC_FILE,
	REC_NOFILE,
	REC_CMD,
	REC_SKIP
};
#define REC_NKINDS	8

/*
 * One record. Strings are NUL-terminated and owned by the bundle. Which
 * fields a kind uses:
 *   meta:   key (in path), value
 *   stat:   path, type ('f' 'd' 'l' 'o'), mode, uid, gid, size, acl
 *   link:   path, value (the target)
 *   nostat: path, value (ENOENT, EACCES or EIO)
 *   file:   path, data/len (data[len] == '\0'; may hold NULs), truncated
 *   nofile: path, value (ENOENT, EACCES or EIO)
 *   cmd:    path (the command's label), status, data/len
 *   skip:   path (the free text), value (the reason)
 */
struct bundle_rec {
	enum rec_kind	 kind;
	unsigned int	 line;		/* header line in the bundle, 0 if built */
	size_t		 offset;	/* header byte offset, 0 if built */
	const char	*path;
	const char	*value;
	const char	*data;
	size_t		 len;
	char		 type;
	unsigned int	 mode;
	unsigned long	 uid;
	unsigned long	 gid;
	long long	 size;
	int		 acl;		/* 1 present, 0 none, -1 unknown */
	int		 truncated;
	int		 status;
};

struct bundle;

/*
 * Parses len bytes of data (need not be NUL-terminated). name labels the
 * diags ("nas.bundle:12: error: ... (byte offset 345)"). On success returns
 * 0 and a new bundle in *bp (caller frees with bundle_free()); otherwise
 * SL_ERR_PARSE, SL_ERR_TOO_LARGE or SL_ERR_UNSUPPORTED (another format
 * version) with exactly one error in d. Nothing in
 * data is trusted; every length and count is bounded by sl_limits.h.
 */
int	bundle_parse(const char *data, size_t len, const char *name,
	    struct bundle **bp, struct diag *d);
/* Reads path (at most SL_MAX_BUNDLE bytes) and parses it. */
int	bundle_load_file(const char *path, struct bundle **bp, struct diag *d);

/*
 * Writes b in the format bundle_parse() reads (records in insertion order).
 * Returns 0 or SL_ERR_SYSTEM if the stream reports an error.
 */
int	bundle_write(FILE *fp, const struct bundle *b);

/*
 * The builder. Each function copies its arguments. It returns 0, or
 * SL_ERR_PARSE when the record could not be written back (a TAB or LF in a
 * field, a NUL in a path, a relative path, a bad meta key, a mode above
 * 07777, a duplicate record, a link not right after its symlink's stat),
 * or SL_ERR_TOO_LARGE past a limit, or SL_ERR_USAGE for NULL data with a
 * non-zero length; nothing is added then.
 */
struct bundle *bundle_new(void);
void	bundle_free(struct bundle *);
/* Sets key to value, replacing an earlier value in place. */
int	bundle_set_meta(struct bundle *, const char *key, const char *value);
/* type: 'f' 'd' 'l' 'o'; acl: 1, 0 or -1 (unknown). */
int	bundle_add_stat(struct bundle *, const char *path, char type,
	    unsigned int mode, unsigned long uid, unsigned long gid,
	    long long size, int acl);
int	bundle_add_link(struct bundle *, const char *path, const char *target);
/* err: "ENOENT", "EACCES" or "EIO". */
int	bundle_add_nostat(struct bundle *, const char *path, const char *err);
int	bundle_add_file(struct bundle *, const char *path, const char *data,
	    size_t len, int truncated);
int	bundle_add_nofile(struct bundle *, const char *path, const char *err);
int	bundle_add_cmd(struct bundle *, const char *name, int status,
	    const char *out, size_t len);
int	bundle_add_skip(struct bundle *, const char *reason, const char *text);

/* Accessors; every pointer is borrowed and valid until bundle_free(). */
/* The name given to bundle_parse(), NULL for a built bundle. */
const char *bundle_name(const struct bundle *);
int	bundle_version(const struct bundle *);
/* The value of a meta key, NULL if absent. */
const char *bundle_meta(const struct bundle *, const char *key);
size_t	bundle_count(const struct bundle *);
/* Record i in bundle order (i < bundle_count()). */
const struct bundle_rec *bundle_rec(const struct bundle *, size_t i);
/*
 * Iterates over the records of one kind in bundle order: start with
 * *iter = 0; returns NULL at the end.
 */
const struct bundle_rec *bundle_next(const struct bundle *, enum rec_kind,
	    size_t *iter);
/*
 * The record of a kind for a path (meta: key; cmd: label), NULL if absent.
 * Not for REC_SKIP.
 */
const struct bundle_rec *bundle_find(const struct bundle *, enum rec_kind,
	    const char *path);
/* "meta", "stat", ... */
const char *bundle_kind_name(enum rec_kind);

#endif
