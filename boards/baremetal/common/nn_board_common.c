/* nn_board_common.c - the parts of nn_board.h that are the same on both
 * machines, plus the C half of the start-up (after crt0). */
#include "nn_board_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nn_board.h"
#include "nn_uart_cadence.h"

#ifndef NN_BOARD_SEMIHOSTING
#error "NN_BOARD_SEMIHOSTING must be defined to 0 or 1 (board.cmake does this)"
#endif

/* Linker script symbols (link.ld of each machine). */
extern char __bss_start[], __bss_end[];
typedef void (*nn_ctor_fn)(void);
extern nn_ctor_fn __preinit_array_start[], __preinit_array_end[];
extern nn_ctor_fn __init_array_start[], __init_array_end[];

int main(int argc, char **argv);

void nn_board_init(void) { nn_uart_cadence_init(nn_board_uart_base()); }

void nn_board_putc(char c) {
  uintptr_t base = nn_board_uart_base();
  if (c == '\n') nn_uart_cadence_putc(base, '\r');
  nn_uart_cadence_putc(base, (uint8_t)c);
}

void nn_board_puts(const char *s) {
  while (*s) nn_board_putc(*s++);
}

void nn_board_put_hex(uint64_t v, int digits) {
  nn_board_puts("0x");
  for (int i = digits - 1; i >= 0; --i) nn_board_putc("0123456789abcdef"[(v >> (4 * i)) & 0xF]);
}

/* Without a debugger the semihosting trap is an ordinary exception: its
 * fault report calls nn_board_exit again, which must then just halt. */
static volatile int exiting;

void nn_board_exit(int status) {
  nn_uart_cadence_flush(nn_board_uart_base());
#if NN_BOARD_SEMIHOSTING
  if (!exiting) {
    exiting = 1;
    nn_board_semihost_exit(status);
  }
#else
  (void)status; /* nobody to tell */
#endif
  /* No debugger (or it ignored the call): park the CPU. */
  for (;;) __asm__ volatile("wfi");
}

/* The C library's process exit (newlib and picolibc both end in _exit). */
void _exit(int status) __attribute__((noreturn));
void _exit(int status) { nn_board_exit(status); }

void nn_board_fault(const char *what, uint64_t syndrome, uint64_t pc, uint64_t addr) {
  nn_board_puts("\nfatal: ");
  nn_board_puts(what);
  nn_board_puts(" syndrome ");
  nn_board_put_hex(syndrome, 8);
  nn_board_puts(" pc ");
  nn_board_put_hex(pc, 16);
  nn_board_puts(" address ");
  nn_board_put_hex(addr, 16);
  nn_board_puts("\n");
  if (exiting)
    nn_board_puts(
        "fatal: the semihosting exit trapped (no debugger, or QEMU without -semihosting): "
        "halted\n");
  nn_board_exit(NN_BOARD_FAULT_STATUS);
}

void nn_board_signal(int sig) {
  char digits[12];
  int n = 0;
  unsigned v = sig < 0 ? 0u : (unsigned)sig;
  do digits[n++] = (char)('0' + v % 10u);
  while ((v /= 10u) != 0u && n < (int)sizeof digits);
  nn_board_puts("\nfatal: signal ");
  while (n > 0) nn_board_putc(digits[--n]);
  nn_board_puts(sig == 6 ? " (abort)\n" : "\n");
  nn_board_exit(NN_BOARD_FAULT_STATUS);
}

void nn_board_c_start(void) {
  /* The loader (QEMU -kernel, FSBL, debugger) places .data at its run address,
   * so only .bss needs work. */
  memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
  nn_board_machine_c_init();
  nn_board_init();
  /* Walk the constructor tables ourselves: newlib's __libc_init_array wants
   * _init from crti.o, which -nostartfiles leaves out. */
  for (nn_ctor_fn *f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
  for (nn_ctor_fn *f = __init_array_start; f < __init_array_end; ++f) (*f)();
  static char name[] = "nnaccel";
  static char *argv[] = {name, 0};
  exit(main(1, argv));
}
