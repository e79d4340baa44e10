// nnaccel-project.json: what a generated project was built from and for.
// `nngen weights` rebuilds the architecture from a new model with these
// options and compares it line by line; `nngen embed` reads the sizes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nngen::backend {

struct Manifest {
  int format = 1;
  std::string generator;
  std::string name;
  std::string board;
  bool board_custom = false;    // made from --part (no boards.json entry or another part)
  std::string part;             // FPGA part (older manifests: empty)
  std::string dma_port = "hp";  // --dma-port (older manifests: "hp")
  std::string precision;
  std::string io = "stream";    // --io (older manifests: stream)
  bool auto_precision = false;  // types chosen per layer (older manifests: one type)
  // The types every layer ended up with (auto precision / --config), so that `nngen weights`
  // rebuilds the same architecture without calibration data: layer -> type key -> type.
  std::string input_type;
  std::map<std::string, std::map<std::string, std::string>> layer_types;
  std::map<std::string, int64_t> fifo_depths;
  int reuse = 1;
  int max_batch = 1024;
  uint32_t signature = 0;
  uint32_t input_size = 0, output_size = 0, weight_words = 0;
  std::vector<int64_t> input_shape, output_shape;
  std::vector<std::string> architecture;  // lines
};

std::string manifest_json(const Manifest& m);
// Reads <project>/nnaccel-project.json; Error(kIo/kBadInput) naming the file and field.
Manifest read_manifest(const std::filesystem::path& project);

}  // namespace nngen::backend
