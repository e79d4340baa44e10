// Writes a Vivado-like .hwh for a generated project, the way Vivado would
// describe a block design holding our IP: SYSTEMINFO, a PS module whose
// MEMORYMAP maps the IP's s_axi_control, the IP module (VLNV
// nnaccel.org:hls:NAME_accel:1.0) with REGISTERS named like Vitis HLS names
// them (in_r_1, in_r_2, ...; decimal offsets), its m_axi bundles with
// C_M_AXI_<BUNDLE>_ADDR_WIDTH and a MEMORYMAP reaching S_AXI_HP0, and its
// interrupt wired to the PS. Options derive broken variants for the tests.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "nnhal/nn_reg_map.h"

struct nn_model_text;

namespace hwhtest {

struct HwhSpec {
  std::string top = "net_accel";
  std::string vlnv = "nnaccel.org:hls:net_accel:1.0";
  std::string instance = "net_accel_0";
  nn_reg_map regs{};
  uint32_t m_axi_addr_width = 64;
  bool zynqmp = false;        // zynq_ultra_ps_e (M_AXI_HPM0_FPD, pl_ps_irq0) vs processing_system7
  bool bom = true;            // start with a UTF-8 byte-order mark, as Vivado does
  bool irq_connected = true;  // interrupt port connected at all
  bool irq_via_concat = false;  // through xlconcat input 2 (two other 1-bit inputs before it)
  bool irq_via_intc = false;    // through axi_intc_0
  bool ps_maps_ip = true;       // the PS MEMORYMAP has a MEMRANGE for the IP
  uint64_t base = 0x43C00000;
  std::map<std::string, uint32_t> offset_override;  // REGISTER name -> ADDRESS_OFFSET written
  std::string extra_register;  // an additional argument register (name), at 0x80
};

// A spec for the project described by `m` (its nnaccel-model.desc).
HwhSpec spec_from_desc(const nn_model_text& m);
// The .hwh text.
std::string make_hwh(const HwhSpec& s);

}  // namespace hwhtest
