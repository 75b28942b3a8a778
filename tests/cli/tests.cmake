# tests/cli — the synolint program end to end: argument errors and exit codes,
# scans of the example bundles, report validation, capture round trips.
sl_add_script_test(cli_usage ${CMAKE_CURRENT_LIST_DIR}/usage.sh LABELS cli)
sl_add_script_test(cli_examples ${CMAKE_CURRENT_LIST_DIR}/examples.sh LABELS cli)
sl_add_script_test(cli_roundtrip ${CMAKE_CURRENT_LIST_DIR}/roundtrip.sh LABELS cli)
sl_add_script_test(cli_waivers ${CMAKE_CURRENT_LIST_DIR}/waivers.sh LABELS cli)
sl_add_script_test(cli_ci_examples ${CMAKE_CURRENT_LIST_DIR}/ci_examples.sh LABELS cli)
sl_add_script_test(cli_html ${CMAKE_CURRENT_LIST_DIR}/html.sh LABELS cli)
sl_add_script_test(cli_html_trust ${CMAKE_CURRENT_LIST_DIR}/html_trust.sh LABELS cli)
sl_add_script_test(cli_html_chromium ${CMAKE_CURRENT_LIST_DIR}/html_chromium.sh LABELS cli)
sl_add_script_test(cli_sarif_github ${CMAKE_CURRENT_LIST_DIR}/sarif_github.sh LABELS cli)
sl_add_script_test(cli_shard_merge ${CMAKE_CURRENT_LIST_DIR}/shard_merge.sh LABELS cli)
sl_add_script_test(cli_config ${CMAKE_CURRENT_LIST_DIR}/config.sh LABELS cli)
sl_add_script_test(cli_terminal ${CMAKE_CURRENT_LIST_DIR}/terminal.sh LABELS cli)
