# SlInstall.cmake — what `cmake --install` puts where (GNUInstallDirs) and
# the Debian package `cpack -G DEB` builds from it: the binary, the default
# rules as text (they are also embedded), the man pages and the bash and zsh
# completions.
include(GNUInstallDirs)

install(TARGETS synolint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${SL_RULE_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/rules/README.md
    DESTINATION ${CMAKE_INSTALL_DATADIR}/synolint/rules)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/man/synolint.1
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/man/synolint.rules.5
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/completions/synolint.bash
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
    RENAME synolint)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/completions/_synolint
    DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)

# Debian package: dpkg-shlibdeps computes Depends from what the binary links
# (libssh-4, libpcre2-8-0, libxml2, libjansson4, libssl3, libc6).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME synolint)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "synolint maintainers <synolint@localhost>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "synolint maintainers <synolint@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "audit the SSH exposure of Synology NAS boxes")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "synolint logs in to Synology NAS boxes over SSH, collects their sshd
configuration, home and key permissions, authorized keys and DSM settings
in one round trip, and reports what is wrong and how to fix it, as text,
JUnit XML, SARIF, JSON or HTML.")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGE_INSTALL_DIRECTORY synolint)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
include(CPack)
