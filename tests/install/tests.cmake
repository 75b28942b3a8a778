# tests/install — what `cmake --install` installs, the man pages (render
# cleanly, options equal --help), the shell completions and --version.
sl_add_script_test(install_files ${CMAKE_CURRENT_LIST_DIR}/files.sh LABELS install)
sl_add_script_test(install_man ${CMAKE_CURRENT_LIST_DIR}/man.sh LABELS install)
sl_add_script_test(install_completion_bash ${CMAKE_CURRENT_LIST_DIR}/completion_bash.sh LABELS install)
sl_add_script_test(install_completion_zsh ${CMAKE_CURRENT_LIST_DIR}/completion_zsh.sh LABELS install)
sl_add_script_test(install_version ${CMAKE_CURRENT_LIST_DIR}/version.sh LABELS install cli)
