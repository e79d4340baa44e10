/* bmq_hal.c - nn_baremetal_init's refusals and pools, MMIO through the ops
 * table, and DMA buffers, on the target (the register-level build). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bmq_check.h"
#include "bmq_regfile.h"
#include "nnhal/nn_hal_baremetal.h"

/* Bounds of the linker's .nn_dma section (boards/baremetal/<machine>/link.ld). */
extern unsigned char __nn_dma_start[], __nn_dma_end[];

volatile uint32_t bmq_regfile[BMQ_REGFILE_WORDS] __attribute__((aligned(65536)));

enum { CALLER_POOL = 8192 };
static unsigned char caller_pool[CALLER_POOL] __attribute__((aligned(64)));

static int inside(const void *p, size_t n, const void *lo, const void *hi) {
  uintptr_t a = (uintptr_t)p, l = (uintptr_t)lo, h = (uintptr_t)hi;
  return a >= l && n <= h - l && a - l <= h - l - n;
}

static int init_with(nn_baremetal *bm, uintptr_t base, void *pool, size_t size) {
  nn_baremetal_config cfg;
  nn_baremetal_config_init(&cfg);
  cfg.base = base;
  cfg.pool = pool;
  cfg.pool_size = size;
  return nn_baremetal_init(bm, &cfg);
}

void bmq_test_init(void) {
  nn_baremetal bm;
  const uintptr_t base = (uintptr_t)bmq_regfile;
  bmq_check(init_with(&bm, 0, NULL, 0) == NN_HAL_ERROR, "init refuses base 0");
  bmq_check(init_with(&bm, base + 2u, NULL, 0) == NN_HAL_ERROR, "init refuses an unaligned base");
  bmq_check(init_with(&bm, base, caller_pool + 32, 4096) == NN_HAL_ERROR,
            "init refuses a pool not 64-byte aligned");
  bmq_check(init_with(&bm, base, caller_pool, 32) == NN_HAL_ERROR,
            "init refuses a pool under 64 bytes");
  bmq_check(nn_baremetal_init(&bm, NULL) == NN_HAL_ERROR, "init refuses a NULL config");

  /* The library's static pool: NNHAL_BAREMETAL_POOL_SIZE bytes inside .nn_dma. */
  bmq_check((size_t)(__nn_dma_end - __nn_dma_start) >= NNHAL_BAREMETAL_POOL_SIZE,
            ".nn_dma holds the static pool");
  if (!bmq_check(init_with(&bm, base, NULL, 0) == NN_HAL_OK, "init with the static pool")) return;
  nn_hal hal = nn_baremetal_hal(&bm);
  nn_dma_buf b[3];
  int ok = 1;
  for (int i = 0; i < 3; ++i) {
    ok &= hal.ops->dma_alloc(hal.ctx, (size_t)(i + 1) * 1000u, &b[i]) == NN_HAL_OK &&
          inside(b[i].virt, b[i].size, __nn_dma_start, __nn_dma_end);
  }
  bmq_check(ok, "static pool buffers lie inside .nn_dma");
  for (int i = 0; i < 3; ++i) hal.ops->dma_free(hal.ctx, &b[i]);
  nn_dma_buf whole;
  bmq_check(hal.ops->dma_alloc(hal.ctx, NNHAL_BAREMETAL_POOL_SIZE, &whole) == NN_HAL_OK &&
                whole.virt == (void *)__nn_dma_start &&
                inside(whole.virt, whole.size, __nn_dma_start, __nn_dma_end),
            "the whole static pool, at __nn_dma_start, after the frees");
  hal.ops->dma_free(hal.ctx, &whole);

  if (!bmq_check(init_with(&bm, base, caller_pool, CALLER_POOL) == NN_HAL_OK,
                 "init with a caller pool")) {
    return;
  }
  hal = nn_baremetal_hal(&bm);
  bmq_check(hal.ops->dma_alloc(hal.ctx, 100, &b[0]) == NN_HAL_OK &&
                inside(b[0].virt, b[0].size, caller_pool, caller_pool + CALLER_POOL),
            "caller pool buffers lie inside the caller's pool");
  hal.ops->dma_free(hal.ctx, &b[0]);
}

void bmq_test_mmio(void) {
  static const uint32_t offsets[] = {0x0, 0x4, 0x10, 0x44, 0x1000, 0xFFFC};
  enum { N = sizeof offsets / sizeof offsets[0] };
  nn_baremetal bm;
  for (size_t i = 0; i < BMQ_REGFILE_WORDS; ++i) bmq_regfile[i] = 0;
  if (!bmq_check(init_with(&bm, (uintptr_t)bmq_regfile, caller_pool, CALLER_POOL) == NN_HAL_OK,
                 "init over the RAM register file")) {
    return;
  }
  nn_hal hal = nn_baremetal_hal(&bm);
  const nn_baremetal_stats *st = nn_baremetal_get_stats(&bm);
  bmq_check(st->reg_reads == 0 && st->reg_writes == 0, "stats start at zero");

  int ok = 1;
  for (size_t i = 0; i < N; ++i) {
    const uint32_t v = 0xA5000000u ^ (uint32_t)(i * 0x01010101u) ^ offsets[i];
    hal.ops->reg_write(hal.ctx, offsets[i], v);
    ok &= bmq_regfile[offsets[i] / 4u] == v; /* the store landed at base + offset */
  }
  bmq_check(ok, "reg_write stores at base + offset");
  size_t nonzero = 0;
  for (size_t i = 0; i < BMQ_REGFILE_WORDS; ++i) nonzero += bmq_regfile[i] != 0u;
  bmq_check_u64(nonzero, N, "reg_write touches nothing else");

  ok = 1;
  for (size_t i = 0; i < N; ++i) {
    const uint32_t v = ~(0x5A5A0000u + (uint32_t)i);
    bmq_regfile[offsets[i] / 4u] = v;
    ok &= hal.ops->reg_read(hal.ctx, offsets[i]) == v;
  }
  bmq_check(ok, "reg_read loads from base + offset");
  bmq_check_u64(st->reg_writes, N, "stats count the register writes");
  bmq_check_u64(st->reg_reads, N, "stats count the register reads");
  hal.ops->barrier(hal.ctx); /* a DSB: must simply execute */
  bmq_check(1, "barrier (dsb) executes");
}

static int disjoint(const nn_dma_buf *a, const nn_dma_buf *b) {
  uintptr_t pa = (uintptr_t)a->virt, pb = (uintptr_t)b->virt;
  return pa + a->size <= pb || pb + b->size <= pa;
}

void bmq_test_dma(void) {
  nn_baremetal bm;
  if (init_with(&bm, (uintptr_t)bmq_regfile, caller_pool, CALLER_POOL) != NN_HAL_OK) {
    bmq_check(0, "init for the DMA tests");
    return;
  }
  nn_hal hal = nn_baremetal_hal(&bm);
  static const size_t sizes[3] = {100, 64, 1000};
  static const size_t padded[3] = {128, 64, 1024};
  nn_dma_buf b[3];
  int ok = 1;
  for (int i = 0; i < 3; ++i) {
    ok &= hal.ops->dma_alloc(hal.ctx, sizes[i], &b[i]) == NN_HAL_OK;
  }
  if (!bmq_check(ok, "three buffers allocated")) return;
  ok = 1;
  for (int i = 0; i < 3; ++i) {
    ok &= ((uintptr_t)b[i].virt & 63u) == 0u && b[i].size == padded[i] &&
          b[i].phys == (uint64_t)(uintptr_t)b[i].virt &&
          inside(b[i].virt, b[i].size, caller_pool, caller_pool + CALLER_POOL);
  }
  bmq_check(ok, "buffers 64-byte aligned, padded to 64, phys == virt, inside the pool");
  bmq_check(disjoint(&b[0], &b[1]) && disjoint(&b[0], &b[2]) && disjoint(&b[1], &b[2]),
            "buffers do not overlap");
  for (int i = 0; i < 3; ++i) memset(b[i].virt, 0x11 * (i + 1), b[i].size);
  ok = 1;
  for (int i = 0; i < 3; ++i) {
    const unsigned char *p = b[i].virt;
    for (size_t k = 0; k < b[i].size; ++k) ok &= p[k] == (unsigned char)(0x11 * (i + 1));
  }
  bmq_check(ok, "each buffer keeps its own contents");

  nn_dma_buf big;
  bmq_check(hal.ops->dma_alloc(hal.ctx, CALLER_POOL + 1u, &big) == NN_HAL_NOMEM,
            "a buffer larger than the pool: NOMEM");
  bmq_check(hal.ops->dma_alloc(hal.ctx, CALLER_POOL - 1024u, &big) == NN_HAL_NOMEM,
            "a buffer larger than what is left: NOMEM");
  bmq_check(hal.ops->dma_alloc(hal.ctx, 0, &big) == NN_HAL_ERROR, "size 0: ERROR");

  void *middle = b[1].virt;
  hal.ops->dma_free(hal.ctx, &b[1]);
  bmq_check(b[1].virt == NULL && b[1].size == 0, "free clears the buffer");
  bmq_check(hal.ops->dma_alloc(hal.ctx, 64, &b[1]) == NN_HAL_OK && b[1].virt == middle,
            "re-allocation reuses the freed gap (first fit)");
  for (int i = 0; i < 3; ++i) hal.ops->dma_free(hal.ctx, &b[i]);
  bmq_check(hal.ops->dma_alloc(hal.ctx, CALLER_POOL, &big) == NN_HAL_OK &&
                big.virt == (void *)caller_pool,
            "after freeing everything the whole pool is free");
  hal.ops->dma_free(hal.ctx, &big);
}
