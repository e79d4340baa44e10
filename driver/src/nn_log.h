/*
 * nn_log.h - messages through the caller's log hook (nn_options.log).
 * The driver never prints: on bare metal there may be no stdio, and a
 * library must not decide where text goes.
 */
#ifndef NNDRIVER_NN_LOG_H
#define NNDRIVER_NN_LOG_H

#include "nndriver/nn_driver.h"

#define NN_LOG_ERROR 0
#define NN_LOG_WARN 1
#define NN_LOG_INFO 2
#define NN_LOG_DEBUG 3

/* NN_DRIVER_LOG (CMake option NNACCEL_DRIVER_LOG, default on): 0 compiles every
 * message out - no format strings, no formatter, no calls, and nn_options.log is
 * never called - for images where a few KiB of .text matter (docs/baremetal-hal.md). */
#ifndef NN_DRIVER_LOG
#define NN_DRIVER_LOG 1
#endif

#if NN_DRIVER_LOG
/* Formats into a bounded stack buffer and calls opt.log (nothing if NULL).
 * A deliberately tiny formatter (no libc printf family, which pulls large,
 * float-capable code into bare-metal images): %s (const char *, NULL prints
 * "(null)"), %u (uint32_t decimal), %x (uint32_t, printed as 0x%08x) and %%.
 * Every numeric argument must be passed as uint32_t. Messages longer than 191
 * characters are truncated. */
void nn_log(const nn_device *dev, int level, const char *fmt, ...);

/* The formatter itself, exposed for tests. Always NUL-terminates (cap > 0). */
void nn_log_format(char *out, unsigned cap, const char *fmt, ...);
#else
/* Declared and never defined: it appears only inside sizeof, which does not
 * evaluate its operand, so nothing is called or emitted (string literals
 * included), yet every argument still counts as used - variables that only
 * feed messages raise no -Wunused warnings - and is still type-checked. */
int nn_log_discard(const nn_device *dev, int level, const char *fmt, ...);
#define nn_log(...) ((void)sizeof(nn_log_discard(__VA_ARGS__)))
#endif

#endif /* NNDRIVER_NN_LOG_H */
