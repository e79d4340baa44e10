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

// Writes `array` as a version 1.0 .npy file ('<f4', C order), byte-identical to np.save. The bytes
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

}  // namespace nnnpy

#endif  // NNNPY_NPY_H_
