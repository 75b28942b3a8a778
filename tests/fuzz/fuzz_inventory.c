/*
 * fuzz_inventory.c — libFuzzer target for targets.c: the input is an
 * --inventory file; when it parses, every group and all hosts are resolved
 * to targets as `synolint scan @group` / `scan` would. A refused file must
 * say why. Any crash, leak or sanitizer report is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sl_fuzz.h"
#include "targets.h"

static void
resolve(const char *const args[], size_t nargs, const struct inventory *inv)
{
	static const struct target_defaults def = { "admin", 2222 };
	struct ssh_target *t = NULL;
	size_t n = 0;
	struct diag d;

	diag_init(&d);
	if (targets_resolve(args, nargs, inv, &def, &t, &n, &d) == 0) {
		if (n > 0 && t == NULL)
			abort();
		targets_free(t, n);
	} else if (d.nerrors == 0)
		abort();
	diag_cleanup(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inventory inv;
	struct diag d;
	size_t i;

	diag_init(&d);
	if (inventory_parse((const char *)data, size, "fuzz.inv", &inv,
	    &d) == 0) {
		resolve(NULL, 0, &inv);
		for (i = 0; i < inv.groups.n; i++) {
			size_t len = strlen(inv.groups.v[i]) + 2;
			char *group = malloc(len);
			const char *arg[2];

			if (group == NULL)
				abort();
			snprintf(group, len, "@%s", inv.groups.v[i]);
			arg[0] = group;
			arg[1] = "@all";
			resolve(arg, 2, &inv);
			free(group);
		}
	} else if (d.nerrors == 0)
		abort();
	inventory_cleanup(&inv);
	diag_cleanup(&d);
	return 0;
}
