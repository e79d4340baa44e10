// hal_fixture.h - shared pieces of the Linux HAL tests: a standard fake board
// (one UIO device + one u-dma-buf), the test model descriptor, a .nnw builder,
// and a recorder of u-dma-buf sync requests read back from the attribute files.
#ifndef TESTS_HAL_LINUX_HAL_FIXTURE_H
#define TESTS_HAL_LINUX_HAL_FIXTURE_H

#include <gtest/gtest.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "fake_tree.h"
#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_uio.h"

namespace hal_test {

inline constexpr uint64_t kUioAddr = 0x43C00000u;
inline constexpr uint64_t kUioSize = 0x10000u;
inline constexpr uint64_t kDmaPhys = 0x38000000u;
inline constexpr uint64_t kDmaSize = 64 * 1024;
inline constexpr uint32_t kSignature = 0x5EEDC0DEu;

// 20 inputs, 5 outputs, 37 weight words, up to 8 samples.
nn_model_desc TestModel();

// A valid .nnw blob of `words` words for `signature`.
std::vector<uint8_t> BuildNnw(uint32_t signature, uint32_t words, uint32_t seed = 1);
// The first weight word as float (the test device adds w[j % words]).
std::vector<float> NnwWords(const std::vector<uint8_t>& blob);

// "uio0" named digits_accel at kUioAddr plus "udmabuf0" at kDmaPhys.
void AddStandardBoard(const FakeTree& t, uint64_t dma_size = kDmaSize);

// A config pointing at the tree, by name, polling unless irq_fd >= 0.
nn_uio_config UioConfig(const FakeTree& t, const nn_reg_map* regs, int irq_fd = -1);

// One sync request as the attribute files showed it right after the trigger.
struct SyncRecord {
  bool for_device;
  uint64_t offset, size;
  int direction;
  std::string trigger;  // content of the trigger file ("1")
};

class SyncRecorder {
 public:
  SyncRecorder(const FakeTree& tree, std::string name) : tree_(tree), name_(std::move(name)) {}
  static void Hook(void* user, int for_device);
  void Attach(nn_uio_config& cfg) {
    cfg.sync_observer = Hook;
    cfg.sync_observer_user = this;
  }
  std::vector<SyncRecord> Records() const {
    std::lock_guard<std::mutex> l(mu_);
    return records_;
  }
  size_t Count() const {
    std::lock_guard<std::mutex> l(mu_);
    return records_.size();
  }

 private:
  const FakeTree& tree_;
  std::string name_;
  mutable std::mutex mu_;
  std::vector<SyncRecord> records_;
};

inline uint64_t Round64(uint64_t n) { return (n + 63) / 64 * 64; }

}  // namespace hal_test

#endif  // TESTS_HAL_LINUX_HAL_FIXTURE_H
