// .npz archives: np.savez / np.savez_compressed write one "<key>.npy" member per array into a zip
// file (numpy/lib/npyio.py); np.load exposes each member under its name minus ".npy".
#include <cstring>
#include <vector>

#include "file_io.h"
#include "npy.h"
#include "npy_header.h"
#include "zip_reader.h"

namespace nnnpy {
namespace {

using detail::ZipMember;
using detail::ZipReader;

const std::string kNpySuffix = ".npy";

bool ends_with_npy(const std::string& name) {
  return name.size() >= kNpySuffix.size() &&
         name.compare(name.size() - kNpySuffix.size(), kNpySuffix.size(), kNpySuffix) == 0;
}

std::string key_of(const std::string& member_name) {
  return ends_with_npy(member_name) ? member_name.substr(0, member_name.size() - kNpySuffix.size())
                                    : member_name;
}

std::string key_list(const std::vector<ZipMember>& members) {
  std::string list;
  for (const ZipMember& member : members) {
    if (!list.empty()) list += ", ";
    list += key_of(member.name);
  }
  return list;
}

// The member `key` designates ("x" and "x.npy" both find "x.npy"); an empty key means the only one.
const ZipMember& select_member(const ZipReader& zip, const std::string& key,
                               const std::string& path) {
  const std::vector<ZipMember>& members = zip.members();
  if (members.empty()) throw Error(path + ": the archive holds no arrays");
  if (key.empty()) {
    if (members.size() == 1) return members[0];
    throw Error(path + ": the archive holds " + std::to_string(members.size()) + " arrays (" +
                key_list(members) + "): a key is required to choose one");
  }
  const std::string wanted = key_of(key);
  const ZipMember* found = nullptr;
  for (const ZipMember& member : members) {
    if (key_of(member.name) != wanted) continue;
    if (found != nullptr) {
      throw Error(path + ": key '" + wanted + "' is ambiguous: the archive has two members ('" +
                  found->name + "' and '" + member.name + "') for it");
    }
    found = &member;
  }
  if (found == nullptr) {
    throw Error(path + ": no array with key '" + wanted +
                "' in the archive (available keys: " + key_list(members) + ")");
  }
  return *found;
}

// The member's .npy bytes, inflated only as far as its own header says: first the prelude and the
// header, then exactly the data 'shape' and 'descr' require. A member whose central directory size
// disagrees with its header is refused before its data is inflated, so a small header in front of
// a huge deflate stream (or a lying size field) costs no memory.
std::vector<std::uint8_t> member_npy_bytes(const ZipReader& zip, const ZipMember& member,
                                           const std::string& name) {
  constexpr std::size_t kLongestPrelude = 12;  // magic, version, 4-byte header length
  detail::MemberReader reader(zip, member);
  std::vector<std::uint8_t> bytes;
  reader.read(bytes, kLongestPrelude);
  std::uint64_t needed = 0;
  std::uint64_t total = detail::npy_file_size(bytes.data(), bytes.size(), name, &needed);
  if (total == 0 && needed > 0) {
    if (needed > member.uncompressed_size) {
      zip.corrupt("member '" + member.name + "': its .npy header is " + std::to_string(needed) +
                  " bytes long, but the central directory says the member has " +
                  std::to_string(member.uncompressed_size));
    }
    reader.read(bytes, static_cast<std::size_t>(needed - bytes.size()));
    total = detail::npy_file_size(bytes.data(), bytes.size(), name, &needed);
    if (total == 0 && needed > 0) reader.finish();  // the data ended inside the header
  }
  if (total == 0) return bytes;  // no fixed item size: the parser names the dtype
  if (total != member.uncompressed_size) {
    zip.corrupt("member '" + member.name + "': the central directory says " +
                std::to_string(member.uncompressed_size) +
                " uncompressed bytes, but its .npy header (shape and dtype) requires " +
                std::to_string(total));
  }
  if (bytes.size() > total) {
    zip.corrupt("member '" + member.name + "' inflates to more than the " + std::to_string(total) +
                " bytes its .npy header requires");
  }
  reader.read(bytes, static_cast<std::size_t>(total - bytes.size()));
  reader.finish();
  return bytes;
}

template <typename Result>
Result parse_member(const std::uint8_t* archive, std::size_t size, const std::string& name,
                    const std::string& key,
                    Result (*parse)(const std::uint8_t*, std::size_t, const std::string&)) {
  static const char kNpyMagic[] = "\x93NUMPY";
  if (size >= 6 && std::memcmp(archive, kNpyMagic, 6) == 0) {
    throw Error(name + ": this is a .npy file, not a .npz archive (read it as a .npy file)");
  }
  const ZipReader zip(archive, size, name);
  const ZipMember& member = select_member(zip, key, name);
  const std::string member_name = name + ": member '" + member.name + "'";
  const std::vector<std::uint8_t> bytes = member_npy_bytes(zip, member, member_name);
  return parse(bytes.data(), bytes.size(), member_name);
}

}  // namespace

Array parse_npz(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                const std::string& key) {
  return parse_member<Array>(bytes, size, name, key, &parse_npy);
}

IntArray parse_npz_int(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                       const std::string& key) {
  return parse_member<IntArray>(bytes, size, name, key, &parse_npy_int);
}

Array read_npz(const std::string& path, const std::string& key) {
  const std::vector<std::uint8_t> archive = detail::read_file(path);
  return parse_npz(archive.data(), archive.size(), path, key);
}

IntArray read_npz_int(const std::string& path, const std::string& key) {
  const std::vector<std::uint8_t> archive = detail::read_file(path);
  return parse_npz_int(archive.data(), archive.size(), path, key);
}

std::vector<std::string> list_npz_keys(const std::string& path) {
  const std::vector<std::uint8_t> archive = detail::read_file(path);
  const ZipReader zip(archive.data(), archive.size(), path);
  std::vector<std::string> keys;
  for (const ZipMember& member : zip.members()) keys.push_back(key_of(member.name));
  return keys;
}

}  // namespace nnnpy
