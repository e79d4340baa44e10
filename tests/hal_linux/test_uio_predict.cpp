// test_uio_predict.cpp - the real libnndriver over the UIO HAL on a fake tree,
// with a fake accelerator thread: results, the order of u-dma-buf syncs around
// a run (clean inputs and flush outputs before ap_start, invalidate outputs
// after), interrupts acknowledged before re-enabling, uncached mode, and
// requests beyond the u-dma-buf.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "fake_accel.h"
#include "fake_tree.h"
#include "hal_fixture.h"
#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_uio.h"

namespace hal_test {
namespace {

struct Param {
  bool irq;
  bool uncached;
};

class UioPredict : public ::testing::TestWithParam<Param> {
 protected:
  void SetUp() override {
    AddStandardBoard(tree_);
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv_), 0);
    FakeAccelConfig fc;
    fc.reg_path = tree_.Path("dev/uio0");
    fc.reg_size = kUioSize;
    fc.mem_path = tree_.Path("dev/udmabuf0");
    fc.mem_phys = kDmaPhys;
    fc.mem_size = kDmaSize;
    fc.signature = kSignature;
    fc.input_size = model_.input_size;
    fc.output_size = model_.output_size;
    fc.weight_words = model_.weight_words;
    fc.irq_fd = GetParam().irq ? sv_[1] : -1;
    accel_ = std::make_unique<FakeAccel>(fc);
    accel_->on_start = [this](uint32_t mode) {
      std::lock_guard<std::mutex> l(mu_);
      starts_.push_back({mode, syncs_.Count()});
    };
    nn_uio_config c = UioConfig(tree_, &model_.regs, GetParam().irq ? sv_[0] : -1);
    c.uncached = GetParam().uncached ? 1 : 0;
    syncs_.Attach(c);
    ASSERT_EQ(nn_uio_open(&u_, &c, err_, sizeof err_), 0) << err_;
    hal_ = nn_uio_hal(u_);
  }
  void TearDown() override {
    accel_.reset();
    nn_uio_close(u_);
    close(sv_[0]);
    close(sv_[1]);
  }
  nn_options Options() {
    nn_options o;
    nn_options_init(&o);
    o.use_irq = GetParam().irq ? 1 : 0;
    o.timeout_us = 2000000;
    return o;
  }
  // (mode, number of sync records when the accelerator accepted ap_start)
  struct Start {
    uint32_t mode;
    size_t syncs_before;
  };

  FakeTree tree_;
  nn_model_desc model_ = TestModel();
  int sv_[2] = {-1, -1};
  std::unique_ptr<FakeAccel> accel_;
  SyncRecorder syncs_{tree_, "udmabuf0"};
  std::mutex mu_;
  std::vector<Start> starts_;
  nn_uio* u_ = nullptr;
  nn_hal hal_{};
  char err_[512] = "";
};

TEST_P(UioPredict, ResultsAndSyncOrder) {
  nn_device dev;
  nn_options o = Options();
  ASSERT_EQ(nn_open(&dev, &model_, &hal_, &o), NN_OK) << nn_uio_last_error(u_);
  std::vector<uint8_t> blob = BuildNnw(kSignature, model_.weight_words);
  ASSERT_EQ(nn_load_weights(&dev, blob.data(), blob.size()), NN_OK) << nn_uio_last_error(u_);

  const uint32_t batch = 3;
  std::vector<float> in(batch * model_.input_size), out(batch * model_.output_size, -1.0f);
  for (size_t i = 0; i < in.size(); ++i) in[i] = 0.5f * float(i) - 3.0f;
  size_t syncs_before_predict = syncs_.Count();
  ASSERT_EQ(nn_predict(&dev, in.data(), out.data(), batch), NN_OK) << nn_uio_last_error(u_);

  std::vector<float> w = NnwWords(blob);
  for (uint32_t s = 0; s < batch; ++s)
    for (uint32_t j = 0; j < model_.output_size; ++j)
      EXPECT_EQ(out[s * model_.output_size + j],
                2.0f * in[s * model_.input_size + j % model_.input_size] + w[j % w.size()])
          << "sample " << s << " output " << j;
  EXPECT_EQ(accel_->bad_addresses.load(), 0);
  EXPECT_STREQ(nn_uio_last_error(u_), "");

  // Buffers lie in the u-dma-buf; the accelerator got their physical addresses.
  ASSERT_GE(dev.in_buf.phys, kDmaPhys);
  ASSERT_LT(dev.out_buf.phys, kDmaPhys + kDmaSize);
  uint64_t in_off = dev.in_buf.phys - kDmaPhys, out_off = dev.out_buf.phys - kDmaPhys;
  EXPECT_EQ(in_off % 64, 0u);
  EXPECT_EQ(out_off % 64, 0u);

  std::vector<SyncRecord> rec = syncs_.Records();
  Start last;
  {
    std::lock_guard<std::mutex> l(mu_);
    ASSERT_FALSE(starts_.empty());
    last = starts_.back();
  }
  EXPECT_EQ(last.mode, uint32_t(NN_MODE_INFER));
  if (GetParam().uncached) {
    // O_SYNC mapping: not a single sync write, the files were never touched.
    EXPECT_TRUE(rec.empty());
    for (const char* a :
         {"sync_offset", "sync_size", "sync_direction", "sync_for_cpu", "sync_for_device"})
      EXPECT_EQ(tree_.Read(std::string("sys/class/u-dma-buf/udmabuf0/") + a), kUntouched) << a;
    nn_close(&dev);
    return;
  }
  // Exactly: clean inputs, flush outputs | start | invalidate outputs.
  ASSERT_EQ(last.syncs_before, syncs_before_predict + 2);
  ASSERT_EQ(rec.size(), syncs_before_predict + 3);
  const SyncRecord& clean = rec[syncs_before_predict];
  const SyncRecord& flush = rec[syncs_before_predict + 1];
  const SyncRecord& inval = rec[syncs_before_predict + 2];
  EXPECT_TRUE(clean.for_device);
  EXPECT_EQ(clean.direction, 1);  // DMA_TO_DEVICE
  EXPECT_EQ(clean.offset, in_off);
  EXPECT_EQ(clean.size, Round64(4ull * batch * model_.input_size));
  EXPECT_EQ(clean.trigger, "1");
  EXPECT_TRUE(flush.for_device);
  EXPECT_EQ(flush.direction, 0);  // DMA_BIDIRECTIONAL
  EXPECT_EQ(flush.offset, out_off);
  EXPECT_EQ(flush.size, Round64(4ull * batch * model_.output_size));
  EXPECT_FALSE(inval.for_device);
  EXPECT_EQ(inval.direction, 2);  // DMA_FROM_DEVICE
  EXPECT_EQ(inval.offset, out_off);
  EXPECT_EQ(inval.size, Round64(4ull * batch * model_.output_size));
  EXPECT_EQ(inval.trigger, "1");

  // The weight load cleaned the weight buffer before its start.
  bool weights_cleaned = false;
  for (const SyncRecord& r : rec)
    weights_cleaned |= r.for_device && r.offset == dev.w_buf.phys - kDmaPhys &&
                       r.size == Round64(4ull * model_.weight_words) && r.direction == 1;
  EXPECT_TRUE(weights_cleaned);
  nn_close(&dev);
}

TEST_P(UioPredict, InterruptsAcknowledgedBeforeReenable) {
  nn_device dev;
  nn_options o = Options();
  ASSERT_EQ(nn_open(&dev, &model_, &hal_, &o), NN_OK) << nn_uio_last_error(u_);
  std::vector<uint8_t> blob = BuildNnw(kSignature, model_.weight_words);
  ASSERT_EQ(nn_load_weights(&dev, blob.data(), blob.size()), NN_OK);
  std::vector<float> in(model_.input_size, 1.0f), out(model_.output_size);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(nn_predict(&dev, in.data(), out.data(), 1), NN_OK);
  nn_close(&dev);
  accel_->Stop();
  // identify + load + 5 predicts
  EXPECT_EQ(accel_->starts.load(), 7);
  if (GetParam().irq) {
    EXPECT_EQ(accel_->irqs_raised.load(), 7);
    EXPECT_EQ(accel_->acks_seen.load(), 7);
    EXPECT_EQ(accel_->acks_missing.load(), 0);
  } else {
    EXPECT_EQ(accel_->irqs_raised.load(), 0);
  }
}

TEST_P(UioPredict, TimeoutWhenTheAcceleratorHangs) {
  nn_device dev;
  nn_options o = Options();
  ASSERT_EQ(nn_open(&dev, &model_, &hal_, &o), NN_OK);
  std::vector<uint8_t> blob = BuildNnw(kSignature, model_.weight_words);
  ASSERT_EQ(nn_load_weights(&dev, blob.data(), blob.size()), NN_OK);
  accel_->hang = true;
  std::vector<float> in(model_.input_size, 1.0f), out(model_.output_size);
  ASSERT_EQ(nn_start(&dev, 1), NN_OK);
  EXPECT_EQ(nn_wait(&dev, 50000), NN_E_TIMEOUT);
  nn_close(&dev);
}

INSTANTIATE_TEST_SUITE_P(Modes, UioPredict,
                         ::testing::Values(Param{false, false}, Param{true, false},
                                           Param{false, true}, Param{true, true}),
                         [](const ::testing::TestParamInfo<Param>& i) {
                           return std::string(i.param.irq ? "Irq" : "Poll") +
                                  (i.param.uncached ? "Uncached" : "Cached");
                         });

TEST(UioDma, RequestBeyondTheUdmabufIsRefused) {
  FakeTree tree;
  AddStandardBoard(tree, 4096);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  char err[512];
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err, sizeof err), 0) << err;
  nn_hal h = nn_uio_hal(u);
  nn_dma_buf a{}, b{}, big{};
  ASSERT_EQ(nn_hal_dma_alloc(&h, 1000, &a), NN_HAL_OK);
  EXPECT_EQ(a.phys, kDmaPhys);
  EXPECT_EQ(a.size, 1024u);
  ASSERT_EQ(nn_hal_dma_alloc(&h, 2048, &b), NN_HAL_OK);
  EXPECT_EQ(b.phys, kDmaPhys + 1024);
  EXPECT_EQ(static_cast<uint8_t*>(b.virt) - static_cast<uint8_t*>(a.virt), 1024);
  // 1024 bytes are left: 1025 must be refused with the sizes in the message.
  EXPECT_EQ(nn_hal_dma_alloc(&h, 1025, &big), NN_HAL_NOMEM);
  std::string e = nn_uio_last_error(u);
  EXPECT_NE(e.find("u-dma-buf " + tree.Path("dev/udmabuf0")), std::string::npos) << e;
  EXPECT_NE(e.find("buffer of 1025 bytes (1088 padded) does not fit: region 4096 bytes, 3072 in "
                   "use by 2 buffers"),
            std::string::npos)
      << e;
  EXPECT_EQ(nn_hal_dma_alloc(&h, 5000, &big), NN_HAL_NOMEM);
  EXPECT_NE(std::string(nn_uio_last_error(u)).find("region holds 4096 bytes"), std::string::npos);
  // Freeing makes room again (first fit reuses the hole).
  nn_hal_dma_free(&h, &a);
  nn_dma_buf c2{};
  ASSERT_EQ(nn_hal_dma_alloc(&h, 1025 - 64, &c2), NN_HAL_OK);
  EXPECT_EQ(c2.phys, kDmaPhys);
  // Bytes written by the CPU land in the u-dma-buf at the buffer's offset.
  std::memcpy(b.virt, "nnaccel", 8);
  EXPECT_EQ(tree.Read("dev/udmabuf0").substr(1024, 7), "nnaccel");
  nn_hal_dma_free(&h, &b);
  nn_hal_dma_free(&h, &c2);
  nn_uio_close(u);
}

TEST(UioDma, DriverOpenBeyondTheUdmabufFailsWithNomem) {
  FakeTree tree;
  AddStandardBoard(tree, 768);  // input 640 bytes fits, output 160 more does not
  nn_model_desc model = TestModel();
  nn_uio_config c = UioConfig(tree, &model.regs);
  char err[512];
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err, sizeof err), 0) << err;
  nn_hal h = nn_uio_hal(u);
  nn_device dev;
  nn_options o;
  nn_options_init(&o);
  o.skip_identify = 1;
  EXPECT_EQ(nn_open(&dev, &model, &h, &o), NN_E_NOMEM);
  EXPECT_NE(std::string(nn_uio_last_error(u)).find("does not fit"), std::string::npos)
      << nn_uio_last_error(u);
  nn_uio_close(u);
}

}  // namespace
}  // namespace hal_test
