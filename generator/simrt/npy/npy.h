// nnnpy: read NumPy .npy / .npz files and write float32 .npy files.
//
// Used by `nngen embed` and by the virtual-board simulator of every generated project; nngen copies
// this folder verbatim into the project, so it is self-contained: C++17, the standard library and
// zlib only.
//
// Formats: the .npy layout is NumPy's "NEP 1" format (versions 1.0, 2.0, 3.0); .npz is a zip
// archive of .npy members as written by np.savez (stored) and np.savez_compressed (deflate).
// What is accepted and why is written down in docs/npy.md.
//
// Errors: every function reports a bad file or a bad argument by throwing nnnpy::Error, whose
// message starts with the file name (and the archive member, for .npz) and names the field that is
// wrong. Nothing is printed.
#ifndef NNNPY_NPY_H_
#define NNNPY_NPY_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnnpy {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file that cannot be read at all, before its content is looked at; `reason` lets callers map it
// to their own exit codes (a missing file is an I/O problem, an oversized one is bad input).
class FileError : public Error {
 public:
  enum class Reason { kCannotOpen, kNotRegular, kTooLarge, kReadFailed };
  FileError(Reason reason, const std::string& message) : Error(message), reason_(reason) {}
  Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

// ---- Limits (docs/npy.md) ----------------------------------------------------------------------
// A .npy or .npz file, and one .npz member once inflated, is at most this large: 2 GiB, far above
// any test set the virtual board runs and well below what makes a host swap. Files over it and
// members whose central directory or .npy header declares more are refused before any allocation.
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t{2} << 30;
inline constexpr std::uint64_t kMaxMemberBytes = std::uint64_t{2} << 30;
// A .npy header (the dict text after the length field) is at most 1 MiB. np.save writes a few
// hundred bytes (more only for thousands of dimensions) and np.load refuses more than 10000 by
// default (max_header_size); the version 2.0/3.0 length field could otherwise claim 4 GiB.
inline constexpr std::uint64_t kMaxHeaderBytes = std::uint64_t{1} << 20;

// A float32 array in C (row-major) order. An empty `shape` is a 0-d array holding one value.
// Invariant (checked by write_npy): data.size() == product of shape.
struct Array {
  std::vector<std::size_t> shape;
  std::vector<float> data;
};

// An integer array (e.g. class labels, y_test.npy), widened to int64 whatever the stored width.
struct IntArray {
  std::vector<std::size_t> shape;
  std::vector<std::int64_t> data;
};

// ---- Files -------------------------------------------------------------------------------------
// Every reader refuses, with FileError, a path that is a directory, a device, a FIFO or a socket
// (a device such as /dev/zero never ends), and a file over kMaxFileBytes.
// `key` selects an array in a .npz archive, with or without its ".npy" suffix ("x_test" and
// "x_test.npy" are the same). An empty key means "the only array": it is an error when the
// archive holds more than one.

// A .npy file whose dtype is little-endian float32 ('<f4').
Array read_npy(const std::string& path);
// A .npy file whose dtype is a little-endian integer of 1, 2, 4 or 8 bytes (int8..int64,
// uint8..uint64; uint64 values above INT64_MAX are an error).
IntArray read_npy_int(const std::string& path);

Array read_npz(const std::string& path, const std::string& key = "");
IntArray read_npz_int(const std::string& path, const std::string& key = "");

// Reads a .npy or a .npz file, deciding by the file's first bytes (not its extension). A key
// given for a .npy file is an error (it would otherwise be silently ignored).
Array read_array(const std::string& path, const std::string& key = "");
IntArray read_int_array(const std::string& path, const std::string& key = "");

// The keys of a .npz archive (member names without ".npy"), in archive order.
std::vector<std::string> list_npz_keys(const std::string& path);

// Writes `array` as a .npy file ('<f4', C order), byte-identical to np.save (version 1.0; 2.0 for
// a header over 64 KiB, i.e. tens of thousands of dimensions; a header over kMaxHeaderBytes is an
// error, since the readers would refuse it). The bytes
// go to a new temporary file in the same directory, which is then renamed over `path`: when
// anything fails, `path` is left as it was (absent or with its old content) and the temporary
// file is removed.
void write_npy(const std::string& path, const Array& array);

// ---- In memory ---------------------------------------------------------------------------------
// The same checks and conversions on bytes already in memory; `name` starts every error message.

Array parse_npy(const std::uint8_t* bytes, std::size_t size, const std::string& name);
IntArray parse_npy_int(const std::uint8_t* bytes, std::size_t size, const std::string& name);
Array parse_npz(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                const std::string& key = "");
IntArray parse_npz_int(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                       const std::string& key = "");
std::vector<std::uint8_t> encode_npy(const Array& array, const std::string& name);

// Product of `shape` (1 for a 0-d shape); throws Error naming `name` when it overflows size_t.
std::size_t element_count(const std::vector<std::size_t>& shape, const std::string& name);

// "(2, 3)", "(3,)", "()": the Python spelling NumPy uses, for messages and headers.
std::string shape_to_string(const std::vector<std::size_t>& shape);

// NaN and infinite values among the first `count` values of `array` (all when count exceeds the
// size): how many, and the index of the first one. Used to warn about inputs the fixed-point
// accelerator cannot represent (it saturates them).
struct NonFinite {
  std::size_t count = 0;
  std::size_t first = 0;  // meaningful when count > 0
};
NonFinite find_non_finite(const Array& array, std::size_t count);
// "X.npy: 3 of 640 input values are NaN or infinite (the first at flat index 17, sample 0): ..."
// for a non-empty NonFinite, "" otherwise; `values_per_sample` turns the index into a sample.
std::string non_finite_warning(const std::string& name, const NonFinite& found, std::size_t total,
                               std::size_t values_per_sample);

}  // namespace nnnpy

#endif  // NNNPY_NPY_H_
