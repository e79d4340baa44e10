// fake_accel.h - a thread that plays the generated accelerator behind a fake
// tree: it maps the same register file and DMA memory file the HAL maps,
// watches AP_CTRL for ap_start, runs the test model, sets ap_done (and ISR),
// and raises the "interrupt" by writing an event count into its end of a
// socketpair whose other end the UIO HAL uses as its interrupt fd.
//
// Test model (like tests/driver's test device):
//   mode 0: out[s][j] = 2 * in[s][j % input_size] + w[j % weight_words]; returns batch
//   mode 1: copies the weight words; returns nn_weight_checksum of them
//   mode 2: returns the signature
//
// A plain file cannot model clear-on-read / toggle-on-write: the start write
// itself overwrites ap_done, and ISR is set to NN_IRQ_DONE | kIsrMarker so that
// the acknowledge (writing NN_IRQ_DONE back) is visible as the marker's loss.
#ifndef TESTS_HAL_LINUX_FAKE_ACCEL_H
#define TESTS_HAL_LINUX_FAKE_ACCEL_H

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "nnhal/nn_reg_map.h"

namespace hal_test {

inline constexpr uint32_t kIsrMarker = 0x100u;

// The register map of the generated top with 64-bit m_axi addressing.
nn_reg_map TestRegs();

struct FakeAccelConfig {
  std::string reg_path;  // file holding the control block
  uint64_t reg_file_offset = 0;
  uint64_t reg_size = 0x1000;
  std::string mem_path;  // file holding DMA memory
  uint64_t mem_file_offset = 0;
  uint64_t mem_phys = 0;  // physical address of mem_file_offset
  uint64_t mem_size = 0;
  nn_reg_map regs = TestRegs();
  uint32_t signature = 0;
  uint32_t input_size = 0, output_size = 0, weight_words = 0;
  int irq_fd = -1;  // our end of the socketpair; -1: no interrupt
};

class FakeAccel {
 public:
  explicit FakeAccel(const FakeAccelConfig& cfg);
  ~FakeAccel();
  FakeAccel(const FakeAccel&) = delete;
  FakeAccel& operator=(const FakeAccel&) = delete;

  // Called on the accelerator thread when it accepts ap_start (before it
  // computes), with the mode.
  std::function<void(uint32_t mode)> on_start;

  // Ends the thread after the run in progress (and its acknowledge check);
  // read the counters after this to see everything the thread saw.
  void Stop();

  uint32_t Reg(uint32_t off) const;
  void SetReg(uint32_t off, uint32_t v);

  std::atomic<int> starts{0};
  std::atomic<int> irqs_raised{0};
  std::atomic<int> acks_seen{0};     // re-enable arrived after ISR was written back
  std::atomic<int> acks_missing{0};  // re-enable arrived with ISR untouched
  std::atomic<int> bad_addresses{0};
  std::atomic<bool> hang{false};  // accept ap_start but never finish

 private:
  void Run();
  void Execute();
  void* Dev(uint64_t phys, uint64_t len);

  FakeAccelConfig cfg_;
  uint8_t* reg_map_ = nullptr;
  size_t reg_map_len_ = 0;
  volatile uint32_t* regs_ = nullptr;
  uint8_t* mem_map_ = nullptr;
  size_t mem_map_len_ = 0;
  uint8_t* mem_ = nullptr;
  std::vector<uint32_t> weights_;
  uint32_t irq_count_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Reads the 32-bit "enable" writes the HAL sent to the interrupt fd (our end),
// waiting up to timeout_ms for at least one when wait is set. Returns how many
// arrived.
int DrainEnables(int fd, int timeout_ms);

}  // namespace hal_test

#endif  // TESTS_HAL_LINUX_FAKE_ACCEL_H
