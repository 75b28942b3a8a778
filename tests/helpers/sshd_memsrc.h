/*
 * sshd_memsrc.h — an in-memory sshd_source for tests and fuzz targets:
 * a fixed table of (host path, contents); glob with fnmatch(3), sorted.
 */
#ifndef SL_SSHD_MEMSRC_H
#define SL_SSHD_MEMSRC_H

#include <fnmatch.h>
#include <stdint.h>
#include <string.h>

#include "err.h"
#include "sshd.h"
#include "strv.h"

struct memfile {
	const char	*path;
	const char	*data;
	size_t		 len;		/* 0: strlen(data) */
};

static int
memsrc_read(void *arg, const char *path, const char **datap, size_t *lenp)
{
	const struct memfile *f;

	for (f = arg; f->path != NULL; f++)
		if (strcmp(f->path, path) == 0) {
			*datap = f->data;
			*lenp = f->len ? f->len : strlen(f->data);
			return 0;
		}
	return SL_ERR_NOT_FOUND;
}

static int
memsrc_glob(void *arg, const char *pattern, struct strv *out)
{
	const struct memfile *f;
	struct strv tmp;
	size_t i;

	strv_init(&tmp);
	for (f = arg; f->path != NULL; f++)
		if (fnmatch(pattern, f->path, FNM_PATHNAME | FNM_PERIOD) == 0)
			strv_push(&tmp, f->path);
	strv_sort(&tmp);
	for (i = 0; i < tmp.n; i++)
		strv_push(out, tmp.v[i]);
	strv_cleanup(&tmp);
	return 0;
}

static inline struct sshd_source
memsrc(const struct memfile *files)
{
	struct sshd_source s;

	s.read = memsrc_read;
	s.glob = memsrc_glob;
	s.arg = (void *)(uintptr_t)files;
	return s;
}

#endif
