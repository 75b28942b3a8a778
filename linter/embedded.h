/* embedded.h — data compiled into the binary: the collector and default rules. */
#ifndef SL_EMBEDDED_H
#define SL_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char	*name;		/* base name, e.g. "sshd.rules" */
	const char	*data;		/* NUL-terminated */
	size_t		 len;
};

extern const char *const sl_collector_sh;
extern const size_t sl_collector_sh_len;
/* Terminated by an entry whose name is NULL. */
extern const struct embedded_file sl_builtin_rules[];

#endif
