/*
 * nn_hwh_check.c - does an IP in the .hwh have the register map the project
 * was generated for? One report line per check (OK/FAIL): the control block,
 * every nn_reg_map field against the REGISTER Vitis/Vivado HLS names for it,
 * registers the project does not know, the m_axi address widths and the PS
 * slave ports they reach, the interrupt's path to the PS and the PS window of
 * the control block. On a mismatch both maps follow side by side, by offset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "nn_hwh_internal.h"

/* ---- report buffer ---- */

typedef struct report {
  char *buf;
  size_t cap, len;
  int truncated;
} report;

__attribute__((format(printf, 2, 3))) static void put(report *r, const char *fmt, ...) {
  if (!r->buf || r->cap == 0 || r->truncated) return;
  va_list ap;
  va_start(ap, fmt);
  const int n = vsnprintf(r->buf + r->len, r->cap - r->len, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= r->cap - r->len) {
    r->truncated = 1;
    const char tail[] = "...\n";
    if (r->cap > sizeof tail) memcpy(r->buf + r->cap - sizeof tail, tail, sizeof tail);
    r->len = r->cap - 1;
    return;
  }
  r->len += (size_t)n;
}

/* ---- register names the tools use for each nn_reg_map field ---- */

enum { MAX_NAMES = 8, NAME_LEN = 48 };

typedef struct names {
  char v[MAX_NAMES][NAME_LEN];
  int n;
} names;

static void add_name(names *s, const char *a, const char *b) {
  if (s->n < MAX_NAMES) snprintf(s->v[s->n++], NAME_LEN, "%s%s", a, b);
}

/* An argument as the tools name it: Vitis HLS renames C/Verilog keywords with
 * _r (in -> in_r), Vivado HLS appends _V to ap_uint arguments; `half` is "_1"
 * / "_2" for the low / high word of a 64-bit pointer, "" for one register. */
static void arg_names(names *s, const char *arg, const char *half) {
  static const char *const kRenames[] = {"", "_r", "_V", "_r_V"};
  for (size_t i = 0; i < sizeof kRenames / sizeof kRenames[0]; ++i) {
    char base[NAME_LEN];
    snprintf(base, sizeof base, "%s%s", arg, kRenames[i]);
    add_name(s, base, half);
  }
}

typedef struct field {
  const char *name; /* nn_reg_map member */
  uint32_t project; /* its offset, NN_REG_NONE when the IP must not have it */
  names expect;     /* register names that mean this field */
  names other;      /* names that mean the same argument with the other pointer width */
} field;

enum { N_FIELDS = 13 };

static void fixed(field *f, const char *name, uint32_t off, const char *a, const char *b) {
  f->name = name;
  f->project = off;
  add_name(&f->expect, a, "");
  add_name(&f->expect, b, "");
}

/* A pointer argument: two fields (lo, hi); hi is NN_REG_NONE for 32-bit addresses. */
static void pointer(field *lo, field *hi, const char *lo_name, const char *hi_name, const char *arg,
                    uint32_t lo_off, uint32_t hi_off) {
  const int wide = hi_off != NN_REG_NONE;
  lo->name = lo_name;
  lo->project = lo_off;
  arg_names(&lo->expect, arg, wide ? "_1" : "");
  arg_names(&lo->other, arg, wide ? "" : "_1");
  hi->name = hi_name;
  hi->project = hi_off;
  arg_names(wide ? &hi->expect : &hi->other, arg, "_2");
}

static void build_fields(field f[N_FIELDS], const nn_reg_map *m) {
  memset(f, 0, sizeof(field) * N_FIELDS);
  fixed(&f[0], "ap_ctrl", m->ap_ctrl, "CTRL", "AP_CTRL");
  fixed(&f[1], "gie", m->gie, "GIER", "GIE");
  fixed(&f[2], "ier", m->ier, "IP_IER", "IER");
  fixed(&f[3], "isr", m->isr, "IP_ISR", "ISR");
  fixed(&f[4], "ap_return", m->ap_return, "ap_return", "ap_return_V");
  pointer(&f[5], &f[6], "in_lo", "in_hi", "in", m->in_lo, m->in_hi);
  pointer(&f[7], &f[8], "out_lo", "out_hi", "out", m->out_lo, m->out_hi);
  pointer(&f[9], &f[10], "weights_lo", "weights_hi", "weights", m->weights_lo, m->weights_hi);
  f[11].name = "batch";
  f[11].project = m->batch;
  arg_names(&f[11].expect, "batch", "");
  f[12].name = "mode";
  f[12].project = m->mode;
  arg_names(&f[12].expect, "mode", "");
}

static const nn_hwh_reg *find_any(const nn_hwh_ip *ip, const names *s) {
  for (int i = 0; i < s->n; ++i) {
    const nn_hwh_reg *r = nn_hwh_find_reg(ip, s->v[i]);
    if (r) return r;
  }
  return NULL;
}

static int in_names(const names *s, const char *name) {
  for (int i = 0; i < s->n; ++i)
    if (hwh_strcaseeq(s->v[i], name)) return 1;
  return 0;
}

/* ---- the checks ---- */

static void offset_text(char *buf, size_t n, uint32_t off) {
  if (off == NN_REG_NONE)
    snprintf(buf, n, "none");
  else
    snprintf(buf, n, "0x%02X", (unsigned)off);
}

/* One register field; returns 1 on OK. */
static int check_field(report *r, const nn_hwh_ip *ip, const field *f) {
  char proj[16];
  offset_text(proj, sizeof proj, f->project);
  const nn_hwh_reg *got = find_any(ip, &f->expect);
  const nn_hwh_reg *alt = find_any(ip, &f->other);
  if (f->project == NN_REG_NONE) {
    if (!got && !alt) {
      put(r, "OK   %-10s project none   .hwh none (32-bit address: no high word)\n", f->name);
      return 1;
    }
    /* `got`: a register the project has no field for (ap_return, batch, mode
     * set to none); `alt`: the high word of a 64-bit pointer. */
    if (got)
      put(r,
          "FAIL %-10s project none   .hwh %s 0x%02X: the IP has this register, the project none\n",
          f->name, got->name, (unsigned)got->offset);
    else
      put(r,
          "FAIL %-10s project none   .hwh %s 0x%02X: the IP has 64-bit m_axi addresses, the "
          "project 32-bit\n",
          f->name, alt->name, (unsigned)alt->offset);
    return 0;
  }
  if (got && got->offset == f->project) {
    put(r, "OK   %-10s project %-6s .hwh %s 0x%02X\n", f->name, proj, got->name,
        (unsigned)got->offset);
    return 1;
  }
  if (got) {
    put(r, "FAIL %-10s project %-6s .hwh %s 0x%02X: offsets differ\n", f->name, proj, got->name,
        (unsigned)got->offset);
  } else if (alt) {
    put(r, "FAIL %-10s project %-6s .hwh has %s 0x%02X instead: the pointer widths differ\n",
        f->name, proj, alt->name, (unsigned)alt->offset);
  } else {
    put(r, "FAIL %-10s project %-6s .hwh has no register named ", f->name, proj);
    for (int i = 0; i < f->expect.n; ++i)
      put(r, "%s%s", i == 0 ? "" : i + 1 == f->expect.n ? " or " : ", ", f->expect.v[i]);
    put(r, "\n");
  }
  return 0;
}

static int known_name(const field f[N_FIELDS], const char *name) {
  for (int i = 0; i < N_FIELDS; ++i)
    if (in_names(&f[i].expect, name) || in_names(&f[i].other, name)) return 1;
  return 0;
}

static int check_extra(report *r, const nn_hwh_ip *ip, const field f[N_FIELDS]) {
  size_t extra = 0;
  for (size_t i = 0; i < ip->n_regs; ++i)
    if (!known_name(f, ip->regs[i].name)) ++extra;
  if (!extra) {
    put(r, "OK   no registers the project does not know\n");
    return 1;
  }
  put(r, "FAIL %zu register%s the project does not know:", extra, extra == 1 ? "" : "s");
  size_t shown = 0;
  for (size_t i = 0; i < ip->n_regs && shown < 8; ++i)
    if (!known_name(f, ip->regs[i].name)) {
      put(r, "%s %s 0x%02X", shown ? "," : "", ip->regs[i].name, (unsigned)ip->regs[i].offset);
      ++shown;
    }
  put(r, "%s (another top function?)\n", extra > shown ? ", ..." : "");
  return 0;
}

static int check_maxi(report *r, const nn_hwh_ip *ip, uint32_t width) {
  if (!ip->n_m_axi) {
    put(r, "FAIL m_axi address width: the IP has no m_axi port (project: %u bits)\n",
        (unsigned)width);
    return 0;
  }
  int ok = 1;
  for (size_t i = 0; i < ip->n_m_axi; ++i)
    if (ip->m_axi[i].addr_width != width) ok = 0;
  put(r, "%s m_axi address width: project %u bits, .hwh", ok ? "OK  " : "FAIL", (unsigned)width);
  for (size_t i = 0; i < ip->n_m_axi; ++i) {
    if (ip->m_axi[i].addr_width)
      put(r, "%s %s %u", i ? "," : "", ip->m_axi[i].interface, (unsigned)ip->m_axi[i].addr_width);
    else
      put(r, "%s %s unknown", i ? "," : "", ip->m_axi[i].interface);
  }
  put(r, "\n");
  return ok;
}

static int check_maxi_ps(report *r, const nn_hwh_ip *ip) {
  int ok = 1;
  for (size_t i = 0; i < ip->n_m_axi; ++i) {
    const nn_hwh_maxi *m = &ip->m_axi[i];
    if (m->ps_slave_port) {
      put(r, "OK   %s reaches the PS at %s (0x%llX-0x%llX)\n", m->interface, m->ps_slave_port,
          (unsigned long long)m->windows[0].base, (unsigned long long)m->windows[0].high);
    } else {
      put(r, "FAIL %s reaches no PS slave port (no MEMRANGE of the PS in the IP's MEMORYMAP)\n",
          m->interface);
      ok = 0;
    }
  }
  return ok;
}

static int check_irq(report *r, const nn_hwh_ip *ip) {
  const nn_hwh_irq *q = ip->irq;
  if (!q) {
    put(r, "FAIL interrupt: the IP has no interrupt port\n");
    return 0;
  }
  if (!q->connected) {
    put(r, "FAIL interrupt: port '%s' is not connected (nn-run/uio would have to poll)\n", q->port);
    return 0;
  }
  if (!q->reaches_ps) {
    put(r, "FAIL interrupt: port '%s' does not reach a PS interrupt input (%s)\n", q->port,
        q->path);
    return 0;
  }
  put(r, "OK   interrupt: %s\n", q->path);
  return 1;
}

static int check_window(report *r, const nn_hwh_ip *ip, const field f[N_FIELDS]) {
  if (!ip->has_base) {
    put(r,
        "FAIL control window: the PS maps no address range to %s (no MEMRANGE in the PS's "
        "MEMORYMAP)\n",
        ip->instance);
    return 0;
  }
  uint64_t need = 0;
  for (int i = 0; i < N_FIELDS; ++i)
    if (f[i].project != NN_REG_NONE && (uint64_t)f[i].project + 4 > need)
      need = (uint64_t)f[i].project + 4;
  const int ok = ip->range >= need;
  put(r, "%s control window: 0x%llX, 0x%llX bytes via %s%s\n", ok ? "OK  " : "FAIL",
      (unsigned long long)ip->base, (unsigned long long)ip->range,
      ip->ps_master ? ip->ps_master : "?", ok ? "" : ": smaller than the register map");
  return ok;
}

/* ---- both maps side by side ---- */

enum { MAX_ROWS = 256 };

static void side_by_side(report *r, const nn_hwh_ip *ip, const field f[N_FIELDS]) {
  put(r, "\nBoth maps by offset (* = differ):\n");
  put(r, "   offset  %-12s %s\n", "project", ip->instance);
  uint64_t last = 0;
  int first = 1;
  for (int row = 0; row < MAX_ROWS; ++row) {
    /* The next offset above `last` on either side. */
    uint64_t next = UINT64_MAX;
    for (int i = 0; i < N_FIELDS; ++i)
      if (f[i].project != NN_REG_NONE && (first || f[i].project > last) && f[i].project < next)
        next = f[i].project;
    for (size_t i = 0; i < ip->n_regs; ++i)
      if ((first || ip->regs[i].offset > last) && ip->regs[i].offset < next)
        next = ip->regs[i].offset;
    if (next == UINT64_MAX) return;
    const field *pf = NULL;
    for (int i = 0; i < N_FIELDS && !pf; ++i)
      if (f[i].project == next) pf = &f[i];
    const nn_hwh_reg *hr = NULL;
    for (size_t i = 0; i < ip->n_regs && !hr; ++i)
      if (ip->regs[i].offset == next) hr = &ip->regs[i];
    const int same = pf && hr && in_names(&pf->expect, hr->name);
    put(r, " %c 0x%02llX    %-12s %s\n", same ? ' ' : '*', (unsigned long long)next,
        pf ? pf->name : "-", hr ? hr->name : "-");
    last = next;
    first = 0;
  }
  put(r, "   ... (more registers not shown)\n");
}

int nn_hwh_check_ip(const nn_hwh_ip *ip, const nn_reg_map *regs, uint32_t m_axi_addr_width,
                    char *report_buf, size_t report_len) {
  report r = {.buf = report_buf, .cap = report_len};
  if (report_buf && report_len) report_buf[0] = '\0';
  if (!ip || !regs) {
    put(&r, "FAIL no IP or no register map to compare\n");
    return 1;
  }
  field f[N_FIELDS];
  build_fields(f, regs);
  put(&r, "IP %s (%s)\n", ip->instance, ip->vlnv[0] ? ip->vlnv : "no VLNV");
  int checks = 0, failed = 0;
#define COUNT(ok) (++checks, failed += !(ok))
  const int have_block = ip->ctrl_interface && ip->n_regs;
  if (have_block)
    put(&r, "OK   control block %s with %zu registers\n", ip->ctrl_interface, ip->n_regs);
  else
    put(&r, "FAIL the IP has no control register block (s_axi_control / s_axi_AXILiteS)\n");
  COUNT(have_block);
  for (int i = 0; i < N_FIELDS; ++i) COUNT(check_field(&r, ip, &f[i]));
  COUNT(check_extra(&r, ip, f));
  COUNT(check_maxi(&r, ip, m_axi_addr_width));
  if (ip->n_m_axi) COUNT(check_maxi_ps(&r, ip));
  COUNT(check_irq(&r, ip));
  COUNT(check_window(&r, ip, f));
#undef COUNT
  if (failed) side_by_side(&r, ip, f);
  if (failed)
    put(&r, "MISMATCH: %d of %d checks failed\n", failed, checks);
  else
    put(&r, "MATCH: all %d checks passed\n", checks);
  return failed ? 1 : 0;
}
