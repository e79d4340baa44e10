#include "backend/board_db.h"

#include <nlohmann/json.hpp>

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

}  // namespace nngen::backend
