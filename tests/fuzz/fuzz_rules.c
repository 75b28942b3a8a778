/*
 * fuzz_rules.c — libFuzzer target for rules_parse.c: the input is one rule
 * file, parsed into an empty rule set; when it loads, the set is dumped in
 * rule-file syntax and the dump must load again to the same rule count
 * (ruleset_dump's promise). Any crash, leak or sanitizer report is a bug.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "rules.h"
#include "sl_fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ruleset *rs, *again;
	struct diag d;
	char *dump = NULL;
	size_t dumplen = 0;
	FILE *f;

	diag_init(&d);
	rs = ruleset_new();
	if (ruleset_add_text(rs, "fuzz.rules", (const char *)data, size,
	    &d) == 0) {
		if ((f = open_memstream(&dump, &dumplen)) == NULL)
			abort();
		if (ruleset_dump(f, rs) != 0)
			abort();
		fclose(f);
		again = ruleset_new();
		diag_cleanup(&d);
		diag_init(&d);
		if (ruleset_add_text(again, "dump.rules", dump, dumplen,
		    &d) != 0 || ruleset_count(again) != ruleset_count(rs))
			abort();
		ruleset_free(again);
		free(dump);
	} else if (d.nerrors == 0)
		abort();
	ruleset_free(rs);
	diag_cleanup(&d);
	return 0;
}
