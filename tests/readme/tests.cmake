# tests/readme — the README's two commands, taken from the README itself,
# work in a fresh clone of the repository. It builds everything again, so
# ctest runs it only with SL_TEST_CLONE=1 (tests/run-all.sh sets it).
sl_add_script_test(readme_clone ${CMAKE_CURRENT_LIST_DIR}/clone.sh LABELS readme)
set_tests_properties(readme_clone PROPERTIES TIMEOUT 1800)
