/*
 * nn_linux_pool.c - the words for a refusal of the shared DMA pool
 * (nnhal/nn_dma_pool.h, hal/common): the pool itself hands out offsets only
 * and never formats (bare-metal safe), so the Linux HALs describe its status
 * here, with the sizes a user needs to enlarge the region.
 */
#include "nn_linux_internal.h"

void nn_lx_pool_why(const nn_dma_pool *p, int status, uint64_t size, char *err, size_t errlen) {
  uint64_t need = (size + NN_DMA_POOL_ALIGN - 1u) & ~(uint64_t)(NN_DMA_POOL_ALIGN - 1u);
  switch (status) {
    case NN_DMA_POOL_BAD_SIZE:
      nn_lx_errf(err, errlen, "buffer of %llu bytes requested, the region holds %llu bytes",
                 (unsigned long long)size, (unsigned long long)p->size);
      return;
    case NN_DMA_POOL_FULL:
      nn_lx_errf(err, errlen, "buffer of %llu bytes refused: already %u buffers in the region",
                 (unsigned long long)size, p->count);
      return;
    case NN_DMA_POOL_NO_FIT:
      nn_lx_errf(err, errlen,
                 "buffer of %llu bytes (%llu padded) does not fit: region %llu bytes, %llu in use "
                 "by %u buffers",
                 (unsigned long long)size, (unsigned long long)need, (unsigned long long)p->size,
                 (unsigned long long)nn_dma_pool_used(p), p->count);
      return;
    default:
      nn_lx_errf(err, errlen, "buffer of %llu bytes refused by the DMA pool (status %d)",
                 (unsigned long long)size, status);
      return;
  }
}
