// The device model's decoding (nnhal/nn_devmodel.h): directly over a fake bus,
// and through the sim HAL where the driver's addresses meet the pool.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <vector>

#include "nnhal/nn_devmodel.h"
#include "sim_fixture.h"

namespace {

using sim_test::g_top;
using sim_test::SimBoard;

// Registers are a map; map() records each request and answers from a table.
struct FakeBus {
  std::map<uint32_t, uint32_t> regs;
  struct Req {
    uint64_t phys;
    size_t len;
  };
  std::vector<Req> maps;
  std::map<uint64_t, void*> memory;  // phys -> pointer (any length)
  static uint32_t Peek(void* ctx, uint32_t off) {
    auto& r = static_cast<FakeBus*>(ctx)->regs;
    auto it = r.find(off);
    return it == r.end() ? 0u : it->second;
  }
  static void* Map(void* ctx, uint64_t phys, size_t len) {
    auto* self = static_cast<FakeBus*>(ctx);
    self->maps.push_back({phys, len});
    auto it = self->memory.find(phys);
    return it == self->memory.end() ? nullptr : it->second;
  }
  nn_devmodel_bus bus() { return {Peek, Map, this}; }
};

class DevModel : public ::testing::Test {
 protected:
  void SetUp() override {
    g_top = sim_test::FakeTop{};
    regs_ = nn_test::VitisRegs();
    model_.regs = &regs_;
    model_.input_size = 3;
    model_.output_size = 2;
    model_.weight_words = 5;
    model_.top = sim_test::RecordingTop;
  }
  uint32_t Run() {
    nn_devmodel_bus b = bus_.bus();
    return nn_devmodel_run(&model_, &b);
  }
  nn_reg_map regs_;
  nn_devmodel model_{};
  FakeBus bus_;
  float in_[64]{}, out_[64]{};
  uint32_t words_[8]{};
};

TEST_F(DevModel, IdentifyMapsNothing) {
  bus_.regs[regs_.mode] = NN_MODE_IDENTIFY;
  bus_.regs[regs_.batch] = 9;
  g_top.result = 0x1234ABCDu;
  EXPECT_EQ(Run(), 0x1234ABCDu);
  ASSERT_EQ(g_top.calls.size(), 1u);
  const auto& c = g_top.calls[0];
  EXPECT_EQ(c.in, nullptr);
  EXPECT_EQ(c.out, nullptr);
  EXPECT_EQ(c.weights, nullptr);
  EXPECT_EQ(c.batch, 0u);  // the batch register does not matter to mode 2
  EXPECT_EQ(c.mode, uint32_t(NN_MODE_IDENTIFY));
  EXPECT_TRUE(bus_.maps.empty());
}

TEST_F(DevModel, LoadWeightsMapsTheImageFromBothAddressWords) {
  bus_.regs[regs_.mode] = NN_MODE_LOAD_WEIGHTS;
  bus_.regs[regs_.batch] = 4;
  bus_.regs[regs_.weights_lo] = 0x80001000u;
  bus_.regs[regs_.weights_hi] = 0x7u;
  bus_.memory[0x780001000ull] = words_;
  EXPECT_EQ(Run(), g_top.result);
  ASSERT_EQ(bus_.maps.size(), 1u);
  EXPECT_EQ(bus_.maps[0].phys, 0x780001000ull);
  EXPECT_EQ(bus_.maps[0].len, 5u * 4u);
  ASSERT_EQ(g_top.calls.size(), 1u);
  EXPECT_EQ(g_top.calls[0].weights, words_);
  EXPECT_EQ(g_top.calls[0].in, nullptr);
  EXPECT_EQ(g_top.calls[0].batch, 0u);
  EXPECT_EQ(g_top.calls[0].mode, uint32_t(NN_MODE_LOAD_WEIGHTS));
}

TEST_F(DevModel, InferMapsInputAndOutputForTheBatch) {
  bus_.regs[regs_.mode] = NN_MODE_INFER;
  bus_.regs[regs_.batch] = 3;
  bus_.regs[regs_.in_lo] = 0x1000;
  bus_.regs[regs_.in_hi] = 0x1;
  bus_.regs[regs_.out_lo] = 0x2000;
  bus_.regs[regs_.out_hi] = 0x2;
  bus_.memory[0x100001000ull] = in_;
  bus_.memory[0x200002000ull] = out_;
  g_top.result = 3;
  EXPECT_EQ(Run(), 3u);
  ASSERT_EQ(bus_.maps.size(), 2u);
  EXPECT_EQ(bus_.maps[0].phys, 0x100001000ull);
  EXPECT_EQ(bus_.maps[0].len, 3u * 3u * 4u);
  EXPECT_EQ(bus_.maps[1].phys, 0x200002000ull);
  EXPECT_EQ(bus_.maps[1].len, 3u * 2u * 4u);
  ASSERT_EQ(g_top.calls.size(), 1u);
  EXPECT_EQ(g_top.calls[0].in, in_);
  EXPECT_EQ(g_top.calls[0].out, out_);
  EXPECT_EQ(g_top.calls[0].weights, nullptr);
  EXPECT_EQ(g_top.calls[0].batch, 3u);
}

TEST_F(DevModel, InferWithBatchZeroLeavesItToTheTop) {
  bus_.regs[regs_.mode] = NN_MODE_INFER;
  bus_.regs[regs_.batch] = 0;
  g_top.result = 0xBAD0u;
  EXPECT_EQ(Run(), 0xBAD0u);
  EXPECT_TRUE(bus_.maps.empty());
  ASSERT_EQ(g_top.calls.size(), 1u);
  EXPECT_EQ(g_top.calls[0].in, nullptr);
  EXPECT_EQ(g_top.calls[0].batch, 0u);
}

TEST_F(DevModel, UnknownModeGoesToTheTopWithItsBatch) {
  bus_.regs[regs_.mode] = 7;
  bus_.regs[regs_.batch] = 5;
  EXPECT_EQ(Run(), g_top.result);
  EXPECT_TRUE(bus_.maps.empty());
  ASSERT_EQ(g_top.calls.size(), 1u);
  EXPECT_EQ(g_top.calls[0].mode, 7u);
  EXPECT_EQ(g_top.calls[0].batch, 5u);
  EXPECT_EQ(g_top.calls[0].in, nullptr);
}

TEST_F(DevModel, AbsentHighWordReadsAsZero) {
  regs_ = nn_test::Addr32Regs();
  bus_.regs[regs_.mode] = NN_MODE_LOAD_WEIGHTS;
  bus_.regs[regs_.weights_lo] = 0x40000000u;
  bus_.regs[regs_.weights_lo + 4] = 0xFFFFFFFFu;  // the next register is not a high word
  bus_.memory[0x40000000u] = words_;
  EXPECT_EQ(Run(), g_top.result);
  ASSERT_EQ(bus_.maps.size(), 1u);
  EXPECT_EQ(bus_.maps[0].phys, 0x40000000u);
}

TEST_F(DevModel, BusFaultsNeverReachTheTop) {
  bus_.regs[regs_.mode] = NN_MODE_LOAD_WEIGHTS;
  EXPECT_EQ(Run(), NN_DEVMODEL_BUS_FAULT);
  EXPECT_TRUE(g_top.calls.empty());

  bus_.maps.clear();
  bus_.regs[regs_.mode] = NN_MODE_INFER;
  bus_.regs[regs_.batch] = 1;
  bus_.regs[regs_.out_lo] = 0x2000;
  bus_.memory[0x2000] = out_;  // output fine, input not
  EXPECT_EQ(Run(), NN_DEVMODEL_BUS_FAULT);
  EXPECT_EQ(bus_.maps.size(), 2u);  // both ranges were presented to the backend
  EXPECT_TRUE(g_top.calls.empty());
}

TEST_F(DevModel, LengthsThatDoNotFitSizeTAreNeverWrapped) {
  model_.input_size = 0xFFFFFFFFu;
  bus_.regs[regs_.mode] = NN_MODE_INFER;
  bus_.regs[regs_.batch] = 0xFFFFFFFFu;
  EXPECT_EQ(Run(), NN_DEVMODEL_BUS_FAULT);
  ASSERT_EQ(bus_.maps.size(), 2u);
  // (2^32-1)^2 * 4 bytes exceeds even a 64-bit size_t: asked for as SIZE_MAX, not wrapped.
  EXPECT_EQ(bus_.maps[0].len, SIZE_MAX);
  EXPECT_EQ(bus_.maps[1].len, size_t(0xFFFFFFFFull * 2u * 4u));
}

// --- the same decoding behind the sim HAL's registers and pool ---

class SimDevModel : public ::testing::Test {
 protected:
  SimBoard b_;
  const nn_reg_map& r() { return b_.regs(); }
  void Start(uint32_t mode, uint32_t batch) {
    b_.Write(r().mode, mode);
    b_.Write(r().batch, batch);
    b_.Write(r().ap_ctrl, NN_AP_START);
  }
};

TEST_F(SimDevModel, LiveBuffersReachTheTopAsThemselves) {
  nn_dma_buf in{}, out{}, w{};
  ASSERT_EQ(nn_hal_dma_alloc(b_.hal(), 2 * 3 * 4, &in), NN_HAL_OK);
  ASSERT_EQ(nn_hal_dma_alloc(b_.hal(), 2 * 2 * 4, &out), NN_HAL_OK);
  ASSERT_EQ(nn_hal_dma_alloc(b_.hal(), 5 * 4, &w), NN_HAL_OK);
  b_.WriteAddr(r().in_lo, r().in_hi, in.phys);
  b_.WriteAddr(r().out_lo, r().out_hi, out.phys);
  b_.WriteAddr(r().weights_lo, r().weights_hi, w.phys);
  Start(NN_MODE_LOAD_WEIGHTS, 0);
  Start(NN_MODE_INFER, 2);
  ASSERT_EQ(g_top.calls.size(), 2u);
  EXPECT_EQ(g_top.calls[0].weights, w.virt);
  EXPECT_EQ(g_top.calls[1].in, in.virt);
  EXPECT_EQ(g_top.calls[1].out, out.virt);
  EXPECT_EQ(g_top.calls[1].batch, 2u);
  EXPECT_EQ(b_.stats().bus_faults, 0u);
  EXPECT_EQ(b_.Read(r().ap_return), g_top.result);
}

TEST_F(SimDevModel, AddressesOutsideLiveBuffersAreBusFaults) {
  nn_dma_buf w{}, spare{};
  ASSERT_EQ(nn_hal_dma_alloc(b_.hal(), 5 * 4, &w), NN_HAL_OK);
  ASSERT_EQ(nn_hal_dma_alloc(b_.hal(), 64, &spare), NN_HAL_OK);
  struct Case {
    const char* what;
    uint64_t phys;
  } cases[] = {
      {"before the pool", uint64_t(uintptr_t(b_.pool())) - 64},
      {"past the pool", uint64_t(uintptr_t(b_.pool())) + SimBoard::kPoolSize},
      {"free space of the pool", uint64_t(uintptr_t(b_.pool())) + 1024},
      {"runs past the buffer's end", w.phys + 48},
      {"address 0", 0},
      {"far away", 0xFFFFFFFFFFFFFFC0ull},
  };
  uint64_t faults = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    b_.WriteAddr(r().weights_lo, r().weights_hi, c.phys);
    Start(NN_MODE_LOAD_WEIGHTS, 0);
    EXPECT_EQ(b_.stats().bus_faults, ++faults);
    EXPECT_EQ(b_.Read(r().ap_return), NN_DEVMODEL_BUS_FAULT);
  }
  EXPECT_TRUE(g_top.calls.empty());
  // A freed buffer is no longer reachable.
  uint64_t spare_phys = spare.phys;
  nn_hal_dma_free(b_.hal(), &spare);
  b_.WriteAddr(r().weights_lo, r().weights_hi, spare_phys);
  Start(NN_MODE_LOAD_WEIGHTS, 0);
  EXPECT_EQ(b_.stats().bus_faults, faults + 1);
  EXPECT_TRUE(g_top.calls.empty());
}

TEST_F(SimDevModel, TheHighAddressWordCounts) {
  nn_dma_buf w{};
  ASSERT_EQ(nn_hal_dma_alloc(b_.hal(), 5 * 4, &w), NN_HAL_OK);
  b_.Write(r().weights_lo, uint32_t(w.phys));
  b_.Write(r().weights_hi, uint32_t(w.phys >> 32) + 1u);  // another 4 GiB window
  Start(NN_MODE_LOAD_WEIGHTS, 0);
  EXPECT_EQ(b_.stats().bus_faults, 1u);
  EXPECT_TRUE(g_top.calls.empty());
  b_.Write(r().weights_hi, uint32_t(w.phys >> 32));
  Start(NN_MODE_LOAD_WEIGHTS, 0);
  ASSERT_EQ(g_top.calls.size(), 1u);
  EXPECT_EQ(g_top.calls[0].weights, w.virt);
}

}  // namespace
