// fuzz_onnx - arbitrary bytes as an ONNX model file through nngen's front end and the whole pass
// pipeline (nngen::passes::compile_model), then the IR printer and the weight image packer.
// nngen::Error is the expected answer to a bad model; anything else (a crash, a sanitizer report,
// another exception type escaping the library, an unbounded allocation) is a finding.
//
// compile_model reads a path, so each input is written to one file per process, on tmpfs
// (/dev/shm) when there is one. The file is unlinked as soon as it is created and reached through
// /proc/self/fd, so nothing is left behind however the process ends (crash, timeout, kill).
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_check.h"
#include "passes/pipeline.h"
#include "support/error.h"

namespace {

int g_model_fd = -1;
std::string g_model_path;  // /proc/self/fd/N of the unlinked file

void write_model(const uint8_t* data, size_t size) {
  FUZZ_CHECK(ftruncate(g_model_fd, 0) == 0, "cannot truncate the model file");
  size_t done = 0;
  while (done < size) {
    const ssize_t n = pwrite(g_model_fd, data + done, size - done, static_cast<off_t>(done));
    FUZZ_CHECK(n > 0, "cannot write the model file");
    done += static_cast<size_t>(n);
  }
}

// What the writers rely on: every weight tensor lies inside the image and holds as many values as
// its on-chip array has elements.
void check_design(const nngen::passes::Design& d) {
  for (const nngen::passes::WeightEntry& w : d.weights) {
    FUZZ_CHECK(w.values != nullptr && w.values->size() == w.count, "weight entry value count");
    FUZZ_CHECK(uint64_t{w.offset} + w.count <= d.weight_words, "weight entry inside the image");
    uint64_t elements = 1;
    for (int64_t dim : w.dims) {
      FUZZ_CHECK(dim > 0, "weight entry dimension");
      elements *= static_cast<uint64_t>(dim);
    }
    FUZZ_CHECK(elements == w.count, "weight entry dims match its count");
  }
  FUZZ_CHECK(nngen::passes::weight_image_words(d).size() == d.weight_words, "weight image size");
  FUZZ_CHECK(!nngen::passes::print_ir(d).empty(), "IR text");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (tmp ? tmp : "/tmp");
  const std::string name = dir + "/nnaccel-fuzz-onnx-" + std::to_string(getpid()) + ".onnx";
  g_model_fd = open(name.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FUZZ_CHECK(g_model_fd >= 0, "cannot create the model file");
  FUZZ_CHECK(unlink(name.c_str()) == 0, "cannot unlink the model file");
  g_model_path = "/proc/self/fd/" + std::to_string(g_model_fd);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  write_model(data, size);
  try {
    check_design(nngen::passes::compile_model(g_model_path, nngen::ops::BuildOptions{}));
  } catch (const nngen::Error&) {
  }
  return 0;
}
