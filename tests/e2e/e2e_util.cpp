#include "e2e_util.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <map>

namespace fs = std::filesystem;

namespace e2e {

Result run(const std::string& command) {
  Result r{-1, {}};
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string q(const fs::path& p) {
  std::string s = "'";
  for (char c : p.string()) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return s + "'";
}

fs::path fixture(const std::string& model, const std::string& file) {
  return fs::path(NNACCEL_SOURCE_DIR) / "tests/fixtures/models" / model / file;
}

std::string nngen() { return NNGEN_PATH; }

fs::path work_dir(const std::string& name) {
  static std::map<std::string, fs::path> made;
  auto it = made.find(name);
  if (it != made.end()) return it->second;
  // Test groups run as parallel processes: each gets its own root.
  static const fs::path root = [] {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string group = info ? info->test_suite_name() : "misc";
    if ((group == "Fixtures" || group == "Cnn") && info) group += std::string("_") + info->name();
    return fs::path(E2E_WORK_DIR) / group;
  }();
  fs::path d = root / name;
  fs::remove_all(d);
  fs::create_directories(d);
  made[name] = d;
  return d;
}

fs::path sim(const fs::path& project) { return project / "build" / "net-sim"; }

fs::path built_project(const std::string& model) { return built_project(model, "", "prj"); }

fs::path built_project(const std::string& model, const std::string& args, const std::string& tag) {
  static std::map<std::string, fs::path> built;
  auto it = built.find(model + "/" + tag);
  if (it != built.end()) return it->second;
  const fs::path prj = work_dir(model) / tag;
  Result g = run(nngen() + " generate " + q(fixture(model, "model.onnx")) + " -o " + q(prj) +
                 " --name net" + args);
  EXPECT_EQ(g.code, 0) << g.output;
  Result c =
      run("cmake -S " + q(prj) + " -B " + q(prj / "build") + " -G Ninja -DNNACCEL_WERROR=ON");
  EXPECT_EQ(c.code, 0) << c.output;
  Result b = run("cmake --build " + q(prj / "build") + " -j2");
  EXPECT_EQ(b.code, 0) << b.output;
  built[model + "/" + tag] = prj;
  return prj;
}

void expect_error(const Result& r, int code, const std::string& text) {
  EXPECT_EQ(r.code, code) << r.output;
  EXPECT_NE(r.output.find(text), std::string::npos) << "expected '" << text << "' in:\n"
                                                    << r.output;
}

}  // namespace e2e
