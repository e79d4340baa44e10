/*
 * nn_hwh_modules.c - the design's system info and its MODULE list (one
 * nn_hwh_ip per instance), lookups by instance/VLNV, and the accessors.
 */
#include <stdlib.h>
#include <string.h>

#include "nn_hwh_internal.h"

static int by_name(const void *a, const void *b) {
  const hwh_name_index *x = a, *y = b;
  const int r = strcmp(x->name, y->name);
  if (r) return r;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int is_ps_type(const char *modtype) {
  /* Zynq-7000 and Zynq UltraScale+ processing systems (docs/hwh.md). */
  return strcmp(modtype, "processing_system7") == 0 || strcmp(modtype, "zynq_ultra_ps_e") == 0;
}

static int read_system(hwh_ctx *c, xmlNodePtr root) {
  nn_hwh_system *s = &c->h->system;
  s->vivado_version = hwh_attr(c, root, "VIVADOVERSION");
  xmlNodePtr si = hwh_child(root, "SYSTEMINFO");
  if (!si) return hwh_fail(c, root, "no <SYSTEMINFO> in <EDKSYSTEM>: not a Vivado .hwh");
  s->arch = hwh_attr(c, si, "ARCH");
  s->device = hwh_attr(c, si, "DEVICE");
  s->package = hwh_attr(c, si, "PACKAGE");
  s->speed_grade = hwh_attr(c, si, "SPEEDGRADE");
  s->board = hwh_attr(c, si, "BOARD");
  s->design = hwh_attr(c, si, "NAME");
  return 0;
}

int hwh_read_modules(hwh_ctx *c, xmlNodePtr root) {
  if (!hwh_is(root, "EDKSYSTEM"))
    return hwh_fail(c, root,
                    "root element is <%s>, expected <EDKSYSTEM>: not a Vivado hardware "
                    "handoff (.hwh) file",
                    (const char *)root->name);
  if (read_system(c, root) != 0) return -1;
  xmlNodePtr modules = hwh_child(root, "MODULES");
  if (!modules) return hwh_fail(c, root, "no <MODULES> in <EDKSYSTEM>: not a Vivado .hwh");
  const size_t n = hwh_count(modules, "MODULE");
  nn_hwh *h = c->h;
  h->ips = hwh_calloc(c, n ? n : 1, sizeof *h->ips);
  c->ip_nodes = hwh_calloc(c, n ? n : 1, sizeof *c->ip_nodes);
  hwh_name_index *idx = hwh_calloc(c, n ? n : 1, sizeof *idx);
  if (c->oom) return hwh_oom(c);
  size_t i = 0;
  for (xmlNodePtr m = hwh_child(modules, "MODULE"); m; m = hwh_next(m, "MODULE"), ++i) {
    nn_hwh_ip *ip = &h->ips[i];
    c->ip_nodes[i] = m;
    ip->instance = hwh_attr(c, m, "INSTANCE");
    if (!ip->instance[0]) return hwh_fail(c, m, "<MODULE> without an INSTANCE name");
    ip->fullname = hwh_attr(c, m, "FULLNAME");
    ip->vlnv = hwh_attr(c, m, "VLNV");
    ip->modtype = hwh_attr(c, m, "MODTYPE");
    ip->line = hwh_line(m);
    ip->is_ps = is_ps_type(ip->modtype);
    if (ip->is_ps) {
      if (h->ps)
        return hwh_fail(c, m, "a second processing system '%s' (the first is '%s' at line %ld)",
                        ip->instance, h->ps->instance, h->ps->line);
      h->ps = ip;
      c->ps_node = m;
    }
    idx[i].name = ip->instance;
    idx[i].index = i;
  }
  h->n_ips = n;
  /* Sorted once: duplicates become neighbours, and the interrupt walk looks
   * instances up by bsearch (a hostile file may hold very many modules). */
  qsort(idx, n, sizeof *idx, by_name);
  for (size_t k = 1; k < n; ++k)
    if (strcmp(idx[k - 1].name, idx[k].name) == 0)
      return hwh_fail(c, c->ip_nodes[idx[k].index],
                      "MODULE INSTANCE '%s' appears twice (first at line %ld): addresses and "
                      "connections would be ambiguous",
                      idx[k].name, h->ips[idx[k - 1].index].line);
  c->by_name = idx;
  return c->oom ? hwh_oom(c) : 0;
}

static int by_key(const void *key, const void *elem) {
  return strcmp((const char *)key, ((const hwh_name_index *)elem)->name);
}

long hwh_module_index(const hwh_ctx *c, const char *instance) {
  const hwh_name_index *e = bsearch(instance, c->by_name, c->h->n_ips, sizeof *c->by_name, by_key);
  return e ? (long)e->index : -1;
}

/* ---- accessors ---- */

const char *nn_hwh_file(const nn_hwh *h) { return h->file; }
const nn_hwh_system *nn_hwh_system_info(const nn_hwh *h) { return &h->system; }
size_t nn_hwh_ip_count(const nn_hwh *h) { return h->n_ips; }
const nn_hwh_ip *nn_hwh_ip_at(const nn_hwh *h, size_t i) {
  return i < h->n_ips ? &h->ips[i] : NULL;
}
const nn_hwh_ip *nn_hwh_ps(const nn_hwh *h) { return h->ps; }

/* "vendor:library:name:version" -> does `name` equal the third field? */
static int vlnv_name_is(const char *vlnv, const char *name) {
  const char *p = strchr(vlnv, ':');
  if (!p) return 0;
  p = strchr(p + 1, ':');
  if (!p) return 0;
  ++p;
  const char *end = strchr(p, ':');
  const size_t n = end ? (size_t)(end - p) : strlen(p);
  return strlen(name) == n && strncmp(p, name, n) == 0;
}

const nn_hwh_ip *nn_hwh_find_ip(const nn_hwh *h, const char *what) {
  if (!h || !what || !*what) return NULL;
  for (size_t i = 0; i < h->n_ips; ++i)
    if (strcmp(h->ips[i].instance, what) == 0) return &h->ips[i];
  for (size_t i = 0; i < h->n_ips; ++i)
    if (strcmp(h->ips[i].vlnv, what) == 0) return &h->ips[i];
  for (size_t i = 0; i < h->n_ips; ++i)
    if (vlnv_name_is(h->ips[i].vlnv, what)) return &h->ips[i];
  return NULL;
}

const nn_hwh_reg *nn_hwh_find_reg(const nn_hwh_ip *ip, const char *name) {
  for (size_t i = 0; ip && name && i < ip->n_regs; ++i)
    if (hwh_strcaseeq(ip->regs[i].name, name)) return &ip->regs[i];
  return NULL;
}
