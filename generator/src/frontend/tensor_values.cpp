#include "frontend/tensor_values.h"

#include <cctype>
#include <cstring>

#include "support/error.h"

namespace nngen::frontend {
namespace {

using TP = onnx::TensorProto;

template <class T>
T read_le(const unsigned char* b) {
  uint64_t bits = 0;
  for (size_t i = 0; i < sizeof(T); ++i) bits |= uint64_t(b[i]) << (8 * i);
  T v;
  if constexpr (sizeof(T) == 4) {
    uint32_t b32 = static_cast<uint32_t>(bits);
    std::memcpy(&v, &b32, 4);
  } else if constexpr (sizeof(T) == 8) {
    std::memcpy(&v, &bits, 8);
  } else {
    v = static_cast<T>(bits);
  }
  return v;
}

// Bytes per element in raw_data; 0 for element types nnaccel does not read.
size_t element_size(int32_t type) {
  switch (type) {
    case TP::FLOAT:
    case TP::INT32:
      return 4;
    case TP::DOUBLE:
    case TP::INT64:
      return 8;
    case TP::BOOL:
    case TP::UINT8:
    case TP::INT8:
      return 1;
    default:
      return 0;
  }
}

// Number of values stored in the typed (not raw) field for `type`.
size_t typed_value_count(const TP& t) {
  switch (t.data_type()) {
    case TP::FLOAT:
      return static_cast<size_t>(t.float_data_size());
    case TP::DOUBLE:
      return static_cast<size_t>(t.double_data_size());
    case TP::INT64:
      return static_cast<size_t>(t.int64_data_size());
    default:
      return static_cast<size_t>(t.int32_data_size());  // int32, bool, (u)int8
  }
}

}  // namespace

std::string elem_type_name(int32_t t) {
  if (onnx::TensorProto_DataType_IsValid(t)) {
    std::string n = onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(t));
    for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return n;
  }
  return "type#" + std::to_string(t);
}

size_t checked_element_count(const TP& t, const std::string& where) {
  if (t.data_location() == TP::EXTERNAL || t.external_data_size() > 0) {
    fail_input(where + ": tensor '" + t.name() +
               "' stores its data in an external file; re-export with the weights inside the "
               "model (onnx.save(model, path, save_as_external_data=False))");
  }
  // Untrusted sizes: bound the element count before anything is allocated.
  constexpr int64_t kMaxElements = int64_t{1} << 28;  // 1 GiB of float32
  int64_t n = 1;
  for (int64_t d : t.dims()) {
    if (d < 0) fail_input(where + ": tensor '" + t.name() + "' has a negative dimension");
    if (d > 0 && n > kMaxElements / d) {
      fail_input(where + ": tensor '" + t.name() +
                 "' declares more than 2^28 elements; nnaccel refuses it");
    }
    n *= d;
  }
  const size_t count = static_cast<size_t>(n);
  const size_t elem = element_size(t.data_type());
  if (elem == 0) {
    fail_input(where + ": tensor '" + t.name() + "' has element type " +
               elem_type_name(t.data_type()) +
               "; nnaccel reads float32 weights (and int64/bool shape and flag constants)");
  }
  if (!t.raw_data().empty()) {
    if (t.raw_data().size() != count * elem) {
      fail_input(where + ": tensor '" + t.name() + "' holds " +
                 std::to_string(t.raw_data().size()) + " bytes of raw data, its shape needs " +
                 std::to_string(count * elem));
    }
  } else if (typed_value_count(t) != count) {
    fail_input(where + ": tensor '" + t.name() + "' holds " + std::to_string(typed_value_count(t)) +
               " values, its shape needs " + std::to_string(count));
  }
  return count;
}

std::vector<float> tensor_values(const TP& t, const std::string& where) {
  const size_t count = checked_element_count(t, where);
  std::vector<float> v(count);
  if (!t.raw_data().empty()) {
    // raw_data is little-endian (onnx.proto); decode bytewise to be host-independent.
    const size_t elem = element_size(t.data_type());
    const auto* b = reinterpret_cast<const unsigned char*>(t.raw_data().data());
    for (size_t i = 0; i < count; ++i) {
      const unsigned char* p = b + i * elem;
      switch (t.data_type()) {
        case TP::FLOAT:
          v[i] = read_le<float>(p);
          break;
        case TP::DOUBLE:
          v[i] = static_cast<float>(read_le<double>(p));
          break;
        case TP::INT32:
          v[i] = static_cast<float>(static_cast<int32_t>(read_le<uint32_t>(p)));
          break;
        case TP::INT64:
          v[i] = static_cast<float>(static_cast<int64_t>(read_le<uint64_t>(p)));
          break;
        case TP::INT8:
          v[i] = static_cast<float>(static_cast<int8_t>(p[0]));
          break;
        default:
          v[i] = static_cast<float>(p[0]);
          break;
      }
    }
    return v;
  }
  for (size_t i = 0; i < count; ++i) {
    const int k = static_cast<int>(i);
    switch (t.data_type()) {
      case TP::FLOAT:
        v[i] = t.float_data(k);
        break;
      case TP::DOUBLE:
        v[i] = static_cast<float>(t.double_data(k));
        break;
      case TP::INT64:
        v[i] = static_cast<float>(t.int64_data(k));
        break;
      default:
        v[i] = static_cast<float>(t.int32_data(k));
        break;
    }
  }
  return v;
}

}  // namespace nngen::frontend
