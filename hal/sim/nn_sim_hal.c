/*
 * nn_sim_hal.c - configuration of the sim backend, its DMA buffers (carved
 * from the caller's pool by the shared first-fit allocator) and its ops table.
 * Coherent memory: no cache operations; the compiler barrier of nn_hal.h is
 * enough because the "device" is code on the same CPU.
 */
#include <string.h>

#include "nn_sim_internal.h"

void nn_sim_config_init(nn_sim_config *cfg) {
  if (cfg == NULL) return;
  memset(cfg, 0, sizeof *cfg);
  cfg->model.regs = NULL;
  cfg->model.top = NULL;
  cfg->pool = NULL;
  cfg->time_us = NULL;
  cfg->time_user = NULL;
  cfg->provide_irq = 1;
}

static int reg_usable(uint32_t off, int optional) {
  if (off == NN_REG_NONE) return optional;
  return (off & 3u) == 0u && off < NN_SIM_WINDOW;
}

static int config_ok(const nn_sim_config *cfg) {
  const nn_reg_map *r = cfg->model.regs;
  if (r == NULL || cfg->model.top == NULL) return 0;
  if (!reg_usable(r->ap_ctrl, 0) || !reg_usable(r->gie, 0) || !reg_usable(r->ier, 0) ||
      !reg_usable(r->isr, 0) || !reg_usable(r->ap_return, 0) || !reg_usable(r->in_lo, 0) ||
      !reg_usable(r->in_hi, 1) || !reg_usable(r->out_lo, 0) || !reg_usable(r->out_hi, 1) ||
      !reg_usable(r->weights_lo, 0) || !reg_usable(r->weights_hi, 1) || !reg_usable(r->batch, 0) ||
      !reg_usable(r->mode, 0)) {
    return 0;
  }
  uintptr_t base = (uintptr_t)cfg->pool;
  if (cfg->pool == NULL || (base & (NN_DMA_POOL_ALIGN - 1u)) != 0u) return 0;
  if (cfg->pool_size < NN_DMA_POOL_ALIGN) return 0;
  /* Bus addresses are base + offset: the region must not wrap the address space. */
  if (cfg->pool_size - 1u > UINTPTR_MAX - base) return 0;
  return 1;
}

int nn_sim_init(nn_sim *sim, const nn_sim_config *cfg) {
  if (sim == NULL) return NN_HAL_ERROR;
  memset(sim, 0, sizeof *sim);
  if (cfg == NULL || !config_ok(cfg)) return NN_HAL_ERROR;
  sim->cfg = *cfg;
  nn_dma_pool_init(&sim->pool, (uint64_t)cfg->pool_size);
  return NN_HAL_OK;
}

uint64_t nn_sim_now(const nn_sim *s) {
  return s->cfg.time_us != NULL ? s->cfg.time_us(s->cfg.time_user) : s->ticks;
}

const nn_sim_stats *nn_sim_get_stats(const nn_sim *sim) { return sim != NULL ? &sim->stats : NULL; }

/* --- the ops table: ctx is the nn_sim --- */

static uint32_t op_reg_read(void *ctx, uint32_t offset) {
  return nn_sim_ctrl_read((nn_sim *)ctx, offset);
}

static void op_reg_write(void *ctx, uint32_t offset, uint32_t value) {
  nn_sim_ctrl_write((nn_sim *)ctx, offset, value);
}

static int op_dma_alloc(void *ctx, size_t size, nn_dma_buf *buf) {
  nn_sim *s = (nn_sim *)ctx;
  if (buf == NULL || size == 0u) return NN_HAL_ERROR;
  uint64_t off, padded;
  if (nn_dma_pool_alloc(&s->pool, (uint64_t)size, &off, &padded) != NN_DMA_POOL_OK) {
    return NN_HAL_NOMEM; /* the caller's pool is too small for what the driver needs */
  }
  buf->virt = (unsigned char *)s->cfg.pool + (size_t)off;
  buf->phys = (uint64_t)(uintptr_t)buf->virt;
  buf->size = (size_t)padded;
  buf->priv = s;
  return NN_HAL_OK;
}

/* Freeing what the pool never handed out (or twice) is a driver bug with no
 * error channel: it is counted as a bus fault, like the mock does, and the
 * pool is left alone. */
static void op_dma_free(void *ctx, nn_dma_buf *buf) {
  nn_sim *s = (nn_sim *)ctx;
  if (buf == NULL || buf->virt == NULL) return;
  uintptr_t base = (uintptr_t)s->cfg.pool;
  uintptr_t at = (uintptr_t)buf->virt;
  if (buf->priv != s || at < base || at - base >= s->pool.size ||
      nn_dma_pool_free(&s->pool, (uint64_t)(at - base)) != NN_DMA_POOL_OK) {
    s->stats.bus_faults++;
    return;
  }
  memset(buf, 0, sizeof *buf);
}

static uint64_t op_time_us(void *ctx) { return nn_sim_now((const nn_sim *)ctx); }

static int op_wait_irq(void *ctx, uint32_t timeout_us) {
  return nn_sim_ctrl_wait_irq((nn_sim *)ctx, timeout_us);
}

/* Coherent and synchronous: no cache maintenance, no barrier instruction, no
 * relax (a poll finds ap_done at once). */
static const nn_hal_ops kSimOps = {op_reg_read, op_reg_write, op_dma_alloc, op_dma_free,
                                   op_time_us,  NULL,         NULL,         NULL,
                                   NULL,        op_wait_irq,  NULL};
static const nn_hal_ops kSimPollOps = {op_reg_read, op_reg_write, op_dma_alloc, op_dma_free,
                                       op_time_us,  NULL,         NULL,         NULL,
                                       NULL,        NULL,         NULL};

nn_hal nn_sim_hal(nn_sim *sim) {
  nn_hal h;
  h.ops = (sim != NULL && sim->cfg.provide_irq) ? &kSimOps : &kSimPollOps;
  h.ctx = sim;
  return h;
}
