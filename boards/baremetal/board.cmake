# board.cmake - bare-metal board support for an image project (a CMake
# project configured with toolchains/zynq-a9.cmake or toolchains/zynqmp-a53.cmake,
# which set NN_BOARD_MACHINE). Usage:
#
#   include(<kit>/boards/baremetal/board.cmake)
#   nn_board_library(nnboard)             # OBJECT library: crt0, vectors, MMU,
#                                         # UART console, C library hooks
#   add_executable(app.elf main.c)
#   target_link_libraries(app.elf PRIVATE nnboard)
#   nn_board_link_options(app.elf)        # -T link.ld, -nostartfiles, --gc-sections,
#                                         # specs, -Wl,-Map=app.elf.map
#
# Options: NN_SEMIHOSTING (default ON) -> NN_BOARD_SEMIHOSTING=1: exits through
# semihosting (QEMU, a debugger); OFF: a halt loop (a board without debugger)
# and the board name without "qemu".
# Targets linking nnboard get its include directory (nn_board.h) and the
# NN_BOARD_SEMIHOSTING / NN_BOARD_MACHINE_* definitions.
include_guard(GLOBAL)

set(NN_BOARD_DIR ${CMAKE_CURRENT_LIST_DIR})
option(NN_SEMIHOSTING "bare-metal image exits through semihosting (QEMU/debugger)" ON)

function(nn_board_check_machine)
  if(NOT NN_BOARD_MACHINE STREQUAL "zynq-a9" AND NOT NN_BOARD_MACHINE STREQUAL "zynqmp-a53")
    message(FATAL_ERROR "board.cmake: NN_BOARD_MACHINE is '${NN_BOARD_MACHINE}'; configure with "
                        "-DCMAKE_TOOLCHAIN_FILE=${NN_BOARD_DIR}/toolchains/<zynq-a9|zynqmp-a53>.cmake")
  endif()
endfunction()

function(nn_board_library name)
  nn_board_check_machine()
  enable_language(ASM)
  set(dir ${NN_BOARD_DIR}/${NN_BOARD_MACHINE})
  set(sources ${NN_BOARD_DIR}/common/nn_uart_cadence.c ${NN_BOARD_DIR}/common/nn_board_common.c
              ${dir}/start.S ${dir}/board.c)
  if(NN_BOARD_MACHINE STREQUAL "zynq-a9")
    list(APPEND sources ${dir}/syscalls.c)
    set(machine_def NN_BOARD_MACHINE_ZYNQ_A9=1)
    # (the toolchain file picked -mthumb/-marm from NN_BOARD_THUMB)
    if(NN_BOARD_THUMB)
      message(STATUS "nnboard: zynq-a9, Thumb-2 code")
    else()
      message(STATUS "nnboard: zynq-a9, ARM code")
    endif()
  else()
    list(APPEND sources ${dir}/libc_hooks.c ${dir}/cxx_runtime.c)
    set(machine_def NN_BOARD_MACHINE_ZYNQMP_A53=1)
  endif()
  # OBJECT, not STATIC: the start-up code and the C library's hooks must be
  # linked even though nothing in the application references them.
  add_library(${name} OBJECT ${sources})
  if(NN_SEMIHOSTING)
    set(sh 1)
  else()
    set(sh 0)
  endif()
  target_compile_definitions(${name} PUBLIC NN_BOARD_SEMIHOSTING=${sh} ${machine_def})
  target_include_directories(${name} PUBLIC ${NN_BOARD_DIR}/include PRIVATE ${NN_BOARD_DIR}/common)
  set_target_properties(${name} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_compile_options(${name} PRIVATE $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Werror>)
endfunction()

function(nn_board_link_options exe)
  nn_board_check_machine()
  set(script ${NN_BOARD_DIR}/${NN_BOARD_MACHINE}/link.ld)
  set(opts -nostartfiles -T ${script} -Wl,--gc-sections -Wl,-Map=$<TARGET_FILE:${exe}>.map)
  if(NN_BOARD_MACHINE STREQUAL "zynqmp-a53")
    # Static, not a PIE; no glibc libstdc++ (the board's cxx_runtime.c has
    # operator new/delete). The specs come with the toolchain's flags.
    list(APPEND opts -static -no-pie -nostdlib++)
  endif()
  target_link_options(${exe} PRIVATE ${opts})
  set_property(TARGET ${exe} APPEND PROPERTY LINK_DEPENDS ${script})
endfunction()
