/* cxx_runtime.c - the few C++ runtime entry points a bare-metal image may
 * need, for the A53 where Debian's libstdc++ (built for glibc) cannot be
 * linked: operator new/delete on picolibc's malloc and __cxa_pure_virtual.
 * Written in C under the Itanium C++ ABI names (size_t = unsigned long).
 * Exceptions are off (-fno-exceptions): a failed new ends the program. */
#include <stdlib.h>

#include "nn_board.h"
#include "nn_board_common.h"

static void *nn_new(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    nn_board_puts("\nfatal: operator new: out of memory\n");
    nn_board_exit(NN_BOARD_FAULT_STATUS);
  }
  return p;
}

void *_Znwm(size_t n); /* operator new(size_t) */
void *_Znam(size_t n); /* operator new[](size_t) */
void _ZdlPv(void *p);  /* operator delete(void*) */
void _ZdaPv(void *p);  /* operator delete[](void*) */
void _ZdlPvm(void *p, size_t n);
void _ZdaPvm(void *p, size_t n);
void __cxa_pure_virtual(void);

void *_Znwm(size_t n) { return nn_new(n); }
void *_Znam(size_t n) { return nn_new(n); }
void _ZdlPv(void *p) { free(p); }
void _ZdaPv(void *p) { free(p); }
void _ZdlPvm(void *p, size_t n) {
  (void)n;
  free(p);
}
void _ZdaPvm(void *p, size_t n) {
  (void)n;
  free(p);
}

void __cxa_pure_virtual(void) {
  nn_board_puts("\nfatal: pure virtual function called\n");
  nn_board_exit(NN_BOARD_FAULT_STATUS);
}
