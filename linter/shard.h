/*
 * shard.h — splitting a fleet across CI jobs: `--shard K/N` keeps the
 * targets whose stable hash falls in shard K of N. The hash is FNV-1a 64 of
 * the target's label (the string reports name the host by: the remote target
 * as written after alias and inventory expansion, the --root directory or the
 * --bundle path), taken modulo N; shard K (1-based) keeps hash % N == K - 1.
 * It depends on nothing but that string, so every job of a matrix computes
 * the same split, and the shards are disjoint and cover the fleet.
 */
#ifndef SL_SHARD_H
#define SL_SHARD_H

#include <stdint.h>

#define SHARD_MAX	1000

/* FNV-1a, 64 bits, of the NUL-terminated s. */
uint64_t	shard_hash(const char *s);

/* Parses "K/N" with 1 <= K <= N <= SHARD_MAX. Returns 0 or -1. */
int		shard_parse(const char *spec, unsigned int *k, unsigned int *n);

/* 1 when label belongs to shard k of n. */
int		shard_keeps(const char *label, unsigned int k, unsigned int n);

#endif
