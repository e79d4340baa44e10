// fuzz_model_text - arbitrary bytes as an nnaccel-model.desc through nn_model_text_parse
// (driver/text), the descriptor nn-run and nngen verify read at run time. NN_E_INVAL with a
// "line N: ..." message is the expected answer to a bad file; anything else is a finding.
//
// Invariants checked on success: the descriptor is one nn_open() accepts as far as its fields go
// (version, sizes, 4-byte aligned registers, shape product = input size) and desc.name points at
// the parsed name.
#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "fuzz_check.h"
#include "nndriver/nn_driver.h"
#include "nndriver/nn_model_text.h"

namespace {

bool reg_ok(uint32_t off) { return off == NN_REG_NONE || (off & 3u) == 0u; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static nn_model_text m;  // large (paths): static keeps the fuzzer's stack small
  char err[256];
  std::memset(err, 'x', sizeof err);
  const int rc =
      nn_model_text_parse(reinterpret_cast<const char *>(data), size, &m, err, sizeof err);
  if (rc != NN_OK) {
    FUZZ_CHECK(rc == NN_E_INVAL, "refusal is NN_E_INVAL");
    FUZZ_CHECK(std::memchr(err, '\0', sizeof err) != nullptr, "message NUL-terminated");
    FUZZ_CHECK(err[0] != '\0', "a refusal says why");
    return 0;
  }
  const nn_model_desc &d = m.desc;
  FUZZ_CHECK(d.desc_version == NN_MODEL_DESC_VERSION, "descriptor version");
  FUZZ_CHECK(d.name == m.name, "desc.name points at the parsed name");
  FUZZ_CHECK(std::memchr(m.name, '\0', sizeof m.name) != nullptr, "name terminated");
  FUZZ_CHECK(d.input_size != 0 && d.output_size != 0 && d.weight_words != 0 && d.max_batch != 0,
             "sizes non-zero");
  FUZZ_CHECK(d.input_rank >= 1 && d.input_rank <= NN_MAX_RANK, "rank in range");
  uint64_t product = 1;
  for (uint32_t i = 0; i < d.input_rank; ++i) product *= d.input_shape[i];
  FUZZ_CHECK(product == d.input_size, "shape product = input_size");
  const nn_reg_map &r = d.regs;
  for (uint32_t off : {r.ap_ctrl, r.gie, r.ier, r.isr, r.ap_return, r.in_lo, r.in_hi, r.out_lo,
                       r.out_hi, r.weights_lo, r.weights_hi, r.batch, r.mode}) {
    FUZZ_CHECK(reg_ok(off), "register offsets aligned or none");
  }
  FUZZ_CHECK(m.m_axi_addr_width == 32 || m.m_axi_addr_width == 64, "m_axi width 32 or 64");
  return 0;
}
