# CMake toolchain file: bare-metal Zynq UltraScale+ (Cortex-A53, AArch64) with
# Debian's aarch64-linux-gnu-gcc and picolibc (picolibc-aarch64-linux-gnu) in
# place of glibc. Selects the board layer's machine for
# boards/baremetal/board.cmake (NN_BOARD_MACHINE).
# Debian's gcc builds position-independent executables by default: off here
# (the image runs where it is linked), as is the stack protector (no guard
# set up before main).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(NN_BOARD_MACHINE zynqmp-a53)

find_program(NN_BOARD_CC aarch64-linux-gnu-gcc)
find_program(NN_BOARD_CXX aarch64-linux-gnu-g++)
set(NN_BOARD_PICOLIBC_SPECS /usr/lib/picolibc/aarch64-linux-gnu/picolibc.specs)
set(NN_BOARD_PICOLIBCPP_SPECS /usr/lib/picolibc/aarch64-linux-gnu/picolibcpp.specs)
if(NOT NN_BOARD_CC OR NOT NN_BOARD_CXX OR NOT EXISTS ${NN_BOARD_PICOLIBC_SPECS})
  message(FATAL_ERROR "zynqmp-a53 toolchain: needs aarch64-linux-gnu-gcc/g++ and "
                      "${NN_BOARD_PICOLIBC_SPECS} (Debian: gcc-aarch64-linux-gnu g++-aarch64-linux-gnu "
                      "picolibc-aarch64-linux-gnu; scripts/install-deps)")
endif()
set(CMAKE_C_COMPILER ${NN_BOARD_CC})
set(CMAKE_CXX_COMPILER ${NN_BOARD_CXX})
set(CMAKE_ASM_COMPILER ${NN_BOARD_CC})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(nn_common "-mcpu=cortex-a53 -fno-pie -fno-stack-protector -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "--specs=${NN_BOARD_PICOLIBC_SPECS} ${nn_common}")
# C++: no exceptions or RTTI (no unwinder registration without crtbegin.o) and
# no libstdc++ (Debian's is built for glibc); board code supplies new/delete.
set(CMAKE_CXX_FLAGS_INIT
    "--specs=${NN_BOARD_PICOLIBCPP_SPECS} ${nn_common} -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_ASM_FLAGS_INIT "-mcpu=cortex-a53")
unset(nn_common)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
