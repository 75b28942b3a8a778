/* runclock.c — SOURCE_DATE_EPOCH or the clock, and UTC formatting. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "err.h"
#include "runclock.h"

/* 253402300799 is 9999-12-31T23:59:59Z, the last four-digit year. */
#define RUNCLOCK_MAX	253402300799ULL

int
runclock_now(time_t *tp, int *fixedp, struct diag *d)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	unsigned long long v;
	char *end;

	if (fixedp != NULL)
		*fixedp = 0;
	if (s == NULL || *s == '\0') {
		*tp = time(NULL);
		return *tp == (time_t)-1 ? SL_ERR_SYSTEM : SL_OK;
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (!isdigit((unsigned char)*s) || *end != '\0' || errno != 0 ||
	    v > RUNCLOCK_MAX) {
		diag_error(d, NULL, 0, "SOURCE_DATE_EPOCH=\"%s\": not a number "
		    "of seconds since 1970 (up to year 9999)", s);
		return SL_ERR_USAGE;
	}
	*tp = (time_t)v;
	if (fixedp != NULL)
		*fixedp = 1;
	return SL_OK;
}

int
runclock_iso8601(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return SL_ERR_INTERNAL;
	return SL_OK;
}

int
runclock_date(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d", &tm) == 0)
		return SL_ERR_INTERNAL;
	return SL_OK;
}
