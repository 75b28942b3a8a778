/*
 * merge.h — `synolint merge`: the JSON, SARIF and JUnit reports of several
 * shards of one fleet (scan --shard K/N) combined into one report of the same
 * kind, equal to the report one run over the whole fleet writes when its
 * targets are in name order: hosts sorted by name (byte order), each host's
 * content as its shard wrote it, totals recomputed. Timestamps are kept from
 * the shards (JSON: the latest "generated"; JUnit: each suite's own).
 */
#ifndef SL_MERGE_H
#define SL_MERGE_H

#include <stddef.h>

#include "diag.h"
#include "sbuf.h"

enum merge_kind { MERGE_UNKNOWN, MERGE_JSON, MERGE_SARIF, MERGE_JUNIT };

struct merge_input {
	const char	*name;		/* file name, for messages */
	const char	*data;
	size_t		 len;
};

/* The kind of a report by its content; MERGE_UNKNOWN if none fits. */
enum merge_kind	merge_detect(const char *data, size_t len);
/* "json", "sarif", "junit" -> kind; MERGE_UNKNOWN otherwise. */
enum merge_kind	merge_kind_parse(const char *);
const char	*merge_kind_name(enum merge_kind);

/*
 * Merges n >= 1 reports of one kind into out. Returns 0, or SL_ERR_PARSE /
 * SL_ERR_USAGE with a diag naming the file (not a report of that kind, a
 * different synolint version or rule set, a host in two inputs).
 */
int	merge_json(const struct merge_input *, size_t n, struct sbuf *out,
	    struct diag *);
int	merge_sarif(const struct merge_input *, size_t n, struct sbuf *out,
	    struct diag *);
int	merge_junit(const struct merge_input *, size_t n, struct sbuf *out,
	    struct diag *);

/* Shared by the JSON and SARIF mergers (merge_jsonutil.c). */
#include <jansson.h>
json_t	*merge_load_json(const struct merge_input *, struct diag *);
/* The string at the path of keys ("a", "b", NULL) or NULL. */
const char *merge_json_str(json_t *, ...);
/* Sorts v[0..n) of json_t* by host name (NULL last), stable by index. */
struct merge_item {
	json_t		*v;
	const char	*host;		/* NULL: of the run, not of a host */
	size_t		 seq;		/* input order, for stability */
};
void	merge_sort_items(struct merge_item *, size_t n);

#endif
