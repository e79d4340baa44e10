// test_uio_find.cpp - finding the accelerator's uioN by name and by address,
// and what the error says when it is not there.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "fake_accel.h"
#include "fake_tree.h"
#include "hal_fixture.h"
#include "nnhal/nn_hal_uio.h"

namespace hal_test {
namespace {

class UioFind : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.AddUio(0, "axi_dma", 0x40400000u, 0x10000);
    tree_.AddUio(3, "digits_accel", kUioAddr, kUioSize);
    tree_.AddUio(12, "gpio", 0x41200000u, 0x1000);
    tree_.AddUdmabuf("udmabuf0", kDmaPhys, kDmaSize);
  }
  FakeTree tree_;
  nn_reg_map regs_ = TestRegs();
  char err_[512] = "";
};

TEST(UioDefaults, ConfigInit) {
  nn_uio_config c;
  nn_uio_config_init(&c);
  EXPECT_STREQ(c.sysfs_root, "/sys");
  EXPECT_STREQ(c.dev_root, "/dev");
  EXPECT_STREQ(c.udmabuf_name, "udmabuf0");
  EXPECT_EQ(c.uio_name, nullptr);
  EXPECT_EQ(c.uncached, 0);
  EXPECT_EQ(c.use_irq, 1);
  EXPECT_EQ(c.regs, nullptr);
  EXPECT_EQ(c.irq_fd_override, -1);
  EXPECT_EQ(c.sync_observer, nullptr);
}

TEST_F(UioFind, ByName) {
  nn_uio_config c = UioConfig(tree_, &regs_);
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err_, sizeof err_), 0) << err_;
  nn_uio_info info;
  nn_uio_get_info(u, &info);
  EXPECT_EQ(info.uio_index, 3);
  EXPECT_EQ(info.map_addr, kUioAddr);
  EXPECT_EQ(info.map_size, kUioSize);
  EXPECT_EQ(info.dma_phys, kDmaPhys);
  EXPECT_EQ(info.dma_size, kDmaSize);
  EXPECT_EQ(info.has_irq, 0);
  nn_uio_close(u);
}

TEST_F(UioFind, ByAddress) {
  nn_uio_config c = UioConfig(tree_, &regs_);
  c.uio_name = nullptr;
  c.uio_addr = 0x41200000u;
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err_, sizeof err_), 0) << err_;
  nn_uio_info info;
  nn_uio_get_info(u, &info);
  EXPECT_EQ(info.uio_index, 12);
  nn_uio_close(u);
}

// A device whose map0/addr cannot be parsed is not ours; the search goes on.
TEST_F(UioFind, ByAddressSkipsUnreadableDevices) {
  tree_.Write("sys/class/uio/uio0/maps/map0/addr", "garbage\n");
  nn_uio_config c = UioConfig(tree_, &regs_);
  c.uio_name = nullptr;
  c.uio_addr = kUioAddr;
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err_, sizeof err_), 0) << err_;
  nn_uio_info info;
  nn_uio_get_info(u, &info);
  EXPECT_EQ(info.uio_index, 3);
  nn_uio_close(u);
  c.uio_addr = 0x40400000u;  // uio0's (unreadable) address
  ASSERT_NE(nn_uio_open(&u, &c, err_, sizeof err_), 0);
  EXPECT_NE(std::string(err_).find("uio0 'axi_dma' at ?"), std::string::npos) << err_;
}

TEST_F(UioFind, NameNotFoundListsWhatExists) {
  nn_uio_config c = UioConfig(tree_, &regs_);
  c.uio_name = "mnist_accel";
  nn_uio* u = nullptr;
  ASSERT_NE(nn_uio_open(&u, &c, err_, sizeof err_), 0);
  EXPECT_EQ(u, nullptr);
  std::string e = err_;
  EXPECT_NE(e.find("no device named 'mnist_accel' among the 3 under " + tree_.sys() + "/class/uio"),
            std::string::npos)
      << e;
  // Sorted numerically, with names and addresses.
  EXPECT_NE(e.find("found: uio0 'axi_dma' at 0x40400000, uio3 'digits_accel' at 0x43c00000, "
                   "uio12 'gpio' at 0x41200000"),
            std::string::npos)
      << e;
}

TEST_F(UioFind, AddressNotFoundListsWhatExists) {
  nn_uio_config c = UioConfig(tree_, &regs_);
  c.uio_name = nullptr;
  c.uio_addr = 0xA0000000u;
  nn_uio* u = nullptr;
  ASSERT_NE(nn_uio_open(&u, &c, err_, sizeof err_), 0);
  std::string e = err_;
  EXPECT_NE(e.find("no device with map0 at 0xa0000000 among the 3 under"), std::string::npos) << e;
  EXPECT_NE(e.find("uio3 'digits_accel' at 0x43c00000"), std::string::npos) << e;
}

// More devices than the "not found" listing holds: every one is still
// searched (the search once looked only at the first 64 readdir returned, so
// the accelerator was "not found" on a board with many UIO nodes), and the
// lowest-numbered of two equal names wins on every run.
TEST(UioFindMany, EveryDeviceIsSearched) {
  FakeTree tree;
  for (int i = 0; i < 600; ++i)
    tree.AddUio(i, "gpio" + std::to_string(i), 0x41200000u + 0x10000u * uint64_t(i), 0x1000);
  tree.AddUio(600, "digits_accel", kUioAddr, kUioSize);
  tree.AddUio(700, "digits_accel", 0xA0000000u, kUioSize);
  tree.AddUdmabuf("udmabuf0", kDmaPhys, kDmaSize);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  char err[512] = "";
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err, sizeof err), 0) << err;
  nn_uio_info info;
  nn_uio_get_info(u, &info);
  EXPECT_EQ(info.uio_index, 600);
  nn_uio_close(u);
  c.uio_name = nullptr;
  c.uio_addr = 0xA0000000u;
  ASSERT_EQ(nn_uio_open(&u, &c, err, sizeof err), 0) << err;
  nn_uio_get_info(u, &info);
  EXPECT_EQ(info.uio_index, 700);
  nn_uio_close(u);
  c.uio_name = "mnist_accel";
  ASSERT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  EXPECT_NE(std::string(err).find("no device named 'mnist_accel' among the 602 under "),
            std::string::npos)
      << err;
}

// A node whose reg is not page-aligned: the kernel maps from the page and
// maps/map0/offset says where the registers start; they must land there.
TEST(UioMapOffset, RegistersStartAtMap0Offset) {
  FakeTree tree;
  AddStandardBoard(tree);
  tree.Write("sys/class/uio/uio0/maps/map0/offset", "0x100\n");
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  char err[512] = "";
  nn_uio* u = nullptr;
  // The stand-in device file must hold offset + size.
  ASSERT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  EXPECT_NE(std::string(err).find("less than map0's offset + size 0x10100"), std::string::npos)
      << err;
  tree.MakeFile("dev/uio0", kUioSize + 0x100);
  ASSERT_EQ(nn_uio_open(&u, &c, err, sizeof err), 0) << err;
  nn_hal h = nn_uio_hal(u);
  nn_hal_reg_write(&h, 0x3C, 0xCAFEF00Du);
  EXPECT_EQ(nn_hal_reg_read(&h, 0x3C), 0xCAFEF00Du);
  const std::string dev = tree.Read("dev/uio0");
  uint32_t word = 0;
  std::memcpy(&word, dev.data() + 0x100 + 0x3C, 4);
  EXPECT_EQ(word, 0xCAFEF00Du);
  nn_uio_close(u);
  tree.Write("sys/class/uio/uio0/maps/map0/offset", "0x10000\n");
  ASSERT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  EXPECT_NE(std::string(err).find("0x10000 is not an offset inside a page"), std::string::npos)
      << err;
}

TEST(UioFindEmpty, NoUioClassSaysWhy) {
  FakeTree tree;
  tree.AddUdmabuf("udmabuf0", kDmaPhys, kDmaSize);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  char err[512];
  nn_uio* u = nullptr;
  ASSERT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  std::string e = err;
  EXPECT_NE(e.find("cannot open " + tree.sys() + "/class/uio"), std::string::npos) << e;
  EXPECT_NE(e.find("generic-uio"), std::string::npos) << e;
}

TEST(UioFindEmpty, EmptyClassSaysFoundNone) {
  FakeTree tree;
  tree.Write("sys/class/uio/README", "not a device");
  tree.AddUdmabuf("udmabuf0", kDmaPhys, kDmaSize);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  char err[512];
  nn_uio* u = nullptr;
  ASSERT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  EXPECT_NE(std::string(err).find("(found: none)"), std::string::npos) << err;
}

// The tree may live under a relative directory (ctest's working directory):
// nothing in the HAL may assume absolute paths.
TEST(UioFindRelative, RelativeRootWorks) {
  FakeTree tree(".");
  ASSERT_NE(tree.root()[0], '/');
  AddStandardBoard(tree);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  char err[512] = "";
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err, sizeof err), 0) << err;
  nn_hal h = nn_uio_hal(u);
  nn_hal_reg_write(&h, 0x3C, 0xCAFE);
  EXPECT_EQ(nn_hal_reg_read(&h, 0x3C), 0xCAFEu);
  nn_uio_close(u);
}

}  // namespace
}  // namespace hal_test
