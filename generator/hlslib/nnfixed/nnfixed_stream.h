// nnfixed_stream.h - hls::stream<T> for host builds.
//
// Same interface as the vendor's C-simulation model (hls_stream.h): an
// unbounded FIFO with read/write, read_nb/write_nb, empty/full/size, an
// optional name, and the >> / << operators. Like the vendor's, reading an
// empty stream prints a warning and returns T(); destroying a stream that
// still holds data prints a warning.
//
// Extension (not in the vendor's API, so never use it in HLS code):
//   max_occupancy()  - the largest size() the stream ever reached; the virtual
//                      board uses it to check FIFO depths chosen by nngen.
//   name()           - the stream's name.
// The optional DEPTH parameter matches Vitis HLS 2020.2+ (hls::stream<T, D>);
// the host model does not bound the FIFO by it.
//
// NNACCEL_FIFO_PROFILE (hosted only) adds the timing model of nnfixed_fifo_profile.h: every
// write and read is timed and each stream's history is recorded when it is destroyed. The
// default build is unchanged.
//
// NNFIXED_FREESTANDING (bare-metal images, no libstdc++ library code) selects
// a second implementation with the same behaviour: a ring buffer on
// realloc/free (16 elements, doubling when full), the name kept in a fixed char
// array (truncated; the caller's string may be a temporary), the same
// warnings through <stdio.h>, and a non-virtual destructor (a virtual one
// would pull in libsupc++'s operator delete and type info). Differences:
// name() returns const char*, and T must be trivially copyable (ap_[u]int,
// ap_[u]fixed and plain structs of them are). Running out of memory prints a
// message and calls abort(): C simulation semantics need every element
// buffered (a producer writes its whole batch before the consumer runs), and
// a bare-metal image has no better recovery.
#ifndef NNACCEL_NNFIXED_STREAM_H
#define NNACCEL_NNFIXED_STREAM_H

#include <stddef.h>
#include <stdio.h>

#if defined(NNFIXED_FREESTANDING)
#if defined(NNACCEL_FIFO_PROFILE)
#error "NNACCEL_FIFO_PROFILE needs the hosted hls::stream (not NNFIXED_FREESTANDING)"
#endif
#include <stdlib.h>
#include <string.h>

#include <type_traits>

// The allocator of the freestanding FIFO; an image with its own heap (or a
// test of the out-of-memory path) may define both before including nn_hls.h.
#if !defined(NNFIXED_STREAM_REALLOC)
#define NNFIXED_STREAM_REALLOC ::realloc
#endif
#if !defined(NNFIXED_STREAM_FREE)
#define NNFIXED_STREAM_FREE ::free
#endif

namespace hls {

template <typename T, int DEPTH = 0>
class stream {
  static_assert(std::is_trivially_copyable<T>::value,
                "hls::stream<T> under NNFIXED_FREESTANDING stores T in malloc'd memory: T must be "
                "trivially copyable");

 public:
  stream() { default_name(name_); }
  stream(const char* name) { set_name(name); }  // NOLINT: implicit like the vendor's
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  ~stream() {
    if (count_ != 0) {
      ::fprintf(stderr,
                "WARNING: hls::stream '%s' contains leftover data (%lu element(s)), "
                "which may result in RTL simulation hanging.\n",
                name_, static_cast<unsigned long>(count_));
    }
    NNFIXED_STREAM_FREE(buf_);
  }

  bool empty() const { return count_ == 0; }
  bool full() const { return false; }  // unbounded, like the vendor's C-simulation FIFO
  size_t size() const { return count_; }

  void write(const T& v) {
    if (count_ == cap_) grow();
    size_t tail = head_ + count_;
    if (tail >= cap_) tail -= cap_;
    ::memcpy(static_cast<void*>(buf_ + tail), &v, sizeof(T));
    ++count_;
    if (count_ > max_occupancy_) max_occupancy_ = count_;
  }
  T read() {
    if (count_ == 0) {
      ::fprintf(stderr,
                "WARNING: hls::stream '%s' is read while empty, which may result in RTL "
                "simulation hanging.\n",
                name_);
      return T();
    }
    return pop();
  }
  void read(T& v) { v = read(); }
  bool read_nb(T& v) {
    if (count_ == 0) {
      v = T();  // vendor: the destination is reset on a failed read_nb
      return false;
    }
    v = pop();
    return true;
  }
  bool write_nb(const T& v) {
    const bool was_full = full();
    if (!was_full) write(v);
    return !was_full;
  }
  void operator>>(T& v) { read(v); }
  void operator<<(const T& v) { write(v); }

  // ---- extensions (host only)
  size_t max_occupancy() const { return max_occupancy_; }
  const char* name() const { return name_; }

  // Longest name kept (longer ones are truncated).
  static constexpr size_t kNameMax = 47;

 private:
  T pop() {
    T v;
    ::memcpy(static_cast<void*>(&v), buf_ + head_, sizeof(T));
    if (++head_ == cap_) head_ = 0;
    if (--count_ == 0) head_ = 0;
    return v;
  }

  // Doubles the capacity; the elements stay in FIFO order: realloc keeps
  // [0, old) and the wrapped part [0, head_ + count_ - old) moves to just
  // after the old end (it is shorter than old, so it fits and the ranges do
  // not overlap).
  void grow() {
    const size_t old = cap_;
    const size_t limit = static_cast<size_t>(-1) / 2 / sizeof(T);
    if (old >= limit) out_of_memory(old);
    const size_t cap = old == 0 ? 16 : old * 2;
    void* p = NNFIXED_STREAM_REALLOC(static_cast<void*>(buf_), cap * sizeof(T));
    if (p == nullptr) out_of_memory(cap);
    buf_ = static_cast<T*>(p);
    if (head_ + count_ > old) {
      const size_t wrapped = head_ + count_ - old;
      ::memcpy(static_cast<void*>(buf_ + old), buf_, wrapped * sizeof(T));
    }
    cap_ = cap;
  }

  [[noreturn]] void out_of_memory(size_t elements) const {
    ::fprintf(stderr,
              "nnfixed: hls::stream '%s': out of memory growing to %lu element(s) of %lu "
              "byte(s) (a C-simulation FIFO buffers a whole batch)\n",
              name_, static_cast<unsigned long>(elements), static_cast<unsigned long>(sizeof(T)));
    ::abort();
  }

  void set_name(const char* name) {
    size_t n = 0;
    if (name != nullptr)
      while (n < kNameMax && name[n] != '\0') ++n;
    if (n != 0) ::memcpy(name_, name, n);
    name_[n] = '\0';
  }

  // "hls_stream.<n>", n counting streams of this T from 1 like the hosted
  // model (a constant-initialized static: no guard variable, no libsupc++).
  static void default_name(char* out) {
    static unsigned long counter = 0;
    char digits[24];
    int nd = 0;
    for (unsigned long c = ++counter; c != 0; c /= 10)
      digits[nd++] = static_cast<char>('0' + c % 10);
    static const char prefix[] = "hls_stream.";
    ::memcpy(out, prefix, sizeof prefix - 1);
    size_t k = sizeof prefix - 1;
    while (nd > 0) out[k++] = digits[--nd];
    out[k] = '\0';
  }

  T* buf_ = nullptr;
  size_t cap_ = 0;    // elements allocated
  size_t head_ = 0;   // index of the oldest element
  size_t count_ = 0;  // elements held
  size_t max_occupancy_ = 0;
  char name_[kNameMax + 1];
};

}  // namespace hls

#else  // hosted

#include <cstddef>
#include <cstdio>
#include <deque>
#include <string>

#if defined(NNACCEL_FIFO_PROFILE)
#include <algorithm>
#include <cstdint>
#include <vector>

#include "nnfixed_fifo_profile.h"
#endif

namespace hls {

template <typename T, int DEPTH = 0>
class stream {
 public:
  stream() : name_(default_name()) {}
  stream(const char* name) : name_(name) {}         // NOLINT: implicit like the vendor's
  stream(const std::string& name) : name_(name) {}  // NOLINT
  stream(const stream&) = delete;
  stream& operator=(const stream&) = delete;

  virtual ~stream() {
    if (!data_.empty()) {
      std::fprintf(stderr,
                   "WARNING: hls::stream '%s' contains leftover data (%zu element(s)), "
                   "which may result in RTL simulation hanging.\n",
                   name_.c_str(), data_.size());
    }
#if defined(NNACCEL_FIFO_PROFILE)
    nnfixed_fifo_profile::registry().record(name_, wt_, rt_, DEPTH, writer_, reader_);
#endif
  }

  bool empty() const { return data_.empty(); }
  bool full() const { return false; }  // the host FIFO is unbounded, like the vendor's
  std::size_t size() const { return data_.size(); }

  void write(const T& v) {
    data_.push_back(v);
    if (data_.size() > max_occupancy_) max_occupancy_ = data_.size();
#if defined(NNACCEL_FIFO_PROFILE)
    wt_.push_back(++nnfixed_fifo_profile::cycle);
    if (writer_.empty()) writer_ = nnfixed_fifo_profile::process;
#endif
  }
  T read() {
    if (data_.empty()) {
      std::fprintf(stderr,
                   "WARNING: hls::stream '%s' is read while empty, which may result in RTL "
                   "simulation hanging.\n",
                   name_.c_str());
      return T();
    }
    T v = data_.front();
    data_.pop_front();
    timed_read();
    return v;
  }
  void read(T& v) { v = read(); }
  bool read_nb(T& v) {
    if (data_.empty()) {
      v = T();  // vendor: the destination is reset on a failed read_nb
      return false;
    }
    v = data_.front();
    data_.pop_front();
    timed_read();
    return true;
  }
  bool write_nb(const T& v) {
    const bool was_full = full();
    if (!was_full) write(v);
    return !was_full;
  }
  void operator>>(T& v) { read(v); }
  void operator<<(const T& v) { write(v); }

  // ---- extensions (host only)
  std::size_t max_occupancy() const { return max_occupancy_; }
  const std::string& name() const { return name_; }

 private:
  static std::string default_name() {
    static unsigned counter = 0;
    return "hls_stream." + std::to_string(++counter);
  }

#if defined(NNACCEL_FIFO_PROFILE)
  // A read waits for its element: the reader's clock moves past the element's write stamp.
  void timed_read() {
    std::uint64_t& c = nnfixed_fifo_profile::cycle;
    c = std::max(c + 1, wt_[rt_.size()] + 1);
    rt_.push_back(c);
    if (reader_.empty()) reader_ = nnfixed_fifo_profile::process;
  }
  std::vector<std::uint64_t> wt_, rt_;  // write and read times, in FIFO order
  std::string writer_, reader_;        // the processes that wrote / read first
#else
  void timed_read() {}
#endif

  std::string name_;
  std::deque<T> data_;
  std::size_t max_occupancy_ = 0;
};

}  // namespace hls

#endif  // NNFIXED_FREESTANDING

#endif  // NNACCEL_NNFIXED_STREAM_H
