/*
 * keys_bench.c — authorized_keys parse + fingerprint throughput. Builds one
 * synthetic authorized_keys file of N keys (default 100,000: the
 * SL_MAX_AUTHKEYS bound) — ed25519, RSA 2048/4096, ECDSA P-256 with real
 * points, a quarter of them with options — parses it with authkeys_parse()
 * and builds every `ssh-keygen -l` line. Prints wall time, keys/s and peak
 * RSS. Usage: keys_bench [N]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "diag.h"
#include "keys.h"
#include "sbuf.h"
#include "xmalloc.h"

#define NPOINTS	32

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
put_str(struct sbuf *b, const void *p, size_t len)
{
	char x[4] = { (char)(len >> 24), (char)(len >> 16), (char)(len >> 8),
	    (char)len };

	(void)sbuf_put(b, x, 4);
	(void)sbuf_put(b, p, len);
}

static void
put_b64(struct sbuf *out, const struct sbuf *blob)
{
	unsigned char *enc = xmalloc(4 * ((blob->len + 2) / 3) + 1);

	EVP_EncodeBlock(enc, (const unsigned char *)blob->data,
	    (int)blob->len);
	(void)sbuf_puts(out, (const char *)enc);
	free(enc);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	static const char *const opts[] = { "restrict",
	    "from=\"10.0.0.0/8\",no-pty", "command=\"rsync --server\",restrict",
	    "no-port-forwarding,no-agent-forwarding,expiry-time=\"20300101\"" };
	unsigned char points[NPOINTS][65];
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000, i, j, len;
	struct sbuf file, blob;
	struct authkeys *ak = NULL;
	struct diag d;
	struct rusage ru;
	double t0, t1, t2;
	uint8_t rnd[513];
	char *line;
	size_t total = 0;

	for (i = 0; i < NPOINTS; i++) {
		EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");

		if (pk == NULL || EVP_PKEY_get_octet_string_param(pk,
		    OSSL_PKEY_PARAM_PUB_KEY, points[i], sizeof(points[i]),
		    &len) != 1 || len != 65) {
			fprintf(stderr, "keys_bench: EC key generation\n");
			return 1;
		}
		EVP_PKEY_free(pk);
	}
	sbuf_init(&file, 0);
	sbuf_init(&blob, 0);
	for (i = 0; i < n; i++) {
		unsigned int kind = (unsigned int)(next() % 20);

		for (j = 0; j < sizeof(rnd); j++)
			rnd[j] = (uint8_t)next();
		sbuf_reset(&blob);
		if (i % 4 == 0) {
			(void)sbuf_puts(&file, opts[next() % 4]);
			(void)sbuf_putc(&file, ' ');
		}
		if (kind < 10) {
			put_str(&blob, "ssh-ed25519", 11);
			put_str(&blob, rnd, 32);
			(void)sbuf_puts(&file, "ssh-ed25519 ");
		} else if (kind < 16) {
			size_t nb = kind < 14 ? 257 : 513;

			rnd[0] = 0;
			rnd[1] |= 0x80;
			rnd[nb - 1] |= 1;
			put_str(&blob, "ssh-rsa", 7);
			put_str(&blob, "\x01\x00\x01", 3);
			put_str(&blob, rnd, nb);
			(void)sbuf_puts(&file, "ssh-rsa ");
		} else {
			put_str(&blob, "ecdsa-sha2-nistp256", 19);
			put_str(&blob, "nistp256", 8);
			put_str(&blob, points[next() % NPOINTS], 65);
			(void)sbuf_puts(&file, "ecdsa-sha2-nistp256 ");
		}
		put_b64(&file, &blob);
		(void)sbuf_putf(&file, " user%zu@host\n", i);
	}
	diag_init(&d);
	t0 = now();
	if (authkeys_parse("bench", file.data, file.len, &ak, &d) != 0) {
		fprintf(stderr, "keys_bench: parse failed\n");
		return 1;
	}
	t1 = now();
	for (i = 0; i < ak->n; i++) {
		line = pubkey_fp_line(ak->v[i].key, ak->v[i].comment);
		total += strlen(line);
		free(line);
	}
	t2 = now();
	getrusage(RUSAGE_SELF, &ru);
	printf("keys: %zu (%zu ok, %zu diags), file %zu bytes\n", ak->n,
	    ak->nok, d.n, file.len);
	printf("parse+fingerprint: %.3f s, %.0f keys/s\n", t1 - t0,
	    (double)ak->n / (t1 - t0));
	printf("fingerprint lines: %.3f s (%zu bytes)\n", t2 - t1, total);
	printf("peak RSS: %ld KiB\n", ru.ru_maxrss);
	if (ak->nok != n || d.n != 0)
		return 1;
	authkeys_free(ak);
	diag_cleanup(&d);
	sbuf_cleanup(&file);
	sbuf_cleanup(&blob);
	return 0;
}
