/*
 * nn_udmabuf.h - one u-dma-buf (ikwzm/udmabuf, `compatible = "ikwzm,u-dma-buf"`):
 * a physically contiguous kernel buffer mapped through /dev/<name>, its
 * physical address and size read from /sys/class/u-dma-buf/<name>, cache
 * maintenance by writing its sync_* attributes. Private to hal/linux.
 */
#ifndef NNHAL_LINUX_NN_UDMABUF_H
#define NNHAL_LINUX_NN_UDMABUF_H

#include <stddef.h>
#include <stdint.h>

#include "nn_linux_internal.h"
#include "nnhal/nn_hal.h"

/* Linux enum dma_data_direction, as u-dma-buf's sync_direction takes it. */
#define NN_UDMABUF_BIDIRECTIONAL 0
#define NN_UDMABUF_TO_DEVICE 1
#define NN_UDMABUF_FROM_DEVICE 2

typedef struct nn_udmabuf {
  char attr_dir[NN_LX_PATH_MAX]; /* <sysfs_root>/class/u-dma-buf/<name> */
  char dev_path[NN_LX_PATH_MAX]; /* <dev_root>/<name> */
  int fd;
  uint8_t *map;
  uint64_t phys, size;
  int uncached;
  nn_dma_pool pool;
  uint64_t syncs, sync_errors;
  void (*observer)(void *user, int for_device);
  void *observer_user;
} nn_udmabuf;

/* Reads phys_addr and size, checks the sync attributes are writable (cached
 * mode), maps the device. 0, or -1 with a message naming the path. */
int nn_udmabuf_open(nn_udmabuf *b, const char *sysfs_root, const char *dev_root, const char *name,
                    int uncached, char *err, size_t errlen);
void nn_udmabuf_close(nn_udmabuf *b);

/* NN_HAL_OK, or NN_HAL_NOMEM with a message (request beyond what is left). */
int nn_udmabuf_alloc(nn_udmabuf *b, size_t size, nn_dma_buf *buf, char *err, size_t errlen);
void nn_udmabuf_free(nn_udmabuf *b, nn_dma_buf *buf);

/* Asks the kernel to make [off, off+len) of buf coherent: for_device 1 =
 * sync_for_device (before the accelerator reads/writes), 0 = sync_for_cpu
 * (before the CPU reads what it wrote). No-op when uncached. 0 or -1 + err. */
int nn_udmabuf_sync(nn_udmabuf *b, const nn_dma_buf *buf, size_t off, size_t len, int for_device,
                    int direction, char *err, size_t errlen);

#endif /* NNHAL_LINUX_NN_UDMABUF_H */
