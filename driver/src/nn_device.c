/*
 * nn_device.c - device lifecycle: options, open (validate, allocate, quiesce,
 * interrupts, identify), identify, close, statistics.
 */
#include <stdint.h>
#include <string.h>

#include "nn_internal.h"
#include "nn_log.h"
#include "nn_regs.h"

#define NN_DEFAULT_TIMEOUT_US 1000000u

void nn_options_init(nn_options *opt) {
  if (opt == NULL) return;
  memset(opt, 0, sizeof *opt);
  opt->max_batch = 0; /* 0: model->max_batch */
  opt->timeout_us = NN_DEFAULT_TIMEOUT_US;
  opt->use_irq = 1;
  opt->skip_identify = 0;
  opt->coherent = 0;
}

static int reg_ok(const nn_device *dev, const char *field, uint32_t off, int optional) {
  if (off == NN_REG_NONE) {
    if (optional) return 1;
    nn_log(dev, NN_LOG_ERROR, "nn_open: model descriptor regs.%s is NN_REG_NONE", field);
    return 0;
  }
  if (off & 3u) {
    nn_log(dev, NN_LOG_ERROR, "nn_open: model descriptor regs.%s = %x is not 4-byte aligned", field,
           off);
    return 0;
  }
  return 1;
}

static int check_model(const nn_device *dev, const nn_model_desc *m) {
  if (m->desc_version != NN_MODEL_DESC_VERSION) {
    nn_log(dev, NN_LOG_ERROR,
           "nn_open: model descriptor desc_version is %u, this driver reads version %u",
           m->desc_version, (uint32_t)NN_MODEL_DESC_VERSION);
    return 0;
  }
  if (m->bus_format != NN_BUS_FLOAT32) {
    nn_log(dev, NN_LOG_ERROR, "nn_open: model descriptor bus_format %u is not supported",
           m->bus_format);
    return 0;
  }
  const struct {
    const char *name;
    uint32_t value;
  } sizes[] = {{"input_size", m->input_size},
               {"output_size", m->output_size},
               {"weight_words", m->weight_words},
               {"max_batch", m->max_batch}};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
    if (sizes[i].value == 0u) {
      nn_log(dev, NN_LOG_ERROR, "nn_open: model descriptor %s is 0", sizes[i].name);
      return 0;
    }
  }
  const nn_reg_map *r = &m->regs;
  return reg_ok(dev, "ap_ctrl", r->ap_ctrl, 0) && reg_ok(dev, "gie", r->gie, 0) &&
         reg_ok(dev, "ier", r->ier, 0) && reg_ok(dev, "isr", r->isr, 0) &&
         reg_ok(dev, "ap_return", r->ap_return, 0) && reg_ok(dev, "in_lo", r->in_lo, 0) &&
         reg_ok(dev, "in_hi", r->in_hi, 1) && reg_ok(dev, "out_lo", r->out_lo, 0) &&
         reg_ok(dev, "out_hi", r->out_hi, 1) && reg_ok(dev, "weights_lo", r->weights_lo, 0) &&
         reg_ok(dev, "weights_hi", r->weights_hi, 1) && reg_ok(dev, "batch", r->batch, 0) &&
         reg_ok(dev, "mode", r->mode, 0);
}

static int check_hal(const nn_device *dev, const nn_hal *hal) {
  const nn_hal_ops *o = hal->ops;
  if (o == NULL || o->reg_read == NULL || o->reg_write == NULL || o->dma_alloc == NULL ||
      o->dma_free == NULL || o->time_us == NULL) {
    nn_log(dev, NN_LOG_ERROR, "nn_open: HAL ops table is NULL or lacks a mandatory member");
    return 0;
  }
  return 1;
}

/* Buffer bytes for `samples` * `elems` floats, 64-byte padded; 0 on overflow. */
static size_t buffer_bytes(uint32_t samples, uint32_t elems) {
  if (elems != 0u && samples > (SIZE_MAX - 63u) / sizeof(float) / elems) return 0;
  return nn_line_bytes(samples, elems);
}

static int alloc_buf(nn_device *dev, const char *what, size_t bytes, uint32_t hi_reg,
                     nn_dma_buf *buf) {
  nn_dma_buf b;
  memset(&b, 0, sizeof b);
  int hs = nn_hal_dma_alloc(&dev->hal, bytes, &b);
  if (hs != NN_HAL_OK) {
    nn_log(dev, NN_LOG_ERROR, "nn_open: dma_alloc of %u bytes for the %s buffer failed",
           (uint32_t)bytes, what);
    return hs == NN_HAL_NOMEM ? NN_E_NOMEM : NN_E_HAL;
  }
  /* Trust but verify: the padding rules and the 32-bit register case depend
   * on what the backend handed out. */
  int bad = b.virt == NULL || b.size < bytes || (b.phys & 63u) != 0u ||
            ((uintptr_t)b.virt & 63u) != 0u ||
            (hi_reg == NN_REG_NONE && b.phys + b.size - 1u > 0xFFFFFFFFu);
  if (bad) {
    nn_log(dev, NN_LOG_ERROR,
           "nn_open: HAL returned an unusable %s buffer (size %u, phys low %x high %x)", what,
           (uint32_t)b.size, (uint32_t)b.phys, (uint32_t)(b.phys >> 32));
    nn_hal_dma_free(&dev->hal, &b);
    return NN_E_HAL;
  }
  *buf = b;
  return NN_OK;
}

static void free_buffers(nn_device *dev) {
  nn_dma_buf *bufs[3] = {&dev->in_buf, &dev->out_buf, &dev->w_buf};
  for (int i = 0; i < 3; ++i) {
    if (bufs[i]->size != 0u) nn_hal_dma_free(&dev->hal, bufs[i]);
    memset(bufs[i], 0, sizeof *bufs[i]);
  }
}

/* Stops auto-restart, waits for the IP to be idle and sets up interrupts. */
static int quiesce(nn_device *dev) {
  const nn_reg_map *r = &dev->model->regs;
  /* Writing 0 clears auto_restart (bit 7) and cannot start the IP: ap_start
   * is only set by writing 1 to bit 0 (docs/hardware-notes.md "HLS control
   * registers"; source: UG1399). A run left over from a previous owner
   * finishes; then ap_idle rises. From here on auto_restart is known to be
   * clear, which is why nn_op_start can start the IP with one
   * write; the idle wait's reads also consume any ap_done left pending. */
  nn_reg_write(dev, r->ap_ctrl, 0u);
  int st = nn_op_wait_idle(dev, dev->opt.timeout_us);
  if (st != NN_OK) {
    nn_log(dev, NN_LOG_ERROR, "nn_open: accelerator not idle after %u us", dev->opt.timeout_us);
    return st;
  }
  if (dev->state & NN_DEV_IRQ) {
    /* Global enable last, after stale status is cleared, so that the line
     * cannot fire for an old event. */
    nn_reg_write(dev, r->gie, 0u);
    nn_reg_write(dev, r->ier, NN_IRQ_DONE); /* ap_done only: wait_irq relies on it */
    nn_op_clear_stale_isr(dev);
    nn_reg_write(dev, r->gie, 1u);
  } else {
    nn_reg_write(dev, r->gie, 0u);
    nn_reg_write(dev, r->ier, 0u);
  }
  return NN_OK;
}

int nn_open(nn_device *dev, const nn_model_desc *model, const nn_hal *hal, const nn_options *opt) {
  if (dev == NULL) return NN_E_INVAL;
  memset(dev, 0, sizeof *dev);
  if (opt != NULL) {
    dev->opt = *opt;
  } else {
    nn_options_init(&dev->opt);
  }
  if (model == NULL || hal == NULL) {
    nn_log(dev, NN_LOG_ERROR, "nn_open: %s is NULL", model == NULL ? "model" : "hal");
    return NN_E_INVAL;
  }
  if (!check_model(dev, model) || !check_hal(dev, hal)) return NN_E_INVAL;
  if (dev->opt.max_batch == 0u) dev->opt.max_batch = model->max_batch;
  if (dev->opt.max_batch > model->max_batch) {
    nn_log(dev, NN_LOG_ERROR,
           "nn_open: options.max_batch %u exceeds the model's max_batch %u (HLS m_axi depth)",
           dev->opt.max_batch, model->max_batch);
    return NN_E_INVAL;
  }
  if (dev->opt.timeout_us == 0u) dev->opt.timeout_us = NN_DEFAULT_TIMEOUT_US;

  size_t in_bytes = buffer_bytes(dev->opt.max_batch, model->input_size);
  size_t out_bytes = buffer_bytes(dev->opt.max_batch, model->output_size);
  size_t w_bytes = buffer_bytes(1u, model->weight_words);
  if (in_bytes == 0u || out_bytes == 0u || w_bytes == 0u) {
    nn_log(dev, NN_LOG_ERROR, "nn_open: buffer sizes overflow size_t");
    return NN_E_INVAL;
  }
  dev->model = model;
  dev->hal = *hal;

  int st = alloc_buf(dev, "input", in_bytes, model->regs.in_hi, &dev->in_buf);
  if (st == NN_OK) st = alloc_buf(dev, "output", out_bytes, model->regs.out_hi, &dev->out_buf);
  if (st == NN_OK) st = alloc_buf(dev, "weights", w_bytes, model->regs.weights_hi, &dev->w_buf);
  if (st != NN_OK) {
    free_buffers(dev);
    return st;
  }

  dev->state = NN_DEV_MAGIC;
  if (dev->opt.use_irq && nn_hal_has_irq(&dev->hal)) dev->state |= NN_DEV_IRQ;
  dev->stats.last_mmio_accesses = 0;
  dev->stats.last_wait_mmio = 0;
  /* The argument registers count as unknown (no NN_DEV_ARG_* flag): the first
   * run writes all of them. */
  st = quiesce(dev);
  if (st == NN_OK && !dev->opt.skip_identify) st = nn_identify(dev, NULL);
  if (st != NN_OK) {
    /* Safe to free even after a timeout: the only run nn_open starts is
     * identify, which does not access memory. */
    free_buffers(dev);
    dev->state = 0;
    return st;
  }
  nn_log(dev, NN_LOG_INFO, "opened model %s, capacity %u samples", model->name, dev->opt.max_batch);
  return NN_OK;
}

int nn_identify(nn_device *dev, uint32_t *signature) {
  int st = nn_op_ready(dev, "nn_identify");
  if (st != NN_OK) return st;
  uint32_t sig = 0;
  st = nn_op_run(dev, NN_MODE_IDENTIFY, 0u, &sig);
  if (st != NN_OK) return st;
  dev->signature = sig;
  if (signature != NULL) *signature = sig;
  if (sig != dev->model->signature) {
    nn_log(dev, NN_LOG_ERROR,
           "nn_identify: accelerator signature %x, model %s expects %x (bitstream built for "
           "another model)",
           sig, dev->model->name, dev->model->signature);
    return NN_E_SIGNATURE;
  }
  return NN_OK;
}

void nn_close(nn_device *dev) {
  if (!nn_dev_is_open(dev)) return;
  const nn_reg_map *r = &dev->model->regs;
  int still_running = 0;
  if (dev->state & (NN_DEV_RUNNING | NN_DEV_LOST)) {
    /* ap_idle alone decides: with interrupts ap_done may be stale (nn_op.c). */
    uint32_t ctrl = nn_reg_read(dev, r->ap_ctrl);
    still_running = !(ctrl & NN_AP_IDLE);
  }
  if (dev->state & NN_DEV_IRQ) {
    nn_reg_write(dev, r->gie, 0u);
    nn_reg_write(dev, r->ier, 0u);
  }
  if (still_running) {
    /* ap_ctrl_hs IP cannot be stopped by software; freeing memory a bus master
     * is still writing would corrupt whoever gets it next. Leak instead. */
    nn_log(dev, NN_LOG_ERROR, "nn_close: accelerator still running; its DMA buffers are NOT freed");
  } else {
    free_buffers(dev);
  }
  dev->state = 0;
}

const nn_stats *nn_get_stats(const nn_device *dev) { return dev != NULL ? &dev->stats : NULL; }

void nn_reset_stats(nn_device *dev) {
  if (dev != NULL) memset(&dev->stats, 0, sizeof dev->stats);
}
