/*
 * nn_dma_pool.h - a first-fit allocator of 64-byte aligned blocks inside one
 * contiguous region, shared by the backends that carve DMA buffers out of a
 * region they were given (uio + u-dma-buf, devmem carve-out, sim, baremetal).
 * 64 bytes: the largest cache line of the targets (Cortex-A53), so a buffer
 * never shares a line with another and maintenance of one cannot touch the
 * other. It hands out offsets only; it never touches the region's memory.
 * C11, no heap, no OS, no formatting (bare-metal safe).
 */
#ifndef NNHAL_NN_DMA_POOL_H
#define NNHAL_NN_DMA_POOL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NN_DMA_POOL_ALIGN 64u
#define NN_DMA_POOL_MAX 64u /* blocks: the driver uses 3 per device; a u-dma-buf may serve many */

typedef struct nn_dma_pool_block {
  uint64_t off, size;
} nn_dma_pool_block;

typedef struct nn_dma_pool {
  uint64_t size; /* usable bytes (region rounded down to 64) */
  unsigned count;
  nn_dma_pool_block blocks[NN_DMA_POOL_MAX]; /* sorted by offset */
} nn_dma_pool;

typedef enum nn_dma_pool_status {
  NN_DMA_POOL_OK = 0,
  NN_DMA_POOL_BAD_SIZE = -1, /* 0 bytes, or more than the whole region */
  NN_DMA_POOL_FULL = -2,     /* NN_DMA_POOL_MAX blocks live already */
  NN_DMA_POOL_NO_FIT = -3,   /* no gap large enough */
  NN_DMA_POOL_NOT_LIVE = -4  /* free: no block starts at that offset */
} nn_dma_pool_status;

void nn_dma_pool_init(nn_dma_pool *p, uint64_t size);
/* Rounds size up to 64; on NN_DMA_POOL_OK *off and *padded are set. */
int nn_dma_pool_alloc(nn_dma_pool *p, uint64_t size, uint64_t *off, uint64_t *padded);
int nn_dma_pool_free(nn_dma_pool *p, uint64_t off);
/* Bytes in live blocks (for messages). */
uint64_t nn_dma_pool_used(const nn_dma_pool *p);
/* The live block holding [off, off+len), or NULL. */
const nn_dma_pool_block *nn_dma_pool_find(const nn_dma_pool *p, uint64_t off, uint64_t len);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_DMA_POOL_H */
