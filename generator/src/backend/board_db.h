// The board database (boards/boards.json, embedded into nngen; docs/boards.md says where every
// value comes from).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nngen::backend {

// An address window as the CPU and the PS slave ports see it.
struct AddrWindow {
  std::string name;
  uint64_t base = 0;
  uint64_t size = 0;
};

struct Board {
  std::string id;  // e.g. "pynq-z2"
  std::string display_name;
  std::string part;            // FPGA part for Vitis HLS / Vivado
  double clock_period_ns = 0;  // default PL clock
  int m_axi_addr_bits = 64;    // 64 (Vitis HLS default) or 32
  int bram36 = 0;              // 36 Kb block RAMs of the part (onchip_memory in boards.json)
  int uram288 = 0;             // 288 Kb UltraRAMs (0 on Zynq-7000 and some ZynqMP parts)
  int dsp = 0;                 // DSP slices, LUTs and flip-flops of the part (logic in
  int lut = 0;                 // boards.json; 0 = unknown, as on a custom board)
  int ff = 0;

  std::string board_part;  // Vivado board-file VLNV (empty for a custom --part)
  std::string hwh_arch;    // "zynq" | "zynquplus" (SYSTEMINFO ARCH)
  std::string ps_ip;       // "processing_system7" | "zynq_ultra_ps_e"
  std::string cpu;         // "cortex-a9" | "cortex-a53"
  int cpu_cores = 0;
  int cache_line_bytes = 0;
  std::string pl_clock_output;       // FCLK_CLK0 / pl_clk0
  std::string control_port;          // PS master port to s_axi_control (M_AXI_GP0, M_AXI_HPM0_FPD)
  uint64_t control_window_base = 0;  // that port's address window
  uint64_t control_window_size = 0;
  uint64_t default_accel_base = 0;  // where Vivado puts the first IP on it
  uint64_t accel_span = 0;
  std::string irq_port;         // IRQ_F2P / pl_ps_irq0
  int first_pl_irq_gic_id = 0;  // GIC ID of bit 0 of irq_port (61 / 121)
  std::string hp_slave_port;    // default PS slave port of the m_axi masters (not coherent)
  // PS slave port that can be coherent (S_AXI_ACP on Zynq-7000, S_AXI_HPC0_FPD on ZynqMP) when
  // the masters drive AxCACHE/AxUSER accordingly.
  std::string coherent_slave_port;
  std::vector<AddrWindow> ddr;  // PS DDR windows, ascending
  bool custom = false;          // made from --part alone: no board file, defaults from the family
};

// Throws Error(kUsage) listing the known ids if `id` is unknown.
Board find_board(const std::string& id);
std::vector<std::string> board_ids();
// Every board of boards.json, in file order.
std::vector<Board> all_boards();

// A board for a part that has no entry (nngen generate --part without --board): custom = true,
// every PS value from the family's defaults (Zynq-7000 xc7z*: like pynq-z2; ZynqMP xczu*/xck*:
// like zcu102 with the low 2 GiB of DDR only), no board file. `assumed` receives one line per
// assumed value for the warning. Throws Error(kUsage) for a part of another family.
Board custom_board(const std::string& part, std::vector<std::string>* assumed);

// The PS slave port of the m_axi masters for --dma-port ("hp", "hpc", "acp"): board.hp_slave_port
// for "hp", board.coherent_slave_port for the coherent ones. Throws Error(kUsage) for an unknown
// value or one the board's PS does not have (acp: Zynq-7000 only, hpc: ZynqMP only).
std::string dma_slave_port(const Board& board, const std::string& dma_port);

}  // namespace nngen::backend
