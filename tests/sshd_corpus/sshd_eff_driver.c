/*
 * sshd_eff_driver.c — test driver for the corpus: `sshd_eff_driver -f FILE
 * [-C spec] [-V 902] [-d]` prints our effective configuration like
 * `sshd -T -f FILE [-C spec]`. Uses sshd_source_dir("/") and the library
 * only; Match Group membership comes from this machine's group database.
 * -d prints the diagnostics to stderr; exit 1 if any is an error.
 */
#include <sys/types.h>

#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "err.h"
#include "sshd.h"
#include "strv.h"

static void
usage(void)
{
	fprintf(stderr, "usage: sshd_eff_driver -f file [-C spec] "
	    "[-V version] [-d]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct sshd_source_dir *sd = NULL;
	struct sshd_source src;
	struct sshd_config *cfg = NULL;
	struct sshd_effective *eff = NULL;
	struct sshd_match_ctx ctx;
	struct strv storage, groups;
	struct diag diag;
	const char *file = NULL, *spec = NULL;
	int ch, version = 902, showdiag = 0, r, ret = 1;

	while ((ch = getopt(argc, argv, "f:C:V:d")) != -1) {
		switch (ch) {
		case 'f': file = optarg; break;
		case 'C': spec = optarg; break;
		case 'V': version = atoi(optarg); break;
		case 'd': showdiag = 1; break;
		default: usage();
		}
	}
	if (file == NULL || file[0] != '/')
		usage();
	diag_init(&diag);
	strv_init(&storage);
	strv_init(&groups);
	sd = sshd_source_dir_new("/");
	src = sshd_source_dir(sd);
	if ((r = sshd_config_load(file, &src, version, &cfg, &diag)) != 0) {
		fprintf(stderr, "load %s: %s\n", file, sl_strerror(r));
		goto out;
	}
	if (spec != NULL) {
		if (sshd_match_ctx_parse(spec, &ctx, &storage, &diag) != 0)
			goto out;
		if (ctx.user != NULL) {
			struct passwd *pw = getpwnam(ctx.user);
			gid_t gids[256];
			int ng = 256, i;

			if (pw != NULL && getgrouplist(pw->pw_name,
			    pw->pw_gid, gids, &ng) != -1) {
				for (i = 0; i < ng; i++) {
					struct group *gr = getgrgid(gids[i]);

					if (gr != NULL)
						strv_push(&groups, gr->gr_name);
				}
			}
			ctx.groups = &groups;
		}
	}
	if ((r = sshd_effective_new(cfg, spec != NULL ? &ctx : NULL, &eff,
	    &diag)) != 0)
		goto out;
	if (sshd_eff_print(stdout, eff) != 0)
		goto out;
	ret = showdiag && diag.nerrors > 0 ? 1 : 0;
 out:
	if (showdiag || ret != 0)
		diag_print(stderr, &diag);
	sshd_effective_free(eff);
	sshd_config_free(cfg);
	sshd_source_dir_free(sd);
	strv_cleanup(&storage);
	strv_cleanup(&groups);
	diag_cleanup(&diag);
	return ret;
}
