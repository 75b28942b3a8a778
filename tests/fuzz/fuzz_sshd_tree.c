/*
 * fuzz_sshd_tree.c — libFuzzer target for sshd_source.c/sshd_parse.c
 * Include resolution: the input encodes up to 8 files separated by lines
 * "\n--\n"; the first is /etc/ssh/sshd_config, the others
 * /etc/ssh/sshd_config.d/<n>.conf and /etc/ssh/inc<n> (so globbed and
 * direct Includes, nested and circular ones, all resolve in memory). The
 * effective configuration is computed with and without a Match context.
 * Any crash, leak or sanitizer report is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sl_fuzz.h"
#include "sshd.h"
#include "sshd_memsrc.h"
#include "strv.h"

#define NFILES	8
static const char sep[] = "\n--\n";

/* The next separator in [p, end), or NULL (memmem(3) is a GNU extension). */
static char *
next_sep(char *p, const char *end)
{
	size_t m = sizeof(sep) - 1;

	for (; (size_t)(end - p) >= m; p++)
		if (memcmp(p, sep, m) == 0)
			return p;
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	static char paths[2 * NFILES][48];
	struct memfile files[2 * NFILES + 1];
	struct sshd_source src;
	struct sshd_config *cfg = NULL;
	struct sshd_effective *eff = NULL;
	struct sshd_match_ctx ctx;
	struct strv groups;
	struct diag d;
	char *text, *p, *end;
	size_t n = 0, k = 0, i;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		return 0;
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* Split in place; a part may hold NULs, so lengths are explicit. */
	for (p = text, end = text + size; n < NFILES; n++) {
		char *s = next_sep(p, end);
		size_t len = s ? (size_t)(s - p) : (size_t)(end - p);

		if (n == 0) {
			files[k].path = "/etc/ssh/sshd_config";
			files[k].data = len ? p : "";
			files[k++].len = len;
		} else {
			snprintf(paths[2 * n], sizeof(paths[0]),
			    "/etc/ssh/sshd_config.d/%zu.conf", n);
			snprintf(paths[2 * n + 1], sizeof(paths[0]),
			    "/etc/ssh/inc%zu", n);
			for (i = 0; i < 2; i++) {
				files[k].path = paths[2 * n + i];
				files[k].data = len ? p : "";
				files[k++].len = len;
			}
		}
		if (s == NULL)
			break;
		p = s + sizeof(sep) - 1;
	}
	files[k].path = NULL;
	src = memsrc(files);
	diag_init(&d);
	strv_init(&groups);
	strv_push(&groups, "administrators");
	memset(&ctx, 0, sizeof(ctx));
	ctx.user = "admin";
	ctx.groups = &groups;
	ctx.host = "nas";
	ctx.addr = "10.1.2.3";
	ctx.laddr = "10.1.2.1";
	ctx.lport = 22;
	if (sshd_config_load("/etc/ssh/sshd_config", &src, 902, &cfg,
	    &d) == 0) {
		if (sshd_effective_new(cfg, &ctx, &eff, &d) == 0)
			(void)sshd_eff_print(devnull, eff);
		sshd_effective_free(eff);
		eff = NULL;
		if (sshd_effective_new(cfg, NULL, &eff, &d) == 0)
			(void)sshd_eff_print(devnull, eff);
		sshd_effective_free(eff);
	}
	sshd_config_free(cfg);
	strv_cleanup(&groups);
	diag_cleanup(&d);
	free(text);
	return 0;
}
