// fake_accel.cpp - see fake_accel.h.
#include "fake_accel.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

#include "nndriver/nn_driver.h"

namespace hal_test {

nn_reg_map TestRegs() {
  nn_reg_map r{};
  r.ap_ctrl = 0x00;
  r.gie = 0x04;
  r.ier = 0x08;
  r.isr = 0x0C;
  r.ap_return = 0x10;
  r.in_lo = 0x18;
  r.in_hi = 0x1C;
  r.out_lo = 0x24;
  r.out_hi = 0x28;
  r.weights_lo = 0x30;
  r.weights_hi = 0x34;
  r.batch = 0x3C;
  r.mode = 0x44;
  return r;
}

// Maps [off, off+len) of a file; returns the pointer to off.
static uint8_t* MapFile(const std::string& path, uint64_t off, uint64_t len, uint8_t** base,
                        size_t* base_len) {
  int fd = open(path.c_str(), O_RDWR);
  if (fd < 0) throw std::runtime_error("fake accel: cannot open " + path);
  long page = sysconf(_SC_PAGESIZE);
  uint64_t start = off & ~uint64_t(page - 1);
  *base_len = size_t(off - start + len);
  void* m = mmap(nullptr, *base_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(start));
  close(fd);
  if (m == MAP_FAILED) throw std::runtime_error("fake accel: cannot map " + path);
  *base = static_cast<uint8_t*>(m);
  return *base + (off - start);
}

FakeAccel::FakeAccel(const FakeAccelConfig& cfg) : cfg_(cfg) {
  regs_ = reinterpret_cast<volatile uint32_t*>(
      MapFile(cfg.reg_path, cfg.reg_file_offset, cfg.reg_size, &reg_map_, &reg_map_len_));
  mem_ = MapFile(cfg.mem_path, cfg.mem_file_offset, cfg.mem_size, &mem_map_, &mem_map_len_);
  SetReg(cfg_.regs.ap_ctrl, NN_AP_IDLE);
  thread_ = std::thread([this] { Run(); });
}

void FakeAccel::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

FakeAccel::~FakeAccel() {
  Stop();
  munmap(reg_map_, reg_map_len_);
  munmap(mem_map_, mem_map_len_);
}

uint32_t FakeAccel::Reg(uint32_t off) const {
  return __atomic_load_n(const_cast<uint32_t*>(regs_) + off / 4, __ATOMIC_SEQ_CST);
}

void FakeAccel::SetReg(uint32_t off, uint32_t v) {
  __atomic_store_n(const_cast<uint32_t*>(regs_) + off / 4, v, __ATOMIC_SEQ_CST);
}

void* FakeAccel::Dev(uint64_t phys, uint64_t len) {
  if (phys < cfg_.mem_phys || len > cfg_.mem_size || phys - cfg_.mem_phys > cfg_.mem_size - len) {
    bad_addresses++;
    return nullptr;
  }
  return mem_ + (phys - cfg_.mem_phys);
}

static uint64_t Addr(const FakeAccel& a, uint32_t lo, uint32_t hi) {
  uint64_t v = a.Reg(lo);
  if (hi != NN_REG_NONE) v |= uint64_t(a.Reg(hi)) << 32;
  return v;
}

void FakeAccel::Execute() {
  const nn_reg_map& r = cfg_.regs;
  uint32_t mode = Reg(r.mode), batch = Reg(r.batch), ret = 0;
  if (on_start) on_start(mode);
  if (mode == NN_MODE_IDENTIFY) {
    ret = cfg_.signature;
  } else if (mode == NN_MODE_LOAD_WEIGHTS) {
    auto* w = static_cast<uint32_t*>(
        Dev(Addr(*this, r.weights_lo, r.weights_hi), 4ull * cfg_.weight_words));
    if (w != nullptr) {
      weights_.assign(w, w + cfg_.weight_words);
      ret = nn_weight_checksum(weights_.data(), weights_.size());
    }
  } else if (mode == NN_MODE_INFER) {
    auto* in =
        static_cast<float*>(Dev(Addr(*this, r.in_lo, r.in_hi), 4ull * batch * cfg_.input_size));
    auto* out =
        static_cast<float*>(Dev(Addr(*this, r.out_lo, r.out_hi), 4ull * batch * cfg_.output_size));
    if (in != nullptr && out != nullptr && !weights_.empty()) {
      for (uint32_t s = 0; s < batch; ++s)
        for (uint32_t j = 0; j < cfg_.output_size; ++j) {
          float w;
          std::memcpy(&w, &weights_[j % weights_.size()], 4);
          out[size_t(s) * cfg_.output_size + j] =
              2.0f * in[size_t(s) * cfg_.input_size + j % cfg_.input_size] + w;
        }
      ret = batch;
    }
  }
  SetReg(r.ap_return, ret);
}

void FakeAccel::Run() {
  const nn_reg_map& r = cfg_.regs;
  uint32_t* ctrl = const_cast<uint32_t*>(regs_) + r.ap_ctrl / 4;
  bool busy = false;
  while (!stop_) {
    uint32_t v = __atomic_load_n(ctrl, __ATOMIC_SEQ_CST);
    if (!(v & NN_AP_START)) {
      // ap_idle is read-only in the IP: a CPU write of 0 (nn_open's quiesce)
      // cannot clear it. Put it back unless a run is in progress; the CAS
      // keeps a concurrent ap_start write.
      if (!busy && !(v & NN_AP_IDLE))
        __atomic_compare_exchange_n(ctrl, &v, v | NN_AP_IDLE, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      continue;
    }
    // Accept: ap_start and ap_idle drop, the run begins.
    if (!__atomic_compare_exchange_n(ctrl, &v, 0u, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
      continue;
    starts++;
    busy = true;
    if (hang) continue;  // never finishes: stays busy, never idle
    Execute();
    busy = false;
    SetReg(r.ap_ctrl, NN_AP_DONE | NN_AP_IDLE | NN_AP_READY);
    bool irq_on = (Reg(r.gie) & 1u) && (Reg(r.ier) & NN_IRQ_DONE);
    if (!irq_on || cfg_.irq_fd < 0) continue;
    DrainEnables(cfg_.irq_fd, 0);  // earlier enables (nn_uio_open's) are not the ack
    SetReg(r.isr, NN_IRQ_DONE | kIsrMarker);
    uint32_t count = ++irq_count_;
    irqs_raised++;
    if (send(cfg_.irq_fd, &count, sizeof count, 0) != ssize_t(sizeof count)) continue;
    // The HAL must acknowledge ISR before it re-enables the line.
    if (DrainEnables(cfg_.irq_fd, 2000) > 0) {
      if (Reg(r.isr) == NN_IRQ_DONE)
        acks_seen++;
      else
        acks_missing++;
      SetReg(r.isr, 0);  // what toggle-on-write IP does with that write
    }
  }
}

int DrainEnables(int fd, int timeout_ms) {
  int n = 0;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, n == 0 ? timeout_ms : 0) <= 0) return n;
    int32_t v = 0;
    if (recv(fd, &v, sizeof v, MSG_DONTWAIT) != ssize_t(sizeof v)) return n;
    if (v == 1) ++n;
  }
}

}  // namespace hal_test
