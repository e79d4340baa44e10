/* libc_hooks.c - what picolibc needs from the board: stdin/stdout/stderr
 * (tinystdio FILEs on the UART), getpid/kill for abort(), and thread-local
 * storage for errno & co.
 * The heap needs nothing here: picolibc's sbrk uses __heap_start/__heap_end
 * from link.ld. */
#include <errno.h>
#include <stdio.h>

#include "nn_board.h"
#include "nn_board_common.h"

static int nn_stdio_put(char c, FILE *f) {
  (void)f;
  nn_board_putc(c);
  return (unsigned char)c;
}

static int nn_stdio_get(FILE *f) {
  (void)f;
  return EOF; /* no console input */
}

static FILE nn_stdio = FDEV_SETUP_STREAM(nn_stdio_put, nn_stdio_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &nn_stdio;
FILE *const stdout = &nn_stdio;
FILE *const stderr = &nn_stdio;

/* abort() -> raise(SIGABRT) -> kill(getpid(), SIGABRT): one process, no
 * handlers; report and stop (see nn_board_signal). */
int getpid(void);
int kill(int pid, int sig);
int getpid(void) { return 1; }
int kill(int pid, int sig) {
  if (pid == 1) nn_board_signal(sig);
  errno = ESRCH;
  return -1;
}

/* picolibc (libc.a) */
void _init_tls(void *tls);
void _set_tls(void *tls);
extern char __tls_base[];

void nn_board_machine_c_init(void) {
  /* picolibc keeps errno in a thread-local variable: copy the TLS template
   * (.tdata, zero .tbss) and point TPIDR_EL0 at it, as its crt0 would. */
  _init_tls(__tls_base);
  _set_tls(__tls_base);
}
