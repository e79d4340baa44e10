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

}  // namespace

std::vector<std::string> board_ids() {
  std::vector<std::string> ids;
  for (const auto& b : db().at("boards")) ids.push_back(b.at("id").get<std::string>());
  return ids;
}

Board find_board(const std::string& id) {
  for (const auto& b : db().at("boards")) {
    if (b.at("id").get<std::string>() != id) continue;
    return Board{id,
                 b.at("display_name").get<std::string>(),
                 b.at("part").get<std::string>(),
                 b.at("pl_clock").at("period_ns").get<double>(),
                 b.at("memory").at("m_axi_addr_bits").get<int>(),
                 b.at("onchip_memory").at("bram36").get<int>(),
                 b.at("onchip_memory").at("uram288").get<int>()};
  }
  std::string all;
  for (const auto& i : board_ids()) all += (all.empty() ? "" : ", ") + i;
  fail_usage("unknown board '" + id + "' (known boards: " + all + ")");
}

}  // namespace nngen::backend
