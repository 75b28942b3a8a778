/*
 * fuzz_sshd_config.c — libFuzzer target: the input is /etc/ssh/sshd_config
 * (in memory, with one includable file), parsed for OpenSSH 9.2, then the
 * effective configuration for a fixed connection is computed and printed to
 * /dev/null. Any crash, leak or sanitizer report is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sshd.h"
#include "sshd_memsrc.h"
#include "strv.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	char *text;
	struct memfile files[3];
	struct sshd_source src;
	struct sshd_config *cfg = NULL;
	struct sshd_effective *eff = NULL;
	struct sshd_match_ctx ctx;
	struct strv groups;
	struct diag d;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		return 0;
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	files[0].path = "/etc/ssh/sshd_config";
	files[0].data = text;
	files[0].len = size;
	files[1].path = "/etc/ssh/sshd_config.d/a.conf";
	files[1].data = text;	/* Include of itself: loops are bounded */
	files[1].len = size;
	files[2].path = NULL;
	src = memsrc(files);
	diag_init(&d);
	strv_init(&groups);
	strv_push(&groups, "users");
	strv_push(&groups, "admin");
	memset(&ctx, 0, sizeof(ctx));
	ctx.user = "alice";
	ctx.groups = &groups;
	ctx.host = "nas.example.com";
	ctx.addr = "192.168.1.10";
	ctx.laddr = "10.0.0.1";
	ctx.lport = 22;
	ctx.rdomain = "vrf1";
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
