/*
 * nn_hwh_regs.c - the register list of an IP's control address block:
 * ADDRESSBLOCKS/ADDRESSBLOCK[@INTERFACE]/REGISTERS/REGISTER with PROPERTY
 * ADDRESS_OFFSET, SIZE, ACCESS, DESCRIPTION and FIELDS/FIELD (BIT_OFFSET,
 * BIT_WIDTH). HLS IP writes ADDRESS_OFFSET in decimal ("16"), Xilinx IP in
 * hex ("0x10"): both are read.
 */
#include <string.h>

#include "nn_hwh_internal.h"

/* Vitis HLS names the s_axilite bundle `control`, Vivado HLS `AXILiteS`. */
static xmlNodePtr control_block(xmlNodePtr blocks) {
  static const char *const kNames[] = {"s_axi_control", "s_axi_AXILiteS"};
  for (size_t k = 0; k < sizeof kNames / sizeof kNames[0]; ++k)
    for (xmlNodePtr b = hwh_child(blocks, "ADDRESSBLOCK"); b; b = hwh_next(b, "ADDRESSBLOCK"))
      if (hwh_attr_eq(b, "INTERFACE", kNames[k]) && hwh_child(b, "REGISTERS")) return b;
  /* Other IP (AXI DMA, interrupt controller): the first block that lists registers. */
  for (xmlNodePtr b = hwh_child(blocks, "ADDRESSBLOCK"); b; b = hwh_next(b, "ADDRESSBLOCK"))
    if (hwh_child(b, "REGISTERS")) return b;
  return NULL;
}

/* PROPERTY `name` as a number; `dflt` when absent; -1 (error set) when malformed. */
static int prop_u32(hwh_ctx *c, xmlNodePtr owner, const char *name, int required, uint32_t dflt,
                    uint32_t *out) {
  xmlNodePtr p = hwh_named_child(owner, "PROPERTY", name);
  if (!p) {
    if (required)
      return hwh_fail(c, owner, "%s '%s' has no %s property", (const char *)owner->name,
                      hwh_attr(c, owner, "NAME"), name);
    *out = dflt;
    return 0;
  }
  const char *v = hwh_attr(c, p, "VALUE");
  uint64_t x;
  if (hwh_parse_u64(v, &x) != 0 || x > UINT32_MAX)
    return hwh_fail(c, p, "%s of %s '%s' is '%s', not a 32-bit decimal or 0x-hex number", name,
                    (const char *)owner->name, hwh_attr(c, owner, "NAME"), v);
  *out = (uint32_t)x;
  return 0;
}

static const char *prop_str(hwh_ctx *c, xmlNodePtr owner, const char *name) {
  const char *v = hwh_named_value(c, owner, "PROPERTY", name);
  return v ? v : "";
}

static int read_fields(hwh_ctx *c, xmlNodePtr reg, nn_hwh_reg *r) {
  xmlNodePtr fields = hwh_child(reg, "FIELDS");
  const size_t n = hwh_count(fields, "FIELD");
  if (!n) return 0;
  nn_hwh_field *f = hwh_calloc(c, n, sizeof *f);
  if (!f) return hwh_oom(c);
  r->fields = f;
  for (xmlNodePtr x = hwh_child(fields, "FIELD"); x; x = hwh_next(x, "FIELD")) {
    nn_hwh_field *dst = &f[r->n_fields++];
    dst->name = hwh_attr(c, x, "NAME");
    if (prop_u32(c, x, "BIT_OFFSET", 0, 0, &dst->bit_offset) != 0 ||
        prop_u32(c, x, "BIT_WIDTH", 0, 0, &dst->bit_width) != 0)
      return -1;
  }
  return 0;
}

int hwh_read_regs(hwh_ctx *c, xmlNodePtr module, nn_hwh_ip *ip) {
  xmlNodePtr block = control_block(hwh_child(module, "ADDRESSBLOCKS"));
  if (!block) return 0;
  ip->ctrl_interface = hwh_attr(c, block, "INTERFACE");
  xmlNodePtr regs = hwh_child(block, "REGISTERS");
  const size_t n = hwh_count(regs, "REGISTER");
  if (!n) return 0;
  nn_hwh_reg *out = hwh_calloc(c, n, sizeof *out);
  if (!out) return hwh_oom(c);
  ip->regs = out;
  for (xmlNodePtr x = hwh_child(regs, "REGISTER"); x; x = hwh_next(x, "REGISTER")) {
    nn_hwh_reg *r = &out[ip->n_regs++];
    r->name = hwh_attr(c, x, "NAME");
    r->line = hwh_line(x);
    if (!r->name[0]) return hwh_fail(c, x, "REGISTER without a NAME in %s", ip->instance);
    if (prop_u32(c, x, "ADDRESS_OFFSET", 1, 0, &r->offset) != 0 ||
        prop_u32(c, x, "SIZE", 0, 0, &r->size) != 0)
      return -1;
    r->access = prop_str(c, x, "ACCESS");
    r->description = prop_str(c, x, "DESCRIPTION");
    if (read_fields(c, x, r) != 0) return -1;
  }
  return 0;
}
