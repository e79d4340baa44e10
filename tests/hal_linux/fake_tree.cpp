// fake_tree.cpp - see fake_tree.h.
#include "fake_tree.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace fs = std::filesystem;

namespace hal_test {

std::string FakeTree::DefaultBase() {
  const char* t = getenv("TMPDIR");
  return (t != nullptr && *t != '\0') ? t : "/tmp";
}

FakeTree::FakeTree(const std::string& base) {
  std::string tmpl = base + "/nnhal-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed under " + base);
  root_ = buf.data();
  sys_ = root_ + "/sys";
  dev_ = root_ + "/dev";
}

FakeTree::~FakeTree() {
  std::error_code ec;
  // Restore permissions a test may have removed, then delete everything.
  for (auto it = fs::recursive_directory_iterator(root_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(root_, ec);
}

void FakeTree::Write(const std::string& rel, const std::string& text) const {
  fs::path p = Path(rel);
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + p.string());
}

std::string FakeTree::Read(const std::string& rel) const {
  std::ifstream f(Path(rel), std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + Path(rel));
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void FakeTree::Remove(const std::string& rel) const { fs::remove_all(Path(rel)); }

void FakeTree::MakeFile(const std::string& rel, uint64_t size) const {
  fs::path p = Path(rel);
  fs::create_directories(p.parent_path());
  int fd = open(p.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + p.string());
  int r = ftruncate(fd, static_cast<off_t>(size));
  close(fd);
  if (r != 0) throw std::runtime_error("cannot size " + p.string());
}

static std::string Hex(uint64_t v, int width) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%0*llx\n", width, static_cast<unsigned long long>(v));
  return b;
}

void FakeTree::AddUio(int n, const std::string& name, uint64_t addr, uint64_t size) const {
  // The formats uio prints: name as given, addr/size as 0x%lx-style hex.
  std::string d = "sys/class/uio/uio" + std::to_string(n);
  Write(d + "/name", name + "\n");
  Write(d + "/maps/map0/addr", Hex(addr, 8));
  Write(d + "/maps/map0/size", Hex(size, 8));
  Write(d + "/maps/map0/offset", "0x0\n");
  MakeFile("dev/uio" + std::to_string(n), size);
}

void FakeTree::AddUdmabuf(const std::string& name, uint64_t phys, uint64_t size) const {
  // u-dma-buf prints phys_addr with %pad (0x + 16 hex digits on 64-bit) and
  // size in decimal.
  std::string d = "sys/class/u-dma-buf/" + name;
  Write(d + "/phys_addr", Hex(phys, 16));
  Write(d + "/size", std::to_string(size) + "\n");
  for (const char* a :
       {"sync_offset", "sync_size", "sync_direction", "sync_for_cpu", "sync_for_device"})
    Write(d + "/" + a, kUntouched);
  MakeFile("dev/" + name, size);
}

}  // namespace hal_test
