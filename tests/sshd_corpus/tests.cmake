# tests/sshd_corpus — our effective sshd_config against the real `sshd -T`
# (Debian 12's /usr/sbin/sshd, OpenSSH 9.2) on a generated corpus. Needs
# root; skips (77) otherwise.
add_executable(sshd_eff_driver ${CMAKE_CURRENT_LIST_DIR}/sshd_eff_driver.c)
target_link_libraries(sshd_eff_driver PRIVATE sl_core)
sl_target_warnings(sshd_eff_driver)
add_test(NAME sshd_corpus
    COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run_corpus.sh
        $<TARGET_FILE:sshd_eff_driver>)
set_tests_properties(sshd_corpus PROPERTIES LABELS corpus
    SKIP_RETURN_CODE 77 ENVIRONMENT "${SL_TEST_ENV}")
