#include "backend/board_db.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/error.h"
#include "support/resources.h"

namespace nngen::backend {
namespace {

const nlohmann::json& db() {
  static const nlohmann::json j = nlohmann::json::parse(resource("boards/boards.json").text());
  return j;
}

// boards.json writes addresses as "0x" + hex strings (64-bit safe in every JSON reader).
uint64_t hex(const nlohmann::json& v) { return std::stoull(v.get<std::string>(), nullptr, 16); }

Board from_json(const nlohmann::json& b) {
  Board r;
  r.id = b.at("id").get<std::string>();
  r.display_name = b.at("display_name").get<std::string>();
  r.part = b.at("part").get<std::string>();
  r.clock_period_ns = b.at("pl_clock").at("period_ns").get<double>();
  r.m_axi_addr_bits = b.at("memory").at("m_axi_addr_bits").get<int>();
  r.bram36 = b.at("onchip_memory").at("bram36").get<int>();
  r.uram288 = b.at("onchip_memory").at("uram288").get<int>();
  r.dsp = b.at("logic").at("dsp").get<int>();
  r.lut = b.at("logic").at("lut").get<int>();
  r.ff = b.at("logic").at("ff").get<int>();
  r.board_part = b.at("board_part").get<std::string>();
  r.hwh_arch = b.at("hwh").at("arch").get<std::string>();
  r.ps_ip = b.at("ps").at("ip").get<std::string>();
  r.cpu = b.at("ps").at("cpu").get<std::string>();
  r.cpu_cores = b.at("ps").at("cpu_cores").get<int>();
  r.cache_line_bytes = b.at("ps").at("cache_line_bytes").get<int>();
  r.pl_clock_output = b.at("pl_clock").at("ps_output").get<std::string>();
  const auto& c = b.at("control");
  r.control_port = c.at("ps_master_port").get<std::string>();
  r.control_window_base = hex(c.at("window_base"));
  r.control_window_size = hex(c.at("window_size"));
  r.default_accel_base = hex(c.at("default_accel_base"));
  r.accel_span = hex(c.at("accel_span"));
  r.irq_port = b.at("interrupt").at("ps_irq_port").get<std::string>();
  r.first_pl_irq_gic_id = b.at("interrupt").at("first_pl_irq_gic_id").get<int>();
  const auto& m = b.at("memory");
  r.hp_slave_port = m.at("hp_slave_port").get<std::string>();
  r.coherent_slave_port = m.at("coherent_slave_port").get<std::string>();
  for (const auto& w : b.at("ddr")) {
    r.ddr.push_back({w.at("name").get<std::string>(), hex(w.at("base")), hex(w.at("size"))});
  }
  return r;
}

}  // namespace

std::vector<std::string> board_ids() {
  std::vector<std::string> ids;
  for (const auto& b : db().at("boards")) ids.push_back(b.at("id").get<std::string>());
  return ids;
}

Board find_board(const std::string& id) {
  for (const auto& b : db().at("boards")) {
    if (b.at("id").get<std::string>() == id) return from_json(b);
  }
  std::string all;
  for (const auto& i : board_ids()) all += (all.empty() ? "" : ", ") + i;
  fail_usage("unknown board '" + id + "' (known boards: " + all + ")");
}

std::vector<Board> all_boards() {
  std::vector<Board> r;
  for (const auto& b : db().at("boards")) r.push_back(from_json(b));
  return r;
}

namespace {

std::string hex_text(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llX", static_cast<unsigned long long>(v));
  return b;
}

// The PS family of a part by its device prefix, and the board whose PS values stand for it.
struct Family {
  const char* name;
  const char* base_board;
};

const Family* family_of(const std::string& part) {
  static const Family zynq7{"Zynq-7000", "pynq-z2"}, zynqmp{"Zynq UltraScale+ MPSoC", "zcu102"};
  if (part.rfind("xc7z", 0) == 0) return &zynq7;
  if (part.rfind("xczu", 0) == 0 || part.rfind("xck", 0) == 0) return &zynqmp;
  return nullptr;
}

}  // namespace

Board custom_board(const std::string& part, std::vector<std::string>* assumed) {
  // The part goes into set_part / create_project -part of the generated scripts: one token of
  // the characters AMD part names use.
  static const std::regex shape("xc[0-9a-z]+[0-9A-Za-z-]*[0-9A-Za-z]");
  if (part.size() > 64 || !std::regex_match(part, shape)) {
    fail_usage("--part '" + part +
               "' is not an AMD part name (device, package, speed grade, e.g. xc7z020clg400-1)");
  }
  const Family* f = family_of(part);
  if (f == nullptr) {
    fail_usage("--part '" + part +
               "': only Zynq-7000 (xc7z*) and Zynq UltraScale+ MPSoC (xczu*, xck*) parts are "
               "supported (the PS type decides ports, addresses and interrupts)");
  }
  Board b = find_board(f->base_board);
  b.id = "custom";
  b.display_name = std::string("custom ") + f->name + " board (" + part + ")";
  b.part = part;
  b.board_part.clear();
  b.bram36 = 0;  // unknown: the part's data sheet is not in boards.json
  b.uram288 = 0;
  b.dsp = b.lut = b.ff = 0;  // unknown as well: the cost estimate skips its check
  b.custom = true;
  if (b.ddr.size() > 1) b.ddr.resize(1);  // only the low DDR window is on every board
  if (assumed != nullptr) {
    const std::string like = " (as on " + std::string(f->base_board) + ")";
    auto add = [&](const std::string& s) { assumed->push_back(s); };
    add("PS: " + b.ps_ip + ", " + std::to_string(b.cpu_cores) + "x " + b.cpu + like);
    char clock[32];
    std::snprintf(clock, sizeof clock, "%g", b.clock_period_ns);
    add("PL clock: " + b.pl_clock_output + ", " + clock + " ns" + like);
    add("control: " + b.control_port + " window " + hex_text(b.control_window_base) + " + " +
        hex_text(b.control_window_size) + ", accelerator at " + hex_text(b.default_accel_base) +
        like);
    add("interrupt: " + b.irq_port + " bit 0 = GIC ID " + std::to_string(b.first_pl_irq_gic_id) +
        like);
    add("DMA ports: " + b.hp_slave_port + " (coherent: " + b.coherent_slave_port + ")" + like);
    std::string ddr;
    for (const auto& w : b.ddr)
      ddr += " " + w.name + " " + hex_text(w.base) + " + " + hex_text(w.size);
    add("DDR:" + ddr + " (only the low window; check your board's memory)");
    add("m_axi addresses: " + std::to_string(b.m_axi_addr_bits) + "-bit");
    add("on-chip memory: unknown, so the block-RAM fit check is skipped");
    add("no Vivado board file: the PS (DDR, MIO, clocks) must be configured by hand");
  }
  return b;
}

std::string dma_slave_port(const Board& board, const std::string& dma_port) {
  const bool zynq7 = board.ps_ip == "processing_system7";
  if (dma_port == "hp") return board.hp_slave_port;
  if (dma_port == "acp") {
    if (!zynq7) {
      fail_usage("--dma-port acp: board '" + board.id + "' has a " + board.ps_ip +
                 " (ZynqMP), whose coherent port for the accelerator is HPC: use --dma-port hpc");
    }
    return board.coherent_slave_port;
  }
  if (dma_port == "hpc") {
    if (zynq7) {
      fail_usage("--dma-port hpc: board '" + board.id + "' has a " + board.ps_ip +
                 " (Zynq-7000), which has no HPC ports; its coherent port is ACP: use --dma-port "
                 "acp");
    }
    return board.coherent_slave_port;
  }
  fail_usage("--dma-port '" + dma_port +
             "' is not one of hp (default, not coherent), hpc (ZynqMP, coherent), acp "
             "(Zynq-7000, coherent)");
}

}  // namespace nngen::backend
