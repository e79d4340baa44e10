// The C header `nngen embed` writes: test inputs, optional labels and float
// reference outputs, and the accelerator's expected outputs, for sample
// applications that run on a board without a file system.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nngen::backend {

struct DataHeaderSpec {
  std::string name;          // the project's model name (a C identifier)
  uint32_t signature = 0;    // the project's architecture signature
  std::string command_line;  // the nngen command line, for the banner
  size_t count = 0;          // samples
  size_t input_size = 0, output_size = 0;
  std::vector<float> inputs;     // count x input_size
  std::vector<int64_t> labels;   // count, or empty
  std::vector<float> reference;  // count x output_size, or empty
  std::vector<float> expected;   // count x output_size
};

std::string data_header(const DataHeaderSpec& s);

}  // namespace nngen::backend
