/* log.c — stderr logging with a global level set once by main. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static int log_level = LOG_INFO;

void
log_set_level(int l)
{
	log_level = l;
}

int
log_get_level(void)
{
	return log_level;
}

void
sl_log(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level)
		return;
	fputs("synolint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
sl_error(const char *fmt, ...)
{
	va_list ap;

	fputs("synolint: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
