/*
 * nn_board_bsp.c - nn_board.h for an application built in a Vitis workspace on
 * Xilinx's standalone BSP (docs/baremetal.md, "Building the same application in
 * a Vitis workspace"). The FSBL and the BSP have set up clocks, DDR, the MMU,
 * the caches and the UART, so this file only routes the console to the BSP's
 * outbyte() and ends in a halt loop: there is no semihosting host on a board.
 * Use it instead of boards/baremetal/<machine>/ (whose crt0 would redo the
 * BSP's work).
 */
#include "nn_board.h"

#include "xil_printf.h" /* outbyte() */

void nn_board_init(void) {}

void nn_board_putc(char c) {
  if (c == '\n') outbyte('\r');
  outbyte(c);
}

void nn_board_puts(const char *s) {
  while (*s != '\0') nn_board_putc(*s++);
}

void nn_board_exit(int status) {
  /* The report's last line already says PASS or FAIL; the status has nowhere to go. */
  (void)status;
  for (;;) {
    __asm__ volatile("wfi");
  }
}

const char *nn_board_name(void) {
#if defined(__aarch64__)
  return "Zynq UltraScale+ (Cortex-A53), Xilinx standalone BSP";
#else
  return "Zynq-7000 (Cortex-A9), Xilinx standalone BSP";
#endif
}
