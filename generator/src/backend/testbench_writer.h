// The C-simulation testbench of a project (docs/nngen.md "The C-simulation
// testbench"):
//   hls/<name>_tb.cpp        identify, load weights (checksum), infer a fixed
//                            set of samples in several batch sizes and compare
//                            every output bit-exactly, then check that the top
//                            refuses bad batches and modes without writing;
//   hls/<name>_tb_data.h     the weight image and the deterministic inputs;
//   sim/<name>_tb_expected.cpp  the host tool the project's CMake build runs
//                            to write hls/<name>_tb_expected.h: the expected
//                            outputs of the host simulation (the generated top
//                            on the bit-exact emulation). nngen cannot run the
//                            design it generates, so the build computes them.
#pragma once

#include <map>
#include <string>

#include "backend/banner.h"
#include "passes/pipeline.h"

namespace nngen::backend {

// Samples the testbench runs, and the batch sizes it runs them in (each
// clamped to the model's max_batch).
inline constexpr unsigned kTestbenchSamples = 8;

// Project-relative file name -> content.
std::map<std::string, std::string> write_testbench(const passes::Design& d, const std::string& name,
                                                   const Provenance& prov);

}  // namespace nngen::backend
