#include "backend/manifest.h"

#include <nlohmann/json.hpp>

#include "support/error.h"
#include "support/output_tree.h"
#include "support/text.h"

namespace nngen::backend {

std::string manifest_json(const Manifest& m) {
  nlohmann::ordered_json j;
  j["format"] = m.format;
  j["generator"] = m.generator;
  j["name"] = m.name;
  j["board"] = m.board;
  j["board_custom"] = m.board_custom;
  j["part"] = m.part;
  j["dma_port"] = m.dma_port;
  j["options"] = {{"precision", m.precision}, {"reuse", m.reuse}, {"max_batch", m.max_batch},
                  {"io", m.io}, {"auto_precision", m.auto_precision}};
  j["input_type"] = m.input_type;
  j["layer_types"] = m.layer_types;
  j["fifo_depths"] = m.fifo_depths;
  j["signature"] = hex32(m.signature);
  j["input_shape"] = m.input_shape;
  j["output_shape"] = m.output_shape;
  j["input_size"] = m.input_size;
  j["output_size"] = m.output_size;
  j["weight_words"] = m.weight_words;
  j["architecture"] = m.architecture;
  // Text from the command line (the precision) may hold bytes that are not
  // UTF-8; nlohmann's dump() would throw on them, so they become U+FFFD.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Manifest read_manifest(const std::filesystem::path& project) {
  const auto path = project / kProjectManifest;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    fail_io("'" + project.string() + "' is not an nngen project (no " + kProjectManifest + ")");
  }
  const std::string file = path.string();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(path, kMaxManifestBytes, "project manifests"));
  } catch (const nlohmann::json::exception& e) {
    fail_input(file + ": not valid JSON (" + e.what() + ")");
  }
  Manifest m;
  try {
    m.format = j.at("format").get<int>();
    if (m.format != 1)
      fail_input(file + ": manifest format " + std::to_string(m.format) + " is not supported");
    m.generator = j.at("generator").get<std::string>();
    m.name = j.at("name").get<std::string>();
    if (!is_c_identifier(m.name))
      fail_input(file + ": field 'name' ('" + m.name + "') is not a C identifier");
    m.board = j.at("board").get<std::string>();
    // Written since the hardware flow (issue 9); older manifests lack them.
    m.board_custom = j.value("board_custom", false);
    m.part = j.value("part", std::string());
    m.dma_port = j.value("dma_port", std::string("hp"));
    if (m.dma_port != "hp" && m.dma_port != "hpc" && m.dma_port != "acp")
      fail_input(file + ": field 'dma_port' ('" + m.dma_port + "') is not hp, hpc or acp");
    m.precision = j.at("options").at("precision").get<std::string>();
    m.reuse = j.at("options").at("reuse").get<int>();
    m.max_batch = j.at("options").at("max_batch").get<int>();
    // Written since CNN support (issue 10); older manifests lack them.
    m.io = j.at("options").value("io", std::string("stream"));
    if (m.io != "stream" && m.io != "parallel")
      fail_input(file + ": field 'options.io' ('" + m.io + "') is not stream or parallel");
    m.auto_precision = j.at("options").value("auto_precision", false);
    m.input_type = j.value("input_type", std::string());
    if (j.contains("layer_types")) {
      m.layer_types = j.at("layer_types").get<std::map<std::string, std::map<std::string, std::string>>>();
    }
    if (j.contains("fifo_depths")) m.fifo_depths = j.at("fifo_depths").get<std::map<std::string, int64_t>>();
    m.signature =
        static_cast<uint32_t>(std::stoul(j.at("signature").get<std::string>(), nullptr, 16));
    m.input_shape = j.at("input_shape").get<std::vector<int64_t>>();
    m.output_shape = j.at("output_shape").get<std::vector<int64_t>>();
    m.input_size = j.at("input_size").get<uint32_t>();
    m.output_size = j.at("output_size").get<uint32_t>();
    m.weight_words = j.at("weight_words").get<uint32_t>();
    m.architecture = j.at("architecture").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    fail_input(file + ": missing or malformed field (" + e.what() + ")");
  } catch (const std::logic_error&) {
    fail_input(file + ": field 'signature' is not a hex number");
  }
  return m;
}

}  // namespace nngen::backend
