// test_sysfs_errors.cpp - missing, unreadable and malformed sysfs attributes
// give an error naming the file; the number parser; register bounds.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

#include "fake_accel.h"
#include "fake_tree.h"
#include "hal_fixture.h"
#include "nn_linux_internal.h"
#include "nnhal/nn_hal_uio.h"

namespace hal_test {
namespace {

TEST(SysfsParse, HexAndDecimal) {
  uint64_t v = 0;
  EXPECT_EQ(nn_sysfs_parse_u64("0x43c00000", &v), 0);
  EXPECT_EQ(v, 0x43C00000u);
  EXPECT_EQ(nn_sysfs_parse_u64("0x0000000800000000\n", &v), 0);
  EXPECT_EQ(v, 0x800000000ull);
  EXPECT_EQ(nn_sysfs_parse_u64("4194304", &v), 0);
  EXPECT_EQ(v, 4194304u);
  EXPECT_EQ(nn_sysfs_parse_u64("0xFFFFFFFFFFFFFFFF", &v), 0);
  EXPECT_EQ(v, UINT64_MAX);
  EXPECT_EQ(nn_sysfs_parse_u64("18446744073709551615", &v), 0);
  EXPECT_EQ(v, UINT64_MAX);
}

TEST(SysfsParse, RefusesMalformedAndOverflow) {
  uint64_t v = 7;
  for (const char* bad : {"", "0x", "abc", "12abc", "0x1g", "-1", " 12", "1 2",
                          "0x10000000000000000", "18446744073709551616"}) {
    EXPECT_NE(nn_sysfs_parse_u64(bad, &v), 0) << "'" << bad << "'";
    EXPECT_EQ(v, 7u) << "'" << bad << "' changed the output";
  }
}

// Opens the standard board after `damage`; returns the error text.
static std::string OpenError(const std::function<void(const FakeTree&)>& damage, bool uncached,
                             FakeTree& tree) {
  AddStandardBoard(tree);
  damage(tree);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  c.uncached = uncached ? 1 : 0;
  char err[512] = "";
  nn_uio* u = nullptr;
  if (nn_uio_open(&u, &c, err, sizeof err) == 0) {
    nn_uio_close(u);
    return "(opened)";
  }
  EXPECT_EQ(u, nullptr);
  return err;
}

struct Case {
  const char* what;
  const char* file;  // relative to the tree
  std::function<void(const FakeTree&, const std::string&)> damage;
  const char* expect;
};

class SysfsErrors : public ::testing::TestWithParam<int> {};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"missing map0 size", "sys/class/uio/uio0/maps/map0/size",
       [](const FakeTree& t, const std::string& f) { t.Remove(f); }, "cannot open"},
      {"malformed map0 size", "sys/class/uio/uio0/maps/map0/size",
       [](const FakeTree& t, const std::string& f) { t.Write(f, "sixty-four k\n"); },
       "expected a 64-bit number (0x<hex> or decimal), found 'sixty-four k'"},
      {"map0 size too small", "sys/class/uio/uio0/maps/map0/size",
       [](const FakeTree& t, const std::string& f) { t.Write(f, "0x10\n"); },
       "is not a control block"},
      {"missing phys_addr", "sys/class/u-dma-buf/udmabuf0/phys_addr",
       [](const FakeTree& t, const std::string& f) { t.Remove(f); }, "cannot open"},
      {"malformed phys_addr", "sys/class/u-dma-buf/udmabuf0/phys_addr",
       [](const FakeTree& t, const std::string& f) { t.Write(f, "0x38000000zz\n"); },
       "found '0x38000000zz'"},
      {"phys_addr is a directory", "sys/class/u-dma-buf/udmabuf0/phys_addr",
       [](const FakeTree& t, const std::string& f) {
         t.Remove(f);
         t.Write(f + "/x", "");
       },
       "is not a regular (attribute) file"},
      {"oversized size attribute", "sys/class/u-dma-buf/udmabuf0/size",
       [](const FakeTree& t, const std::string& f) { t.Write(f, std::string(200, '1')); },
       "is longer than 63 bytes"},
      {"empty size", "sys/class/u-dma-buf/udmabuf0/size",
       [](const FakeTree& t, const std::string& f) { t.Write(f, "\n"); }, "found ''"},
      {"size beyond the device file", "dev/udmabuf0",
       [](const FakeTree& t, const std::string&) {
         t.Write("sys/class/u-dma-buf/udmabuf0/size", "1048576\n");
       },
       "less than its size attribute 1048576"},
      {"missing u-dma-buf device", "dev/udmabuf0",
       [](const FakeTree& t, const std::string& f) { t.Remove(f); }, "cannot open"},
      {"missing uio device", "dev/uio0",
       [](const FakeTree& t, const std::string& f) { t.Remove(f); }, "cannot open"},
      {"missing sync_for_device", "sys/class/u-dma-buf/udmabuf0/sync_for_device",
       [](const FakeTree& t, const std::string& f) { t.Remove(f); }, "cannot open"},
  };
  return cases;
}

TEST_P(SysfsErrors, ClearMessageNamingTheFile) {
  const Case& c = Cases()[size_t(GetParam())];
  FakeTree tree;
  std::string e = OpenError([&](const FakeTree& t) { c.damage(t, c.file); }, false, tree);
  EXPECT_NE(e.find(tree.Path(c.file)), std::string::npos) << c.what << ": " << e;
  EXPECT_NE(e.find(c.expect), std::string::npos) << c.what << ": " << e;
}

INSTANTIATE_TEST_SUITE_P(Each, SysfsErrors, ::testing::Range(0, int(Cases().size())));

// Permission bits do not stop root, and these tests often run as root (CI
// containers): then the open runs in a child process that drops to the
// unprivileged uid/gid 65534 first, with the rest of the tree opened up to it.
static std::string OpenErrorUnprivileged(FakeTree& tree, const std::string& rel, mode_t mode) {
  AddStandardBoard(tree);
  if (geteuid() != 0) {
    chmod(tree.Path(rel).c_str(), mode);
    return OpenError([](const FakeTree&) {}, false, tree);
  }
  std::error_code ec;
  std::filesystem::permissions(tree.root(), std::filesystem::perms::all, ec);
  for (auto& e : std::filesystem::recursive_directory_iterator(tree.root()))
    std::filesystem::permissions(
        e.path(), e.is_directory() ? std::filesystem::perms::all : std::filesystem::perms(0666),
        ec);
  chmod(tree.Path(rel).c_str(), mode);
  int fds[2];
  if (pipe(fds) != 0) return "(pipe failed)";
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string msg;
    if (setgid(65534) != 0 || setuid(65534) != 0) {
      msg = "(cannot drop privileges)";
    } else {
      nn_reg_map regs = TestRegs();
      nn_uio_config c = UioConfig(tree, &regs);
      char err[512] = "";
      nn_uio* u = nullptr;
      msg = nn_uio_open(&u, &c, err, sizeof err) == 0 ? "(opened)" : err;
    }
    ssize_t n = write(fds[1], msg.data(), msg.size());
    _exit(n == ssize_t(msg.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, size_t(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

TEST(SysfsPermissions, UnreadableAttribute) {
  FakeTree tree;
  std::string f = "sys/class/uio/uio0/maps/map0/addr";
  std::string e = OpenErrorUnprivileged(tree, f, 0);
  if (e == "(cannot drop privileges)" || e.find("cannot open " + tree.sys() + "/class/uio:") == 0)
    GTEST_SKIP() << "cannot run unprivileged here: " << e;
  // The device is found by its (readable) name; map0's addr is read to map it.
  EXPECT_NE(e.find("cannot open " + tree.Path(f) + ": Permission denied"), std::string::npos) << e;
}

TEST(SysfsPermissions, SyncAttributeNotWritableNamesTheUdevRule) {
  FakeTree tree;
  std::string f = "sys/class/u-dma-buf/udmabuf0/sync_for_cpu";
  std::string e = OpenErrorUnprivileged(tree, f, 0444);
  if (e == "(cannot drop privileges)" || e.find("cannot open " + tree.sys() + "/class/uio:") == 0)
    GTEST_SKIP() << "cannot run unprivileged here: " << e;
  EXPECT_NE(e.find(tree.Path(f) + " for writing: Permission denied (see the udev rule in "
                                  "docs/linux.md)"),
            std::string::npos)
      << e;
}

TEST(SysfsFifo, AttributeReplacedByFifoDoesNotHang) {
  FakeTree tree;
  std::string e = OpenError(
      [](const FakeTree& t) {
        std::string f = t.Path("sys/class/u-dma-buf/udmabuf0/size");
        t.Remove("sys/class/u-dma-buf/udmabuf0/size");
        ASSERT_EQ(mkfifo(f.c_str(), 0600), 0);
      },
      false, tree);
  EXPECT_NE(e.find("size is not a regular (attribute) file"), std::string::npos) << e;
}

// Uncached mode never writes the sync files, so it does not need them.
TEST(SysfsUncached, SyncFilesNotRequired) {
  FakeTree tree;
  std::string e =
      OpenError([](const FakeTree& t) { t.Remove("sys/class/u-dma-buf/udmabuf0/sync_for_device"); },
                true, tree);
  EXPECT_EQ(e, "(opened)");
}

TEST(UioConfigChecks, IrqNeedsTheRegisterMap) {
  FakeTree tree;
  AddStandardBoard(tree);
  nn_uio_config c = UioConfig(tree, nullptr);
  c.use_irq = 1;
  char err[256];
  nn_uio* u = nullptr;
  ASSERT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  EXPECT_NE(std::string(err).find("interrupts need the register map"), std::string::npos) << err;
}

TEST(UioConfigChecks, UdmabufNameMustBePlain) {
  FakeTree tree;
  AddStandardBoard(tree);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  c.udmabuf_name = "../udmabuf0";
  char err[256];
  nn_uio* u = nullptr;
  ASSERT_NE(nn_uio_open(&u, &c, err, sizeof err), 0);
  EXPECT_NE(std::string(err).find("must be a plain device name"), std::string::npos) << err;
}

TEST(UioRegisters, OutOfWindowAccessRefusedAndReported) {
  FakeTree tree;
  AddStandardBoard(tree);
  nn_reg_map regs = TestRegs();
  nn_uio_config c = UioConfig(tree, &regs);
  char err[256];
  nn_uio* u = nullptr;
  ASSERT_EQ(nn_uio_open(&u, &c, err, sizeof err), 0) << err;
  nn_hal h = nn_uio_hal(u);
  EXPECT_STREQ(nn_uio_last_error(u), "");
  nn_hal_reg_write(&h, uint32_t(kUioSize - 4), 0x12345678u);  // last word: fine
  EXPECT_EQ(nn_hal_reg_read(&h, uint32_t(kUioSize - 4)), 0x12345678u);
  EXPECT_EQ(nn_hal_reg_read(&h, uint32_t(kUioSize)), 0xFFFFFFFFu);
  EXPECT_NE(std::string(nn_uio_last_error(u))
                .find("register read at offset 0x10000 refused: "
                      "outside the window"),
            std::string::npos)
      << nn_uio_last_error(u);
  nn_hal_reg_write(&h, 0x2, 1u);
  EXPECT_NE(std::string(nn_uio_last_error(u)).find("not 4-byte aligned"), std::string::npos);
  nn_uio_close(u);
}

}  // namespace
}  // namespace hal_test
