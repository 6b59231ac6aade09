# Runs PROGRAM with ARGS (a ;-list) and writes what it prints to OUTPUT: how the
# build makes dactl's man page and completion scripts from dactl itself.
execute_process(COMMAND ${PROGRAM} ${ARGS} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed: ${failed}")
endif()
