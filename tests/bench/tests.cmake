# tests/bench — benchmark programs built with the tests (bench/*.c), each
# with a small smoke run under ctest (label "bench"); the real numbers come
# from running them by hand in a Release build (bench/RESULTS-*.md).
add_executable(keys_bench ${PROJECT_SOURCE_DIR}/bench/keys_bench.c)
target_link_libraries(keys_bench PRIVATE sl_core)
sl_target_warnings(keys_bench)
add_test(NAME keys_bench_smoke COMMAND keys_bench 2000)
set_tests_properties(keys_bench_smoke PROPERTIES LABELS bench)
