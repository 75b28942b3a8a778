/*
 * report_jsonutil.c — the jansson calls the SARIF and JSON reporters share:
 * every value checked, every string repaired to UTF-8 first, one sticky
 * error, and one deterministic dump (sorted keys, two-space indent).
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "report_priv.h"
#include "utf8.h"

static json_t *
rj_check(struct rj *j, json_t *v)
{
	if (v == NULL)
		j->failed = 1;
	return v;
}

json_t *
rj_obj(struct rj *j)
{
	return rj_check(j, json_object());
}

json_t *
rj_arr(struct rj *j)
{
	return rj_check(j, json_array());
}

json_t *
rj_str(struct rj *j, const char *s)
{
	json_t *v;
	size_t len;
	char *t;

	if (s == NULL)
		return rj_check(j, json_null());
	t = utf8_repair(s, strlen(s), &len);
	v = json_stringn(t, len);
	free(t);
	return rj_check(j, v);
}

json_t *
rj_int(struct rj *j, long long n)
{
	return rj_check(j, json_integer((json_int_t)n));
}

void
rj_set(struct rj *j, json_t *obj, const char *key, json_t *val)
{
	if (obj == NULL || val == NULL) {
		json_decref(val);
		j->failed = 1;
		return;
	}
	/* json_object_set_new() releases val itself when it fails */
	if (json_object_set_new(obj, key, val) != 0)
		j->failed = 1;
}

void
rj_set_str(struct rj *j, json_t *obj, const char *key, const char *s)
{
	if (s != NULL)
		rj_set(j, obj, key, rj_str(j, s));
}

void
rj_append(struct rj *j, json_t *arr, json_t *val)
{
	if (arr == NULL || val == NULL) {
		json_decref(val);
		j->failed = 1;
		return;
	}
	if (json_array_append_new(arr, val) != 0)
		j->failed = 1;
}

int
rj_dump(struct sbuf *out, json_t *root, const char *what, struct diag *d)
{
	char *s;
	int r;

	if (root == NULL) {
		diag_error(d, NULL, 0, "%s: cannot build the JSON document",
		    what);
		return SL_ERR_ALLOC;
	}
	s = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	if (s == NULL) {
		diag_error(d, NULL, 0, "%s: cannot serialise the JSON document",
		    what);
		return SL_ERR_ALLOC;
	}
	if ((r = sbuf_puts(out, s)) == SL_OK)
		r = sbuf_putc(out, '\n');
	free(s);
	if (r != SL_OK)
		diag_error(d, NULL, 0, "%s: %s", what, sl_strerror(r));
	return r;
}
