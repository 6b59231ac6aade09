# What `cmake --install` and the Debian package put on a machine: the binary,
# dactl(1), bash and zsh completions, and the docs. The man page and the
# completions are printed by the dactl just built (`dactl __manpage`,
# `dactl completion bash|zsh`), so they always match its --help.
include(GNUInstallDirs)

set(DACTL_GENERATED ${PROJECT_BINARY_DIR}/generated)
set(DACTL_MAN_PAGE ${DACTL_GENERATED}/dactl.1)
set(DACTL_BASH_COMPLETION ${DACTL_GENERATED}/bash/dactl)
set(DACTL_ZSH_COMPLETION ${DACTL_GENERATED}/zsh/_dactl)
foreach(pair "${DACTL_MAN_PAGE}|__manpage" "${DACTL_BASH_COMPLETION}|completion;bash"
             "${DACTL_ZSH_COMPLETION}|completion;zsh")
  string(REPLACE "|" ";" parts "${pair}")
  list(GET parts 0 output)
  list(SUBLIST parts 1 -1 arguments)
  string(REPLACE ";" "\\;" arguments "${arguments}")
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:dactl> "-DARGS=${arguments}"
            -DOUTPUT=${output} -P ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
    DEPENDS dactl ${PROJECT_SOURCE_DIR}/cmake/capture.cmake
    COMMENT "Writing ${output} from dactl")
endforeach()
add_custom_target(dactl_generated_docs ALL
  DEPENDS ${DACTL_MAN_PAGE} ${DACTL_BASH_COMPLETION} ${DACTL_ZSH_COMPLETION})

install(TARGETS dactl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${DACTL_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${DACTL_BASH_COMPLETION}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${DACTL_ZSH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        USE_SOURCE_PERMISSIONS)

# The Debian package (cpack -G DEB): dactl_<version>_<arch>.deb, its Depends
# found by dpkg-shlibdeps from what the binary links.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dactl)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "dactl maintainers <dactl@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "manage Genesys Cloud data actions as code")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "dactl declares the fields of Genesys Cloud data actions (first of all their\n"
  "timeouts) in TOML manifests, shows a field-by-field plan for review, applies\n"
  "it with the API's optimistic versioning, and reports drift, latency and\n"
  "timeouts. Plans, state and output never contain secrets.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
include(CPack)
