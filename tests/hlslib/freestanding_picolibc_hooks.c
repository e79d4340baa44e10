/* What a picolibc program must provide itself (the A53 board layer does it for the images): the
 * stdio streams, and _exit/getpid/kill, which abort() reaches through raise(). Used only by the
 * link check in freestanding_cross.cmake; the program is never run. */
#include <stdio.h>
#include <sys/types.h>

static int discard(char c, FILE *f) {
  (void)f;
  return (unsigned char)c;
}
static FILE sink = FDEV_SETUP_STREAM(discard, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &sink;
FILE *const stdout = &sink;
FILE *const stderr = &sink;

void _exit(int status) {
  (void)status;
  for (;;) {
  }
}
pid_t getpid(void) { return 1; }
int kill(pid_t pid, int sig) {
  (void)pid;
  (void)sig;
  return -1;
}
