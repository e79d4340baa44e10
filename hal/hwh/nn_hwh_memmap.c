/*
 * nn_hwh_memmap.c - addresses. The CPU view of every IP comes ONLY from the
 * PS module's MEMORYMAP: MEMRANGEs inside other masters (MicroBlaze, DMA, HLS
 * m_axi) describe those masters' own address spaces and are never CPU
 * addresses. An HLS module's own MEMORYMAP tells which PS slave port (and
 * which DDR windows) each of its m_axi ports reaches.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "nn_hwh_internal.h"

static int parse_window(hwh_ctx *c, xmlNodePtr r, nn_hwh_window *w) {
  const char *base = hwh_attr(c, r, "BASEVALUE");
  const char *high = hwh_attr(c, r, "HIGHVALUE");
  if (hwh_parse_u64(base, &w->base) != 0)
    return hwh_fail(c, r, "MEMRANGE BASEVALUE '%s' is not a number", base);
  if (hwh_parse_u64(high, &w->high) != 0)
    return hwh_fail(c, r, "MEMRANGE HIGHVALUE '%s' is not a number", high);
  if (w->high < w->base)
    return hwh_fail(c, r, "MEMRANGE HIGHVALUE %s is below its BASEVALUE %s", high, base);
  /* Its size (HIGHVALUE - BASEVALUE + 1) would wrap to 0: no IP spans 2^64 bytes. */
  if (w->base == 0 && w->high == UINT64_MAX)
    return hwh_fail(c, r, "MEMRANGE %s-%s covers the whole 64-bit address space", base, high);
  w->block = hwh_attr(c, r, "ADDRESSBLOCK");
  w->slave_port = hwh_attr(c, r, "SLAVEBUSINTERFACE");
  w->master_port = hwh_attr(c, r, "MASTERBUSINTERFACE");
  return 0;
}

int hwh_read_ps_memmap(hwh_ctx *c) {
  nn_hwh *h = c->h;
  xmlNodePtr mm = hwh_child(c->ps_node, "MEMORYMAP");
  if (!mm) return 0;
  size_t *count = hwh_calloc(c, h->n_ips ? h->n_ips : 1, sizeof *count);
  if (!count) return hwh_oom(c);
  /* Two passes: count each instance's windows, then fill exact arrays. */
  for (xmlNodePtr r = hwh_child(mm, "MEMRANGE"); r; r = hwh_next(r, "MEMRANGE")) {
    nn_hwh_window w;
    if (parse_window(c, r, &w) != 0) return -1;
    /* A MEMRANGE naming no MODULE (e.g. the PS's own memory) maps no IP. */
    const long i = hwh_module_index(c, hwh_attr(c, r, "INSTANCE"));
    if (i >= 0) ++count[i];
  }
  for (size_t i = 0; i < h->n_ips; ++i) {
    if (!count[i]) continue;
    h->ips[i].windows = hwh_calloc(c, count[i], sizeof(nn_hwh_window));
    if (!h->ips[i].windows) return hwh_oom(c);
  }
  for (xmlNodePtr r = hwh_child(mm, "MEMRANGE"); r; r = hwh_next(r, "MEMRANGE")) {
    const long i = hwh_module_index(c, hwh_attr(c, r, "INSTANCE"));
    if (i < 0) continue;
    nn_hwh_ip *ip = &h->ips[i];
    nn_hwh_window *w = (nn_hwh_window *)&ip->windows[ip->n_windows++];
    if (parse_window(c, r, w) != 0) return -1;
  }
  for (size_t i = 0; i < h->n_ips; ++i) {
    nn_hwh_ip *ip = &h->ips[i];
    if (!ip->n_windows) continue;
    /* The control block's window when the IP has several slave ports. Its
     * master port name says nothing about the address (a KV260 design maps
     * 0xA0000000 through M_AXI_HPM1_FPD): only BASEVALUE counts. */
    const nn_hwh_window *pick = &ip->windows[0];
    for (size_t k = 0; ip->ctrl_interface && k < ip->n_windows; ++k)
      if (strcmp(ip->windows[k].slave_port, ip->ctrl_interface) == 0) {
        pick = &ip->windows[k];
        break;
      }
    ip->has_base = 1;
    ip->base = pick->base;
    ip->range = pick->high - pick->base + 1;
    ip->ps_master = pick->master_port;
  }
  return c->oom ? hwh_oom(c) : 0;
}

static int is_aximm_master(xmlNodePtr bi) {
  if (!hwh_attr_eq(bi, "TYPE", "MASTER")) return 0;
  xmlChar *vlnv = xmlGetProp(bi, (const xmlChar *)"VLNV");
  const int yes = vlnv && strstr((const char *)vlnv, ":aximm:") != NULL;
  xmlFree(vlnv);
  return yes;
}

/* C_M_AXI_<BUNDLE>_<what> of the module, e.g. C_M_AXI_GMEM_ADDR_WIDTH. */
static const char *bundle_param(hwh_ctx *c, xmlNodePtr module, const char *bundle,
                                const char *what) {
  char name[160];
  int n = snprintf(name, sizeof name, "C_M_AXI_%s_%s", bundle, what);
  if (n < 0 || (size_t)n >= sizeof name) return NULL;
  for (char *p = name; *p; ++p) *p = (char)toupper((unsigned char)*p);
  return hwh_named_value(c, hwh_child(module, "PARAMETERS"), "PARAMETER", name);
}

/* Parameter values like "\"0011\"" (VHDL string literal) lose their quotes. */
static const char *unquote(hwh_ctx *c, const char *v) {
  if (!v) return NULL;
  const size_t n = strlen(v);
  if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
    char buf[128];
    if (n - 2 >= sizeof buf) return v;
    memcpy(buf, v + 1, n - 2);
    buf[n - 2] = '\0';
    return hwh_dup(c, buf);
  }
  return v;
}

static int read_one_maxi(hwh_ctx *c, xmlNodePtr module, xmlNodePtr bi, nn_hwh_maxi *m) {
  m->interface = hwh_attr(c, bi, "NAME");
  m->bundle = m->interface;
  if (strlen(m->interface) > 6 &&
      (strncmp(m->interface, "m_axi_", 6) == 0 || strncmp(m->interface, "M_AXI_", 6) == 0))
    m->bundle = m->interface + 6;
  const char *width = bundle_param(c, module, m->bundle, "ADDR_WIDTH");
  xmlNodePtr where = module;
  if (!width) {
    /* Non-HLS masters may only state the width on the bus interface. */
    width = hwh_named_value(c, bi, "PARAMETER", "ADDR_WIDTH");
    where = bi;
  }
  if (width) {
    uint64_t v;
    if (hwh_parse_u64(width, &v) != 0 || v > 64)
      return hwh_fail(c, where, "address width '%s' of %s is not a number from 0 to 64", width,
                      m->interface);
    m->addr_width = (uint32_t)v;
  }
  m->cache_value = unquote(c, bundle_param(c, module, m->bundle, "CACHE_VALUE"));
  m->user_value = unquote(c, bundle_param(c, module, m->bundle, "USER_VALUE"));

  const nn_hwh_ip *ps = c->h->ps;
  xmlNodePtr mm = hwh_child(module, "MEMORYMAP");
  if (!ps || !mm) return 0;
  size_t n = 0;
  for (xmlNodePtr r = hwh_child(mm, "MEMRANGE"); r; r = hwh_next(r, "MEMRANGE"))
    if (hwh_attr_eq(r, "MASTERBUSINTERFACE", m->interface) &&
        hwh_attr_eq(r, "INSTANCE", ps->instance))
      ++n;
  if (!n) return 0;
  nn_hwh_window *w = hwh_calloc(c, n, sizeof *w);
  if (!w) return hwh_oom(c);
  m->windows = w;
  for (xmlNodePtr r = hwh_child(mm, "MEMRANGE"); r; r = hwh_next(r, "MEMRANGE"))
    if (hwh_attr_eq(r, "MASTERBUSINTERFACE", m->interface) &&
        hwh_attr_eq(r, "INSTANCE", ps->instance))
      if (parse_window(c, r, &w[m->n_windows++]) != 0) return -1;
  m->ps_slave_port = w[0].slave_port;
  return 0;
}

int hwh_read_maxi(hwh_ctx *c, xmlNodePtr module, nn_hwh_ip *ip) {
  /* Interconnects list master ports too; they are not bus masters of their own. */
  if (ip->is_ps || hwh_attr_eq(module, "IPTYPE", "BUS")) return 0;
  xmlNodePtr bis = hwh_child(module, "BUSINTERFACES");
  size_t n = 0;
  for (xmlNodePtr bi = hwh_child(bis, "BUSINTERFACE"); bi; bi = hwh_next(bi, "BUSINTERFACE"))
    if (is_aximm_master(bi)) ++n;
  if (!n) return 0;
  nn_hwh_maxi *m = hwh_calloc(c, n, sizeof *m);
  if (!m) return hwh_oom(c);
  ip->m_axi = m;
  for (xmlNodePtr bi = hwh_child(bis, "BUSINTERFACE"); bi; bi = hwh_next(bi, "BUSINTERFACE"))
    if (is_aximm_master(bi))
      if (read_one_maxi(c, module, bi, &m[ip->n_m_axi++]) != 0) return -1;
  return 0;
}
