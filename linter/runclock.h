/*
 * runclock.h — "now" for everything a report prints or a waiver compares:
 * SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else the clock.
 */
#ifndef SL_RUNCLOCK_H
#define SL_RUNCLOCK_H

#include <stddef.h>
#include <time.h>

#include "diag.h"

/*
 * Sets *tp to SOURCE_DATE_EPOCH when it is set and non-empty (*fixedp = 1),
 * else to time(NULL) (*fixedp = 0; fixedp may be NULL). A malformed value
 * (not decimal seconds, or past 9999-12-31) is SL_ERR_USAGE with a diag.
 */
int	runclock_now(time_t *tp, int *fixedp, struct diag *);

/*
 * Formats t in UTC into buf: runclock_iso8601() as 2023-11-14T22:13:20Z,
 * runclock_date() as 2023-11-14. Return 0 or SL_ERR_INTERNAL (buffer too
 * small, time out of range).
 */
int	runclock_iso8601(time_t t, char *buf, size_t len);
int	runclock_date(time_t t, char *buf, size_t len);

#endif
