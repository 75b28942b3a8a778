# tests/lab — the fake-Synology lab (real sshd per fake NAS in a private
# mount namespace; needs root): its smoke test, and synolint's StrictModes
# verdict against the real sshd's. Skipped (77) without root, unshare or
# sshd. One lab at a time: the hosts use fixed loopback addresses.
sl_add_script_test(lab_smoke ${CMAKE_CURRENT_LIST_DIR}/smoke.sh LABELS lab)
set_tests_properties(lab_smoke PROPERTIES RESOURCE_LOCK lab TIMEOUT 300)
sl_add_script_test(lab_strictmodes_truth
    ${CMAKE_CURRENT_LIST_DIR}/strictmodes-truth.sh LABELS lab)
set_tests_properties(lab_strictmodes_truth PROPERTIES RESOURCE_LOCK lab
    TIMEOUT 300)

# 36 home/.ssh/authorized_keys mode, owner, ACL, symlink and StrictModes
# combinations: synolint's verdict (local and over SSH) = the real sshd's.
sl_add_script_test(lab_strictmodes_matrix
    ${CMAKE_CURRENT_LIST_DIR}/strictmodes-matrix.sh LABELS lab)
set_tests_properties(lab_strictmodes_matrix PROPERTIES RESOURCE_LOCK lab
    TIMEOUT 300)

find_program(SL_SHELLCHECK shellcheck)
if(SL_SHELLCHECK)
	file(GLOB SL_LAB_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/*.sh
	    ${CMAKE_CURRENT_LIST_DIR}/scenarios/*.sh ${CMAKE_CURRENT_LIST_DIR}/stubs/*)
	list(FILTER SL_LAB_SCRIPTS EXCLUDE REGEX "\\.c$")
	add_test(NAME lab_shellcheck COMMAND ${SL_SHELLCHECK} -s sh ${SL_LAB_SCRIPTS})
	set_tests_properties(lab_shellcheck PROPERTIES LABELS lab)
endif()
sl_add_script_test(lab_dsm_truth ${CMAKE_CURRENT_LIST_DIR}/dsm-truth.sh
    LABELS lab)
set_tests_properties(lab_dsm_truth PROPERTIES RESOURCE_LOCK lab TIMEOUT 300)

# The "trap" scenario's tree (shadow and private-key symlinks, hostile file
# names, Include loop) scanned with --root by the real collector: no secret
# in bundle or reports, valid reports, no fix that chowns /etc/shadow.
# Needs root, not the lab.
sl_add_script_test(lab_hostile_tree ${CMAKE_CURRENT_LIST_DIR}/hostile-tree.sh
    LABELS collector)
set_tests_properties(lab_hostile_tree PROPERTIES TIMEOUT 300)

# One fleet of good and hostile hosts (trap tree, lying lengths, stall,
# disconnect, impostor): errors with reasons, no hang, valid reports, the
# good hosts' reports intact, no secret in any report.
sl_add_script_test(lab_hostile_fleet ${CMAKE_CURRENT_LIST_DIR}/hostile-fleet.sh
    LABELS lab)
set_tests_properties(lab_hostile_fleet PROPERTIES RESOURCE_LOCK lab TIMEOUT 300)
# The lab's native synoacltool answers as its shell stub does (no lab needed).
sl_add_script_test(lab_acl_stub ${CMAKE_CURRENT_LIST_DIR}/acl-stub.sh LABELS lab)
