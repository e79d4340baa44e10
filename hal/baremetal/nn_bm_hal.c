/*
 * nn_bm_hal.c - the baremetal backend's instance, DMA pool and ops table
 * (nnhal/nn_hal_baremetal.h, docs/baremetal-hal.md). Completion is polled by
 * the driver: no wait_irq, and no relax (nothing else to run without an OS).
 */
#include <string.h>

#include "nn_bm_internal.h"

void nn_baremetal_config_init(nn_baremetal_config *cfg) {
  if (cfg != NULL) memset(cfg, 0, sizeof *cfg);
}

static uint32_t bm_reg_read(void *ctx, uint32_t offset) {
  nn_baremetal *bm = ctx;
  bm->stats.reg_reads++;
  return nn_bm_mmio_read(bm->cfg.base + offset);
}

static void bm_reg_write(void *ctx, uint32_t offset, uint32_t value) {
  nn_baremetal *bm = ctx;
  bm->stats.reg_writes++;
  nn_bm_mmio_write(bm->cfg.base + offset, value);
}

static int bm_dma_alloc(void *ctx, size_t size, nn_dma_buf *buf) {
  nn_baremetal *bm = ctx;
  if (buf == NULL || size == 0u) return NN_HAL_ERROR;
  uint64_t off = 0, padded = 0;
  if (nn_dma_pool_alloc(&bm->pool, (uint64_t)size, &off, &padded) != NN_DMA_POOL_OK) {
    return NN_HAL_NOMEM; /* too large, no gap left, or the block table is full */
  }
  buf->virt = bm->pool_base + off;
  buf->phys = (uint64_t)(uintptr_t)buf->virt; /* identity-mapped MMU */
  buf->size = (size_t)padded;
  buf->priv = NULL;
  return NN_HAL_OK;
}

static void bm_dma_free(void *ctx, nn_dma_buf *buf) {
  nn_baremetal *bm = ctx;
  if (buf == NULL || buf->virt == NULL) return;
  /* A buffer not from this pool is left alone (nothing to report it to). */
  (void)nn_dma_pool_free(&bm->pool, (uint64_t)((unsigned char *)buf->virt - bm->pool_base));
  buf->virt = NULL;
  buf->phys = 0;
  buf->size = 0;
}

static uint64_t bm_time_us(void *ctx) {
  (void)ctx;
  return nn_baremetal_time_us();
}

/* Lines the range [addr, addr+len) touches, for the statistics. */
static uint64_t line_count(uintptr_t addr, size_t len) {
  if (len == 0u) return 0;
  const uintptr_t line = (uintptr_t)nn_bm_cache_line();
  const uintptr_t first = addr & ~(line - 1u);
  const uintptr_t last = (addr + len - 1u) & ~(line - 1u);
  return (uint64_t)((last - first) / line + 1u);
}

static void bm_cache_clean(void *ctx, const nn_dma_buf *buf, size_t off, size_t len) {
  nn_baremetal *bm = ctx;
  if (len == 0u) return;
  uintptr_t a = (uintptr_t)buf->virt + off;
  bm->stats.cache_lines_cleaned += line_count(a, len);
  nn_bm_cache_clean(a, len);
}

static void bm_cache_invalidate(void *ctx, const nn_dma_buf *buf, size_t off, size_t len) {
  nn_baremetal *bm = ctx;
  if (len == 0u) return;
  uintptr_t a = (uintptr_t)buf->virt + off;
  bm->stats.cache_lines_invalidated += line_count(a, len);
  nn_bm_cache_invalidate(a, len);
}

static void bm_cache_flush(void *ctx, const nn_dma_buf *buf, size_t off, size_t len) {
  nn_baremetal *bm = ctx;
  if (len == 0u) return;
  uintptr_t a = (uintptr_t)buf->virt + off;
  uint64_t n = line_count(a, len);
  bm->stats.cache_lines_cleaned += n;
  bm->stats.cache_lines_invalidated += n;
  nn_bm_cache_flush(a, len);
}

static void bm_barrier(void *ctx) {
  (void)ctx;
  nn_bm_dsb();
}

/* Non-coherent HP ports (the default) and coherent ones (ACP, or HPC with the
 * right AXI cache bits): the latter need no maintenance, only the barrier. */
static const nn_hal_ops bm_ops = {
    bm_reg_read,         bm_reg_write,   bm_dma_alloc, bm_dma_free, bm_time_us, bm_cache_clean,
    bm_cache_invalidate, bm_cache_flush, bm_barrier,   NULL,        NULL};
static const nn_hal_ops bm_ops_coherent = {bm_reg_read, bm_reg_write, bm_dma_alloc, bm_dma_free,
                                           bm_time_us,  NULL,         NULL,         NULL,
                                           bm_barrier,  NULL,         NULL};

int nn_baremetal_init(nn_baremetal *bm, const nn_baremetal_config *cfg) {
  if (bm == NULL || cfg == NULL) return NN_HAL_ERROR;
  if (cfg->base == 0u || (cfg->base & 3u) != 0u) return NN_HAL_ERROR;
  unsigned char *base;
  size_t size;
  if (cfg->pool == NULL) {
    base = nn_bm_static_pool();
    size = nn_bm_static_pool_size();
  } else {
    base = cfg->pool;
    size = cfg->pool_size;
    if (((uintptr_t)base & (NN_DMA_POOL_ALIGN - 1u)) != 0u || size < NN_DMA_POOL_ALIGN) {
      return NN_HAL_ERROR;
    }
  }
  memset(bm, 0, sizeof *bm);
  bm->cfg = *cfg;
  bm->pool_base = base;
  nn_dma_pool_init(&bm->pool, (uint64_t)size);
  return NN_HAL_OK;
}

nn_hal nn_baremetal_hal(nn_baremetal *bm) {
  nn_hal h = {bm->cfg.coherent ? &bm_ops_coherent : &bm_ops, bm};
  return h;
}

const nn_baremetal_stats *nn_baremetal_get_stats(const nn_baremetal *bm) { return &bm->stats; }
