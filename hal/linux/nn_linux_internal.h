/*
 * nn_linux_internal.h - pieces shared by the Linux HALs (uio, devmem): error
 * text, bounded sysfs access, MMIO with bounds checks, messages for the shared
 * 64-byte first-fit DMA pool, time and barriers. Private to hal/linux.
 */
#ifndef NNHAL_LINUX_NN_LINUX_INTERNAL_H
#define NNHAL_LINUX_NN_LINUX_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_dma_pool.h"

#ifdef __cplusplus
extern "C" { /* the parser is unit-tested from C++ */
#endif

#if defined(__GNUC__)
#define NN_LX_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NN_LX_PRINTF(f, a)
#endif

/* Room for one run-time error message in a HAL context. */
#define NN_LX_ERR_MAX 512
/* Paths we build: sysfs roots are short, but tests use temp dirs. */
#define NN_LX_PATH_MAX 1024

/* --- nn_linux_err.c --- */
/* snprintf into err (if err and errlen); never overflows, always terminated. */
void nn_lx_errf(char *err, size_t errlen, const char *fmt, ...) NN_LX_PRINTF(3, 4);
/* Builds a path; -1 with "<what>: path too long: ..." in err on truncation. */
int nn_lx_path(char *out, size_t cap, char *err, size_t errlen, const char *what, const char *fmt,
               ...) NN_LX_PRINTF(6, 7);

/* --- nn_sysfs.c --- all return 0 or -1 with "<what>: ... <path> ..." in err. */
/* Reads a whole attribute file (at most cap-1 bytes; a longer file is an
 * error), strips trailing whitespace. */
int nn_sysfs_read_text(const char *what, const char *path, char *buf, size_t cap, char *err,
                       size_t errlen);
/* Parses "0x<hex>" or decimal, 64-bit, trailing whitespace allowed. */
int nn_sysfs_parse_u64(const char *text, uint64_t *out);
int nn_sysfs_read_u64(const char *what, const char *path, uint64_t *out, char *err, size_t errlen);
/* Writes text in one write() (open O_WRONLY|O_TRUNC, like `echo x > attr`). */
int nn_sysfs_write_text(const char *what, const char *path, const char *text, char *err,
                        size_t errlen);
/* Checks that the attribute can be opened for writing (permissions, udev rule). */
int nn_sysfs_check_writable(const char *what, const char *path, char *err, size_t errlen);

/* --- nn_uio_find.c --- */
/* Finds uioN under <sysfs_root>/class/uio whose `name` equals name, or (name
 * NULL) whose maps/map0/addr equals addr. 0 and *index, or -1 with a message
 * listing what exists. */
int nn_uio_find(const char *sysfs_root, const char *name, uint64_t addr, int *index, char *err,
                size_t errlen);

/* --- nn_linux_mmio.c: 32-bit volatile register access inside one mapping --- */
typedef struct nn_lx_mmio {
  volatile uint8_t *base;
  uint64_t size;
  uint64_t bad_accesses; /* unaligned or out-of-range offsets refused */
  char *err;             /* where a refusal is described (NN_LX_ERR_MAX bytes) */
  const char *what;      /* "uio" / "devmem" */
} nn_lx_mmio;
/* Out of range or unaligned: returns 0xFFFFFFFF (what a missing AXI slave
 * typically reads as), counts, describes it in err. */
uint32_t nn_lx_mmio_read(nn_lx_mmio *m, uint32_t offset);
/* Out of range or unaligned: ignored, counted, described. */
void nn_lx_mmio_write(nn_lx_mmio *m, uint32_t offset, uint32_t value);

/* --- nn_linux_pool.c: messages for the shared pool (nnhal/nn_dma_pool.h) --- */
/* Describes why nn_dma_pool_alloc(p, size, ...) returned `status` (the pool
 * as it was at the refusal): the sizes asked for, held and in use. */
void nn_lx_pool_why(const nn_dma_pool *p, int status, uint64_t size, char *err, size_t errlen);

/* --- nn_linux_time.c --- */
uint64_t nn_lx_time_us(void); /* CLOCK_MONOTONIC */
void nn_lx_relax(void);       /* between polls: give the core away */
void nn_lx_barrier(void);     /* full system barrier before ap_start */

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_LINUX_NN_LINUX_INTERNAL_H */
