/*
 * nn_udmabuf.c - DMA buffers from one u-dma-buf (docs/hardware-notes.md
 * "u-dma-buf").
 *
 * Why u-dma-buf: the accelerator is a bus master and needs physical addresses
 * of contiguous memory, which user space cannot get from malloc; mainline
 * /dev/udmabuf hides the physical address. Why sysfs sync: the HP ports of
 * Zynq-7000 and ZynqMP are not coherent, and 32-bit ARM user space cannot run
 * cache maintenance instructions, so the kernel does it for us
 * (dma_sync_single_for_device / _for_cpu over sync_offset/sync_size).
 */
#include "nn_udmabuf.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int plain_name(const char *name) {
  if (name == NULL || name[0] == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
    return 0;
  return strchr(name, '/') == NULL;
}

static int attr_path(const nn_udmabuf *b, const char *attr, char *out, size_t cap, char *err,
                     size_t errlen) {
  return nn_lx_path(out, cap, err, errlen, "u-dma-buf", "%s/%s", b->attr_dir, attr);
}

int nn_udmabuf_open(nn_udmabuf *b, const char *sysfs_root, const char *dev_root, const char *name,
                    int uncached, char *err, size_t errlen) {
  memset(b, 0, sizeof *b);
  b->fd = -1;
  b->uncached = uncached;
  if (!plain_name(name)) {
    nn_lx_errf(err, errlen, "u-dma-buf: name '%s' must be a plain device name (e.g. udmabuf0)",
               name ? name : "(null)");
    return -1;
  }
  if (nn_lx_path(b->attr_dir, sizeof b->attr_dir, err, errlen, "u-dma-buf", "%s/class/u-dma-buf/%s",
                 sysfs_root, name) != 0 ||
      nn_lx_path(b->dev_path, sizeof b->dev_path, err, errlen, "u-dma-buf", "%s/%s", dev_root,
                 name) != 0)
    return -1;
  char path[NN_LX_PATH_MAX];
  if (attr_path(b, "phys_addr", path, sizeof path, err, errlen) != 0 ||
      nn_sysfs_read_u64("u-dma-buf", path, &b->phys, err, errlen) != 0)
    return -1;
  if (attr_path(b, "size", path, sizeof path, err, errlen) != 0 ||
      nn_sysfs_read_u64("u-dma-buf", path, &b->size, err, errlen) != 0)
    return -1;
  if (b->size < 64 || b->size > (uint64_t)SIZE_MAX) {
    nn_lx_errf(err, errlen, "u-dma-buf: %s: size %" PRIu64 " is unusable", path, b->size);
    return -1;
  }
  if ((b->phys & 63u) != 0) {
    nn_lx_errf(err, errlen, "u-dma-buf: %s/phys_addr 0x%" PRIx64 " is not 64-byte aligned",
               b->attr_dir, b->phys);
    return -1;
  }
  if (!uncached) {
    /* Find a missing udev rule now, not as silently stale data later. */
    static const char *const kSync[] = {"sync_offset", "sync_size", "sync_direction",
                                        "sync_for_cpu", "sync_for_device"};
    for (size_t i = 0; i < sizeof kSync / sizeof kSync[0]; ++i) {
      if (attr_path(b, kSync[i], path, sizeof path, err, errlen) != 0 ||
          nn_sysfs_check_writable("u-dma-buf", path, err, errlen) != 0)
        return -1;
    }
  }
  /* O_SYNC makes u-dma-buf map the buffer uncached (then no sync is needed). */
  b->fd = open(b->dev_path, O_RDWR | O_CLOEXEC | (uncached ? O_SYNC : 0));
  if (b->fd < 0) {
    nn_lx_errf(err, errlen, "u-dma-buf: cannot open %s: %s%s", b->dev_path, strerror(errno),
               errno == EACCES ? " (see the udev rule in docs/linux.md)" : "");
    return -1;
  }
  struct stat st;
  if (fstat(b->fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < b->size) {
    /* Only a stand-in file can be too short (the character device has no
     * size); touching past its end would be SIGBUS. */
    nn_lx_errf(err, errlen, "u-dma-buf: %s holds %lld bytes, less than its size attribute %" PRIu64,
               b->dev_path, (long long)st.st_size, b->size);
    nn_udmabuf_close(b);
    return -1;
  }
  void *m = mmap(NULL, (size_t)b->size, PROT_READ | PROT_WRITE, MAP_SHARED, b->fd, 0);
  if (m == MAP_FAILED) {
    nn_lx_errf(err, errlen, "u-dma-buf: cannot map %" PRIu64 " bytes of %s: %s", b->size,
               b->dev_path, strerror(errno));
    nn_udmabuf_close(b);
    return -1;
  }
  b->map = m;
  nn_dma_pool_init(&b->pool, b->size);
  return 0;
}

void nn_udmabuf_close(nn_udmabuf *b) {
  if (b->map != NULL) munmap(b->map, (size_t)b->size);
  if (b->fd >= 0) close(b->fd);
  b->map = NULL;
  b->fd = -1;
}

int nn_udmabuf_alloc(nn_udmabuf *b, size_t size, nn_dma_buf *buf, char *err, size_t errlen) {
  uint64_t off, padded;
  int st = nn_dma_pool_alloc(&b->pool, size, &off, &padded);
  if (st != NN_DMA_POOL_OK) {
    char why[256];
    nn_lx_pool_why(&b->pool, st, size, why, sizeof why);
    nn_lx_errf(err, errlen, "u-dma-buf %s: %s (enlarge the u-dma-buf node, docs/linux.md)",
               b->dev_path, why);
    return NN_HAL_NOMEM;
  }
  buf->virt = b->map + off;
  buf->phys = b->phys + off;
  buf->size = (size_t)padded; /* what the pool reserved */
  buf->priv = b;
  return NN_HAL_OK;
}

void nn_udmabuf_free(nn_udmabuf *b, nn_dma_buf *buf) {
  if (buf->virt == NULL) return;
  (void)nn_dma_pool_free(&b->pool, (uint64_t)((uint8_t *)buf->virt - b->map));
  memset(buf, 0, sizeof *buf);
}

static int write_u64(nn_udmabuf *b, const char *attr, uint64_t v, char *err, size_t errlen) {
  char path[NN_LX_PATH_MAX], text[32];
  if (attr_path(b, attr, path, sizeof path, err, errlen) != 0) return -1;
  snprintf(text, sizeof text, "%" PRIu64, v);
  return nn_sysfs_write_text("u-dma-buf", path, text, err, errlen);
}

int nn_udmabuf_sync(nn_udmabuf *b, const nn_dma_buf *buf, size_t off, size_t len, int for_device,
                    int direction, char *err, size_t errlen) {
  if (b->uncached || len == 0) return 0;
  uint8_t *virt = buf->virt;
  if (virt < b->map || (uint64_t)(virt - b->map) > b->size || off > buf->size ||
      len > buf->size - off) {
    nn_lx_errf(err, errlen, "u-dma-buf %s: sync of [%zu, +%zu) outside the buffer", b->dev_path,
               off, len);
    b->sync_errors++;
    return -1;
  }
  /* Whole cache lines: buffers are 64-byte aligned and padded, so rounding
   * never reaches into a neighbour. */
  uint64_t start = ((uint64_t)(virt - b->map) + off) & ~(uint64_t)63u;
  uint64_t end = ((uint64_t)(virt - b->map) + off + len + 63u) & ~(uint64_t)63u;
  if (end > b->size) end = b->size;
  b->syncs++;
  /* The kernel reads offset, size and direction when the trigger is written. */
  if (write_u64(b, "sync_offset", start, err, errlen) != 0 ||
      write_u64(b, "sync_size", end - start, err, errlen) != 0 ||
      write_u64(b, "sync_direction", (uint64_t)direction, err, errlen) != 0 ||
      write_u64(b, for_device ? "sync_for_device" : "sync_for_cpu", 1u, err, errlen) != 0) {
    b->sync_errors++;
    return -1;
  }
  if (b->observer != NULL) b->observer(b->observer_user, for_device);
  return 0;
}
