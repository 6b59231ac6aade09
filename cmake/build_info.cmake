# Writes OUTPUT (a C++ source) with the git commit the tree at SOURCE_DIR is
# at, run at every build so that `dactl version` never names a stale commit.
# COMMIT, when given (a packager building from a tarball), is used as it is.
# The file is rewritten only when its text changes, so nothing rebuilds
# needlessly.
set(commit "${COMMIT}")
set(modified "false")
if(commit STREQUAL "")
  find_program(GIT git)
  if(GIT)
    execute_process(COMMAND ${GIT} -C ${SOURCE_DIR} rev-parse --short=12 HEAD
      OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE failed)
    if(failed)
      set(commit "")
    else()
      execute_process(COMMAND ${GIT} -C ${SOURCE_DIR} status --porcelain --untracked-files=no
        OUTPUT_VARIABLE changes ERROR_QUIET)
      if(NOT changes STREQUAL "")
        set(modified "true")
      endif()
    endif()
  endif()
endif()
configure_file(${SOURCE_DIR}/cmd/build_info.cpp.in ${OUTPUT} @ONLY)
