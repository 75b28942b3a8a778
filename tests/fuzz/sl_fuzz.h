/*
 * sl_fuzz.h — the libFuzzer entry point every tests/fuzz/fuzz_<name>.c
 * defines. Built with -fsanitize=fuzzer under SL_FUZZ=ON (clang), or linked
 * with replay_main.c to replay tests/fuzz/corpus/<name>/ in the normal build.
 */
#ifndef SL_FUZZ_H
#define SL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Must return 0; crash (abort, sanitizer report) on a bug. */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
