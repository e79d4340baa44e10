/*
 * nn_internal.h - private state of an nn_device shared by the driver's files.
 * Not installed; the public view of the same struct is nndriver/nn_driver.h.
 */
#ifndef NNDRIVER_NN_INTERNAL_H
#define NNDRIVER_NN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "nndriver/nn_driver.h"

/*
 * nn_device.state layout. The upper half holds a magic so that caller-owned
 * storage that was never opened (or was closed) is refused with NN_E_STATE
 * instead of being trusted; the lower bits are flags.
 */
#define NN_DEV_MAGIC 0x4E4E0000u      /* 'N' 'N' */
#define NN_DEV_MAGIC_MASK 0xFFFF0000u
#define NN_DEV_WEIGHTS 0x1u /* a weight image was loaded and confirmed by its checksum */
#define NN_DEV_RUNNING 0x2u /* nn_start() issued, nn_wait() has not completed it yet */
#define NN_DEV_LOST 0x4u    /* a synchronous operation timed out: the IP may still run */
#define NN_DEV_IRQ 0x8u     /* completion is signalled through nn_hal wait_irq */

static inline int nn_dev_is_open(const nn_device *dev) {
  return dev != NULL && (dev->state & NN_DEV_MAGIC_MASK) == NN_DEV_MAGIC;
}

/* Bytes of `samples` samples of `elems` float32 elements, rounded up to a
 * whole 64-byte line (the largest D-cache line of the supported CPUs,
 * REFERENCE.md section 3). Buffers are allocated with this padding, so the
 * rounded length never leaves the buffer. */
static inline size_t nn_line_bytes(uint32_t samples, uint32_t elems) {
  size_t bytes = (size_t)samples * (size_t)elems * sizeof(float);
  return (bytes + 63u) & ~(size_t)63u;
}

/* --- nn_op.c: the register protocol of one accelerator run --- */

/* Writes the arguments, does the cache maintenance for `mode`, and starts the
 * IP. Requires an idle device (the caller checks the state). */
void nn_op_start(nn_device *dev, uint32_t mode, uint32_t batch);

/* Waits for ap_done (interrupt or polling, bounded by timeout_us), acknowledges
 * the interrupt, invalidates the outputs of an inference run and returns the
 * IP's ap_return in *ap_return. NN_OK, NN_E_TIMEOUT or NN_E_HAL. */
int nn_op_wait(nn_device *dev, uint32_t mode, uint32_t batch, uint32_t timeout_us,
               uint32_t *ap_return);

/* Runs one synchronous operation (start + wait). On timeout the device is
 * marked NN_DEV_LOST. */
int nn_op_run(nn_device *dev, uint32_t mode, uint32_t batch, uint32_t *ap_return);

/* Called before every new operation: NN_OK if the device can be started now.
 * If a previous synchronous operation timed out, re-reads AP_CTRL once and
 * clears NN_DEV_LOST when the IP has become idle; NN_E_BUSY while it has not
 * (or while an nn_start() run is pending). NN_E_STATE if not open. */
int nn_op_ready(nn_device *dev, const char *who);

/* Waits until AP_CTRL shows ap_idle (used by nn_open after clearing
 * auto_restart). NN_OK or NN_E_TIMEOUT. */
int nn_op_wait_idle(nn_device *dev, uint32_t timeout_us);

/* Acknowledges a pending ISR bit set (if any): read ISR, and if a bit is set,
 * write it back and read ISR again (UG1399: toggle-on-write or clear-on-read). */
void nn_op_clear_stale_isr(nn_device *dev);

#endif /* NNDRIVER_NN_INTERNAL_H */
