// fuzz_hwh - arbitrary bytes as a .hwh file through the reader (nn_hwh_load_memory, hal/hwh) and
// the register-map check that nngen verify and the Linux runtime run on it. A refusal with a
// message is the expected answer to a bad file; a crash, a sanitizer report, a leak or an
// unbounded allocation is a finding.
//
// Invariants checked: a refusal says why; every accepted IP's strings are there, its windows are
// ordered, the check's report is NUL-terminated inside its buffer (also a tiny one) and the check
// answers 0 or 1.
#include <cstdint>
#include <cstring>

#include "fuzz_check.h"
#include "nnhal/nn_hwh.h"

namespace {

// Our top's Vitis HLS map (docs/register-map.md): what verify compares designs with.
const nn_reg_map kRegs = {0x00, 0x04, 0x08, 0x0C, 0x10, 0x18, 0x1C,
                          0x24, 0x28, 0x30, 0x34, 0x3C, 0x44};

void check_ip(const nn_hwh *h, const nn_hwh_ip *ip) {
  FUZZ_CHECK(ip->instance != nullptr && ip->vlnv != nullptr, "IP names present");
  for (size_t w = 0; w < ip->n_windows; ++w) {
    FUZZ_CHECK(ip->windows[w].base <= ip->windows[w].high, "window base <= high");
  }
  for (size_t r = 0; r < ip->n_regs; ++r) {
    FUZZ_CHECK(ip->regs[r].name != nullptr, "register name present");
    FUZZ_CHECK(nn_hwh_find_reg(ip, ip->regs[r].name) != nullptr, "register found by its name");
  }
  if (ip->instance[0] != '\0') {
    FUZZ_CHECK(nn_hwh_find_ip(h, ip->instance) != nullptr, "IP found by its instance name");
  }
  static char big[8192];
  char tiny[7];
  const struct {
    char *buf;
    size_t len;
  } reports[] = {{big, sizeof big}, {tiny, sizeof tiny}};
  for (const auto &[buf, len] : reports) {
    std::memset(buf, 'x', len);
    const int rc = nn_hwh_check_ip(ip, &kRegs, 64, buf, len);
    FUZZ_CHECK(rc == 0 || rc == 1, "check answers 0 or 1");
    FUZZ_CHECK(std::memchr(buf, '\0', len) != nullptr, "report NUL-terminated in its buffer");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  nn_hwh *h = nullptr;
  char err[512];
  std::memset(err, 0, sizeof err);
  if (nn_hwh_load_memory("fuzz.hwh", data, size, &h, err, sizeof err) != 0) {
    FUZZ_CHECK(h == nullptr, "no design on failure");
    FUZZ_CHECK(err[0] != '\0', "a refusal says why");
    return 0;
  }
  FUZZ_CHECK(h != nullptr, "a design on success");
  FUZZ_CHECK(nn_hwh_system_info(h) != nullptr, "system info present");
  const size_t n = nn_hwh_ip_count(h);
  for (size_t i = 0; i < n; ++i) check_ip(h, nn_hwh_ip_at(h, i));
  FUZZ_CHECK(nn_hwh_ip_at(h, n) == nullptr, "no IP past the count");
  nn_hwh_free(h);
  return 0;
}
