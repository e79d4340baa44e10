// make_test_hwh PROJECT_DIR OUT.hwh: writes the .hwh Vivado would export for a block design holding
// the project's IP (hwh_maker.h), so tests outside C++ (tests/python: a board package opened from
// Python) can run `nngen package` without Vivado.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "hwh_maker.h"
#include "nndriver/nn_model_text.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_test_hwh PROJECT_DIR OUT.hwh\n");
    return 2;
  }
  const std::string desc_path = std::string(argv[1]) + "/nnaccel-model.desc";
  std::ifstream in(desc_path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    std::fprintf(stderr, "make_test_hwh: cannot read %s\n", desc_path.c_str());
    return 1;
  }
  nn_model_text m;
  char err[256];
  if (text.empty() || nn_model_text_parse(text.data(), text.size(), &m, err, sizeof err) != 0) {
    std::fprintf(stderr, "make_test_hwh: %s: %s\n", desc_path.c_str(),
                 text.empty() ? "missing or empty" : err);
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out << hwhtest::make_hwh(hwhtest::spec_from_desc(m));
  if (!out.flush()) {
    std::fprintf(stderr, "make_test_hwh: cannot write %s\n", argv[2]);
    return 1;
  }
  return 0;
}
