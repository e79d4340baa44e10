/*
 * nn_hal.h - the hardware abstraction the driver talks to: one instance per
 * accelerator. A backend fills a const nn_hal_ops table and hands out an
 * nn_hal {ops, ctx}. Mandatory members must be non-NULL; optional members may
 * be NULL and the inline wrappers below supply the fallback, so the driver
 * never tests a function pointer itself.
 *
 * Ownership: the nn_hal value is copied into the nn_device; ctx must outlive
 * the device. DMA buffers belong to the backend and are returned with dma_free.
 */
#ifndef NNHAL_NN_HAL_H
#define NNHAL_NN_HAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A buffer the accelerator can reach as a bus master. */
typedef struct nn_dma_buf {
  void *virt;    /* CPU address */
  uint64_t phys; /* bus address written to the accelerator */
  size_t size;   /* bytes, a multiple of 64 */
  void *priv;    /* backend bookkeeping */
} nn_dma_buf;

/* HAL status: 0 or one of these (mapped to NN_E_HAL / NN_E_TIMEOUT / NN_E_NOMEM). */
#define NN_HAL_OK 0
#define NN_HAL_ERROR (-1)
#define NN_HAL_TIMEOUT (-2)
#define NN_HAL_NOMEM (-3)

typedef struct nn_hal_ops {
  /* --- mandatory --- */
  /* 32-bit register access at a byte offset of the control block. */
  uint32_t (*reg_read)(void *ctx, uint32_t offset);
  void (*reg_write)(void *ctx, uint32_t offset, uint32_t value);
  /* Allocate `size` bytes (rounded up to 64) aligned to 64 bytes. */
  int (*dma_alloc)(void *ctx, size_t size, nn_dma_buf *buf);
  void (*dma_free)(void *ctx, nn_dma_buf *buf);
  /* Monotonic microseconds. */
  uint64_t (*time_us)(void *ctx);

  /* --- optional (NULL: see the wrapper) --- */
  /* Write CPU cache lines of [off, off+len) back to memory. NULL: coherent. */
  void (*cache_clean)(void *ctx, const nn_dma_buf *buf, size_t off, size_t len);
  /* Discard CPU cache lines of [off, off+len). NULL: coherent. */
  void (*cache_invalidate)(void *ctx, const nn_dma_buf *buf, size_t off, size_t len);
  /* Clean then invalidate. NULL: clean, then invalidate. */
  void (*cache_flush)(void *ctx, const nn_dma_buf *buf, size_t off, size_t len);
  /* Full memory barrier (dsb) before starting the device. NULL: compiler barrier. */
  void (*barrier)(void *ctx);
  /* Block until the accelerator signals ap_done through its interrupt, or
   * timeout_us passes. NULL: the driver polls AP_CTRL instead.
   * The driver enables only ap_done in IER and makes no register access
   * around this call, so the HAL owns the interrupt protocol (it knows the
   * IP's register map, nnhal/nn_reg_map.h):
   *  - on a wake-up it reads ISR; if bit 0 (ap_done) is set it acknowledges
   *    it - writes bit 0 back, then reads ISR again, which clears both a
   *    toggle-on-write ISR (Vivado-flow IP) and a clear-on-read one (Vitis
   *    kernel flow) - re-enables the interrupt at its controller (UIO: write
   *    1 to the device file) and returns NN_HAL_OK;
   *  - a wake-up whose ISR read shows no ap_done (a shared line, an event
   *    left from a run the driver gave up on) is not completion: it re-enables
   *    and keeps waiting within the same timeout_us;
   *  - it never reads AP_CTRL: ap_done there is clear-on-read and the driver
   *    does not rely on it in interrupt mode.
   * Returns NN_HAL_OK, NN_HAL_TIMEOUT or NN_HAL_ERROR. */
  int (*wait_irq)(void *ctx, uint32_t timeout_us);
  /* Hint while polling (sched_yield, usleep, wfe). NULL: busy poll. */
  void (*relax)(void *ctx);
} nn_hal_ops;

typedef struct nn_hal {
  const nn_hal_ops *ops;
  void *ctx;
} nn_hal;

static inline uint32_t nn_hal_reg_read(const nn_hal *h, uint32_t off) {
  return h->ops->reg_read(h->ctx, off);
}
static inline void nn_hal_reg_write(const nn_hal *h, uint32_t off, uint32_t v) {
  h->ops->reg_write(h->ctx, off, v);
}
static inline int nn_hal_dma_alloc(const nn_hal *h, size_t size, nn_dma_buf *b) {
  return h->ops->dma_alloc(h->ctx, size, b);
}
static inline void nn_hal_dma_free(const nn_hal *h, nn_dma_buf *b) { h->ops->dma_free(h->ctx, b); }
static inline uint64_t nn_hal_time_us(const nn_hal *h) { return h->ops->time_us(h->ctx); }
static inline void nn_hal_cache_clean(const nn_hal *h, const nn_dma_buf *b, size_t off,
                                      size_t len) {
  if (h->ops->cache_clean) h->ops->cache_clean(h->ctx, b, off, len);
}
static inline void nn_hal_cache_invalidate(const nn_hal *h, const nn_dma_buf *b, size_t off,
                                           size_t len) {
  if (h->ops->cache_invalidate) h->ops->cache_invalidate(h->ctx, b, off, len);
}
static inline void nn_hal_cache_flush(const nn_hal *h, const nn_dma_buf *b, size_t off,
                                      size_t len) {
  if (h->ops->cache_flush) {
    h->ops->cache_flush(h->ctx, b, off, len);
  } else {
    nn_hal_cache_clean(h, b, off, len);
    nn_hal_cache_invalidate(h, b, off, len);
  }
}
static inline void nn_hal_barrier(const nn_hal *h) {
  if (h->ops->barrier) {
    h->ops->barrier(h->ctx);
  } else {
#if defined(__GNUC__)
    __asm__ __volatile__("" ::: "memory");
#endif
  }
}
static inline int nn_hal_has_irq(const nn_hal *h) { return h->ops->wait_irq != NULL; }
static inline int nn_hal_wait_irq(const nn_hal *h, uint32_t timeout_us) {
  return h->ops->wait_irq ? h->ops->wait_irq(h->ctx, timeout_us) : NN_HAL_ERROR;
}
static inline void nn_hal_relax(const nn_hal *h) {
  if (h->ops->relax) h->ops->relax(h->ctx);
}

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_HAL_H */
