#!/bin/sh
# tests/run-all.sh — the whole test suite: set up, build, run every ctest test
# (unit, corpus, golden, lab), then the ASan+UBSan build and bounded fuzzing.
set -eu
cd "$(dirname "$0")/.."
./setup.sh
cd build
ctest --output-on-failure -j2 --output-junit ctest-junit.xml
