#include "cli/config_file.h"

#include <nlohmann/json.hpp>

#include "support/error.h"
#include "support/file_read.h"

namespace nngen::cli {
namespace {

constexpr std::uint64_t kMaxConfigBytes = std::uint64_t{4} << 20;
constexpr const char* kTypeKeys[] = {"out", "weight", "bias", "scale", "shift", "slope"};

int reuse_value(const std::string& file, const std::string& field, const nlohmann::json& v) {
  if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 4096) {
    fail_input(file + ": field '" + field + "' must be an integer 1..4096");
  }
  return static_cast<int>(v.get<int64_t>());
}

}  // namespace

void apply_config_file(const std::string& path, ops::BuildOptions& opt) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(path, kMaxConfigBytes, "configuration files"));
  } catch (const nlohmann::json::exception& e) {
    fail_input(path + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object()) fail_input(path + ": the configuration must be a JSON object");
  for (const auto& [key, v] : j.items()) {
    if (key == "reuse") {
      opt.reuse = reuse_value(path, key, v);
    } else if (key == "strategy") {
      if (!v.is_string() || (v != "latency" && v != "resource")) {
        fail_input(path + ": field 'strategy' must be \"latency\" or \"resource\"");
      }
      opt.strategy = v.get<std::string>();
    } else if (key == "io") {
      if (!v.is_string() || (v != "stream" && v != "parallel")) {
        fail_input(path + ": field 'io' must be \"stream\" or \"parallel\"");
      }
      opt.io = v.get<std::string>();
    } else if (key == "fifo_depths") {
      if (!v.is_object())
        fail_input(path + ": field 'fifo_depths' must be an object {stream: depth}");
      for (const auto& [s, depth] : v.items()) {
        if (!depth.is_number_integer() || depth.get<int64_t>() < 1 ||
            depth.get<int64_t>() > (1 << 24)) {
          fail_input(path + ": field 'fifo_depths." + s + "' must be an integer 1..16777216");
        }
        opt.fifo_depths[s] = depth.get<int64_t>();
      }
    } else if (key == "layers") {
      if (!v.is_object()) fail_input(path + ": field 'layers' must be an object {layer: settings}");
      for (const auto& [layer, settings] : v.items()) {
        if (!settings.is_object())
          fail_input(path + ": field 'layers." + layer + "' must be an object");
        ops::LayerConfig& c = opt.layers[layer];
        for (const auto& [k, s] : settings.items()) {
          const std::string field = "layers." + layer + "." + k;
          if (k == "reuse") {
            c.reuse = reuse_value(path, field, s);
            continue;
          }
          std::string type_key = k == "precision" ? "out" : k;
          bool known = false;
          for (const char* t : kTypeKeys) known = known || type_key == t;
          if (!known || !s.is_string()) {
            fail_input(path + ": field '" + field +
                       "' is not one of precision, out, weight, bias, scale, shift, slope (a type "
                       "string) or reuse (an integer)");
          }
          try {
            c.types[type_key] = ir::FixedType::parse(s.get<std::string>(), opt.data_type.quant,
                                                     opt.data_type.overflow);
          } catch (const Error& e) {
            fail_input(path + ": field '" + field + "': " + e.what());
          }
        }
      }
    } else {
      fail_input(path + ": unknown field '" + key +
                 "' (known: reuse, strategy, io, fifo_depths, layers)");
    }
  }
}

}  // namespace nngen::cli
