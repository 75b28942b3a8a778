/*
 * log.c — stderr logging with a global level set once by main. Each message
 * is one line written under the stream's lock, so lines of fleet workers
 * never interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

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

long long
log_mono_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void emit(const char *prefix, const char *host, const char *fmt,
    va_list ap) __attribute__((format(printf, 3, 0)));

static void
emit(const char *prefix, const char *host, const char *fmt, va_list ap)
{
	flockfile(stderr);
	fputs(prefix, stderr);
	if (host != NULL)
		fprintf(stderr, "host %s: ", host);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void
sl_log(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	emit("synolint: ", NULL, fmt, ap);
	va_end(ap);
}

void
sl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("synolint: error: ", NULL, fmt, ap);
	va_end(ap);
}

void
sl_host_error(const char *host, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("synolint: ", host, fmt, ap);
	va_end(ap);
}
