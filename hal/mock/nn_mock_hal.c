/*
 * nn_mock_hal.c - life cycle of the mock and its nn_hal_ops table.
 * Every op is provided (including wait_irq); a driver chooses polling with
 * nn_options.use_irq = 0.
 */
#include <stdlib.h>
#include <string.h>

#include "nn_mock_internal.h"

void nn_mock_config_init(nn_mock_config *cfg) {
  if (cfg == NULL) return;
  memset(cfg, 0, sizeof *cfg);
  cfg->regs = NULL;
  cfg->weight_words = 0u;
  cfg->ddr_base = 0x10000000u;
  cfg->ddr_size = (size_t)64u << 20;
  cfg->isr_mode = NN_MOCK_ISR_TOGGLE_ON_WRITE;
  cfg->done_after_polls = 2u;
  cfg->us_per_access = 1u;
  cfg->device = NULL;
  cfg->device_ctx = NULL;
}

static int reg_usable(uint32_t off, int optional) {
  if (off == NN_REG_NONE) return optional;
  return (off & 3u) == 0u && off < NN_MOCK_REG_WINDOW;
}

static int config_ok(const nn_mock_config *cfg) {
  if (cfg == NULL || cfg->regs == NULL) return 0;
  const nn_reg_map *r = cfg->regs;
  if (!reg_usable(r->ap_ctrl, 0) || !reg_usable(r->gie, 0) || !reg_usable(r->ier, 0) ||
      !reg_usable(r->isr, 0) || !reg_usable(r->ap_return, 0) || !reg_usable(r->in_lo, 0) ||
      !reg_usable(r->in_hi, 1) || !reg_usable(r->out_lo, 0) || !reg_usable(r->out_hi, 1) ||
      !reg_usable(r->weights_lo, 0) || !reg_usable(r->weights_hi, 1) || !reg_usable(r->batch, 0) ||
      !reg_usable(r->mode, 0)) {
    return 0;
  }
  if (cfg->ddr_size == 0u || (cfg->ddr_base & (NN_MOCK_LINE - 1u)) != 0u) return 0;
  if (cfg->ddr_base + cfg->ddr_size < cfg->ddr_base) return 0; /* wraps */
  if (cfg->isr_mode != NN_MOCK_ISR_TOGGLE_ON_WRITE && cfg->isr_mode != NN_MOCK_ISR_CLEAR_ON_READ) {
    return 0;
  }
  return 1;
}

nn_mock *nn_mock_create(const nn_mock_config *cfg) {
  if (!config_ok(cfg)) return NULL;
  nn_mock *m = (nn_mock *)calloc(1, sizeof *m);
  if (m == NULL) return NULL;
  m->regs = (uint32_t *)calloc(NN_MOCK_REG_WINDOW / 4u, sizeof(uint32_t));
  if (m->regs == NULL) {
    free(m);
    return NULL;
  }
  m->cfg = *cfg;
  m->map = *cfg->regs;
  m->cfg.regs = NULL; /* only the copy is used: the caller's map may go away */
  m->run = NN_MOCK_IDLE;
  return m;
}

void nn_mock_destroy(nn_mock *m) {
  if (m == NULL) return;
  nn_mock_ddr_free_all(m);
  free(m->regs);
  free(m);
}

void nn_mock_set_faults(nn_mock *m, unsigned faults) {
  if (m != NULL) m->faults = faults;
}

const nn_mock_counters *nn_mock_get_counters(const nn_mock *m) {
  return m != NULL ? &m->counters : NULL;
}

/* --- the ops table: ctx is the nn_mock --- */

static uint32_t op_reg_read(void *ctx, uint32_t offset) {
  return nn_mock_ctrl_read((nn_mock *)ctx, offset);
}
static void op_reg_write(void *ctx, uint32_t offset, uint32_t value) {
  nn_mock_ctrl_write((nn_mock *)ctx, offset, value);
}
static int op_dma_alloc(void *ctx, size_t size, nn_dma_buf *buf) {
  return nn_mock_ddr_alloc((nn_mock *)ctx, size, buf);
}
static void op_dma_free(void *ctx, nn_dma_buf *buf) { nn_mock_ddr_free((nn_mock *)ctx, buf); }
static uint64_t op_time_us(void *ctx) { return ((nn_mock *)ctx)->now_us; }
static void op_cache_clean(void *ctx, const nn_dma_buf *buf, size_t off, size_t len) {
  nn_mock_ddr_clean((nn_mock *)ctx, buf, off, len);
}
static void op_cache_invalidate(void *ctx, const nn_dma_buf *buf, size_t off, size_t len) {
  nn_mock_ddr_invalidate((nn_mock *)ctx, buf, off, len);
}
static void op_cache_flush(void *ctx, const nn_dma_buf *buf, size_t off, size_t len) {
  nn_mock_ddr_flush((nn_mock *)ctx, buf, off, len);
}
static void op_barrier(void *ctx) { ((nn_mock *)ctx)->counters.barriers++; }
static int op_wait_irq(void *ctx, uint32_t timeout_us) {
  return nn_mock_ctrl_wait_irq((nn_mock *)ctx, timeout_us);
}
/* A poll loop that yields also lets time pass: with us_per_access = 0 a
 * polling driver would otherwise never reach its deadline. */
static void op_relax(void *ctx) { ((nn_mock *)ctx)->now_us += 1u; }

static const nn_hal_ops kMockOps = {
    op_reg_read,         op_reg_write,   op_dma_alloc, op_dma_free, op_time_us, op_cache_clean,
    op_cache_invalidate, op_cache_flush, op_barrier,   op_wait_irq, op_relax};

nn_hal nn_mock_hal(nn_mock *m) {
  nn_hal h;
  h.ops = &kMockOps;
  h.ctx = m;
  return h;
}
