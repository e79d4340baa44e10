/*
 * nn_mock_ddr.c - simulated DDR with a separate CPU-cache view.
 *
 * Model: a write-back data cache that never evicts on its own. The CPU view
 * holds what the driver wrote (all of it "dirty") and the device view is
 * memory. cache_clean copies CPU -> memory, cache_invalidate memory -> CPU,
 * cache_flush does both. Operations work on whole 64-byte lines, like the
 * real DC CVAC/IVAC/CIVAC by VA (docs/driver.md "Cache policy").
 *
 * Allocations are carved first-fit out of [ddr_base, ddr_base + ddr_size);
 * each gets its own pair of host buffers, so a 64 MiB DDR costs nothing until
 * used.
 */
#include <stdlib.h>
#include <string.h>

#include "nn_mock_internal.h"

static void fill_words(unsigned char *p, size_t size, uint32_t word) {
  for (size_t i = 0; i + 4u <= size; i += 4u) memcpy(p + i, &word, 4u);
}

int nn_mock_ddr_alloc(nn_mock *m, size_t size, nn_dma_buf *buf) {
  if (buf == NULL || size == 0u || size > m->cfg.ddr_size) return NN_HAL_ERROR;
  size_t rounded = (size + (NN_MOCK_LINE - 1u)) & ~(size_t)(NN_MOCK_LINE - 1u);

  /* First fit in the sorted list of live allocations. */
  uint64_t cursor = m->cfg.ddr_base;
  uint64_t end = m->cfg.ddr_base + m->cfg.ddr_size;
  nn_mock_alloc **link = &m->allocs;
  while (*link != NULL && (*link)->phys - cursor < rounded) {
    cursor = (*link)->phys + (*link)->size;
    link = &(*link)->next;
  }
  if (end - cursor < rounded) return NN_HAL_NOMEM;

  nn_mock_alloc *a = (nn_mock_alloc *)calloc(1, sizeof *a);
  if (a == NULL) return NN_HAL_NOMEM;
  a->cpu = (unsigned char *)aligned_alloc(NN_MOCK_LINE, rounded);
  a->dev = (unsigned char *)aligned_alloc(NN_MOCK_LINE, rounded);
  if (a->cpu == NULL || a->dev == NULL) {
    free(a->cpu);
    free(a->dev);
    free(a);
    return NN_HAL_NOMEM;
  }
  fill_words(a->cpu, rounded, NN_MOCK_CPU_GARBAGE);
  fill_words(a->dev, rounded, NN_MOCK_DEV_GARBAGE);
  a->phys = cursor;
  a->size = rounded;
  a->next = *link;
  *link = a;

  buf->virt = a->cpu;
  buf->phys = a->phys;
  buf->size = rounded;
  buf->priv = a;
  return NN_HAL_OK;
}

/* The live allocation `buf` describes, or NULL (counted as a bus fault: the
 * caller passed a buffer the mock never handed out, or one already freed). */
static nn_mock_alloc *lookup(nn_mock *m, const nn_dma_buf *buf) {
  if (buf != NULL) {
    for (nn_mock_alloc *a = m->allocs; a != NULL; a = a->next) {
      if (a == buf->priv && a->cpu == buf->virt && a->phys == buf->phys) return a;
    }
  }
  m->counters.bus_faults++;
  return NULL;
}

void nn_mock_ddr_free(nn_mock *m, nn_dma_buf *buf) {
  nn_mock_alloc *a = lookup(m, buf);
  if (a == NULL) return;
  for (nn_mock_alloc **link = &m->allocs; *link != NULL; link = &(*link)->next) {
    if (*link == a) {
      *link = a->next;
      break;
    }
  }
  free(a->cpu);
  free(a->dev);
  free(a);
  memset(buf, 0, sizeof *buf);
}

void nn_mock_ddr_free_all(nn_mock *m) {
  while (m->allocs != NULL) {
    nn_mock_alloc *a = m->allocs;
    m->allocs = a->next;
    free(a->cpu);
    free(a->dev);
    free(a);
  }
}

/* Expands [off, off+len) to whole lines. 0 and a bus fault if the range
 * leaves the buffer (a driver bug a real cache operation would silently
 * apply to a neighbour's memory). */
static int line_range(nn_mock *m, const nn_mock_alloc *a, size_t off, size_t len, size_t *lo,
                      size_t *hi) {
  if (off > a->size || len > a->size - off) {
    m->counters.bus_faults++;
    return 0;
  }
  *lo = off & ~(size_t)(NN_MOCK_LINE - 1u);
  *hi = (off + len + (NN_MOCK_LINE - 1u)) & ~(size_t)(NN_MOCK_LINE - 1u);
  return 1;
}

void nn_mock_ddr_clean(nn_mock *m, const nn_dma_buf *buf, size_t off, size_t len) {
  m->counters.cache_cleans++;
  nn_mock_alloc *a = lookup(m, buf);
  size_t lo, hi;
  if (a != NULL && line_range(m, a, off, len, &lo, &hi)) memcpy(a->dev + lo, a->cpu + lo, hi - lo);
}

void nn_mock_ddr_invalidate(nn_mock *m, const nn_dma_buf *buf, size_t off, size_t len) {
  m->counters.cache_invalidates++;
  nn_mock_alloc *a = lookup(m, buf);
  size_t lo, hi;
  if (a != NULL && line_range(m, a, off, len, &lo, &hi)) memcpy(a->cpu + lo, a->dev + lo, hi - lo);
}

void nn_mock_ddr_flush(nn_mock *m, const nn_dma_buf *buf, size_t off, size_t len) {
  m->counters.cache_flushes++;
  nn_mock_alloc *a = lookup(m, buf);
  size_t lo, hi;
  /* Clean then invalidate leaves both views equal to the CPU's data. */
  if (a != NULL && line_range(m, a, off, len, &lo, &hi)) memcpy(a->dev + lo, a->cpu + lo, hi - lo);
}

nn_mock_alloc *nn_mock_ddr_find(nn_mock *m, uint64_t phys, size_t len) {
  for (nn_mock_alloc *a = m->allocs; a != NULL; a = a->next) {
    if (phys >= a->phys && phys - a->phys <= a->size && len <= a->size - (phys - a->phys)) {
      return a;
    }
  }
  return NULL;
}

/* Does line [lo, lo+64) differ between the views? The word flipped by fault
 * injection in this run is compared as it was before the flip, so injecting a
 * transfer error is not also reported as a stale read. */
static int line_differs(const nn_mock *m, const nn_mock_alloc *a, size_t lo) {
  if (memcmp(a->cpu + lo, a->dev + lo, NN_MOCK_LINE) == 0) return 0;
  if (!m->flip_active || m->flip_phys < a->phys + lo ||
      m->flip_phys >= a->phys + lo + NN_MOCK_LINE) {
    return 1;
  }
  unsigned char line[NN_MOCK_LINE];
  memcpy(line, a->dev + lo, NN_MOCK_LINE);
  size_t w = (size_t)(m->flip_phys - a->phys - lo);
  uint32_t word;
  memcpy(&word, line + w, 4u);
  word ^= m->flip_mask;
  memcpy(line + w, &word, 4u);
  return memcmp(a->cpu + lo, line, NN_MOCK_LINE) != 0;
}

void *nn_mock_device_ptr(nn_mock *m, uint64_t phys, size_t len) {
  if (m == NULL) return NULL;
  nn_mock_alloc *a = nn_mock_ddr_find(m, phys, len);
  if (a == NULL) {
    m->counters.bus_faults++;
    return NULL;
  }
  size_t off = (size_t)(phys - a->phys);
  if (m->in_device && len > 0u) {
    /* The device is about to read (or write) these lines. If the CPU view of
     * any of them differs from memory, the driver did not clean (or flush) it
     * before the start: the device sees stale data, or a dirty line evicted
     * later would overwrite what the device writes. */
    size_t lo = off & ~(size_t)(NN_MOCK_LINE - 1u);
    for (; lo < off + len; lo += NN_MOCK_LINE) {
      if (line_differs(m, a, lo)) {
        m->counters.stale_reads_by_device++;
        break;
      }
    }
  }
  return a->dev + off;
}
