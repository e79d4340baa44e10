// nnaccel-model.desc: the model descriptor as a small text file (docs/model-desc.md).
// Programs that run any model without being compiled for it (nn-run, the
// Linux runtime) read it instead of driver/<name>_config.h; both are written
// from the same values (register map, sizes, signature), so they cannot drift.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/project_writer.h"
#include "nndriver/nn_model.h"

namespace nngen::backend {

inline constexpr const char* kModelDescFile = "nnaccel-model.desc";

struct ModelDescription {
  std::string name;  // C identifier (nngen --name)
  std::string top;   // HLS top function / IP name
  std::string vlnv;  // vendor:library:name:version of the exported IP
  uint32_t signature = 0;
  uint32_t input_size = 0, output_size = 0, weight_words = 0, max_batch = 0;
  std::vector<int64_t> input_shape;  // per sample, batch excluded
  uint32_t m_axi_addr_width = 64;    // 32 or 64
  bool coherent = false;             // m_axi masters on a coherent PS port (--dma-port hpc/acp)
  nn_reg_map regs{};
  std::string weights_path;  // relative to the descriptor's folder
  std::string sim_library;   // relative to the descriptor's folder
};

// The values of a generated project (same sources as driver_config_header).
ModelDescription describe_model(const passes::Design& d, const ProjectSpec& spec);

// The file's text. Throws Error(kInternal) if a value could not be read back
// (a path with whitespace or a newline, a name that is not an identifier):
// nngen validates names before, so this guards the format, not the user.
std::string model_desc_text(const ModelDescription& m);

}  // namespace nngen::backend
