# qemu.cmake - the QEMU command lines that run a bare-metal image of this
# board layer (tests/boards, nngen qemu). Each is a CMake list; replace the
# placeholder @IMAGE@ with the ELF's path, e.g.
#   include(<kit>/boards/baremetal/qemu.cmake)
#   string(REPLACE "@IMAGE@" "${elf}" cmd "${NN_QEMU_ZYNQ_A9_COMMAND}")
#   execute_process(COMMAND ${cmd} TIMEOUT 60 RESULT_VARIABLE status ...)
#
# What they do (verified with QEMU 7.2, Debian 12):
#  - -kernel loads the ELF at its link addresses and starts the CPU at its entry
#    (no Linux boot stub for an ELF): the image's own crt0 runs first.
#  - -serial stdio: the FIRST -serial is UART0 on both machines (0xE0000000 on
#    xilinx-zynq-a9, 0xFF000000 on xlnx-zcu102), the UART the board code uses;
#    the second UART goes nowhere. -display none -monitor none keep stdout
#    free for the UART alone (no monitor multiplexed in), so it can be piped.
#  - -semihosting: the image's exit call (SYS_EXIT / SYS_EXIT_EXTENDED) ends
#    QEMU with the image's status (0, 1, 2, ... all reach the caller).
#  - -audiodev none: the ZCU102 model has a DisplayPort audio device; without
#    it QEMU tries the host's audio back-ends. (QEMU 7.2 still prints a
#    deprecation note on stderr about its default audiodev: harmless.)
#  - xlnx-zcu102 starts the A53 at EL1; append ",secure=on" to the machine
#    for EL3 (as after the FSBL on a board) or ",virtualization=on" for EL2:
#    the crt0 handles all three.
#  - stdin should not be a terminal the test needs (use </dev/null or
#    INPUT_FILE): -serial stdio reads it as UART input.
include_guard(GLOBAL)

set(NN_QEMU_ZYNQ_A9_COMMAND
    qemu-system-arm -M xilinx-zynq-a9 -m 512M -display none -monitor none -serial stdio
    -semihosting -audiodev none,id=snd0 -kernel @IMAGE@)
set(NN_QEMU_ZYNQMP_A53_COMMAND
    qemu-system-aarch64 -M xlnx-zcu102 -m 2G -display none -monitor none -serial stdio
    -semihosting -audiodev none,id=snd0 -kernel @IMAGE@)
