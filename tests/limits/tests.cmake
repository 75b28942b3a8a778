# tests/limits — each resource cap of linter/sl_limits.h exceeded once: the
# one-line error, the exit code of the README's "Resource limits" table, and
# the other hosts' reports intact.
sl_add_script_test(limits_caps ${CMAKE_CURRENT_LIST_DIR}/limits.sh LABELS cli)
set_tests_properties(limits_caps PROPERTIES TIMEOUT 300)
