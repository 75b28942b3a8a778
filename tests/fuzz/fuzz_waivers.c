/*
 * fuzz_waivers.c — libFuzzer target for waivers.c: the input is a waivers
 * file, parsed as of a fixed day. A refused file must say why (at least one
 * error). Any crash, leak or sanitizer report is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "sl_fuzz.h"
#include "waivers.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct waivers *w = NULL;
	struct diag d;

	diag_init(&d);
	if (waivers_parse("fuzz.waivers", (const char *)data, size,
	    "2025-06-15", &w, &d) == 0) {
		if (w == NULL)
			abort();
	} else if (d.nerrors == 0)
		abort();
	waivers_free(w);
	diag_cleanup(&d);
	return 0;
}
