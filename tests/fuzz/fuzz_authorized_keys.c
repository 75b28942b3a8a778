/*
 * fuzz_authorized_keys.c — libFuzzer target for keys.h: the input is parsed
 * as an authorized_keys file, as a decoded public key blob, and as a
 * private key header / openssh-key-v1 blob prefix. Every fingerprint line
 * is built. Any crash, leak, sanitizer report or broken invariant (a line
 * reported OK without a key, a diag count that does not match the bad
 * lines) is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "keys.h"
#include "sl_fuzz.h"

static void
check_authkeys(const uint8_t *data, size_t size)
{
	struct authkeys *ak = NULL;
	struct diag d;
	size_t i, nbad = 0;
	char *line;

	diag_init(&d);
	if (authkeys_parse("fuzz", (const char *)data, size, &ak, &d) != 0) {
		if (ak != NULL || d.nerrors == 0)
			abort();
		diag_cleanup(&d);
		return;
	}
	for (i = 0; i < ak->n; i++) {
		const struct authkey_line *l = &ak->v[i];

		if (l->status == AK_OK) {
			if (l->key == NULL || l->why != NULL ||
			    strncmp(l->key->fp, "SHA256:", 7) != 0 ||
			    strlen(l->key->fp) != 50)
				abort();
			line = pubkey_fp_line(l->key, l->comment);
			free(line);
		} else {
			nbad++;
			if (l->why == NULL || strchr(l->why, '\n') != NULL)
				abort();
		}
		if (i > 0 && l->line <= ak->v[i - 1].line)
			abort();
	}
	if (nbad != d.nerrors || ak->nok + nbad != ak->n)
		abort();
	authkeys_free(ak);
	diag_cleanup(&d);
}

static void
check_blob(const uint8_t *data, size_t size)
{
	struct pubkey *k = NULL;
	struct key_why why;
	char *line;

	if (pubkey_from_blob(data, size, NULL, &k, &why) == 0) {
		if (k == NULL)
			abort();
		line = pubkey_fp_line(k, NULL);
		free(line);
		pubkey_free(k);
	} else if (k != NULL || why.msg == NULL || why.status == KEY_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct privkey_info pi;
	const char *why;

	check_authkeys(data, size);
	check_blob(data, size);
	(void)privkey_classify((const char *)data, size, &pi, &why);
	(void)privkey_openssh_blob(data, size, &pi, &why);
	return 0;
}
