/* strv.c — string vectors. */
#include <stdlib.h>
#include <string.h>

#include "strv.h"
#include "xmalloc.h"

void
strv_init(struct strv *sv)
{
	sv->cap = 4;
	sv->n = 0;
	sv->v = xcalloc(sv->cap + 1, sizeof(char *));
}

void
strv_cleanup(struct strv *sv)
{
	size_t i;

	if (sv == NULL || sv->v == NULL)
		return;
	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

struct strv *
strv_new(void)
{
	struct strv *sv = xmalloc(sizeof(*sv));

	strv_init(sv);
	return sv;
}

void
strv_free(struct strv *sv)
{
	if (sv == NULL)
		return;
	strv_cleanup(sv);
	free(sv);
}

void
strv_push_owned(struct strv *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap *= 2;
		sv->v = xreallocarray(sv->v, sv->cap + 1, sizeof(char *));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
strv_push(struct strv *sv, const char *s)
{
	strv_push_owned(sv, xstrdup(s));
}

long
strv_find(const struct strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return (long)i;
	return -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strv_sort(struct strv *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof(char *), cmp_str);
}
