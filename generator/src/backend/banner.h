// The banner every generated file starts with: generator version, the model
// and its hash, the command line. No timestamp, so outputs are byte-stable.
// The model path and command line are untrusted text: comment_text() keeps
// them one inert line in any of the generated languages.
#pragma once

#include <cstdint>
#include <string>

namespace nngen::backend {

struct Provenance {
  std::string model_file;  // as given on the command line
  uint32_t model_crc = 0;  // CRC-32 of the ONNX file's bytes
  std::string command;     // the nngen command line
};

// `prefix` is the comment leader: "//", "#".
std::string banner(const Provenance& p, const std::string& prefix);

}  // namespace nngen::backend
