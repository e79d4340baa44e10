# Bit identity of the two emulation builds: runs the hosted and the NNFIXED_FREESTANDING build of
# freestanding_top_runner.cpp (the same generated top, the same script of calls) and requires
# byte-identical output files and silent stderr from both. Run with cmake -P:
#   -DHOSTED=<exe> -DFREESTANDING=<exe> -DWORK=<dir>
foreach(v HOSTED FREESTANDING WORK)
  if(NOT ${v})
    message(FATAL_ERROR "freestanding_identity.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

foreach(kind hosted freestanding)
  string(TOUPPER ${kind} var)
  execute_process(COMMAND ${${var}} ${WORK}/${kind}.bin RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the ${kind} build of the top failed (${rc}):\n${out}${err}")
  endif()
  if(NOT err STREQUAL "")
    message(FATAL_ERROR "the ${kind} build of the top printed on stderr:\n${err}")
  endif()
  file(SIZE ${WORK}/${kind}.bin size_${kind})
endforeach()

if(NOT size_hosted EQUAL size_freestanding)
  message(FATAL_ERROR "the two builds wrote different amounts: hosted ${size_hosted} bytes, "
                      "freestanding ${size_freestanding} bytes (${WORK})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/hosted.bin
                        ${WORK}/freestanding.bin RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  # Name the first differing 32-bit word: the file is a sequence of return values and output bits.
  file(READ ${WORK}/hosted.bin h HEX)
  file(READ ${WORK}/freestanding.bin f HEX)
  string(LENGTH "${h}" n)
  set(i 0)
  while(i LESS n)
    string(SUBSTRING "${h}" ${i} 8 hw)
    string(SUBSTRING "${f}" ${i} 8 fw)
    if(NOT hw STREQUAL fw)
      math(EXPR word "${i} / 8")
      message(FATAL_ERROR "hosted and freestanding emulation differ at word ${word} "
                          "(bytes ${hw} vs ${fw}; files in ${WORK})")
    endif()
    math(EXPR i "${i} + 8")
  endwhile()
  message(FATAL_ERROR "hosted and freestanding outputs differ (${WORK})")
endif()
message(STATUS "hosted and freestanding emulation: ${size_hosted} bytes, identical")
