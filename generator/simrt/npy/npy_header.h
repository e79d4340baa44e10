// The .npy header: the Python dict literal that describes the array, and its 'descr' dtype string.
//
// NumPy writes the header with repr() and reads it with ast.literal_eval, so any Python spelling
// of the dict is legal: keys in any order, any whitespace, trailing commas, "(3,)" for a 1-d shape.
// This parser accepts exactly the literals a header can hold (strings, True/False, tuples of
// non-negative integers) and, like NumPy, requires exactly the keys descr, fortran_order, shape.
#ifndef NNNPY_NPY_HEADER_H_
#define NNNPY_NPY_HEADER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnnpy {
namespace detail {

struct NpyHeader {
  std::string descr;  // e.g. "<f4"
  bool fortran_order = false;
  std::vector<std::size_t> shape;
};

// `text` is the header as stored (dict literal, space padding, final newline); `name` starts
// every error message.
NpyHeader parse_header_dict(const std::string& text, const std::string& name);

// The dict exactly as NumPy >= 1.24 writes it, including the spare spaces it leaves for growing
// the first axis in place, but without the alignment padding and the final newline.
std::string format_header_dict(const std::string& descr, const std::vector<std::size_t>& shape);

// A simple (non-structured) dtype descriptor such as "<f4", "|u1", ">i8".
struct Dtype {
  char byte_order = 0;  // '<' little, '>' big, '|' not applicable, '=' native
  char kind = 0;        // 'f' float, 'i' signed, 'u' unsigned, 'b' bool, 'c' complex, ...
  std::size_t item_size = 0;
};

// Returns false for anything that is not <order><kind><digits> (e.g. "<M8[ns]", "O").
bool parse_descr(const std::string& descr, Dtype* dtype);

// The total size of the .npy whose first `size` bytes are `bytes`: prelude, header and the data
// its 'shape' and 'descr' require. When the header is not complete in `bytes`, returns 0 and sets
// *more_needed to the prefix length that holds it; when the dtype has no fixed item size (not a
// simple dtype) returns 0 with *more_needed 0 (parse_npy then names the dtype). Throws Error for a
// bad magic, version or header, with the messages parse_npy gives.
std::uint64_t npy_file_size(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                            std::uint64_t* more_needed);

// "'<f8' (float64)" when NumPy has a name for the dtype, else "'<descr>'": for messages.
std::string describe_descr(const std::string& descr);

}  // namespace detail
}  // namespace nnnpy

#endif  // NNNPY_NPY_HEADER_H_
