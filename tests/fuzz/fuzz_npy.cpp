// fuzz_npy - arbitrary bytes as a .npy file through nnnpy::parse_npy and parse_npy_int
// (generator/simrt/npy). nnnpy::Error is the expected answer to a bad file; anything else (a
// crash, a sanitizer report, another exception, an unbounded allocation) is a finding.
//
// Invariants checked on success: the data holds exactly product(shape) values, and a float array
// written back with encode_npy reads back bit for bit.
#include <cstdint>
#include <cstring>
#include <optional>

#include "fuzz_check.h"
#include "npy.h"

namespace {

const char kName[] = "fuzz.npy";

void check_float(const uint8_t* data, size_t size) {
  std::optional<nnnpy::Array> a;
  try {
    a = nnnpy::parse_npy(data, size, kName);
  } catch (const nnnpy::Error&) {
    return;
  }
  FUZZ_CHECK(a->data.size() == nnnpy::element_count(a->shape, kName), "float data size");
  // An accepted array must survive our own writer: no exception allowed here.
  const std::vector<uint8_t> again = nnnpy::encode_npy(*a, kName);
  const nnnpy::Array b = nnnpy::parse_npy(again.data(), again.size(), "again.npy");
  FUZZ_CHECK(b.shape == a->shape, "shape after encode_npy");
  FUZZ_CHECK(
      b.data.size() == a->data.size() &&
          (a->data.empty() || std::memcmp(b.data.data(), a->data.data(), 4 * a->data.size()) == 0),
      "values after encode_npy");
}

void check_int(const uint8_t* data, size_t size) {
  try {
    const nnnpy::IntArray a = nnnpy::parse_npy_int(data, size, kName);
    FUZZ_CHECK(a.data.size() == nnnpy::element_count(a.shape, kName), "int data size");
  } catch (const nnnpy::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check_float(data, size);
  check_int(data, size);
  return 0;
}
