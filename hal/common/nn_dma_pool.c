/*
 * nn_dma_pool.c - first-fit allocator of 64-byte aligned blocks inside one
 * region (nnhal/nn_dma_pool.h). The live blocks are kept sorted by offset in a
 * fixed array, so the gaps are simply the spaces between neighbours: a search
 * is one pass and needs no heap (bare-metal images use it too).
 */
#include "nnhal/nn_dma_pool.h"

#include <string.h>

#define ALIGN_MASK ((uint64_t)NN_DMA_POOL_ALIGN - 1u)

void nn_dma_pool_init(nn_dma_pool *p, uint64_t size) {
  memset(p, 0, sizeof *p);
  p->size = size & ~ALIGN_MASK;
}

int nn_dma_pool_alloc(nn_dma_pool *p, uint64_t size, uint64_t *off, uint64_t *padded) {
  if (size == 0u || size > p->size) return NN_DMA_POOL_BAD_SIZE;
  /* Cannot wrap: size <= p->size, which is at most 2^64 - 64. */
  uint64_t need = (size + ALIGN_MASK) & ~ALIGN_MASK;
  if (p->count >= NN_DMA_POOL_MAX) return NN_DMA_POOL_FULL;
  /* Gap i lies before block i (gap count: after the last block). */
  uint64_t start = 0u;
  unsigned i;
  for (i = 0; i <= p->count; ++i) {
    uint64_t end = i < p->count ? p->blocks[i].off : p->size;
    if (end - start >= need) break;
    if (i < p->count) start = p->blocks[i].off + p->blocks[i].size;
  }
  if (i > p->count) return NN_DMA_POOL_NO_FIT;
  memmove(&p->blocks[i + 1u], &p->blocks[i], (p->count - i) * sizeof p->blocks[0]);
  p->blocks[i].off = start;
  p->blocks[i].size = need;
  p->count++;
  *off = start;
  *padded = need;
  return NN_DMA_POOL_OK;
}

int nn_dma_pool_free(nn_dma_pool *p, uint64_t off) {
  for (unsigned i = 0; i < p->count; ++i) {
    if (p->blocks[i].off != off) continue;
    memmove(&p->blocks[i], &p->blocks[i + 1u], (p->count - i - 1u) * sizeof p->blocks[0]);
    p->count--;
    return NN_DMA_POOL_OK;
  }
  return NN_DMA_POOL_NOT_LIVE;
}

uint64_t nn_dma_pool_used(const nn_dma_pool *p) {
  uint64_t used = 0u;
  for (unsigned i = 0; i < p->count; ++i) used += p->blocks[i].size;
  return used;
}

const nn_dma_pool_block *nn_dma_pool_find(const nn_dma_pool *p, uint64_t off, uint64_t len) {
  for (unsigned i = 0; i < p->count; ++i) {
    const nn_dma_pool_block *b = &p->blocks[i];
    /* Written so that no sum can wrap: off inside the block, len within what is left. */
    if (off >= b->off && off - b->off <= b->size && len <= b->size - (off - b->off)) return b;
  }
  return NULL;
}
