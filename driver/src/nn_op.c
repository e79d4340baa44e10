/*
 * nn_op.c - the register protocol of one accelerator run, in one place.
 *
 * Sequence (DESIGN.md "Driver", REFERENCE.md sections 1 and 3, UG1399
 * "s_axilite control register map"):
 *   1. argument registers: in, out, weights (each lo then hi), batch, mode;
 *   2. cache maintenance: clean inputs (mode 0) / weights (mode 1), clean +
 *      invalidate outputs (mode 0) so no dirty line can be evicted over what
 *      the accelerator writes;
 *   3. barrier (dsb): maintenance and argument writes complete before start;
 *   4. ap_start by read-modify-write of AP_CTRL keeping only auto_restart;
 *   5. wait for ap_done (interrupt, or polling with ap_done read once per
 *      poll because it is clear-on-read), acknowledge ISR;
 *   6. read ap_return; invalidate outputs (mode 0) before the CPU reads them.
 */
#include <stddef.h>

#include "nn_internal.h"
#include "nn_log.h"
#include "nn_regs.h"

static void write_args(nn_device *dev, uint32_t mode, uint32_t batch) {
  const nn_reg_map *r = &dev->model->regs;
  /* Every pointer argument is always written with a driver-owned buffer, also
   * in modes that do not use it: the IP is a bus master, and a pointer
   * register left with a stale or reset value is a write into someone else's
   * memory if the design ever touches it. */
  nn_reg_write_addr(dev, r->in_lo, r->in_hi, dev->in_buf.phys);
  nn_reg_write_addr(dev, r->out_lo, r->out_hi, dev->out_buf.phys);
  nn_reg_write_addr(dev, r->weights_lo, r->weights_hi, dev->w_buf.phys);
  nn_reg_write(dev, r->batch, batch);
  nn_reg_write(dev, r->mode, mode);
}

static void maintain_before(nn_device *dev, uint32_t mode, uint32_t batch) {
  if (dev->opt.coherent) return;
  const nn_model_desc *m = dev->model;
  if (mode == NN_MODE_INFER) {
    nn_hal_cache_clean(&dev->hal, &dev->in_buf, 0, nn_line_bytes(batch, m->input_size));
    nn_hal_cache_flush(&dev->hal, &dev->out_buf, 0, nn_line_bytes(batch, m->output_size));
  } else if (mode == NN_MODE_LOAD_WEIGHTS) {
    nn_hal_cache_clean(&dev->hal, &dev->w_buf, 0, nn_line_bytes(1u, m->weight_words));
  }
}

void nn_op_start(nn_device *dev, uint32_t mode, uint32_t batch) {
  const nn_reg_map *r = &dev->model->regs;
  write_args(dev, mode, batch);
  maintain_before(dev, mode, batch);
  nn_hal_barrier(&dev->hal);
  /* UG1399: only ap_start (bit 0) and auto_restart (bit 7) are writable in
   * ap_ctrl_hs; keep auto_restart as it is (nn_open cleared it) and set
   * ap_start. The read also consumes a stale clear-on-read ap_done. */
  uint32_t ctrl = nn_reg_read(dev, r->ap_ctrl);
  dev->start_us = nn_hal_time_us(&dev->hal);
  nn_reg_write(dev, r->ap_ctrl, (ctrl & NN_AP_AUTO_RESTART) | NN_AP_START);
}

/* Acknowledges ap_done in ISR: write the bit, then read ISR. Writing clears a
 * toggle-on-write ISR (Vivado-flow IP); the read clears a clear-on-read ISR
 * (Vitis kernel flow) and is harmless for the other kind, so one sequence
 * serves both (REFERENCE.md section 1). */
static void ack_done_irq(nn_device *dev) {
  const nn_reg_map *r = &dev->model->regs;
  nn_reg_write(dev, r->isr, 1u);
  (void)nn_reg_read(dev, r->isr);
}

/* Polls AP_CTRL until ap_done or the deadline. ap_done is clear-on-read, so
 * each poll reads AP_CTRL exactly once and decides on that value. */
static int poll_done(nn_device *dev, uint64_t t0, uint32_t timeout_us) {
  const nn_reg_map *r = &dev->model->regs;
  for (;;) {
    uint32_t ctrl = nn_reg_read(dev, r->ap_ctrl);
    if (ctrl & NN_AP_DONE) return NN_OK;
    if (nn_hal_time_us(&dev->hal) - t0 >= timeout_us) return NN_E_TIMEOUT;
    nn_hal_relax(&dev->hal);
  }
}

static int wait_done(nn_device *dev, uint32_t timeout_us) {
  const nn_reg_map *r = &dev->model->regs;
  uint64_t t0 = nn_hal_time_us(&dev->hal);
  if (!(dev->state & NN_DEV_IRQ)) return poll_done(dev, t0, timeout_us);

  int hs = nn_hal_wait_irq(&dev->hal, timeout_us);
  if (hs == NN_HAL_TIMEOUT) return NN_E_TIMEOUT;
  if (hs != NN_HAL_OK) {
    nn_log(dev, NN_LOG_ERROR, "wait_irq failed with HAL status %u", (uint32_t)(-hs));
    return NN_E_HAL;
  }
  /* The interrupt is ap_done (IER bit 0 only): consume ap_done with one read,
   * then acknowledge. */
  uint32_t ctrl = nn_reg_read(dev, r->ap_ctrl);
  if (!(ctrl & NN_AP_DONE)) {
    /* Interrupt without ap_done (shared line, spurious wake-up): finish by
     * polling within what is left of the timeout. */
    nn_log(dev, NN_LOG_WARN, "interrupt without ap_done (AP_CTRL %x); polling", ctrl);
    uint64_t spent = nn_hal_time_us(&dev->hal) - t0;
    if (spent >= timeout_us) return NN_E_TIMEOUT;
    int st = poll_done(dev, nn_hal_time_us(&dev->hal), (uint32_t)(timeout_us - spent));
    if (st != NN_OK) return st;
  }
  /* Only after ap_done was seen: then ISR bit 0 is known to be set, and
   * writing it cannot set a clear toggle-on-write bit by accident. */
  ack_done_irq(dev);
  return NN_OK;
}

int nn_op_wait(nn_device *dev, uint32_t mode, uint32_t batch, uint32_t timeout_us,
               uint32_t *ap_return) {
  int st = wait_done(dev, timeout_us);
  if (st != NN_OK) {
    if (st == NN_E_TIMEOUT) {
      dev->stats.timeouts++;
      nn_log(dev, NN_LOG_ERROR, "mode %u run did not finish within %u us", mode, timeout_us);
    }
    return st;
  }
  uint64_t now = nn_hal_time_us(&dev->hal);
  dev->stats.device_time_us += now - dev->start_us;
  *ap_return = nn_reg_read(dev, dev->model->regs.ap_return);
  if (mode == NN_MODE_INFER && !dev->opt.coherent) {
    /* Drop any line the CPU may have (speculatively) fetched during the run. */
    nn_hal_cache_invalidate(&dev->hal, &dev->out_buf, 0,
                            nn_line_bytes(batch, dev->model->output_size));
  }
  return NN_OK;
}

int nn_op_run(nn_device *dev, uint32_t mode, uint32_t batch, uint32_t *ap_return) {
  dev->stats.last_mmio_accesses = 0;
  nn_op_start(dev, mode, batch);
  int st = nn_op_wait(dev, mode, batch, dev->opt.timeout_us, ap_return);
  if (st == NN_E_TIMEOUT) dev->state |= NN_DEV_LOST;
  return st;
}

int nn_op_ready(nn_device *dev, const char *who) {
  if (!nn_dev_is_open(dev)) return NN_E_STATE;
  if (dev->state & NN_DEV_RUNNING) {
    nn_log(dev, NN_LOG_ERROR, "%s: an nn_start() run is pending; call nn_wait() first", who);
    return NN_E_BUSY;
  }
  if (!(dev->state & NN_DEV_LOST)) return NN_OK;
  /* A synchronous run timed out earlier. HLS ap_ctrl_hs IP cannot be aborted,
   * so check once whether it has finished since (ap_idle); if so, the late
   * ap_done/ISR are consumed here and the device is usable again. */
  uint32_t ctrl = nn_reg_read(dev, dev->model->regs.ap_ctrl);
  if (!(ctrl & (NN_AP_IDLE | NN_AP_DONE))) {
    nn_log(dev, NN_LOG_ERROR, "%s: accelerator still busy after an earlier timeout (AP_CTRL %x)",
           who, ctrl);
    return NN_E_BUSY;
  }
  if (dev->state & NN_DEV_IRQ) nn_op_clear_stale_isr(dev);
  dev->state &= ~NN_DEV_LOST;
  nn_log(dev, NN_LOG_WARN, "%s: accelerator became idle after an earlier timeout", who);
  return NN_OK;
}

int nn_op_wait_idle(nn_device *dev, uint32_t timeout_us) {
  const nn_reg_map *r = &dev->model->regs;
  uint64_t t0 = nn_hal_time_us(&dev->hal);
  for (;;) {
    uint32_t ctrl = nn_reg_read(dev, r->ap_ctrl);
    if (ctrl & NN_AP_IDLE) return NN_OK;
    if (nn_hal_time_us(&dev->hal) - t0 >= timeout_us) return NN_E_TIMEOUT;
    nn_hal_relax(&dev->hal);
  }
}

void nn_op_clear_stale_isr(nn_device *dev) {
  const nn_reg_map *r = &dev->model->regs;
  uint32_t isr = nn_reg_read(dev, r->isr) & 0x3u; /* bit 0 ap_done, bit 1 ap_ready */
  if (isr == 0u) return; /* writing 1 to a clear toggle-on-write bit would set it */
  nn_reg_write(dev, r->isr, isr);
  (void)nn_reg_read(dev, r->isr);
}
