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
#define NN_DEV_MAGIC 0x4E4E0000u /* 'N' 'N' */
#define NN_DEV_MAGIC_MASK 0xFFFF0000u
#define NN_DEV_WEIGHTS 0x1u /* a weight image was loaded and confirmed by its checksum */
#define NN_DEV_RUNNING 0x2u /* nn_start() issued, nn_wait() has not completed it yet */
#define NN_DEV_LOST 0x4u    /* a synchronous operation timed out: the IP may still run */
#define NN_DEV_IRQ 0x8u     /* completion is signalled through nn_hal wait_irq */

/*
 * What the driver knows about the IP's argument registers (the lean predict
 * path, docs/driver.md "Per-predict cost"). The argument registers of an HLS
 * s_axilite block are written only by the host and keep their value across
 * runs (docs/hardware-notes.md "HLS control registers"; source: UG1399), so
 * a register that is known to hold the right value is not written again:
 *   NN_DEV_ARG_PTRS  in/out/weights hold this device's DMA buffers;
 *   NN_DEV_ARG_BATCH the batch register holds dev->arg_batch;
 *   NN_DEV_ARG_MODE  the mode register holds dev->arg_mode.
 * All three are clear after nn_open (the IP's previous owner may have left
 * anything there) and are cleared again whenever the driver loses track of
 * the IP (a timeout or a HAL error: nn_op_mark_lost).
 */
#define NN_DEV_ARG_PTRS 0x10u
#define NN_DEV_ARG_BATCH 0x20u
#define NN_DEV_ARG_MODE 0x40u
#define NN_DEV_ARGS_KNOWN (NN_DEV_ARG_PTRS | NN_DEV_ARG_BATCH | NN_DEV_ARG_MODE)

static inline int nn_dev_is_open(const nn_device *dev) {
  return dev != NULL && (dev->state & NN_DEV_MAGIC_MASK) == NN_DEV_MAGIC;
}

/* Bytes of `samples` samples of `elems` float32 elements, rounded up to a
 * whole 64-byte line (the largest D-cache line of the supported CPUs,
 * docs/driver.md "Cache policy"). Buffers are allocated with this padding, so the
 * rounded length never leaves the buffer. */
static inline size_t nn_line_bytes(uint32_t samples, uint32_t elems) {
  size_t bytes = (size_t)samples * (size_t)elems * sizeof(float);
  return (bytes + 63u) & ~(size_t)63u;
}

/* --- nn_op.c: the register protocol of one accelerator run --- */

/* Writes the argument registers not known to hold the right values, does the
 * cache maintenance for `mode`, and starts the IP with one write of AP_CTRL.
 * Requires an idle device (the caller checks the state). */
void nn_op_start(nn_device *dev, uint32_t mode, uint32_t batch);

/* Waits for ap_done (the HAL's wait_irq, which acknowledges the interrupt
 * itself, or polling AP_CTRL; bounded by timeout_us), reads the IP's ap_return
 * into *ap_return and invalidates the outputs of an inference run.
 * NN_OK, NN_E_TIMEOUT or NN_E_HAL. */
int nn_op_wait(nn_device *dev, uint32_t mode, uint32_t batch, uint32_t timeout_us,
               uint32_t *ap_return);

/* Runs one synchronous operation (start + wait). On a timeout or a HAL error
 * the device is marked lost (nn_op_mark_lost). */
int nn_op_run(nn_device *dev, uint32_t mode, uint32_t batch, uint32_t *ap_return);

/* The driver no longer knows whether the IP runs (a timeout, a HAL error in
 * the wait): sets NN_DEV_LOST and forgets what the argument registers hold,
 * so that the next run writes all of them again. */
void nn_op_mark_lost(nn_device *dev);

/* Called before every new operation: NN_OK if the device can be started now.
 * If the device is lost, re-reads AP_CTRL once and clears NN_DEV_LOST when the
 * IP shows ap_idle; NN_E_BUSY while it does not (or while an nn_start() run is
 * pending). NN_E_STATE if not open. */
int nn_op_ready(nn_device *dev, const char *who);

/* Waits until AP_CTRL shows ap_idle (used by nn_open after clearing
 * auto_restart). NN_OK or NN_E_TIMEOUT. */
int nn_op_wait_idle(nn_device *dev, uint32_t timeout_us);

/* Acknowledges a pending ISR bit set (if any): read ISR, and if a bit is set,
 * write it back and read ISR again: this clears toggle-on-write and clear-on-read
 * ISRs alike (docs/hardware-notes.md "HLS control registers"; source: UG1399). */
void nn_op_clear_stale_isr(nn_device *dev);

#endif /* NNDRIVER_NN_INTERNAL_H */
