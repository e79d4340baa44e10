/*
 * nn_hal_uio.h - the Linux UIO backend: registers through /dev/uioN (map0 of a
 * `generic-uio` device-tree node), completion by the UIO interrupt, DMA buffers
 * from one u-dma-buf (docs/hardware-notes.md "UIO", "u-dma-buf"). Needs no root
 * given the udev rule in docs/linux.md.
 *
 * Interrupts (wait_irq): the HAL enables the UIO interrupt by writing a 32-bit 1
 * to the device, waits with poll() + a 4-byte read, then acknowledges the IP's
 * ISR through the mapped registers (read ISR; if ap_done is set write it back and
 * read again, which clears both toggle-on-write and clear-on-read IP) and
 * re-enables. A wake-up without ap_done in ISR (shared line) re-enables and keeps
 * waiting within the timeout. The driver enables GIE/IER in the IP itself.
 *
 * Caches: by default the u-dma-buf is mapped cached and every clean/invalidate
 * asks the kernel to do it (sysfs sync_for_device / sync_for_cpu): 32-bit ARM
 * user space cannot run cache maintenance instructions. `uncached` opens it with
 * O_SYNC instead and skips the sync writes.
 *
 * Ownership: the nn_uio owns its file descriptors and mappings; the nn_hal it
 * hands out is valid until nn_uio_close. Not thread-safe (one device, one
 * thread, like nn_device; the Linux runtime layer serializes).
 */
#ifndef NNHAL_NN_HAL_UIO_H
#define NNHAL_NN_HAL_UIO_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_hal.h"
#include "nnhal/nn_reg_map.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nn_uio nn_uio;

typedef struct nn_uio_config {
  const char *sysfs_root;   /* default "/sys" */
  const char *dev_root;     /* default "/dev" */
  const char *uio_name;     /* match <sysfs_root>/class/uio/uioN/name (NULL: by address) */
  uint64_t uio_addr;        /* match maps/map0/addr when uio_name is NULL */
  const char *udmabuf_name; /* default "udmabuf0" */
  int uncached;             /* open the u-dma-buf with O_SYNC: no sync calls needed */
  int use_irq;              /* default 1: offer wait_irq; 0: the driver polls AP_CTRL */
  /* The IP's register map: wait_irq reads and acknowledges ISR through it.
   * Required when use_irq is set; must outlive the nn_uio. */
  const nn_reg_map *regs;

  /* --- test hooks (leave at their defaults in production) --- */
  /* >= 0: use this fd for the interrupt protocol (enable write, poll, 4-byte
   * read) instead of the /dev/uioN node. A regular file cannot model poll() or
   * read() of an event count; tests pass one end of a socketpair and play the
   * kernel on the other end. The HAL does not close it. Default -1. */
  int irq_fd_override;
  /* Called after each sync request was written to sysfs (for_device 1: a
   * sync_for_device, 0: a sync_for_cpu), so a test can read the attribute files
   * and record the order. Default NULL. */
  void (*sync_observer)(void *user, int for_device);
  void *sync_observer_user;
} nn_uio_config;

/* Fills the defaults above. */
void nn_uio_config_init(nn_uio_config *cfg);

/* Finds the UIO device, maps map0, opens and maps the u-dma-buf, enables the
 * interrupt. 0 on success; -1 with a message naming the path in err. */
int nn_uio_open(nn_uio **out, const nn_uio_config *cfg, char *err, size_t errlen);

/* The HAL to hand to nn_open(); valid while `u` lives. */
nn_hal nn_uio_hal(nn_uio *u);

void nn_uio_close(nn_uio *u);

/* The last run-time error (a failed sync write, an allocation beyond the
 * u-dma-buf, an out-of-range register access), "" if none. */
const char *nn_uio_last_error(const nn_uio *u);

/* What nn_uio_open found: /dev/uioN index, map0 size, the u-dma-buf. */
typedef struct nn_uio_info {
  int uio_index;
  uint64_t map_addr, map_size;
  uint64_t dma_phys, dma_size;
  int has_irq;
} nn_uio_info;
void nn_uio_get_info(const nn_uio *u, nn_uio_info *info);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_HAL_UIO_H */
