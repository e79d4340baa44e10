/*
 * nn_hal_devmem.h - the Linux /dev/mem backend (root, or CAP_SYS_RAWIO): the
 * control window and a reserved-memory carve-out mapped through /dev/mem with
 * O_SYNC. Nothing outside those two windows is ever mapped.
 *
 * The carve-out must be a `no-map` reserved-memory region (docs/linux.md): the
 * kernel never uses it, CONFIG_STRICT_DEVMEM allows mapping it, and the O_SYNC
 * mapping is uncached, so no cache maintenance is needed (the HAL offers none).
 * There is no interrupt through /dev/mem: the driver polls AP_CTRL.
 *
 * Ownership: the nn_devmem owns its fd and mappings; the nn_hal it hands out is
 * valid until nn_devmem_close. Not thread-safe (like nn_device).
 */
#ifndef NNHAL_NN_HAL_DEVMEM_H
#define NNHAL_NN_HAL_DEVMEM_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_hal.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nn_devmem nn_devmem;

typedef struct nn_devmem_config {
  const char *mem_path; /* default "/dev/mem" */
  uint64_t ctrl_base;   /* control window (page-aligned map) */
  uint32_t ctrl_size;
  uint64_t carveout_base; /* reserved memory for DMA buffers */
  uint64_t carveout_size;
} nn_devmem_config;

/* mem_path "/dev/mem", everything else 0 (both windows must be set). */
void nn_devmem_config_init(nn_devmem_config *cfg);

/* Opens mem_path, maps the control window and the carve-out. 0 on success; -1
 * with a message in err (bad or overlapping windows, open/mmap failures). */
int nn_devmem_open(nn_devmem **out, const nn_devmem_config *cfg, char *err, size_t errlen);

/* The HAL to hand to nn_open(); valid while `d` lives. */
nn_hal nn_devmem_hal(nn_devmem *d);

void nn_devmem_close(nn_devmem *d);

/* The last run-time error (allocation beyond the carve-out, out-of-range
 * register access), "" if none. */
const char *nn_devmem_last_error(const nn_devmem *d);

/* Maps [phys, phys+len) only if it lies inside the control window or the
 * carve-out; NULL with a message in err otherwise. Exposed so the refusal can be
 * tested; the HAL uses it for both of its maps. Unmap with nn_devmem_unmap. */
void *nn_devmem_map(nn_devmem *d, uint64_t phys, size_t len, char *err, size_t errlen);
void nn_devmem_unmap(nn_devmem *d, void *virt, uint64_t phys, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_HAL_DEVMEM_H */
