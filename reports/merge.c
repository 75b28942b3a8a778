/*
 * merge.c — what the report mergers share: telling the kinds apart by
 * content, loading a JSON input with a file:line:column error, and ordering
 * items by host the way a single run over name-sorted targets does.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "merge.h"

static const char *
skip_space(const char *p, const char *end)
{
	/* a UTF-8 byte order mark, then white space */
	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return p;
}

enum merge_kind
merge_detect(const char *data, size_t len)
{
	const char *end = data + len, *p = skip_space(data, end);
	size_t head = (size_t)(end - p) < 4096 ? (size_t)(end - p) : 4096;

	if (p == end)
		return MERGE_UNKNOWN;
	if (*p == '<')
		return MERGE_JUNIT;
	if (*p != '{')
		return MERGE_UNKNOWN;
	/* both are dumped with sorted keys: the marker is near the top */
	if (memmem(p, head, "\"$schema\"", 9) != NULL ||
	    memmem(p, head, "\"runs\"", 6) != NULL)
		return MERGE_SARIF;
	if (memmem(p, len - (size_t)(p - data), "\"synolint-report\"", 17) !=
	    NULL)
		return MERGE_JSON;
	return MERGE_UNKNOWN;
}

enum merge_kind
merge_kind_parse(const char *s)
{
	if (strcmp(s, "json") == 0)
		return MERGE_JSON;
	if (strcmp(s, "sarif") == 0)
		return MERGE_SARIF;
	if (strcmp(s, "junit") == 0)
		return MERGE_JUNIT;
	return MERGE_UNKNOWN;
}

const char *
merge_kind_name(enum merge_kind k)
{
	switch (k) {
	case MERGE_JSON:
		return "json";
	case MERGE_SARIF:
		return "sarif";
	case MERGE_JUNIT:
		return "junit";
	case MERGE_UNKNOWN:
		break;
	}
	return "unknown";
}

json_t *
merge_load_json(const struct merge_input *in, struct diag *d)
{
	json_error_t e;
	json_t *v;

	v = json_loadb(in->data, in->len, JSON_REJECT_DUPLICATES, &e);
	if (v == NULL) {
		diag_error(d, in->name, (unsigned int)(e.line > 0 ? e.line : 0),
		    "not valid JSON: %s", e.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		diag_error(d, in->name, 1, "not a JSON object");
		json_decref(v);
		return NULL;
	}
	return v;
}

const char *
merge_json_str(json_t *v, ...)
{
	va_list ap;
	const char *key;

	va_start(ap, v);
	while (v != NULL && (key = va_arg(ap, const char *)) != NULL)
		v = json_object_get(v, key);
	va_end(ap);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int
cmp_items(const void *a, const void *b)
{
	const struct merge_item *x = a, *y = b;
	int c;

	if (x->host == NULL || y->host == NULL) {
		if (x->host != y->host)
			return x->host == NULL ? 1 : -1;
	} else if ((c = strcmp(x->host, y->host)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
merge_sort_items(struct merge_item *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_items);
}
