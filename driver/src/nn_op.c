/*
 * nn_op.c - the register protocol of one accelerator run, in one place.
 *
 * Sequence (docs/driver.md, docs/register-map.md; register and cache rules
 * in docs/hardware-notes.md):
 *   1. argument registers that are not known to hold the right value: in,
 *      out, weights (each lo then hi), batch (inference only), mode;
 *   2. cache maintenance: clean inputs (mode 0) / weights (mode 1), clean +
 *      invalidate outputs (mode 0) so no dirty line can be evicted over what
 *      the accelerator writes;
 *   3. barrier (dsb): maintenance and argument writes complete before start;
 *   4. one write of ap_start to AP_CTRL;
 *   5. wait for ap_done: the HAL's wait_irq (which acknowledges ISR itself),
 *      or polling AP_CTRL with ap_done read once per poll (clear-on-read);
 *   6. read ap_return; invalidate outputs (mode 0) before the CPU reads them.
 * In steady state (same batch, same mode) that is 2 register accesses besides
 * the wait: the start write and the ap_return read.
 *
 * Stale ap_done. ap_done (AP_CTRL bit 1) is set when a run ends and cleared
 * only by a read of AP_CTRL. No path may take an ap_done left over from an
 * earlier run for the end of the current one:
 *  - polling: the poll that sees ap_done consumed it with the same read; a
 *    run whose wait timed out is only followed by another start once
 *    nn_op_ready has read AP_CTRL and seen ap_idle (that read consumes the
 *    late ap_done too); nn_open's idle wait consumed any earlier one. So no
 *    ap_done is pending when a polling run starts, and the start needs no
 *    read-modify-write of AP_CTRL to consume one.
 *  - interrupts: the wait is wait_irq, which looks at ISR, never at AP_CTRL,
 *    so ap_done is never consumed and stays set after every run. Nothing
 *    decides on it: the only AP_CTRL reads of an interrupt-mode device are
 *    nn_op_ready's recovery check, nn_close and nn_open's idle wait, and all
 *    three test ap_idle alone - a level that says whether the IP runs now,
 *    whatever happened before.
 */
#include <stddef.h>

#include "nn_internal.h"
#include "nn_log.h"
#include "nn_regs.h"

static void write_args(nn_device *dev, uint32_t mode, uint32_t batch) {
  const nn_reg_map *r = &dev->model->regs;
  if (!(dev->state & NN_DEV_ARG_PTRS)) {
    /* Every pointer argument holds a driver-owned buffer, also in modes that
     * do not use it: the IP is a bus master, and a pointer register left with
     * a stale or reset value is a write into someone else's memory if the
     * design ever touches it. The buffers are fixed from nn_open to nn_close,
     * so once written the registers stay right until the driver loses track
     * of the IP. */
    nn_reg_write_addr(dev, r->in_lo, r->in_hi, dev->in_buf.phys);
    nn_reg_write_addr(dev, r->out_lo, r->out_hi, dev->out_buf.phys);
    nn_reg_write_addr(dev, r->weights_lo, r->weights_hi, dev->w_buf.phys);
    dev->state |= NN_DEV_ARG_PTRS;
  }
  /* batch is an argument of mode 0 only: the generated top does not read it
   * in modes 1 and 2, so those leave it as it is. */
  if (mode == NN_MODE_INFER && !((dev->state & NN_DEV_ARG_BATCH) && dev->arg_batch == batch)) {
    nn_reg_write(dev, r->batch, batch);
    dev->arg_batch = batch;
    dev->state |= NN_DEV_ARG_BATCH;
  }
  if (!((dev->state & NN_DEV_ARG_MODE) && dev->arg_mode == mode)) {
    nn_reg_write(dev, r->mode, mode);
    dev->arg_mode = mode;
    dev->state |= NN_DEV_ARG_MODE;
  }
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
  write_args(dev, mode, batch);
  maintain_before(dev, mode, batch);
  nn_hal_barrier(&dev->hal);
  dev->start_us = nn_hal_time_us(&dev->hal);
  /* Only ap_start (bit 0) and auto_restart (bit 7) are writable in ap_ctrl_hs
   * (docs/hardware-notes.md "HLS control registers"; source: UG1399).
   * auto_restart is known to be clear - nn_open wrote 0 to AP_CTRL and the
   * driver never sets it - so writing ap_start alone keeps it clear, and no
   * read is needed first (nor to consume a stale ap_done: see
   * "Stale ap_done" above). */
  nn_reg_write(dev, dev->model->regs.ap_ctrl, NN_AP_START);
}

/* Polls AP_CTRL until ap_done or the deadline. ap_done is clear-on-read, so
 * each poll reads AP_CTRL exactly once and decides on that value. */
static int poll_done(nn_device *dev, uint64_t t0, uint32_t timeout_us) {
  const nn_reg_map *r = &dev->model->regs;
  for (;;) {
    uint32_t ctrl = nn_reg_poll(dev, r->ap_ctrl);
    if (ctrl & NN_AP_DONE) return NN_OK;
    if (nn_hal_time_us(&dev->hal) - t0 >= timeout_us) return NN_E_TIMEOUT;
    nn_hal_relax(&dev->hal);
  }
}

static int wait_done(nn_device *dev, uint32_t timeout_us) {
  uint64_t t0 = nn_hal_time_us(&dev->hal);
  if (!(dev->state & NN_DEV_IRQ)) return poll_done(dev, t0, timeout_us);

  /* nn_hal.h: wait_irq returns NN_HAL_OK only once ISR showed ap_done (IER
   * enables nothing else), and it has acknowledged ISR and re-armed the
   * interrupt itself; wake-ups without ap_done are its business. So the
   * driver makes no register access here. */
  int hs = nn_hal_wait_irq(&dev->hal, timeout_us);
  if (hs == NN_HAL_OK) return NN_OK;
  if (hs == NN_HAL_TIMEOUT) return NN_E_TIMEOUT;
  nn_log(dev, NN_LOG_ERROR, "wait_irq failed with HAL status %u", (uint32_t)(-hs));
  return NN_E_HAL;
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
  dev->stats.last_wait_mmio = 0;
  nn_op_start(dev, mode, batch);
  int st = nn_op_wait(dev, mode, batch, dev->opt.timeout_us, ap_return);
  /* Timeout: the IP may still run. HAL error: whether it finished is
   * unknown. Either way the next operation must first see it idle. */
  if (st != NN_OK) nn_op_mark_lost(dev);
  return st;
}

void nn_op_mark_lost(nn_device *dev) {
  dev->state |= NN_DEV_LOST;
  /* From here on the argument registers count as unknown: the IP may be
   * reset or reprogrammed (the PL reloaded, another process) while the
   * driver cannot tell, and rewriting them once costs eight writes. */
  dev->state &= ~NN_DEV_ARGS_KNOWN;
}

int nn_op_ready(nn_device *dev, const char *who) {
  if (!nn_dev_is_open(dev)) return NN_E_STATE;
  if (dev->state & NN_DEV_RUNNING) {
    nn_log(dev, NN_LOG_ERROR, "%s: an nn_start() run is pending; call nn_wait() first", who);
    return NN_E_BUSY;
  }
  if (!(dev->state & NN_DEV_LOST)) return NN_OK;
  /* A run timed out or its wait failed earlier. HLS ap_ctrl_hs IP cannot be
   * aborted, so check once whether it has finished since. ap_idle alone
   * decides: with interrupts a stale ap_done from an earlier, completed run
   * may still be set (see nn_op.c "Stale ap_done"). The read also consumes a
   * late ap_done of the lost run (polling mode relies on that). */
  uint32_t ctrl = nn_reg_read(dev, dev->model->regs.ap_ctrl);
  if (!(ctrl & NN_AP_IDLE)) {
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
  uint32_t isr = nn_reg_read(dev, r->isr) & (NN_IRQ_DONE | NN_IRQ_READY);
  if (isr == 0u) return; /* writing 1 to a clear toggle-on-write bit would set it */
  nn_reg_write(dev, r->isr, isr);
  (void)nn_reg_read(dev, r->isr);
}
