#!/bin/sh
# tests/run-all.sh — the whole test suite, as CI runs it (.ci/run):
#   1. ./setup.sh: install the Debian packages, build ./build
#   2. the ASan+UBSan build of the same code and its WHOLE ctest suite (lab
#      included): script tests run $SL_SYNOLINT, the build dir's own binary,
#      so they exercise the sanitized one; any sanitizer report fails a test
#   3. valgrind over the unit tests (CK_FORK=no), leaks are errors
#   4. bounded libFuzzer runs of every fuzz target (SL_FUZZ_SECONDS each, default 20)
#   5. the full ctest suite of the normal build (unit, corpus, cli, fuzz replay, lab),
#      including, once, the tests that change the machine or take a fresh clone:
#      package_deb (builds the .deb, apt-get installs it, runs /usr/bin/synolint,
#      removes it) and readme_clone (the README's first command, verbatim, in a clone)
# Any failing stage fails the run; the last lines are ctest's summary.
set -eu
cd "$(dirname "$0")/.."
JOBS=2
stage() { printf '\n=== %s\n' "$*"; }

stage "setup and build"
./setup.sh

stage "ASan+UBSan build"
cmake -S . -B build-asan -DSL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$JOBS"
(cd build-asan &&
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=0:detect_leaks=1:exitcode=86 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86 \
	ctest -j"$JOBS" --output-on-failure)

stage "valgrind (unit tests)"
for t in build/tests/check_*; do
	[ -x "$t" ] || continue
	CK_FORK=no SL_TEST_DATA="$PWD/tests/fixtures" SL_SOURCE_DIR="$PWD" \
	SL_BINARY_DIR="$PWD/build" SL_SYNOLINT="$PWD/build/synolint" \
	    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    "$t" >/tmp/sl-valgrind.log 2>&1 || { cat /tmp/sl-valgrind.log; echo "valgrind: $t failed"; exit 1; }
	echo "valgrind clean: $(basename "$t")"
done

stage "bounded fuzzing"
tests/fuzz/run-fuzz.sh "${SL_FUZZ_SECONDS:-20}"

stage "full test suite"
cd build
SL_TEST_PACKAGE=1 SL_TEST_CLONE=1 \
ctest -j"$JOBS" --output-on-failure --output-junit ctest-junit.xml
