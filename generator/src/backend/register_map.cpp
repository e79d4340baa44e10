#include "backend/register_map.h"

namespace nngen::backend {

std::vector<RegisterArg> layout_register_args(const std::vector<std::pair<std::string, int>>& args,
                                              bool has_return) {
  // Block registers occupy 0x00-0x0F; a 32-bit ap_return sits at 0x10 with
  // 0x14 unused, so arguments then start at 0x18. A scalar of <= 32 bits takes
  // a data word and a reserved word; a 64-bit one takes low, high and a
  // reserved word (docs/hardware-notes.md "HLS control registers"; sources: UG1399's
  // s_axilite address map and real x*_hw.h headers).
  std::vector<RegisterArg> out;
  uint32_t at = has_return ? 0x18 : 0x10;
  for (const auto& [name, bits] : args) {
    if (bits == 64) {
      out.push_back({name, 64, at, at + 4});
      at += 12;
    } else {
      out.push_back({name, 32, at, NN_REG_NONE});
      at += 8;
    }
  }
  return out;
}

std::vector<RegisterArg> compute_register_args(bool addr64) {
  const int ptr_bits = addr64 ? 64 : 32;
  return layout_register_args({{"in", ptr_bits}, {"out", ptr_bits}, {"weights", ptr_bits}, {"batch", 32}, {"mode", 32}},
                              true);
}

nn_reg_map compute_register_map(bool addr64) {
  auto a = compute_register_args(addr64);
  nn_reg_map m{};
  m.ap_ctrl = 0x00;
  m.gie = 0x04;
  m.ier = 0x08;
  m.isr = 0x0C;
  m.ap_return = 0x10;
  m.in_lo = a[0].lo;
  m.in_hi = a[0].hi;
  m.out_lo = a[1].lo;
  m.out_hi = a[1].hi;
  m.weights_lo = a[2].lo;
  m.weights_hi = a[2].hi;
  m.batch = a[3].lo;
  m.mode = a[4].lo;
  return m;
}

}  // namespace nngen::backend
