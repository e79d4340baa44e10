/* board.c - Zynq-7000 (Cortex-A9) specifics of nn_board.h: UART0 address,
 * board name, semihosting exit (AArch32), fault reports. */
#include <stdint.h>

#include "nn_board.h"
#include "nn_board_common.h"

#define NN_A9_UART0 0xE0000000u

uintptr_t nn_board_uart_base(void) { return NN_A9_UART0; }

const char *nn_board_name(void) {
#if NN_BOARD_SEMIHOSTING
  return "qemu xilinx-zynq-a9 (Cortex-A9)";
#else
  return "Zynq-7000 (Cortex-A9)";
#endif
}

void nn_board_machine_c_init(void) {}

/* C++ objects with destructors register them against __dso_handle, which
 * crtbegin.o would define; -nostartfiles leaves it out. Weak in case an
 * application links crtbegin.o after all. */
__attribute__((weak)) void *__dso_handle = 0;

/* newlib's exit() runs __libc_fini_array, which calls _fini from crti.o
 * (left out by -nostartfiles). Nothing to do in either. */
__attribute__((weak)) void _init(void) {}
__attribute__((weak)) void _fini(void) {}

static uint32_t semihost(uint32_t op, uintptr_t arg) {
  register uint32_t r0 __asm__("r0") = op;
  register uintptr_t r1 __asm__("r1") = arg;
  /* The trap QEMU (and debuggers) intercept depends on the state. */
#if defined(__thumb__)
  __asm__ volatile("svc 0xab" : "+r"(r0) : "r"(r1) : "memory");
#else
  __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
#endif
  return r0;
}

void nn_board_semihost_exit(int status) {
  if (status == 0) {
    /* On AArch32, SYS_EXIT takes the reason itself in r1 (no block). */
    semihost(NN_SH_SYS_EXIT, NN_SH_APPLICATION_EXIT);
    return;
  }
  volatile uint32_t block[2] = {NN_SH_APPLICATION_EXIT, (uint32_t)status};
  semihost(NN_SH_SYS_EXIT_EXTENDED, (uintptr_t)block);
  /* A host without SYS_EXIT_EXTENDED: still end with a non-zero status. */
  semihost(NN_SH_SYS_EXIT, NN_SH_RUNTIME_ERROR_UNKNOWN);
}

void nn_a9_fault(const char *what, uint32_t fsr, uint32_t pc, uint32_t far);
void nn_a9_fault(const char *what, uint32_t fsr, uint32_t pc, uint32_t far) {
  nn_board_fault(what, fsr, pc, far);
}
