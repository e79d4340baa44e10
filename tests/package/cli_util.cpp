#include "cli_util.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "hwh_test_util.h"

namespace fs = std::filesystem;

namespace pkgtest {

std::string q(const fs::path& p) {
  std::string s = "'";
  for (char c : p.string()) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return s + "'";
}

Result sh(const std::string& command) {
  Result r{-1, {}};
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Result nngen(const std::string& args) { return sh(std::string(NNGEN_PATH) + " " + args); }

const fs::path& project() {
  static const fs::path prj = [] {
    const fs::path p = hwhtest::work_dir() / "digits";
    const Result r = nngen(
        "generate " + q(fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models/digits/model.onnx") +
        " -o " + q(p) + " --name digits");
    if (r.code != 0) ADD_FAILURE() << r.out;
    return p;
  }();
  return prj;
}

nn_model_text project_desc() {
  const std::string text = hwhtest::slurp(project() / "nnaccel-model.desc");
  nn_model_text m{};
  char err[256] = "";
  if (nn_model_text_parse(text.data(), text.size(), &m, err, sizeof err) != 0) ADD_FAILURE() << err;
  m.desc.name = m.name;
  return m;
}

void expect_line(const std::string& out, const std::string& line) {
  EXPECT_NE(out.find(line), std::string::npos) << "missing: " << line << "\n" << out;
}

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace pkgtest
