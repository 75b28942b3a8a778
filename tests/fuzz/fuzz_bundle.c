/*
 * fuzz_bundle.c — bundle_parse() then facts_build() on arbitrary bytes.
 * A rejected bundle must come with exactly one error; an accepted one must
 * write back to bytes that parse and write again identically, and its facts
 * (users, realpaths, sshd_config) must build and answer lookups.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "diag.h"
#include "facts.h"
#include "sl_fuzz.h"

static char *
write_mem(const struct bundle *b, size_t *lenp)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		abort();
	if (bundle_write(fp, b) != 0)
		abort();
	if (fclose(fp) != 0)
		abort();
	*lenp = len;
	return buf;
}

static void
check_round_trip(const struct bundle *b)
{
	struct bundle *b2 = NULL;
	struct diag d;
	char *w1, *w2;
	size_t l1, l2;

	diag_init(&d);
	w1 = write_mem(b, &l1);
	if (bundle_parse(w1, l1, "rt", &b2, &d) != 0)
		abort();
	w2 = write_mem(b2, &l2);
	if (l1 != l2 || memcmp(w1, w2, l1) != 0)
		abort();
	free(w1);
	free(w2);
	bundle_free(b2);
	diag_cleanup(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle *b = NULL;
	struct facts *f = NULL;
	struct diag d;
	size_t i;
	int r;

	diag_init(&d);
	r = bundle_parse((const char *)data, size, "fuzz", &b, &d);
	if (r != 0) {
		if (b != NULL || d.n != 1 || d.nerrors != 1)
			abort();
		goto out;
	}
	check_round_trip(b);
	if (facts_build(b, NULL, &f, &d) != 0) {
		if (f != NULL || d.nerrors == 0)
			abort();
		goto out;
	}
	for (i = 0; i < f->npaths; i++) {
		const struct path_fact *p = facts_path(f, f->paths[i].path);

		if (p != &f->paths[i])
			abort();
		if (p->realpath != NULL && p->realpath[0] != '/')
			abort();
	}
	for (i = 0; i < f->nusers; i++)
		if (facts_user(f, f->users[i].name) == NULL ||
		    facts_user_by_uid(f, f->users[i].uid) == NULL)
			abort();
	for (i = 0; i < f->nfiles; i++)
		if (facts_file(f, f->files[i].path) != &f->files[i])
			abort();
	(void)facts_synoinfo(f, "ssh_port");
 out:
	facts_free(f);
	diag_cleanup(&d);
	return 0;
}
