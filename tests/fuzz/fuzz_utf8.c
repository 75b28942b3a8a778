/*
 * fuzz_utf8.c — utf8_repair_buf() in every mode on arbitrary bytes: the
 * output must always be valid UTF-8 (valid XML 1.0 characters with
 * UTF8_XML, free of terminal controls with UTF8_TERM), and valid input must
 * come back unchanged from the plain repair.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "sbuf.h"
#include "sl_fuzz.h"
#include "utf8.h"

static void
check_mode(const char *s, size_t len, int flags)
{
	struct sbuf b, again;
	size_t i;

	sbuf_init(&b, 0);
	if (utf8_repair_buf(&b, s, len, flags) != SL_OK)
		abort();
	if (strlen(b.data) != b.len || !utf8_valid(b.data, b.len))
		abort();
	if ((flags & UTF8_XML) && !utf8_valid_xml(b.data, b.len))
		abort();
	if (flags & UTF8_TERM)
		for (i = 0; i < b.len; i++)
			if ((unsigned char)b.data[i] < 0x20 ||
			    b.data[i] == 0x7f)
				abort();
	if (flags == 0 && utf8_valid(s, len) &&
	    (b.len != len || memcmp(b.data, s, len) != 0))
		abort();
	/* repairing twice changes nothing */
	sbuf_init(&again, 0);
	if (utf8_repair_buf(&again, b.data, b.len, flags) != SL_OK ||
	    again.len != b.len || memcmp(again.data, b.data, b.len) != 0)
		abort();
	sbuf_cleanup(&again);
	sbuf_cleanup(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *p;

	check_mode(s, size, 0);
	check_mode(s, size, UTF8_XML);
	check_mode(s, size, UTF8_TERM);
	check_mode(s, size, UTF8_XML | UTF8_TERM);
	p = utf8_repair_xml(s, size, NULL);
	if (p == NULL || !utf8_valid_xml(p, strlen(p)))
		abort();
	free(p);
	return 0;
}
