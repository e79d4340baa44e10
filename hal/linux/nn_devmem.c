/*
 * nn_devmem.c - the /dev/mem HAL (nnhal/nn_hal_devmem.h).
 *
 * /dev/mem can reach all of physical memory, so this backend confines itself:
 * it maps only inside the two configured windows (the accelerator's control
 * block and a `no-map` reserved-memory carve-out) and refuses overlapping or
 * wrapping windows. Opened with O_SYNC so the kernel maps both uncached
 * (registers must not be cached; the carve-out then needs no maintenance).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn_linux_internal.h"
#include "nnhal/nn_hal_devmem.h"

struct nn_devmem {
  char path[NN_LX_PATH_MAX];
  int fd;
  uint64_t page;
  uint64_t ctrl_base, ctrl_size;
  uint64_t co_base, co_size;
  volatile uint8_t *ctrl; /* = the mapping + (ctrl_base - its page) */
  uint8_t *co;            /* carve-out mapping */
  nn_lx_mmio mmio;
  nn_dma_pool pool;
  char err[NN_LX_ERR_MAX];
};

void nn_devmem_config_init(nn_devmem_config *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->mem_path = "/dev/mem";
}

static int inside(uint64_t base, uint64_t size, uint64_t phys, uint64_t len) {
  return size > 0 && phys >= base && len <= size && phys - base <= size - len;
}

void *nn_devmem_map(nn_devmem *d, uint64_t phys, size_t len, char *err, size_t errlen) {
  if (len == 0 || (!inside(d->ctrl_base, d->ctrl_size, phys, len) &&
                   !inside(d->co_base, d->co_size, phys, len))) {
    nn_lx_errf(err, errlen,
               "devmem: refusing to map [0x%" PRIx64
               ", +0x%zx): outside the control window "
               "[0x%" PRIx64 ", +0x%" PRIx64 ") and the carve-out [0x%" PRIx64 ", +0x%" PRIx64 ")",
               phys, len, d->ctrl_base, d->ctrl_size, d->co_base, d->co_size);
    return NULL;
  }
  /* mmap offsets must be page-aligned: map from the page holding phys. The
   * extra bytes before phys are never handed out. */
  uint64_t start = phys & ~(d->page - 1u);
  uint64_t span = phys - start + len;
  if (start > (uint64_t)INT64_MAX || span > SIZE_MAX ||
      (sizeof(off_t) < 8 && start + span > 0xFFFFFFFFull)) {
    nn_lx_errf(err, errlen, "devmem: [0x%" PRIx64 ", +0x%zx) cannot be mapped by this process",
               phys, len);
    return NULL;
  }
  void *m = mmap(NULL, (size_t)span, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd, (off_t)start);
  if (m == MAP_FAILED) {
    nn_lx_errf(err, errlen, "devmem: cannot map [0x%" PRIx64 ", +0x%zx) of %s: %s%s", phys, len,
               d->path, strerror(errno),
               errno == EPERM ? " (CONFIG_STRICT_DEVMEM: is the carve-out a no-map "
                                "reserved-memory region? see docs/linux.md)"
                              : "");
    return NULL;
  }
  return (uint8_t *)m + (phys - start);
}

void nn_devmem_unmap(nn_devmem *d, void *virt, uint64_t phys, size_t len) {
  if (virt == NULL) return;
  uint64_t lead = phys & (d->page - 1u);
  munmap((uint8_t *)virt - lead, (size_t)(lead + len));
}

/* --- nn_hal_ops --- */

static uint32_t dm_reg_read(void *ctx, uint32_t off) {
  return nn_lx_mmio_read(&((nn_devmem *)ctx)->mmio, off);
}

static void dm_reg_write(void *ctx, uint32_t off, uint32_t v) {
  nn_lx_mmio_write(&((nn_devmem *)ctx)->mmio, off, v);
}

static int dm_dma_alloc(void *ctx, size_t size, nn_dma_buf *buf) {
  nn_devmem *d = ctx;
  uint64_t off, padded;
  int st = nn_dma_pool_alloc(&d->pool, size, &off, &padded);
  if (st != NN_DMA_POOL_OK) {
    char why[256];
    nn_lx_pool_why(&d->pool, st, size, why, sizeof why);
    nn_lx_errf(d->err, sizeof d->err, "devmem carve-out at 0x%" PRIx64 ": %s", d->co_base, why);
    return NN_HAL_NOMEM;
  }
  buf->virt = d->co + off;
  buf->phys = d->co_base + off;
  buf->size = (size_t)padded;
  buf->priv = d;
  return NN_HAL_OK;
}

static void dm_dma_free(void *ctx, nn_dma_buf *buf) {
  nn_devmem *d = ctx;
  if (buf->virt == NULL) return;
  (void)nn_dma_pool_free(&d->pool, (uint64_t)((uint8_t *)buf->virt - d->co));
  memset(buf, 0, sizeof *buf);
}

static uint64_t dm_time_us(void *ctx) {
  (void)ctx;
  return nn_lx_time_us();
}

static void dm_barrier(void *ctx) {
  (void)ctx;
  nn_lx_barrier();
}

static void dm_relax(void *ctx) {
  (void)ctx;
  nn_lx_relax();
}

/* No cache ops (uncached carve-out) and no interrupt (polling). */
static const nn_hal_ops kDevmemOps = {
    .reg_read = dm_reg_read,
    .reg_write = dm_reg_write,
    .dma_alloc = dm_dma_alloc,
    .dma_free = dm_dma_free,
    .time_us = dm_time_us,
    .barrier = dm_barrier,
    .relax = dm_relax,
};

static int check_windows(const nn_devmem_config *cfg, char *err, size_t errlen) {
  if (cfg->ctrl_size < 0x40) {
    nn_lx_errf(err, errlen,
               "devmem: control window size 0x%x is too small (need the control block)",
               cfg->ctrl_size);
    return -1;
  }
  if ((cfg->ctrl_base & 3u) != 0) {
    nn_lx_errf(err, errlen, "devmem: control base 0x%" PRIx64 " is not 4-byte aligned",
               cfg->ctrl_base);
    return -1;
  }
  if (cfg->carveout_size < 64 || (cfg->carveout_base & 63u) != 0) {
    nn_lx_errf(err, errlen,
               "devmem: carve-out [0x%" PRIx64 ", +0x%" PRIx64
               ") must be 64-byte aligned and "
               "hold at least 64 bytes",
               cfg->carveout_base, cfg->carveout_size);
    return -1;
  }
  /* On armhf size_t is 32 bits: a larger carve-out would be cut to its low
   * 32 bits by the (size_t) map length while the allocator still hands out
   * offsets up to carveout_size, i.e. past the end of the mapping. */
  if (cfg->carveout_size > (uint64_t)SIZE_MAX) {
    nn_lx_errf(err, errlen,
               "devmem: carve-out of 0x%" PRIx64
               " bytes is larger than this process can map (size_t is %u bits)",
               cfg->carveout_size, (unsigned)(sizeof(size_t) * 8u));
    return -1;
  }
  if (cfg->ctrl_base > UINT64_MAX - cfg->ctrl_size ||
      cfg->carveout_base > UINT64_MAX - cfg->carveout_size) {
    nn_lx_errf(err, errlen, "devmem: a window wraps around the address space");
    return -1;
  }
  uint64_t c0 = cfg->ctrl_base, c1 = cfg->ctrl_base + cfg->ctrl_size;
  uint64_t m0 = cfg->carveout_base, m1 = cfg->carveout_base + cfg->carveout_size;
  if (c0 < m1 && m0 < c1) {
    /* The device would DMA over its own registers (or we would hand out
     * register space as a buffer). */
    nn_lx_errf(err, errlen,
               "devmem: control window [0x%" PRIx64 ", 0x%" PRIx64
               ") overlaps the carve-out "
               "[0x%" PRIx64 ", 0x%" PRIx64 ")",
               c0, c1, m0, m1);
    return -1;
  }
  return 0;
}

int nn_devmem_open(nn_devmem **out, const nn_devmem_config *cfg, char *err, size_t errlen) {
  *out = NULL;
  if (cfg == NULL || cfg->mem_path == NULL) {
    nn_lx_errf(err, errlen, "devmem: config and mem_path are required");
    return -1;
  }
  if (check_windows(cfg, err, errlen) != 0) return -1;
  nn_devmem *d = calloc(1, sizeof *d);
  if (d == NULL) {
    nn_lx_errf(err, errlen, "devmem: out of memory");
    return -1;
  }
  d->fd = -1;
  long page = sysconf(_SC_PAGESIZE);
  d->page = page > 0 ? (uint64_t)page : 4096u;
  d->ctrl_base = cfg->ctrl_base;
  d->ctrl_size = cfg->ctrl_size;
  d->co_base = cfg->carveout_base;
  d->co_size = cfg->carveout_size;
  if (nn_lx_path(d->path, sizeof d->path, err, errlen, "devmem", "%s", cfg->mem_path) != 0)
    goto fail;
  d->fd = open(d->path, O_RDWR | O_SYNC | O_CLOEXEC);
  if (d->fd < 0) {
    nn_lx_errf(err, errlen, "devmem: cannot open %s: %s%s", d->path, strerror(errno),
               errno == EACCES || errno == EPERM ? " (needs root or CAP_SYS_RAWIO; the uio HAL "
                                                   "does not)"
                                                 : "");
    goto fail;
  }
  struct stat st;
  uint64_t end = d->ctrl_base + d->ctrl_size > d->co_base + d->co_size ? d->ctrl_base + d->ctrl_size
                                                                       : d->co_base + d->co_size;
  if (fstat(d->fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < end) {
    /* Only a stand-in file (tests) has a size; touching past its end would be
     * SIGBUS instead of an error. */
    nn_lx_errf(err, errlen, "devmem: %s holds %lld bytes, the windows reach 0x%" PRIx64, d->path,
               (long long)st.st_size, end);
    goto fail;
  }
  d->ctrl = nn_devmem_map(d, d->ctrl_base, (size_t)d->ctrl_size, err, errlen);
  if (d->ctrl == NULL) goto fail;
  d->co = nn_devmem_map(d, d->co_base, (size_t)d->co_size, err, errlen);
  if (d->co == NULL) goto fail;
  d->mmio.base = d->ctrl;
  d->mmio.size = d->ctrl_size;
  d->mmio.err = d->err;
  d->mmio.what = "devmem";
  nn_dma_pool_init(&d->pool, d->co_size);
  *out = d;
  return 0;
fail:
  nn_devmem_close(d);
  return -1;
}

nn_hal nn_devmem_hal(nn_devmem *d) {
  nn_hal h;
  h.ops = &kDevmemOps;
  h.ctx = d;
  return h;
}

void nn_devmem_close(nn_devmem *d) {
  if (d == NULL) return;
  nn_devmem_unmap(d, d->co, d->co_base, (size_t)d->co_size);
  nn_devmem_unmap(d, (void *)d->ctrl, d->ctrl_base, (size_t)d->ctrl_size);
  if (d->fd >= 0) close(d->fd);
  free(d);
}

const char *nn_devmem_last_error(const nn_devmem *d) { return d->err; }
