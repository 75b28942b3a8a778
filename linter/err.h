/* err.h — synolint's error codes: 0 for success, negative SL_ERR_* on failure. */
#ifndef SL_ERR_H
#define SL_ERR_H

#define SL_ERRORS(X)							\
	X(SL_OK,		  0, "success")				\
	X(SL_ERR_INTERNAL,	 -1, "internal error")			\
	X(SL_ERR_ALLOC,		 -2, "out of memory")			\
	X(SL_ERR_SYSTEM,	 -3, "system error")			\
	X(SL_ERR_PARSE,		 -4, "parse error")			\
	X(SL_ERR_TOO_LARGE,	 -5, "input exceeds limit")		\
	X(SL_ERR_NOT_FOUND,	 -6, "not found")			\
	X(SL_ERR_USAGE,		 -7, "usage error")			\
	X(SL_ERR_UNSUPPORTED,	 -8, "unsupported")			\
	X(SL_ERR_HOSTKEY_UNKNOWN, -10, "host key not known")		\
	X(SL_ERR_HOSTKEY_CHANGED, -11, "host key changed")		\
	X(SL_ERR_AUTH,		-12, "authentication failed")		\
	X(SL_ERR_REMOTE,	-13, "remote command failed")		\
	X(SL_ERR_TIMEOUT,	-14, "timed out")			\
	X(SL_ERR_CONNECT,	-15, "connection failed")		\
	X(SL_ERR_LOST,		-16, "connection lost")

enum sl_err {
#define X(name, val, msg) name = (val),
	SL_ERRORS(X)
#undef X
};

/* Returns a static string for an SL_ERR_* value (never NULL). */
const char	*sl_strerror(int);

#endif
