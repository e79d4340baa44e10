/* nn_runtime_hal.c - the board HALs of the runtime: uio (+ u-dma-buf) and
 * devmem (hal/linux), configured from the runtime options and the place the
 * .hwh or --ctrl-base gave. */
#include <string.h>

#include "nn_rt_internal.h"

#ifdef NN_RT_HAVE_LINUX_HALS
#include "nnhal/nn_hal_devmem.h"
#include "nnhal/nn_hal_uio.h"

static void uio_close(nn_rt_backend *b) {
  if (b->state != NULL) nn_uio_close(b->state);
  b->state = NULL;
}

static void devmem_close(nn_rt_backend *b) {
  if (b->state != NULL) nn_devmem_close(b->state);
  b->state = NULL;
}

int nn_rt_uio_create(const nn_model_text *m, const nn_rt_options *opt, const nn_rt_place *place,
                     nn_rt_backend *b, char *err, size_t errlen) {
  nn_uio_config c;
  nn_uio_config_init(&c);
  if (opt->sysfs_root != NULL) c.sysfs_root = opt->sysfs_root;
  if (opt->dev_root != NULL) c.dev_root = opt->dev_root;
  if (opt->udmabuf_name != NULL) c.udmabuf_name = opt->udmabuf_name;
  c.uncached = opt->uncached;
  c.use_irq = opt->use_irq;
  c.regs = &m->desc.regs; /* lives in the nn_rt_device, which outlives the nn_uio */
  if (opt->uio_name != NULL) {
    c.uio_name = opt->uio_name;
  } else if (place->base != 0u) {
    c.uio_addr = place->base;
  } else {
    nn_rt_errf(err, errlen,
               "--hal uio needs the device: --uio NAME, or its address from --ctrl-base or --hwh");
    return NN_RT_E_USAGE;
  }
  nn_uio *u = NULL;
  char why[1024] = "";
  if (nn_uio_open(&u, &c, why, sizeof why) != 0) {
    nn_rt_errf(err, errlen, "uio: %s", why);
    return NN_RT_E_HAL;
  }
  memset(b, 0, sizeof *b);
  b->name = "uio";
  b->state = u;
  b->hal = nn_uio_hal(u);
  b->close = uio_close;
  return NN_OK;
}

int nn_rt_devmem_create(const nn_model_text *m, const nn_rt_options *opt, const nn_rt_place *place,
                        nn_rt_backend *b, char *err, size_t errlen) {
  (void)m;
  if (place->base == 0u) {
    nn_rt_errf(err, errlen, "--hal devmem needs the control base address: --ctrl-base or --hwh");
    return NN_RT_E_USAGE;
  }
  if (opt->carveout_size == 0u) {
    nn_rt_errf(err, errlen,
               "--hal devmem needs a reserved-memory carve-out for DMA buffers: --carveout "
               "BASE:SIZE");
    return NN_RT_E_USAGE;
  }
  nn_devmem_config c;
  nn_devmem_config_init(&c);
  if (opt->mem_path != NULL) c.mem_path = opt->mem_path;
  c.ctrl_base = place->base;
  /* The s_axilite window of an HLS IP is at most 64 KiB. */
  c.ctrl_size = opt->ctrl_size != 0u                               ? opt->ctrl_size
                : (place->range != 0u && place->range <= 0x10000u) ? (uint32_t)place->range
                                                                   : 0x10000u;
  c.carveout_base = opt->carveout_base;
  c.carveout_size = opt->carveout_size;
  nn_devmem *d = NULL;
  char why[1024] = "";
  if (nn_devmem_open(&d, &c, why, sizeof why) != 0) {
    nn_rt_errf(err, errlen, "devmem: %s", why);
    return NN_RT_E_HAL;
  }
  memset(b, 0, sizeof *b);
  b->name = "devmem";
  b->state = d;
  b->hal = nn_devmem_hal(d);
  b->close = devmem_close;
  return NN_OK;
}

#else /* built where hal/linux is not available */

int nn_rt_uio_create(const nn_model_text *m, const nn_rt_options *opt, const nn_rt_place *place,
                     nn_rt_backend *b, char *err, size_t errlen) {
  (void)m, (void)opt, (void)place, (void)b;
  nn_rt_errf(err, errlen, "--hal uio is not available: this build has no Linux HALs");
  return NN_RT_E_USAGE;
}

int nn_rt_devmem_create(const nn_model_text *m, const nn_rt_options *opt, const nn_rt_place *place,
                        nn_rt_backend *b, char *err, size_t errlen) {
  (void)m, (void)opt, (void)place, (void)b;
  nn_rt_errf(err, errlen, "--hal devmem is not available: this build has no Linux HALs");
  return NN_RT_E_USAGE;
}

#endif
