// Calls the generated top of a project named "net" (compiled on the host with
// the emulation) with every buffer mapped PROT_NONE: any read or write of the
// input, output or weight buffer kills the process with SIGSEGV. Usage:
//   top_guard BATCH MODE EXPECTED_STATUS   (numbers in C syntax)
// Exit 0 when the top returned EXPECTED_STATUS without touching memory.
#include <sys/mman.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "net_accel.h"

namespace {

void* guarded(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    std::perror("mmap");
    std::exit(2);
  }
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s BATCH MODE EXPECTED_STATUS\n", argv[0]);
    return 2;
  }
  const auto batch = static_cast<uint32_t>(std::strtoul(argv[1], nullptr, 0));
  const auto mode = static_cast<uint32_t>(std::strtoul(argv[2], nullptr, 0));
  const auto want = static_cast<uint32_t>(std::strtoul(argv[3], nullptr, 0));
  auto* in = static_cast<const float*>(guarded(sizeof(float) * NET_MAX_BATCH * NET_INPUT_SIZE));
  auto* out = static_cast<float*>(guarded(sizeof(float) * NET_MAX_BATCH * NET_OUTPUT_SIZE));
  auto* w = static_cast<const uint32_t*>(guarded(sizeof(uint32_t) * (NET_WEIGHT_WORDS + 1)));
  const uint32_t got = net_accel(in, out, w, batch, mode);
  std::printf("batch %s mode %s: status 0x%08x, expected 0x%08x\n", argv[1], argv[2],
              static_cast<unsigned>(got), static_cast<unsigned>(want));
  return got == want ? 0 : 1;
}
