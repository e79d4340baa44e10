// Shared helpers of the .hwh tests: fixture paths, file I/O, loading.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "nnhal/nn_hwh.h"

namespace hwhtest {

struct HwhFree {
  void operator()(nn_hwh* h) const { nn_hwh_free(h); }
};
using HwhPtr = std::unique_ptr<nn_hwh, HwhFree>;

std::filesystem::path fixture(const std::string& name);  // tests/fixtures/hwh/<name>
std::filesystem::path work_dir();                        // fresh per process
std::string slurp(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& text);

// Loads a file; on failure returns null and puts the message in *err.
HwhPtr load(const std::filesystem::path& p, std::string* err = nullptr);
HwhPtr load_text(const std::string& name, const std::string& text, std::string* err = nullptr);

// 1-based line of the first occurrence of `needle` in `text` (0 if absent).
long line_of(const std::string& text, const std::string& needle);

// The docs/register-map.md layouts of our top (Vitis HLS, 64- or 32-bit m_axi).
nn_reg_map reg_map_64();
nn_reg_map reg_map_32();

}  // namespace hwhtest
