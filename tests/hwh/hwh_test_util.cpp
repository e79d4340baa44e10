#include "hwh_test_util.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace hwhtest {

fs::path fixture(const std::string& name) { return fs::path(HWH_FIXTURE_DIR) / name; }

fs::path work_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::path(HWH_WORK_DIR) / ("p" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + p.string());
}

HwhPtr load(const fs::path& p, std::string* err) {
  nn_hwh* h = nullptr;
  char buf[1024] = "";
  if (nn_hwh_load(p.c_str(), &h, buf, sizeof buf) != 0) {
    if (err) *err = buf;
    return nullptr;
  }
  return HwhPtr(h);
}

HwhPtr load_text(const std::string& name, const std::string& text, std::string* err) {
  nn_hwh* h = nullptr;
  char buf[1024] = "";
  if (nn_hwh_load_memory(name.c_str(), text.data(), text.size(), &h, buf, sizeof buf) != 0) {
    if (err) *err = buf;
    return nullptr;
  }
  return HwhPtr(h);
}

long line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return 0;
  long line = 1;
  for (size_t i = 0; i < at; ++i)
    if (text[i] == '\n') ++line;
  return line;
}

nn_reg_map reg_map_64() {
  nn_reg_map m{};
  m.ap_ctrl = 0x00;
  m.gie = 0x04;
  m.ier = 0x08;
  m.isr = 0x0C;
  m.ap_return = 0x10;
  m.in_lo = 0x18;
  m.in_hi = 0x1C;
  m.out_lo = 0x24;
  m.out_hi = 0x28;
  m.weights_lo = 0x30;
  m.weights_hi = 0x34;
  m.batch = 0x3C;
  m.mode = 0x44;
  return m;
}

nn_reg_map reg_map_32() {
  nn_reg_map m = reg_map_64();
  m.in_lo = 0x18;
  m.in_hi = NN_REG_NONE;
  m.out_lo = 0x20;
  m.out_hi = NN_REG_NONE;
  m.weights_lo = 0x28;
  m.weights_hi = NN_REG_NONE;
  m.batch = 0x30;
  m.mode = 0x38;
  return m;
}

}  // namespace hwhtest
