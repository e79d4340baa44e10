// fuzz_hw_header - arbitrary bytes as a Vitis HLS register map header (x<top>_hw.h) through
// nngen verify --hw-header's reader and checks (generator/src/cli/hw_header.*). Error(kBadInput)
// naming the file is the expected answer to a bad file; anything else is a finding.
//
// Invariants on success: the prefix is non-empty; the check against a fixed project map prints
// one OK/FAIL line per check (16) and ends with MATCH exactly when no line is FAIL.
#include <cstdint>
#include <string>

#include "cli/hw_header.h"
#include "fuzz_check.h"
#include "nndriver/nn_model_text.h"
#include "support/error.h"

namespace {

// The digits project's descriptor map (docs/register-map.md, 64-bit pointers).
const nn_model_text& project() {
  static const nn_model_text m = [] {
    nn_model_text t{};
    const std::string text =
        "nnaccel-model 1\nname digits\ntop digits_accel\nvlnv nnaccel.org:hls:digits_accel:1.0\n"
        "signature 0x1\nbus_format float32\ninput_size 64\noutput_size 10\nweight_words 10\n"
        "max_batch 8\ninput_shape 64\nm_axi_addr_width 64\nreg ap_ctrl 0x00\nreg gie 0x04\n"
        "reg ier 0x08\nreg isr 0x0c\nreg ap_return 0x10\nreg in_lo 0x18\nreg in_hi 0x1c\n"
        "reg out_lo 0x24\nreg out_hi 0x28\nreg weights_lo 0x30\nreg weights_hi 0x34\n"
        "reg batch 0x3c\nreg mode 0x44\nweights weights/digits.nnw\n";
    char err[256] = "";
    FUZZ_CHECK(nn_model_text_parse(text.data(), text.size(), &t, err, sizeof err) == 0,
               "harness descriptor parses");
    t.desc.name = t.name;
    return t;
  }();
  return m;
}

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  nngen::cli::HwHeader h;
  try {
    h = nngen::cli::parse_hw_header("fuzz_hw.h", text);
  } catch (const nngen::Error& e) {
    FUZZ_CHECK(e.code() == nngen::ExitCode::kBadInput, "refusal is bad input (exit 3)");
    FUZZ_CHECK(std::string(e.what()).rfind("fuzz_hw.h", 0) == 0, "refusal names the file");
    return 0;
  }
  FUZZ_CHECK(!h.prefix.empty(), "a parsed header has a prefix");
  const nngen::cli::HeaderCheck c = nngen::cli::check_hw_header(h, project());
  const std::string r = "\n" + c.report;
  FUZZ_CHECK(count(r, "\nOK   ") + count(r, "\nFAIL ") == 16, "16 checks reported");
  FUZZ_CHECK(c.match == (count(r, "\nFAIL ") == 0), "MATCH exactly when nothing failed");
  FUZZ_CHECK(c.match ? r.find("\nMATCH: all 16") != std::string::npos
                     : r.find("\nMISMATCH: ") != std::string::npos,
             "verdict line");
  return 0;
}
