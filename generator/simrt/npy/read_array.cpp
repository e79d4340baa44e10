// read_array / read_int_array: one entry point for "a .npy or a .npz", chosen by content so that
// a misnamed file (an archive saved as data.npy, say) is still read correctly.
#include <vector>

#include "file_io.h"
#include "npy.h"
#include "zip_reader.h"

namespace nnnpy {
namespace {

constexpr std::uint8_t kNpyMagic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

bool looks_like_npy(const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() < sizeof kNpyMagic) return false;
  for (std::size_t i = 0; i < sizeof kNpyMagic; ++i) {
    if (bytes[i] != kNpyMagic[i]) return false;
  }
  return true;
}

template <typename Result>
Result dispatch(const std::string& path, const std::string& key,
                Result (*parse_npy_bytes)(const std::uint8_t*, std::size_t, const std::string&),
                Result (*parse_npz_bytes)(const std::uint8_t*, std::size_t, const std::string&,
                                          const std::string&)) {
  const std::vector<std::uint8_t> bytes = detail::read_file(path);
  if (detail::looks_like_zip(bytes.data(), bytes.size())) {
    return parse_npz_bytes(bytes.data(), bytes.size(), path, key);
  }
  if (looks_like_npy(bytes)) {
    // A key only makes sense for archives; ignoring it could hide a mix-up of files.
    if (!key.empty()) {
      throw Error(path + ": a key ('" + key +
                  "') was given, but this is a .npy file holding a single array; keys select "
                  "arrays in .npz archives");
    }
    return parse_npy_bytes(bytes.data(), bytes.size(), path);
  }
  if (bytes.empty()) throw Error(path + ": the file is empty; expected a .npy or .npz file");
  throw Error(path +
              ": not a .npy file (no \\x93NUMPY magic) nor a .npz archive (no zip "
              "signature)");
}

}  // namespace

Array read_array(const std::string& path, const std::string& key) {
  return dispatch<Array>(path, key, &parse_npy, &parse_npz);
}

IntArray read_int_array(const std::string& path, const std::string& key) {
  return dispatch<IntArray>(path, key, &parse_npy_int, &parse_npz_int);
}

}  // namespace nnnpy
