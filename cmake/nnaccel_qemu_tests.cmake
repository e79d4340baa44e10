# The tools every suite that builds a bare-metal image and boots it in qemu-system-* needs
# (tests/boards, tests/baremetal_hal, tests/qemu; option NNACCEL_QEMU_TESTS in the top-level
# CMakeLists.txt). One list, so a missing package is reported the same way by each suite.
include_guard(GLOBAL)

# Stops configuring with the list of missing tools (and the packages that bring them) unless
# everything is there. `suite` names the caller in the message.
function(nnaccel_require_qemu_tools suite)
  set(missing)
  foreach(prog arm-none-eabi-gcc arm-none-eabi-g++ aarch64-linux-gnu-gcc aarch64-linux-gnu-g++
          qemu-system-arm qemu-system-aarch64 ninja)
    string(MAKE_C_IDENTIFIER ${prog} var)
    find_program(NNACCEL_QEMU_TOOL_${var} ${prog})
    if(NOT NNACCEL_QEMU_TOOL_${var})
      list(APPEND missing ${prog})
    endif()
  endforeach()
  if(NOT EXISTS /usr/lib/picolibc/aarch64-linux-gnu/picolibc.specs)
    list(APPEND missing "picolibc (/usr/lib/picolibc/aarch64-linux-gnu/picolibc.specs)")
  endif()
  if(NOT EXISTS /usr/lib/arm-none-eabi/include/newlib.h AND NOT EXISTS /usr/include/newlib/newlib.h)
    list(APPEND missing "newlib for arm-none-eabi (newlib.h)")
  endif()
  if(missing)
    list(JOIN missing ", " missing)
    message(FATAL_ERROR "the bare-metal QEMU tests (${suite}) need ${missing} "
                        "(scripts/install-deps: gcc-arm-none-eabi libnewlib-arm-none-eabi "
                        "libstdc++-arm-none-eabi-newlib gcc-aarch64-linux-gnu g++-aarch64-linux-gnu "
                        "picolibc-aarch64-linux-gnu qemu-system-arm ninja-build). Install them or "
                        "configure with -DNNACCEL_QEMU_TESTS=OFF.")
  endif()
endfunction()
