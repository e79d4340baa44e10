#include "cli/boards_command.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "backend/board_db.h"

namespace nngen::cli {
namespace {

// Addresses as boards.json writes them: "0x" + upper-case hex.
std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llX", static_cast<unsigned long long>(v));
  return b;
}

// A size for people: 512 MiB, 2 GiB, 64 KiB (exact multiples only, otherwise hex).
std::string size_text(uint64_t v) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (u < 4 && v >= 1024 && v % 1024 == 0) {
    v /= 1024;
    ++u;
  }
  return std::to_string(v) + " " + units[u];
}

std::string ddr_text(const backend::Board& b) {
  std::string s;
  for (const auto& w : b.ddr)
    s += (s.empty() ? "" : ", ") + size_text(w.size) + " at " + hex(w.base);
  return s;
}

nlohmann::ordered_json board_json(const backend::Board& b) {
  nlohmann::ordered_json j;
  j["id"] = b.id;
  j["display_name"] = b.display_name;
  j["part"] = b.part;
  j["board_part"] = b.board_part;
  j["ps"] = {{"ip", b.ps_ip}, {"cpu", b.cpu}, {"cpu_cores", b.cpu_cores}};
  j["control"] = {{"ps_master_port", b.control_port},
                  {"window_base", hex(b.control_window_base)},
                  {"window_size", hex(b.control_window_size)},
                  {"default_accel_base", hex(b.default_accel_base)}};
  j["dma_ports"] = {{"hp", b.hp_slave_port}, {"coherent", b.coherent_slave_port}};
  j["interrupt"] = {{"ps_irq_port", b.irq_port}, {"first_pl_irq_gic_id", b.first_pl_irq_gic_id}};
  nlohmann::ordered_json ddr = nlohmann::ordered_json::array();
  for (const auto& w : b.ddr)
    ddr.push_back({{"name", w.name}, {"base", hex(w.base)}, {"size", hex(w.size)}});
  j["ddr"] = ddr;
  return j;
}

}  // namespace

CLI::App* add_boards_command(CLI::App& app, BoardsOptions& o) {
  CLI::App* c = app.add_subcommand(
      "boards", "List the supported boards: part, PS, control and DMA ports, DDR windows");
  c->add_flag("--json", o.json, "Print JSON instead of a table");
  return c;
}

std::string run_boards(const BoardsOptions& o) {
  const std::vector<backend::Board> boards = backend::all_boards();
  if (o.json) {
    nlohmann::ordered_json j;
    j["format"] = "nnaccel-board-list";
    j["format_version"] = 1;
    j["boards"] = nlohmann::ordered_json::array();
    for (const auto& b : boards) j["boards"].push_back(board_json(b));
    return j.dump(2) + "\n";
  }
  const std::vector<std::string> head = {"id",  "board",   "part",     "PS",
                                         "CPU", "control", "DMA port", "DDR"};
  std::vector<std::vector<std::string>> rows = {head};
  for (const auto& b : boards) {
    rows.push_back({b.id, b.display_name, b.part, b.ps_ip,
                    std::to_string(b.cpu_cores) + "x " + b.cpu,
                    b.control_port + " " + hex(b.control_window_base) + " + " +
                        size_text(b.control_window_size),
                    b.hp_slave_port + " (coherent: " + b.coherent_slave_port + ")", ddr_text(b)});
  }
  std::vector<size_t> width(head.size(), 0);
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
  std::string s;
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 2, ' ');
    }
    s += line + "\n";
  }
  s += "\nnngen generate --board ID; --part PART alone makes a custom board (docs/boards.md).\n";
  return s;
}

}  // namespace nngen::cli
