/*
 * nn_uio.c - the UIO HAL: registers through map0 of /dev/uioN, completion by
 * the UIO interrupt, DMA buffers and cache maintenance by u-dma-buf
 * (nn_udmabuf.c). See nnhal/nn_hal_uio.h for the contract.
 *
 * UIO interrupt protocol (docs/hardware-notes.md, "UIO"; the kernel's
 * uio_pdrv_genirq): the kernel disables the (level) interrupt line when it
 * fires and counts the event; user space reads the 32-bit count (poll() says
 * when one is pending), must clear the cause in the device, then writes a
 * 32-bit 1 to re-enable the line. Re-enabling before the IP's ISR is cleared
 * would make the still-asserted level interrupt fire again at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn_linux_internal.h"
#include "nn_udmabuf.h"
#include "nnhal/nn_hal_uio.h"

struct nn_uio {
  int index;                     /* N of /dev/uioN */
  char dev_path[NN_LX_PATH_MAX]; /* <dev_root>/uioN, for messages */
  int fd;                        /* /dev/uioN */
  int irq_fd;                    /* fd for the interrupt protocol (fd, or the test hook) */
  int has_irq;
  uint64_t map_addr, map_size;
  uint64_t map_offset; /* registers start this far into the mapping (maps/map0/offset) */
  void *map;           /* map_offset + map_size bytes */
  nn_lx_mmio mmio;
  nn_reg_map regs; /* copy: ISR offset for the acknowledge */
  nn_hal_ops ops;  /* kUioOps less what this configuration lacks (nn_uio_hal) */
  nn_udmabuf dma;
  uint64_t irq_count; /* last event count the kernel reported */
  char err[NN_LX_ERR_MAX];
};

void nn_uio_config_init(nn_uio_config *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->sysfs_root = "/sys";
  cfg->dev_root = "/dev";
  cfg->udmabuf_name = "udmabuf0";
  cfg->use_irq = 1;
  cfg->irq_fd_override = -1;
}

/* --- nn_hal_ops --- */

static uint32_t uio_reg_read(void *ctx, uint32_t off) {
  return nn_lx_mmio_read(&((nn_uio *)ctx)->mmio, off);
}

static void uio_reg_write(void *ctx, uint32_t off, uint32_t v) {
  nn_lx_mmio_write(&((nn_uio *)ctx)->mmio, off, v);
}

static int uio_dma_alloc(void *ctx, size_t size, nn_dma_buf *buf) {
  nn_uio *u = ctx;
  return nn_udmabuf_alloc(&u->dma, size, buf, u->err, sizeof u->err);
}

static void uio_dma_free(void *ctx, nn_dma_buf *buf) {
  nn_udmabuf_free(&((nn_uio *)ctx)->dma, buf);
}

static uint64_t uio_time_us(void *ctx) {
  (void)ctx;
  return nn_lx_time_us();
}

/* Clean = write back what the CPU wrote before the device reads it. */
static void uio_cache_clean(void *ctx, const nn_dma_buf *b, size_t off, size_t len) {
  nn_uio *u = ctx;
  (void)nn_udmabuf_sync(&u->dma, b, off, len, 1, NN_UDMABUF_TO_DEVICE, u->err, sizeof u->err);
}

/* Invalidate = drop lines the CPU may hold before it reads what the device
 * wrote (on arm64 the kernel's "invalidate" is clean+invalidate, DC CIVAC). */
static void uio_cache_invalidate(void *ctx, const nn_dma_buf *b, size_t off, size_t len) {
  nn_uio *u = ctx;
  (void)nn_udmabuf_sync(&u->dma, b, off, len, 0, NN_UDMABUF_FROM_DEVICE, u->err, sizeof u->err);
}

/* Before a run, for the output buffer: no dirty line may be evicted over what
 * the device writes. A bidirectional sync_for_device cleans the range (L1 and,
 * on Zynq-7000, the PL310 L2); clean lines are never written back, and the
 * driver's invalidate after the run drops any the CPU fetched meanwhile. */
static void uio_cache_flush(void *ctx, const nn_dma_buf *b, size_t off, size_t len) {
  nn_uio *u = ctx;
  (void)nn_udmabuf_sync(&u->dma, b, off, len, 1, NN_UDMABUF_BIDIRECTIONAL, u->err, sizeof u->err);
}

static void uio_barrier(void *ctx) {
  (void)ctx;
  nn_lx_barrier();
}

static void uio_relax(void *ctx) {
  (void)ctx;
  nn_lx_relax();
}

static int irq_enable(nn_uio *u) {
  int32_t one = 1;
  ssize_t n;
  do {
    n = write(u->irq_fd, &one, sizeof one);
  } while (n < 0 && errno == EINTR);
  if (n != (ssize_t)sizeof one) {
    nn_lx_errf(u->err, sizeof u->err, "uio: cannot enable the interrupt of %s: %s", u->dev_path,
               n < 0 ? strerror(errno) : "short write");
    return -1;
  }
  return 0;
}

/* Reads ISR and, if ap_done is set, acknowledges it: write the bit back
 * (clears toggle-on-write IP) then read again (clears clear-on-read IP). Only a
 * set bit is written: writing 1 to a clear toggle-on-write bit would set it. */
static int ack_isr(nn_uio *u) {
  uint32_t isr = nn_lx_mmio_read(&u->mmio, u->regs.isr);
  if (!(isr & NN_IRQ_DONE)) return 0;
  nn_lx_mmio_write(&u->mmio, u->regs.isr, NN_IRQ_DONE);
  (void)nn_lx_mmio_read(&u->mmio, u->regs.isr);
  return 1;
}

static int uio_wait_irq(void *ctx, uint32_t timeout_us) {
  nn_uio *u = ctx;
  uint64_t t0 = nn_lx_time_us();
  for (;;) {
    uint64_t spent = nn_lx_time_us() - t0;
    if (spent >= timeout_us) return NN_HAL_TIMEOUT;
    /* Round up: a 0 ms poll for a 300 us remainder would spin. */
    uint64_t left_ms = (timeout_us - spent + 999u) / 1000u;
    struct pollfd p = {.fd = u->irq_fd, .events = POLLIN, .revents = 0};
    int r = poll(&p, 1, left_ms > 0x7FFFFFFF ? 0x7FFFFFFF : (int)left_ms);
    if (r < 0) {
      if (errno == EINTR) continue;
      nn_lx_errf(u->err, sizeof u->err, "uio: poll on %s failed: %s", u->dev_path, strerror(errno));
      return NN_HAL_ERROR;
    }
    if (r == 0) continue; /* the deadline check above decides */
    if (p.revents & (POLLERR | POLLHUP | POLLNVAL)) {
      nn_lx_errf(u->err, sizeof u->err, "uio: interrupt source of %s failed (revents 0x%x)",
                 u->dev_path, (unsigned)p.revents);
      return NN_HAL_ERROR;
    }
    uint32_t count;
    ssize_t n = read(u->irq_fd, &count, sizeof count);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n != (ssize_t)sizeof count) {
      nn_lx_errf(u->err, sizeof u->err, "uio: reading the event count of %s failed: %s",
                 u->dev_path, n < 0 ? strerror(errno) : "short read");
      return NN_HAL_ERROR;
    }
    u->irq_count = count;
    int done = ack_isr(u);
    /* Re-enable in both cases: after our ap_done (for the next run), and
     * after a wake-up that was not ours (shared line, stale event) so the
     * real completion can still interrupt us. */
    if (irq_enable(u) != 0) return NN_HAL_ERROR;
    if (done) return NN_HAL_OK;
  }
}

/* Every op this backend has. An instance hands out a copy without the ones its configuration
 * lacks (nn_uio_hal): no interrupt -> wait_irq NULL, the driver polls AP_CTRL; an uncached
 * u-dma-buf -> no cache ops, nothing to maintain (NULL = coherent in nn_hal.h). */
static const nn_hal_ops kUioOps = {
    .reg_read = uio_reg_read,
    .reg_write = uio_reg_write,
    .dma_alloc = uio_dma_alloc,
    .dma_free = uio_dma_free,
    .time_us = uio_time_us,
    .cache_clean = uio_cache_clean,
    .cache_invalidate = uio_cache_invalidate,
    .cache_flush = uio_cache_flush,
    .barrier = uio_barrier,
    .wait_irq = uio_wait_irq,
    .relax = uio_relax,
};

/* --- open / close --- */

static int map_registers(nn_uio *u, const nn_uio_config *cfg, char *err, size_t errlen) {
  char path[NN_LX_PATH_MAX];
  if (nn_lx_path(path, sizeof path, err, errlen, "uio", "%s/class/uio/uio%d/maps/map0/addr",
                 cfg->sysfs_root, u->index) != 0 ||
      nn_sysfs_read_u64("uio", path, &u->map_addr, err, errlen) != 0)
    return -1;
  if (nn_lx_path(path, sizeof path, err, errlen, "uio", "%s/class/uio/uio%d/maps/map0/size",
                 cfg->sysfs_root, u->index) != 0 ||
      nn_sysfs_read_u64("uio", path, &u->map_size, err, errlen) != 0)
    return -1;
  /* The generated control block is 0x48+ bytes; a bogus size (0, or beyond
   * what a 32-bit process can map) is refused before mmap. */
  if (u->map_size < 0x40 || u->map_size > (1u << 30)) {
    nn_lx_errf(err, errlen, "uio: %s: map0 size 0x%" PRIx64 " is not a control block", path,
               u->map_size);
    return -1;
  }
  /* The kernel maps map0 from the page holding its address; `offset` (absent
   * before Linux 4.x: then 0) says where the registers start in that page. A
   * node whose reg is not page-aligned would otherwise be driven through the
   * wrong registers. */
  if (nn_lx_path(path, sizeof path, err, errlen, "uio", "%s/class/uio/uio%d/maps/map0/offset",
                 cfg->sysfs_root, u->index) != 0)
    return -1;
  struct stat ost;
  u->map_offset = 0;
  if (!(stat(path, &ost) != 0 && errno == ENOENT) &&
      nn_sysfs_read_u64("uio", path, &u->map_offset, err, errlen) != 0)
    return -1;
  long page = sysconf(_SC_PAGESIZE);
  if (u->map_offset >= (uint64_t)(page > 0 ? page : 4096)) {
    nn_lx_errf(err, errlen, "uio: %s: 0x%" PRIx64 " is not an offset inside a page", path,
               u->map_offset);
    return -1;
  }
  if (nn_lx_path(u->dev_path, sizeof u->dev_path, err, errlen, "uio", "%s/uio%d", cfg->dev_root,
                 u->index) != 0)
    return -1;
  memcpy(path, u->dev_path, sizeof path);
  u->fd = open(path, O_RDWR | O_CLOEXEC);
  if (u->fd < 0) {
    nn_lx_errf(err, errlen, "uio: cannot open %s: %s%s", path, strerror(errno),
               errno == EACCES ? " (see the udev rule in docs/linux.md)" : "");
    return -1;
  }
  struct stat st;
  const uint64_t len = u->map_offset + u->map_size;
  if (fstat(u->fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < len) {
    nn_lx_errf(err, errlen, "uio: %s holds %lld bytes, less than map0's offset + size 0x%" PRIx64,
               path, (long long)st.st_size, len);
    return -1;
  }
  /* map N is selected by offset N * page size: map0 = offset 0. */
  void *m = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_SHARED, u->fd, 0);
  if (m == MAP_FAILED) {
    nn_lx_errf(err, errlen, "uio: cannot map 0x%" PRIx64 " bytes of %s: %s", len, path,
               strerror(errno));
    return -1;
  }
  u->map = m;
  u->mmio.base = (volatile uint8_t *)m + u->map_offset;
  u->mmio.size = u->map_size;
  u->mmio.err = u->err;
  u->mmio.what = "uio";
  return 0;
}

int nn_uio_open(nn_uio **out, const nn_uio_config *cfg, char *err, size_t errlen) {
  *out = NULL;
  if (cfg == NULL || cfg->sysfs_root == NULL || cfg->dev_root == NULL) {
    nn_lx_errf(err, errlen, "uio: config, sysfs_root and dev_root are required");
    return -1;
  }
  if (cfg->use_irq && cfg->regs == NULL) {
    nn_lx_errf(err, errlen,
               "uio: interrupts need the register map (config.regs) to acknowledge ISR");
    return -1;
  }
  nn_uio *u = calloc(1, sizeof *u);
  if (u == NULL) {
    nn_lx_errf(err, errlen, "uio: out of memory");
    return -1;
  }
  u->fd = -1;
  u->irq_fd = -1;
  u->dma.fd = -1;
  if (cfg->regs != NULL) u->regs = *cfg->regs;
  if (nn_uio_find(cfg->sysfs_root, cfg->uio_name, cfg->uio_addr, &u->index, err, errlen) != 0 ||
      map_registers(u, cfg, err, errlen) != 0)
    goto fail;
  if (cfg->use_irq) {
    if (u->regs.isr == NN_REG_NONE || (u->regs.isr & 3u) ||
        (uint64_t)u->regs.isr + 4 > u->map_size) {
      nn_lx_errf(err, errlen, "uio: ISR offset 0x%x is not inside map0 (0x%" PRIx64 " bytes)",
                 u->regs.isr, u->map_size);
      goto fail;
    }
    u->irq_fd = cfg->irq_fd_override >= 0 ? cfg->irq_fd_override : u->fd;
    /* uio_pdrv_genirq refuses the enable write with EIO when the node has no
     * interrupt: report it, the caller can set use_irq = 0 to poll. */
    if (irq_enable(u) != 0) {
      nn_lx_errf(err, errlen, "%s%s", u->err,
                 errno == EIO ? " (no interrupt in the device-tree node? use_irq = 0 polls)" : "");
      goto fail;
    }
    u->has_irq = 1;
  }
  if (nn_udmabuf_open(&u->dma, cfg->sysfs_root, cfg->dev_root, cfg->udmabuf_name, cfg->uncached,
                      err, errlen) != 0)
    goto fail;
  u->dma.observer = cfg->sync_observer;
  u->dma.observer_user = cfg->sync_observer_user;
  *out = u;
  return 0;
fail:
  nn_uio_close(u);
  return -1;
}

nn_hal nn_uio_hal(nn_uio *u) {
  u->ops = kUioOps;
  if (!u->has_irq) u->ops.wait_irq = NULL;
  if (u->dma.uncached) {
    u->ops.cache_clean = NULL;
    u->ops.cache_invalidate = NULL;
    u->ops.cache_flush = NULL;
  }
  nn_hal h;
  h.ops = &u->ops;
  h.ctx = u;
  return h;
}

void nn_uio_close(nn_uio *u) {
  if (u == NULL) return;
  nn_udmabuf_close(&u->dma);
  if (u->map != NULL) munmap(u->map, (size_t)(u->map_offset + u->map_size));
  if (u->fd >= 0) close(u->fd);
  free(u);
}

const char *nn_uio_last_error(const nn_uio *u) { return u->err; }

void nn_uio_get_info(const nn_uio *u, nn_uio_info *info) {
  info->uio_index = u->index;
  info->map_addr = u->map_addr;
  info->map_size = u->map_size;
  info->dma_phys = u->dma.phys;
  info->dma_size = u->dma.size;
  info->has_irq = u->has_irq;
}
