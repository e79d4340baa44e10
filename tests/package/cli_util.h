// Shared by the package tests: running nngen (or a tool) as a user would, and the digits project
// generated once per process.
#pragma once

#include <filesystem>
#include <string>

#include "nndriver/nn_model_text.h"

namespace pkgtest {

struct Result {
  int code;
  std::string out;  // stdout and stderr
};

std::string q(const std::filesystem::path& p);  // single-quoted for sh
Result sh(const std::string& command);          // via popen, 2>&1
Result nngen(const std::string& args);
const std::filesystem::path& project();  // digits, generated once (generate only)
nn_model_text project_desc();
void expect_line(const std::string& out, const std::string& line);
int count(const std::string& s, const std::string& what);

}  // namespace pkgtest
