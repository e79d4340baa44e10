/* nn_linux_err.c - bounded error text and path building for the Linux HALs. */
#include <stdio.h>

#include "nn_linux_internal.h"

void nn_lx_errf(char *err, size_t errlen, const char *fmt, ...) {
  if (err == NULL || errlen == 0) return;
  va_list ap;
  va_start(ap, fmt);
  (void)vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

int nn_lx_path(char *out, size_t cap, char *err, size_t errlen, const char *what, const char *fmt,
               ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(out, cap, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= cap) {
    /* A truncated path would name another file: refuse instead. */
    nn_lx_errf(err, errlen, "%s: path too long (more than %zu bytes): %.80s...", what, cap - 1,
               out);
    return -1;
  }
  return 0;
}
