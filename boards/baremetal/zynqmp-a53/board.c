/* board.c - ZynqMP (Cortex-A53, AArch64) specifics of nn_board.h: UART0
 * address, board name, semihosting exit (A64), fault reports. */
#include <stdint.h>

#include "nn_board.h"
#include "nn_board_common.h"

#define NN_A53_UART0 0xFF000000u

uintptr_t nn_board_uart_base(void) { return NN_A53_UART0; }

const char *nn_board_name(void) {
#if NN_BOARD_SEMIHOSTING
  return "qemu xlnx-zcu102 (Cortex-A53)";
#else
  return "Zynq UltraScale+ (Cortex-A53)";
#endif
}

static uint64_t semihost(uint64_t op, uintptr_t arg) {
  register uint64_t x0 __asm__("x0") = op;
  register uintptr_t x1 __asm__("x1") = arg;
  __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
  return x0;
}

void nn_board_semihost_exit(int status) {
  /* A64 SYS_EXIT takes a block {reason, subcode} and QEMU exits with the
   * subcode; SYS_EXIT_EXTENDED is the same on A64 (tried second). */
  volatile uint64_t block[2] = {NN_SH_APPLICATION_EXIT, (uint64_t)(int64_t)status};
  semihost(NN_SH_SYS_EXIT, (uintptr_t)block);
  semihost(NN_SH_SYS_EXIT_EXTENDED, (uintptr_t)block);
}

void nn_a53_fault(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far);
void nn_a53_fault(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far) {
  /* Vector slots: 4 groups (current EL SP0, current EL SPx, lower EL A64,
   * lower EL A32) x {sync, IRQ, FIQ, SError}. */
  static const char *const what[4] = {"synchronous exception", "unexpected IRQ", "unexpected FIQ",
                                      "SError"};
  nn_board_fault(what[kind & 3], esr, elr, far);
}
