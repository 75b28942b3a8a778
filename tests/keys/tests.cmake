# tests/keys — `synolint keys` and the fleet key rules end to end on the seed
# scenario's two NAS (examples/seed-*.bundle): the edge local -> remote and
# its weaknesses, the text/JSON/dot inventory, dot rendered by Graphviz.
sl_add_script_test(keys_fleet ${CMAKE_CURRENT_LIST_DIR}/fleet.sh LABELS cli)
