/* nn_log.c - bounded message formatting for the log hook (see nn_log.h). */
#include "nn_log.h"

#if NN_DRIVER_LOG
#include <stdarg.h>
#include <stdint.h>

#define NN_LOG_LINE 192u

typedef struct nn_sink {
  char *out;
  unsigned cap; /* including the NUL */
  unsigned len;
} nn_sink;

static void sink_char(nn_sink *s, char c) {
  if (s->len + 1u < s->cap) s->out[s->len++] = c;
}

static void sink_str(nn_sink *s, const char *str) {
  if (str == NULL) str = "(null)";
  while (*str != '\0') sink_char(s, *str++);
}

static void sink_dec(nn_sink *s, uint32_t v) {
  char digits[10];
  unsigned n = 0;
  do {
    digits[n++] = (char)('0' + v % 10u);
    v /= 10u;
  } while (v != 0u);
  while (n > 0u) sink_char(s, digits[--n]);
}

static void sink_hex(nn_sink *s, uint32_t v) {
  static const char hex[] = "0123456789abcdef";
  sink_str(s, "0x");
  for (int shift = 28; shift >= 0; shift -= 4) sink_char(s, hex[(v >> shift) & 0xFu]);
}

static void format_v(nn_sink *s, const char *fmt, va_list ap) {
  for (const char *p = fmt; *p != '\0'; ++p) {
    if (*p != '%') {
      sink_char(s, *p);
      continue;
    }
    ++p;
    switch (*p) {
      case 's': sink_str(s, va_arg(ap, const char *)); break;
      case 'u': sink_dec(s, va_arg(ap, uint32_t)); break;
      case 'x': sink_hex(s, va_arg(ap, uint32_t)); break;
      case '%': sink_char(s, '%'); break;
      case '\0': --p; break; /* lone '%' at the end: stop at the NUL */
      default: sink_char(s, '%'); sink_char(s, *p); break;
    }
  }
  if (s->cap > 0u) s->out[s->len] = '\0';
}

void nn_log_format(char *out, unsigned cap, const char *fmt, ...) {
  nn_sink s = {out, cap, 0u};
  va_list ap;
  va_start(ap, fmt);
  format_v(&s, fmt, ap);
  va_end(ap);
}

void nn_log(const nn_device *dev, int level, const char *fmt, ...) {
  if (dev == NULL || dev->opt.log == NULL) return;
  char line[NN_LOG_LINE];
  nn_sink s = {line, NN_LOG_LINE, 0u};
  va_list ap;
  va_start(ap, fmt);
  format_v(&s, fmt, ap);
  va_end(ap);
  dev->opt.log(dev->opt.log_user, level, line);
}
#else
/* NN_DRIVER_LOG=0: messages are compiled out (nn_log.h); nothing to build. */
typedef int nn_log_compiled_out; /* ISO C: no empty translation unit */
#endif
