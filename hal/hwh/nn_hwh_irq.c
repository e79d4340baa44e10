/*
 * nn_hwh_irq.c - where an IP's interrupt output goes. Each PORT lists its
 * CONNECTIONs (instance + port); the walk follows them to a PS interrupt input
 * (Zynq-7000 IRQ_F2P, ZynqMP pl_ps_irq0/1), through concatenators (xlconcat,
 * ilconcat: input k lands at the bit offset of In0..In(k-1)) and AXI interrupt
 * controllers (axi_intc: input `intr`, output `irq`), and records the path and,
 * when it can tell, the bit index on the PS port.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_hwh_internal.h"

/* Bounds for hostile designs: fan-out at every hop would otherwise make the
 * walk exponential. Real paths are 1-3 hops. */
enum { WALK_MAX_DEPTH = 16, WALK_MAX_STEPS = 4096, WALK_PATH = 1024 };

typedef struct walk {
  char path[WALK_PATH];
  size_t len;
  char dead_end[WALK_PATH]; /* path of the first branch that did not reach the PS */
  int have_dead_end;
  const char *ps_port;
  int ps_index;
  const char *intc;
  int intc_input;
  int steps;
} walk;

static void append(walk *w, const char *fmt, const char *a, const char *b) {
  if (w->len >= sizeof w->path) return;
  const int n = snprintf(w->path + w->len, sizeof w->path - w->len, fmt, a, b);
  if (n > 0) w->len += (size_t)n;
  if (w->len >= sizeof w->path) w->len = sizeof w->path - 1;
}

static xmlNodePtr find_port(xmlNodePtr module, const char *name) {
  return hwh_named_child(hwh_child(module, "PORTS"), "PORT", name);
}

static int is_concat(const char *modtype) {
  return strcmp(modtype, "xlconcat") == 0 || strcmp(modtype, "ilconcat") == 0;
}

/* Width of a port from LEFT/RIGHT; `dflt` when they are absent. */
static int port_width(hwh_ctx *c, xmlNodePtr port, int dflt) {
  if (!port || !hwh_has_attr(port, "LEFT") || !hwh_has_attr(port, "RIGHT")) return dflt;
  uint64_t l, r;
  if (hwh_parse_u64(hwh_attr(c, port, "LEFT"), &l) != 0 ||
      hwh_parse_u64(hwh_attr(c, port, "RIGHT"), &r) != 0 || l > 4096 || r > 4096)
    return dflt;
  return (int)(l > r ? l - r : r - l) + 1;
}

/* Bit offset of concat input In<k>: the widths of In0..In(k-1); -1 unknown. */
static int concat_offset(hwh_ctx *c, xmlNodePtr concat, const char *in_port) {
  if (strncmp(in_port, "In", 2) != 0) return -1;
  char *end = NULL;
  const long k = strtol(in_port + 2, &end, 10);
  if (!end || *end || end == in_port + 2 || k < 0 || k > 1024) return -1;
  int offset = 0;
  for (long i = 0; i < k; ++i) {
    char name[32];
    snprintf(name, sizeof name, "In%ld", i);
    int width = port_width(c, find_port(concat, name), -1);
    if (width < 0) {
      snprintf(name, sizeof name, "IN%ld_WIDTH", i);
      const char *v = hwh_named_value(c, hwh_child(concat, "PARAMETERS"), "PARAMETER", name);
      uint64_t x;
      width = (v && hwh_parse_u64(v, &x) == 0 && x <= 4096) ? (int)x : 1;
    }
    offset += width;
  }
  return offset;
}

static void note_dead_end(walk *w) {
  if (w->have_dead_end) return;
  memcpy(w->dead_end, w->path, w->len);
  w->dead_end[w->len] = '\0';
  w->have_dead_end = 1;
}

/* Follows every connection of `port` (of `from`); 1 when the PS is reached.
 * `offset` is the bit the line occupies on the current bus (-1 unknown). */
static int follow(hwh_ctx *c, const char *from, xmlNodePtr port, int offset, int depth, walk *w) {
  if (depth > WALK_MAX_DEPTH) return 0;
  const char *port_name = hwh_attr(c, port, "NAME");
  xmlNodePtr conns = hwh_child(port, "CONNECTIONS");
  for (xmlNodePtr k = hwh_child(conns, "CONNECTION"); k; k = hwh_next(k, "CONNECTION")) {
    if (++w->steps > WALK_MAX_STEPS) return 0;
    const size_t saved = w->len;
    const char *inst = hwh_attr(c, k, "INSTANCE");
    const char *pin = hwh_attr(c, k, "PORT");
    if (saved) append(w, "%s%s", "; ", "");
    append(w, "%s.%s", from, port_name);
    append(w, " -> %s.%s", inst, pin);
    const long idx = hwh_module_index(c, inst);
    int reached = 0;
    if (idx >= 0) {
      const nn_hwh_ip *ip = &c->h->ips[idx];
      xmlNodePtr m = c->ip_nodes[idx];
      xmlNodePtr target = find_port(m, pin);
      if (ip->is_ps) {
        if (target && hwh_attr_eq(target, "SIGIS", "INTERRUPT") &&
            hwh_attr_eq(target, "DIR", "I")) {
          w->ps_port = hwh_attr(c, target, "NAME");
          w->ps_index = offset;
          if (offset >= 0) {
            char idx_text[16];
            snprintf(idx_text, sizeof idx_text, "%d", offset);
            append(w, "[%s]%s", idx_text, "");
          }
          reached = 1;
        }
      } else if (is_concat(ip->modtype)) {
        const int add = concat_offset(c, m, pin);
        xmlNodePtr dout = find_port(m, "dout");
        if (dout)
          reached =
              follow(c, inst, dout, (add < 0 || offset < 0) ? -1 : add + offset, depth + 1, w);
      } else if (strcmp(ip->modtype, "axi_intc") == 0 && strcmp(pin, "intr") == 0) {
        xmlNodePtr irq = find_port(m, "irq");
        const char *intc = w->intc;
        const int input = w->intc_input;
        w->intc = ip->instance;
        w->intc_input = offset;
        /* The controller's output is one line: bit 0 of its own bus. */
        if (irq) reached = follow(c, inst, irq, 0, depth + 1, w);
        if (!reached) {
          w->intc = intc;
          w->intc_input = input;
        }
      }
    }
    if (reached) return 1;
    note_dead_end(w);
    w->len = saved;
    w->path[saved] = '\0';
  }
  return 0;
}

static int read_one_irq(hwh_ctx *c, const nn_hwh_ip *ip, xmlNodePtr port, nn_hwh_irq *irq) {
  irq->port = hwh_attr(c, port, "NAME");
  irq->ps_irq_index = -1;
  irq->intc_input = -1;
  irq->connected = hwh_child(hwh_child(port, "CONNECTIONS"), "CONNECTION") != NULL;
  irq->path = "";
  if (!irq->connected) return 0;
  walk *w = calloc(1, sizeof *w);
  if (!w) return hwh_oom(c);
  w->ps_index = -1;
  w->intc_input = -1;
  if (follow(c, ip->instance, port, 0, 0, w)) {
    irq->reaches_ps = 1;
    irq->ps_port = w->ps_port;
    irq->ps_irq_index = w->ps_index;
    irq->intc = w->intc;
    irq->intc_input = w->intc ? w->intc_input : -1;
    irq->path = hwh_dup(c, w->path);
  } else {
    irq->path = hwh_dup(c, w->have_dead_end ? w->dead_end : "");
  }
  free(w);
  return 0;
}

static int is_irq_out(xmlNodePtr p) {
  return hwh_attr_eq(p, "SIGIS", "INTERRUPT") && hwh_attr_eq(p, "DIR", "O");
}

int hwh_read_irqs(hwh_ctx *c, xmlNodePtr module, nn_hwh_ip *ip) {
  xmlNodePtr ports = hwh_child(module, "PORTS");
  size_t n = 0;
  for (xmlNodePtr p = hwh_child(ports, "PORT"); p; p = hwh_next(p, "PORT"))
    if (is_irq_out(p)) ++n;
  if (!n) return 0;
  nn_hwh_irq *irqs = hwh_calloc(c, n, sizeof *irqs);
  if (!irqs) return hwh_oom(c);
  ip->irqs = irqs;
  for (xmlNodePtr p = hwh_child(ports, "PORT"); p; p = hwh_next(p, "PORT"))
    if (is_irq_out(p))
      if (read_one_irq(c, ip, p, &irqs[ip->n_irqs++]) != 0) return -1;
  ip->irq = &irqs[0];
  for (size_t i = 0; i < ip->n_irqs; ++i)
    if (strcmp(irqs[i].port, "interrupt") == 0) {
      ip->irq = &irqs[i];
      break;
    }
  return 0;
}
