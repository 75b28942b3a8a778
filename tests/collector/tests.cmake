# tests/collector — the collector script under several shells over the
# example trees, its shellcheck, and the committed example bundles.
sl_add_script_test(collector_shells
    ${CMAKE_CURRENT_LIST_DIR}/collector-shells.sh LABELS collector)
set_tests_properties(collector_shells PROPERTIES TIMEOUT 300)

find_program(SL_SHELLCHECK shellcheck)
if(SL_SHELLCHECK)
	add_test(NAME collector_shellcheck COMMAND ${SL_SHELLCHECK} -s sh
	    ${PROJECT_SOURCE_DIR}/linter/collector.sh
	    ${PROJECT_SOURCE_DIR}/examples/make-tree.sh
	    ${PROJECT_SOURCE_DIR}/examples/make-bundles.sh
	    ${CMAKE_CURRENT_LIST_DIR}/collector-shells.sh)
	set_tests_properties(collector_shellcheck PROPERTIES LABELS collector)
endif()
