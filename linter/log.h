/* log.h — leveled messages to stderr (-v / -q). Never log secrets. */
#ifndef SL_LOG_H
#define SL_LOG_H

enum log_level { LOG_QUIET = -1, LOG_INFO = 0, LOG_VERBOSE = 1, LOG_DEBUG = 2 };

void	log_set_level(int);
int	log_get_level(void);
void	sl_log(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	sl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "synolint: host HOST: ..." — what went wrong with one host, one line. */
void	sl_host_error(const char *host, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Milliseconds of CLOCK_MONOTONIC, for the -v timings. */
long long	log_mono_ms(void);

#define verbose(...)	sl_log(LOG_VERBOSE, __VA_ARGS__)
#define debug(...)	sl_log(LOG_DEBUG, __VA_ARGS__)
#define debug_f(fmt, ...) \
	sl_log(LOG_DEBUG, "%s: " fmt, __func__, __VA_ARGS__)

#endif
