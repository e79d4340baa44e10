// test_uio_irq.cpp - the UIO interrupt protocol of wait_irq, over a socketpair
// standing in for /dev/uioN's event counter (nn_uio_config.irq_fd_override):
// enable by writing int32 1, poll + 4-byte read, acknowledge ISR through the
// registers, re-enable; spurious wake-ups and timeouts.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <thread>

#include "fake_accel.h"
#include "fake_tree.h"
#include "hal_fixture.h"
#include "nnhal/nn_hal_uio.h"

namespace hal_test {
namespace {

class UioIrq : public ::testing::Test {
 protected:
  void SetUp() override {
    AddStandardBoard(tree_);
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv_), 0);
    nn_uio_config c = UioConfig(tree_, &regs_, sv_[0]);
    ASSERT_EQ(nn_uio_open(&u_, &c, err_, sizeof err_), 0) << err_;
    hal_ = nn_uio_hal(u_);
    // The open enabled the interrupt once.
    EXPECT_EQ(DrainEnables(sv_[1], 1000), 1);
  }
  void TearDown() override {
    nn_uio_close(u_);
    close(sv_[0]);
    close(sv_[1]);
  }
  void Raise(uint32_t count) { ASSERT_EQ(send(sv_[1], &count, 4, 0), 4); }
  // The register file as the IP sees it.
  uint32_t Isr() { return Peek(regs_.isr); }
  uint32_t Peek(uint32_t off) {
    std::string f = tree_.Read("dev/uio0");
    uint32_t v;
    std::memcpy(&v, f.data() + off, 4);
    return v;
  }
  void Poke(uint32_t off, uint32_t v) { nn_hal_reg_write(&hal_, off, v); }

  FakeTree tree_;
  nn_reg_map regs_ = TestRegs();
  int sv_[2] = {-1, -1};
  nn_uio* u_ = nullptr;
  nn_hal hal_{};
  char err_[512] = "";
};

TEST_F(UioIrq, HalOffersWaitIrq) { EXPECT_TRUE(nn_hal_has_irq(&hal_)); }

TEST_F(UioIrq, WaitAcknowledgesIsrThenReenables) {
  Poke(regs_.isr, NN_IRQ_DONE | kIsrMarker);
  Raise(1);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 1000000), NN_HAL_OK);
  // ap_done was written back (the marker bit is gone: the HAL wrote exactly
  // NN_IRQ_DONE), then the line was re-enabled once.
  EXPECT_EQ(Isr(), NN_IRQ_DONE);
  EXPECT_EQ(DrainEnables(sv_[1], 1000), 1);
}

TEST_F(UioIrq, TimeoutWithoutEvent) {
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 30000), NN_HAL_TIMEOUT);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  EXPECT_GE(ms, 29);
  EXPECT_LT(ms, 2000);
  // No event consumed: nothing to re-enable, ISR untouched.
  EXPECT_EQ(DrainEnables(sv_[1], 0), 0);
  EXPECT_EQ(Isr(), 0u);
}

TEST_F(UioIrq, SpuriousWakeupReenablesAndKeepsWaiting) {
  // An event with ISR clear (shared line): must not be reported as done.
  Raise(1);
  std::thread ip([this] {
    // Wait for the re-enable after the spurious event, then complete for real.
    int n = DrainEnables(sv_[1], 2000);
    EXPECT_EQ(n, 1);
    EXPECT_EQ(Isr(), 0u) << "ISR written although ap_done was not set";
    uint32_t v = NN_IRQ_DONE | kIsrMarker;
    std::string f = tree_.Path("dev/uio0");
    FILE* fp = std::fopen(f.c_str(), "r+b");
    ASSERT_NE(fp, nullptr);
    std::fseek(fp, long(regs_.isr), SEEK_SET);
    std::fwrite(&v, 4, 1, fp);
    std::fclose(fp);
    uint32_t count = 2;
    EXPECT_EQ(send(sv_[1], &count, 4, 0), 4);
  });
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 2000000), NN_HAL_OK);
  ip.join();
  EXPECT_EQ(Isr(), NN_IRQ_DONE);
  EXPECT_EQ(DrainEnables(sv_[1], 1000), 1);
}

TEST_F(UioIrq, SpuriousWakeupThenTimeout) {
  Raise(1);
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 30000), NN_HAL_TIMEOUT);
  EXPECT_EQ(DrainEnables(sv_[1], 0), 1);  // re-enabled after the spurious event
  EXPECT_EQ(Isr(), 0u);
}

TEST_F(UioIrq, BrokenEventSourceIsAnError) {
  close(sv_[1]);
  sv_[1] = -1;
  EXPECT_EQ(nn_hal_wait_irq(&hal_, 1000000), NN_HAL_ERROR);
  EXPECT_NE(std::string(nn_uio_last_error(u_)).find(tree_.Path("dev/uio0")), std::string::npos)
      << nn_uio_last_error(u_);
}

TEST(UioIrqOpen, EnableFailureIsReported) {
  FakeTree tree;
  AddStandardBoard(tree);
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  close(sv[1]);  // writes to sv[0] now fail (EPIPE)
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs, sv[0]);
  char err[512];
  nn_uio* u = nullptr;
  signal(SIGPIPE, SIG_IGN);  // a real /dev/uioN never raises it; the socket would
  EXPECT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  EXPECT_NE(std::string(err).find("cannot enable the interrupt of " + tree.Path("dev/uio0")),
            std::string::npos)
      << err;
  close(sv[0]);
}

}  // namespace
}  // namespace hal_test
