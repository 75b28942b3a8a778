# tests/remote — scans over real ssh: a throwaway OpenSSH sshd on 127.0.0.1
# (its own port, host key, authorized_keys; killed at the end). Needs root
# and /usr/sbin/sshd, else skipped (77).
sl_add_script_test(remote_ssh ${CMAKE_CURRENT_LIST_DIR}/remote.sh LABELS remote)
set_tests_properties(remote_ssh PROPERTIES TIMEOUT 300)
# The same against the fake-Synology lab (tests/lab), many hosts at once.
sl_add_script_test(remote_lab_fleet ${CMAKE_CURRENT_LIST_DIR}/lab-fleet.sh LABELS "remote;lab")
set_tests_properties(remote_lab_fleet PROPERTIES RESOURCE_LOCK lab TIMEOUT 300)
# Over SSH = --root on the same tree (differences only where --become or
# DSM tools explain them), and each scenario's expected findings.
sl_add_script_test(remote_lab_equal ${CMAKE_CURRENT_LIST_DIR}/lab-equal.sh LABELS "remote;lab")
set_tests_properties(remote_lab_equal PROPERTIES RESOURCE_LOCK lab TIMEOUT 300)
