# tests/rules — fixture bundles of every built-in rule (make-fixtures.py);
# check_rules_fixtures.c evaluates them, this checks they are reproducible.
sl_add_script_test(rules_fixtures_reproducible
    ${CMAKE_CURRENT_LIST_DIR}/reproduce.sh LABELS rules)
