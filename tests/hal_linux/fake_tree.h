// fake_tree.h - a fake /sys + /dev tree in a temporary directory, so the Linux
// HALs run their real code without a board and without root: regular files
// stand in for sysfs attributes and for the mmap targets (/dev/uioN, the
// u-dma-buf device, /dev/mem).
//
// Portable on purpose (the same tests run cross-built under qemu-user): only
// POSIX + std::filesystem, no /proc, works with a relative or absolute base.
#ifndef TESTS_HAL_LINUX_FAKE_TREE_H
#define TESTS_HAL_LINUX_FAKE_TREE_H

#include <cstdint>
#include <string>

namespace hal_test {

// What untouched u-dma-buf sync attribute files contain.
inline constexpr const char* kUntouched = "untouched";

class FakeTree {
 public:
  // A fresh directory <base>/nnhal-XXXXXX; base defaults to $TMPDIR or /tmp
  // and may be relative.
  explicit FakeTree(const std::string& base = DefaultBase());
  ~FakeTree();
  FakeTree(const FakeTree&) = delete;
  FakeTree& operator=(const FakeTree&) = delete;

  static std::string DefaultBase();

  const std::string& root() const { return root_; }
  // Stable strings: a config may keep their c_str() for the tree's lifetime.
  const std::string& sys() const { return sys_; }
  const std::string& dev() const { return dev_; }
  std::string Path(const std::string& rel) const { return root_ + "/" + rel; }

  // Creates parent directories; replaces the file.
  void Write(const std::string& rel, const std::string& text) const;
  std::string Read(const std::string& rel) const;
  void Remove(const std::string& rel) const;
  // A sparse regular file of `size` bytes (zeros).
  void MakeFile(const std::string& rel, uint64_t size) const;

  // sys/class/uio/uioN/{name, maps/map0/{addr,size,offset}} and dev/uioN
  // (a register file of `size` bytes).
  void AddUio(int n, const std::string& name, uint64_t addr, uint64_t size) const;
  // sys/class/u-dma-buf/NAME/{phys_addr,size,sync_*} and dev/NAME.
  void AddUdmabuf(const std::string& name, uint64_t phys, uint64_t size) const;

 private:
  std::string root_, sys_, dev_;
};

}  // namespace hal_test

#endif  // TESTS_HAL_LINUX_FAKE_TREE_H
