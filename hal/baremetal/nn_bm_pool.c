/*
 * nn_bm_pool.c - the library's own DMA region, used when the application
 * passes no pool. It lives in its own section ".nn_dma" so the linker script
 * decides where: it must be DDR the PL's HP ports reach, and should be NOLOAD
 * (otherwise a 4 MiB zero block lands in the ELF and is copied at load).
 * 64-byte aligned: the pool allocator hands out 64-byte blocks from it.
 */
#include "nn_bm_internal.h"

static unsigned char pool[NNHAL_BAREMETAL_POOL_SIZE]
    __attribute__((aligned(64), section(".nn_dma")));

unsigned char *nn_bm_static_pool(void) { return pool; }
size_t nn_bm_static_pool_size(void) { return sizeof pool; }
