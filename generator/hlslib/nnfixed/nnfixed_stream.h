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
#ifndef NNACCEL_NNFIXED_STREAM_H
#define NNACCEL_NNFIXED_STREAM_H

#include <cstddef>
#include <cstdio>
#include <deque>
#include <string>

namespace hls {

template <typename T, int DEPTH = 0>
class stream {
 public:
  stream() : name_(default_name()) {}
  stream(const char* name) : name_(name) {}  // NOLINT: implicit like the vendor's
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
  }

  bool empty() const { return data_.empty(); }
  bool full() const { return false; }  // the host FIFO is unbounded, like the vendor's
  std::size_t size() const { return data_.size(); }

  void write(const T& v) {
    data_.push_back(v);
    if (data_.size() > max_occupancy_) max_occupancy_ = data_.size();
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

  std::string name_;
  std::deque<T> data_;
  std::size_t max_occupancy_ = 0;
};

}  // namespace hls

#endif  // NNACCEL_NNFIXED_STREAM_H
