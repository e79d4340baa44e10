/*
 * nn_board.h - what a bare-metal image needs from its board support
 * (boards/baremetal/<machine>/): console output, the C runtime's hooks and a
 * way to end. The start-up code (vector table, stacks, .data/.bss, FPU, MMU
 * with an identity map and caches on) runs before main(); nn_board_init() is
 * called from there too, so main() can print at once.
 *
 * C11. One implementation per machine: zynq-a9 (Cortex-A9, arm-none-eabi +
 * newlib) and zynqmp-a53 (Cortex-A53 AArch64, aarch64-linux-gnu-gcc + picolibc).
 */
#ifndef NN_BOARD_H
#define NN_BOARD_H

#ifdef __cplusplus
extern "C" {
#endif

/* UART set up (Cadence UART0: 0xE0000000 on Zynq-7000, 0xFF000000 on ZynqMP). */
void nn_board_init(void);

/* Blocking console output; '\n' is sent as "\r\n". stdout/stderr of the C
 * library go here too (printf works, but applications should not need it). */
void nn_board_putc(char c);
void nn_board_puts(const char *s); /* no newline added */

/* Ends the program with a status: semihosting SYS_EXIT(_EXTENDED) when the
 * image is built for QEMU or a debugger (NN_BOARD_SEMIHOSTING=1), then a halt
 * loop (wfi) - what a board without a debugger does. Flushes the UART first. */
void nn_board_exit(int status) __attribute__((noreturn));

/* "qemu xilinx-zynq-a9 (Cortex-A9)" etc., for reports. */
const char *nn_board_name(void);

#ifdef __cplusplus
}
#endif

#endif /* NN_BOARD_H */
