# smoke_test.cmake - builds the board smoke image (tests/boards/smoke) with a
# machine's toolchain file and runs it in QEMU; cmake -P script run by ctest.
#   -DMACHINE=zynq-a9|zynqmp-a53  -DKIT=<repo root>  -DWORK=<build dir>
#   -DSTATUS=<expected exit status>  [-DBUILD=OFF: reuse WORK's image]
#   [-DCONFIG=<extra -D args for the image, ';'-separated>]
#   [-DMACHINE_SUFFIX=,secure=on]  [-DEXPECT=<regexes, ';'-separated>]
#   [-DHALT=ON: the image must NOT exit (no semihosting): QEMU is stopped
#    after HALT_SECONDS and the output checked]
#   [-DMEMORY=256M: QEMU's -m instead of the qemu.cmake value]
#   [-DNO_SEMIHOSTING=ON: run QEMU without -semihosting, like a board
#    without a debugger]
#   [-DSOURCE=<image project, default tests/boards/smoke> -DELF=<image file
#    name in WORK, default smoke.elf>: another image project (the smoke-only
#    -DSMOKE_* settings are then not passed)]
foreach(v MACHINE KIT WORK STATUS)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "smoke_test.cmake: -D${v}= missing")
  endif()
endforeach()
# (lists arrive with '|' for ';')
string(REPLACE "|" ";" CONFIG "${CONFIG}")
string(REPLACE "|" ";" EXPECT "${EXPECT}")
if(NOT DEFINED BUILD)
  set(BUILD ON)
endif()
if(NOT DEFINED SOURCE)
  set(SOURCE ${KIT}/tests/boards/smoke)
  set(image_args -DSMOKE_EXIT_STATUS=${STATUS} -DSMOKE_FAULT=none)
endif()
if(NOT DEFINED ELF)
  set(ELF smoke.elf)
endif()
if(NOT DEFINED HALT_SECONDS)
  set(HALT_SECONDS 4)
endif()

if(BUILD)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK} -G Ninja
            -DCMAKE_BUILD_TYPE=RelWithDebInfo
            -DCMAKE_TOOLCHAIN_FILE=${KIT}/boards/baremetal/toolchains/${MACHINE}.cmake
            ${image_args} ${CONFIG}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "configuring the ${MACHINE} smoke image failed:\n${out}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK} -j2
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building the ${MACHINE} smoke image failed:\n${out}")
  endif()
endif()

include(${KIT}/boards/baremetal/qemu.cmake)
if(MACHINE STREQUAL "zynq-a9")
  set(cmd "${NN_QEMU_ZYNQ_A9_COMMAND}")
else()
  set(cmd "${NN_QEMU_ZYNQMP_A53_COMMAND}")
endif()
string(REPLACE "@IMAGE@" "${WORK}/${ELF}" cmd "${cmd}")
if(DEFINED MEMORY)
  list(TRANSFORM cmd REPLACE "^(512M|2G)$" "${MEMORY}")
endif()
if(NO_SEMIHOSTING)
  list(REMOVE_ITEM cmd -semihosting)
endif()
if(DEFINED MACHINE_SUFFIX)
  list(TRANSFORM cmd REPLACE "^(xilinx-zynq-a9|xlnx-zcu102)$" "\\1${MACHINE_SUFFIX}")
endif()
if(HALT)
  set(timeout ${HALT_SECONDS})
else()
  set(timeout 60)
endif()
execute_process(COMMAND ${cmd} INPUT_FILE /dev/null TIMEOUT ${timeout}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REPLACE "\r" "" out "${out}")
message("${out}")
string(REPLACE ";" " " shown "${cmd}")
if(HALT)
  if(NOT rc MATCHES "timeout")
    message(FATAL_ERROR "'${shown}' ended (${rc}) but a non-semihosting image must halt:\n${err}")
  endif()
elseif(NOT "${rc}" STREQUAL "${STATUS}")
  message(FATAL_ERROR "'${shown}' exited with '${rc}', expected ${STATUS}:\n${err}")
endif()
foreach(re IN LISTS EXPECT)
  if(NOT out MATCHES "${re}")
    message(FATAL_ERROR "UART output lacks '${re}'")
  endif()
endforeach()
if(NOT STATUS EQUAL 1 AND out MATCHES "smoke: FAIL")
  message(FATAL_ERROR "a smoke check failed (see above)")
endif()
