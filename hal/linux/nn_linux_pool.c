/*
 * nn_linux_pool.c - a first-fit allocator of 64-byte aligned blocks inside one
 * physically contiguous region (a u-dma-buf or a carve-out). 64 bytes: the
 * largest cache line of the targets (Cortex-A53), so a buffer never shares a
 * line with another and cache maintenance of one cannot touch the other.
 */
#include <string.h>

#include "nn_linux_internal.h"

#define NN_LX_ALIGN 64u

void nn_lx_pool_init(nn_lx_pool *p, uint64_t size) {
  memset(p, 0, sizeof *p);
  p->size = size & ~(uint64_t)(NN_LX_ALIGN - 1u);
}

int nn_lx_pool_alloc(nn_lx_pool *p, uint64_t size, uint64_t *off, char *err, size_t errlen) {
  if (size == 0 || size > p->size) {
    nn_lx_errf(err, errlen, "buffer of %llu bytes requested, the region holds %llu bytes",
               (unsigned long long)size, (unsigned long long)p->size);
    return -1;
  }
  uint64_t need = (size + NN_LX_ALIGN - 1u) & ~(uint64_t)(NN_LX_ALIGN - 1u);
  if (p->count >= NN_LX_POOL_MAX) {
    nn_lx_errf(err, errlen, "buffer of %llu bytes refused: already %u buffers in the region",
               (unsigned long long)size, p->count);
    return -1;
  }
  uint64_t start = 0, used = 0;
  unsigned i;
  for (i = 0; i <= p->count; ++i) {
    uint64_t end = i < p->count ? p->blocks[i].off : p->size;
    if (end - start >= need) break;
    if (i < p->count) start = p->blocks[i].off + p->blocks[i].size;
  }
  for (unsigned k = 0; k < p->count; ++k) used += p->blocks[k].size;
  if (i > p->count) {
    nn_lx_errf(err, errlen,
               "buffer of %llu bytes (%llu padded) does not fit: region %llu bytes, %llu in use by "
               "%u buffers",
               (unsigned long long)size, (unsigned long long)need, (unsigned long long)p->size,
               (unsigned long long)used, p->count);
    return -1;
  }
  memmove(&p->blocks[i + 1], &p->blocks[i], (p->count - i) * sizeof p->blocks[0]);
  p->blocks[i].off = start;
  p->blocks[i].size = need;
  p->count++;
  *off = start;
  return 0;
}

int nn_lx_pool_free(nn_lx_pool *p, uint64_t off) {
  for (unsigned i = 0; i < p->count; ++i) {
    if (p->blocks[i].off != off) continue;
    memmove(&p->blocks[i], &p->blocks[i + 1], (p->count - i - 1) * sizeof p->blocks[0]);
    p->count--;
    return 0;
  }
  return -1;
}
