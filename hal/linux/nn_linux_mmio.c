/* nn_linux_mmio.c - 32-bit register access inside one mapped window. */
#include "nn_linux_internal.h"

static int mmio_ok(nn_lx_mmio *m, uint32_t offset, const char *op) {
  if ((offset & 3u) == 0u && (uint64_t)offset + 4u <= m->size) return 1;
  /* The nn_hal ops cannot fail, so a bad offset (a corrupt register map) is
   * refused here, counted and described for nn_*_last_error(). */
  m->bad_accesses++;
  if (m->err != NULL)
    nn_lx_errf(m->err, NN_LX_ERR_MAX,
               "%s: register %s at offset 0x%x refused: %s (window 0x%llx bytes)", m->what, op,
               offset, (offset & 3u) ? "not 4-byte aligned" : "outside the window",
               (unsigned long long)m->size);
  return 0;
}

uint32_t nn_lx_mmio_read(nn_lx_mmio *m, uint32_t offset) {
  if (!mmio_ok(m, offset, "read")) return 0xFFFFFFFFu;
  return *(volatile uint32_t *)(m->base + offset);
}

void nn_lx_mmio_write(nn_lx_mmio *m, uint32_t offset, uint32_t value) {
  if (!mmio_ok(m, offset, "write")) return;
  *(volatile uint32_t *)(m->base + offset) = value;
}
