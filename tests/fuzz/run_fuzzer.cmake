# Runs one fuzzer for a bounded time over a fresh copy of its committed corpus (ctest, label
# fuzz). cmake -DFUZZER=exe -DCORPUS=dir -DDICT=file-or-empty -DWORK=dir -DSECONDS=n [-DSEED=n]
# -P this
#
# libFuzzer first runs every corpus input, then mutates; it exits non-zero on the first crash,
# sanitizer report, leak (-detect_leaks=1), slow input (-timeout) or allocation above
# -rss_limit_mb/-malloc_limit_mb, and writes the input to WORK/artifacts/.
foreach(var FUZZER CORPUS WORK SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzzer.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
file(GLOB seeds ${CORPUS}/*)
if(NOT seeds)
  message(FATAL_ERROR "run_fuzzer.cmake: no seed inputs in ${CORPUS}")
endif()
file(COPY ${seeds} DESTINATION ${WORK}/corpus)

set(args -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=10 -detect_leaks=1
    -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/)
if(DICT)
  list(APPEND args -dict=${DICT})
endif()
if(SEED)
  list(APPEND args -seed=${SEED})
endif()
# UBSan reports abort (-fno-sanitize-recover=all); a stack trace makes them readable.
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")
list(JOIN args " " shown)
message(STATUS "${FUZZER} ${shown} ${WORK}/corpus")
execute_process(COMMAND ${FUZZER} ${args} ${WORK}/corpus RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(GLOB found ${WORK}/artifacts/*)
  message(FATAL_ERROR "fuzzer failed (exit ${rc}); reproduce with: ${FUZZER} ${found}")
endif()
