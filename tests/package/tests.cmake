# tests/package — build the .deb with CPack, install it with apt-get, run the
# installed /usr/bin/synolint, remove it. It changes the machine's package
# set, so ctest runs it only with SL_TEST_PACKAGE=1 (tests/run-all.sh does,
# once); otherwise it reports "skipped".
sl_add_script_test(package_deb ${CMAKE_CURRENT_LIST_DIR}/deb.sh LABELS package)
set_tests_properties(package_deb PROPERTIES RUN_SERIAL TRUE TIMEOUT 600)
