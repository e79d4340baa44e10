/* nn_runtime_hwh.c - the .hwh check of the runtime: find our IP in the
 * Vivado hardware handoff by the descriptor's VLNV (then its top name), make
 * nn_hwh_check_ip pass (registers, m_axi width, interrupt), and take the
 * control window's base and range from the PS's address map. A mismatch
 * refuses the open with the report listing both maps: running a driver with
 * wrong offsets writes registers of something else. */
#include "nn_rt_internal.h"

#ifdef NN_RT_HAVE_HWH
#include <stdlib.h>

#include "nnhal/nn_hwh.h"

#define NN_RT_HWH_REPORT 8192u

int nn_rt_hwh_place(const nn_model_text *m, const char *hwh_path, nn_rt_place *place, char *err,
                    size_t errlen) {
  nn_hwh *h = NULL;
  char why[1024] = "";
  if (nn_hwh_load(hwh_path, &h, why, sizeof why) != 0) {
    nn_rt_errf(err, errlen, "%s", why);
    return NN_RT_E_FILE;
  }
  const nn_hwh_ip *ip = nn_hwh_find_ip(h, m->vlnv);
  if (ip == NULL) ip = nn_hwh_find_ip(h, m->top);
  if (ip == NULL) {
    nn_rt_errf(err, errlen,
               "%s: no IP '%s' (or '%s') in this design: the bitstream was not built from this "
               "project",
               hwh_path, m->vlnv, m->top);
    nn_hwh_free(h);
    return NN_RT_E_HWH;
  }
  char *report = malloc(NN_RT_HWH_REPORT);
  if (report == NULL) {
    nn_hwh_free(h);
    nn_rt_errf(err, errlen, "%s: out of memory", hwh_path);
    return NN_RT_E_FILE;
  }
  report[0] = '\0';
  const int mismatch =
      nn_hwh_check_ip(ip, &m->desc.regs, m->m_axi_addr_width, report, NN_RT_HWH_REPORT);
  if (mismatch != 0) {
    nn_rt_errf(err, errlen, "%s: IP '%s' does not match the project's register map:\n%s", hwh_path,
               ip->instance, report);
    free(report);
    nn_hwh_free(h);
    return NN_RT_E_HWH;
  }
  free(report);
  if (!ip->has_base) {
    nn_rt_errf(err, errlen,
               "%s: IP '%s' has no address in the processor's map (not reachable from the CPU)",
               hwh_path, ip->instance);
    nn_hwh_free(h);
    return NN_RT_E_HWH;
  }
  place->base = ip->base;
  place->range = ip->range;
  nn_hwh_free(h);
  return NN_OK;
}

#else

int nn_rt_hwh_place(const nn_model_text *m, const char *hwh_path, nn_rt_place *place, char *err,
                    size_t errlen) {
  (void)m, (void)place;
  nn_rt_errf(err, errlen, "%s: this build has no .hwh reader (libxml2 was not found)", hwh_path);
  return NN_RT_E_USAGE;
}

#endif
