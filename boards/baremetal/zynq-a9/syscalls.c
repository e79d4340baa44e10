/* syscalls.c - the system-call layer newlib expects from a bare-metal board:
 * console output, a heap between two linker symbols, and harmless answers
 * for files that do not exist. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "nn_board.h"
#include "nn_board_common.h"

#undef errno
extern int errno;

/* link.ld: the heap lies between the end of the image's data and the
 * stacks at the top of DDR. */
extern char __heap_start[], __heap_end[];

/* Prototypes: newlib declares none of these for the application. */
void *_sbrk(ptrdiff_t incr);
int _write(int fd, const char *buf, int len);
int _read(int fd, char *buf, int len);
int _close(int fd);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
int _lseek(int fd, int offset, int whence);
int _kill(int pid, int sig);
int _getpid(void);

void *_sbrk(ptrdiff_t incr) {
  static char *brk = __heap_start;
  char *old = brk;
  /* Refuse to pass the heap's end (below the stacks) or to shrink below its
   * start; malloc then returns NULL instead of overwriting the stack. */
  if ((incr > 0 && (size_t)incr > (size_t)(__heap_end - brk)) ||
      (incr < 0 && (size_t)(-incr) > (size_t)(brk - __heap_start))) {
    errno = ENOMEM;
    return (void *)-1;
  }
  brk += incr;
  return old;
}

int _write(int fd, const char *buf, int len) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  for (int i = 0; i < len; ++i) nn_board_putc(buf[i]);
  return len;
}

int _read(int fd, char *buf, int len) {
  (void)buf;
  (void)len;
  if (fd == 0) return 0; /* no console input: end of file */
  errno = EBADF;
  return -1;
}

int _close(int fd) {
  (void)fd;
  errno = EBADF;
  return -1;
}

int _fstat(int fd, struct stat *st) {
  if (fd < 0 || fd > 2) {
    errno = EBADF;
    return -1;
  }
  st->st_mode = S_IFCHR; /* a terminal: newlib then buffers by line */
  return 0;
}

int _isatty(int fd) {
  if (fd >= 0 && fd <= 2) return 1;
  errno = EBADF;
  return 0;
}

int _lseek(int fd, int offset, int whence) {
  (void)fd;
  (void)offset;
  (void)whence;
  errno = ESPIPE;
  return -1;
}

int _kill(int pid, int sig) {
  if (pid == 1) nn_board_signal(sig); /* abort(): raise(SIGABRT) lands here */
  errno = ESRCH;
  return -1;
}

int _getpid(void) { return 1; }
