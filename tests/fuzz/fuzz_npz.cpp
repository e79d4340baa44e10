// fuzz_npz - arbitrary bytes as a .npz archive through nnnpy::parse_npz and parse_npz_int
// (generator/simrt/npy): the zip reader (stored and deflated members), the member lookup by key
// and the .npy parser behind it. nnnpy::Error is the expected answer to a bad archive; anything
// else (a crash, a sanitizer report, another exception, an unbounded allocation, e.g. a member
// inflated beyond what its header needs) is a finding.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "npy.h"

namespace {

const char kName[] = "fuzz.npz";

// "" (the only member) and "x", the member name the seeds with several members use.
const char* const kKeys[] = {"", "x"};

void check(const uint8_t* data, size_t size, const std::string& key) {
  try {
    const nnnpy::Array a = nnnpy::parse_npz(data, size, kName, key);
    FUZZ_CHECK(a.data.size() == nnnpy::element_count(a.shape, kName), "float data size");
  } catch (const nnnpy::Error&) {
  }
  try {
    const nnnpy::IntArray a = nnnpy::parse_npz_int(data, size, kName, key);
    FUZZ_CHECK(a.data.size() == nnnpy::element_count(a.shape, kName), "int data size");
  } catch (const nnnpy::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (const char* key : kKeys) check(data, size, key);
  return 0;
}
