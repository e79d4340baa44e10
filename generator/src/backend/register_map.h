// The s_axilite register map of the generated top, computed from the
// documented Vitis HLS layout rules (docs/register-map.md) for our fixed argument
// list: return value, in, out, weights (m_axi pointers), batch, mode (u32).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "nndriver/nn_model.h"

namespace nngen::backend {

struct RegisterArg {
  std::string name;
  int bits;        // 32 or 64
  uint32_t lo;     // offset of the (low) data word
  uint32_t hi;     // offset of the high word, or NN_REG_NONE
};

// The documented layout rule for any top: arguments of `bits` (32 or 64) in
// C-signature order, after the block registers and, if the top returns a
// value on s_axilite, after ap_return.
std::vector<RegisterArg> layout_register_args(const std::vector<std::pair<std::string, int>>& args,
                                              bool has_return);

// Our top. addr64: Vitis HLS default (config_interface -m_axi_addr64), which build_hls.tcl sets.
std::vector<RegisterArg> compute_register_args(bool addr64);
nn_reg_map compute_register_map(bool addr64);

}  // namespace nngen::backend
