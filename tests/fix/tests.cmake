# tests/fix — the fixer (issue #6): --dry-run on the example bundles, and the
# --fix-script script run with sh on private copies of DSM trees (--root).
sl_add_script_test(fix_dryrun ${CMAKE_CURRENT_LIST_DIR}/dryrun.sh LABELS cli fix)
sl_add_script_test(fix_script_root ${CMAKE_CURRENT_LIST_DIR}/script-root.sh LABELS fix)
# On live fake NAS boxes (DSM 6 and 7 reloads, synowebapi, a new login).
sl_add_script_test(fix_script_lab ${CMAKE_CURRENT_LIST_DIR}/script-lab.sh LABELS lab fix)
set_tests_properties(fix_script_lab PROPERTIES RESOURCE_LOCK lab TIMEOUT 300)
# --fix over SSH on live fake NAS boxes: faults, rollback, lockout refusal,
# changed files, idempotency, backups, --fix-script equivalence (fix_apply.c).
sl_add_script_test(fix_apply_lab ${CMAKE_CURRENT_LIST_DIR}/apply-lab.sh LABELS lab fix)
set_tests_properties(fix_apply_lab PROPERTIES RESOURCE_LOCK lab TIMEOUT 600)
# --become through the real sudo of fake NAS boxes (DSM's sudoers, sudo -n
# and a password on stdin): root-only files checked, sudo's refusals as host
# errors, the password nowhere, --fix as admin fully hardens seed-remote
# (PermitRootLogin no included) while refusing fixes that cut admin's login.
sl_add_script_test(fix_become_lab ${CMAKE_CURRENT_LIST_DIR}/become-lab.sh LABELS lab fix remote)
set_tests_properties(fix_become_lab PROPERTIES RESOURCE_LOCK lab TIMEOUT 600)
