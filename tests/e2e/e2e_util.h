// Helpers for the end-to-end tests: run commands, generate and build
// projects once per test process, read results.
#pragma once

#include <filesystem>
#include <string>

namespace e2e {

struct Result {
  int code;
  std::string output;  // stdout and stderr
};

Result run(const std::string& command);
std::string q(const std::filesystem::path& p);  // shell-quoted

std::filesystem::path fixture(const std::string& model, const std::string& file);
std::filesystem::path work_dir(const std::string& name);  // fresh per process
std::string nngen();

// Generates tests/fixtures/models/<model>/model.onnx into work/<model>/prj with
// --name net and builds its virtual board (warnings are errors). Cached per process.
std::filesystem::path built_project(const std::string& model);
// The same with more `nngen generate` arguments (`args`), in work/<model>/<tag>.
std::filesystem::path built_project(const std::string& model, const std::string& args,
                                    const std::string& tag);

std::filesystem::path sim(const std::filesystem::path& project);

// Expects exit code `code` and `text` somewhere in the output (gtest failures otherwise).
void expect_error(const Result& r, int code, const std::string& text);

}  // namespace e2e
