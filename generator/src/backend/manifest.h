// nnaccel-project.json: what a generated project was built from and for.
// `nngen weights` rebuilds the architecture from a new model with these
// options and compares it line by line; `nngen embed` reads the sizes.
#pragma once

#include <cstdint>
#include <filesystem>
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
