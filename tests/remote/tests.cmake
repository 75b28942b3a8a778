# tests/remote — scans over real ssh: a throwaway OpenSSH sshd on 127.0.0.1
# (its own port, host key, authorized_keys; killed at the end). Needs root
# and /usr/sbin/sshd, else skipped (77).
sl_add_script_test(remote_ssh ${CMAKE_CURRENT_LIST_DIR}/remote.sh LABELS remote)
set_tests_properties(remote_ssh PROPERTIES TIMEOUT 300)
