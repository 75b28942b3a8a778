/* shard.c — the stable hash and the K/N split of --shard (see shard.h). */
#include <stdlib.h>
#include <string.h>

#include "shard.h"

#define FNV64_OFFSET	0xcbf29ce484222325ULL
#define FNV64_PRIME	0x100000001b3ULL

uint64_t
shard_hash(const char *s)
{
	uint64_t h = FNV64_OFFSET;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= FNV64_PRIME;
	}
	return h;
}

/* A decimal without sign or leading junk in [1, SHARD_MAX], or 0. */
static unsigned int
parse_part(const char *s, size_t len)
{
	unsigned int v = 0;
	size_t i;

	if (len == 0 || len > 4)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	return v <= SHARD_MAX ? v : 0;
}

int
shard_parse(const char *spec, unsigned int *k, unsigned int *n)
{
	const char *slash = strchr(spec, '/');

	if (slash == NULL)
		return -1;
	*k = parse_part(spec, (size_t)(slash - spec));
	*n = parse_part(slash + 1, strlen(slash + 1));
	if (*k == 0 || *n == 0 || *k > *n)
		return -1;
	return 0;
}

int
shard_keeps(const char *label, unsigned int k, unsigned int n)
{
	return shard_hash(label) % n == (uint64_t)(k - 1);
}
