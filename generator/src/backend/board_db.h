// The board database (boards/boards.json, embedded into nngen).
#pragma once

#include <string>
#include <vector>

namespace nngen::backend {

struct Board {
  std::string id;  // e.g. "pynq-z2"
  std::string display_name;
  std::string part;        // FPGA part for Vitis HLS / Vivado
  double clock_period_ns;  // default PL clock
  int m_axi_addr_bits;     // 64 (Vitis HLS default) or 32
  int bram36;              // 36 Kb block RAMs of the part (onchip_memory in boards.json)
  int uram288;             // 288 Kb UltraRAMs (0 on Zynq-7000 and some ZynqMP parts)
};

// Throws Error(kUsage) listing the known ids if `id` is unknown.
Board find_board(const std::string& id);
std::vector<std::string> board_ids();

}  // namespace nngen::backend
