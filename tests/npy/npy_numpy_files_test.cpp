// Files written by NumPy itself (tests/npy/data, made by make_fixtures.py with numpy 1.24): what
// users will actually feed in, and the reference bytes for write_npy.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "npy.h"
#include "npy_test_util.h"

namespace {

using ::npytest::error_of;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string data_file(const std::string& name) {
  return std::string(NPY_TEST_DATA_DIR) + "/" + name;
}

// The values make_fixtures.py saves.
std::vector<float> x23_values() { return {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 1.5f}; }
std::vector<float> x234_values() {
  std::vector<float> values;
  for (int i = 0; i < 24; ++i) values.push_back(static_cast<float>(i) / 8.0f);
  return values;
}
const std::vector<std::int64_t> kLabels = {7, 2, 1, 0, 4, -1};

TEST(NumpyFilesTest, FloatArraysOfEveryRank) {
  const nnnpy::Array x23 = nnnpy::read_npy(data_file("f32_2x3.npy"));
  EXPECT_THAT(x23.shape, ElementsAre(2u, 3u));
  EXPECT_EQ(x23.data, x23_values());

  const nnnpy::Array x234 = nnnpy::read_npy(data_file("f32_2x3x4.npy"));
  EXPECT_THAT(x234.shape, ElementsAre(2u, 3u, 4u));
  EXPECT_EQ(x234.data, x234_values());

  const nnnpy::Array scalar = nnnpy::read_npy(data_file("f32_scalar.npy"));
  EXPECT_TRUE(scalar.shape.empty());
  EXPECT_THAT(scalar.data, ElementsAre(3.25f));
}

TEST(NumpyFilesTest, SpecialFloatValues) {
  const nnnpy::Array special = nnnpy::read_npy(data_file("f32_special.npy"));
  ASSERT_EQ(special.data.size(), 6u);
  EXPECT_TRUE(std::isnan(special.data[0]));
  EXPECT_EQ(special.data[1], INFINITY);
  EXPECT_EQ(special.data[2], -INFINITY);
  EXPECT_TRUE(special.data[3] == 0.0f && std::signbit(special.data[3]));
  std::uint32_t denormal_bits;
  std::memcpy(&denormal_bits, &special.data[4], 4);
  EXPECT_EQ(denormal_bits, 1u);
  EXPECT_EQ(special.data[5], 3.4028235e38f);
}

TEST(NumpyFilesTest, IntegerLabels) {
  for (const char* name : {"i64_labels.npy", "i32_labels.npy"}) {
    SCOPED_TRACE(name);
    const nnnpy::IntArray labels = nnnpy::read_npy_int(data_file(name));
    EXPECT_THAT(labels.shape, ElementsAre(6u));
    EXPECT_EQ(labels.data, kLabels);
  }
  EXPECT_THAT(nnnpy::read_npy_int(data_file("u8_labels.npy")).data,
              ElementsAre(7, 2, 1, 0, 4, 255));
}

TEST(NumpyFilesTest, RefusedFiles) {
  const std::string f64 = data_file("f64_2x2.npy");
  EXPECT_THAT(
      error_of([&] { nnnpy::read_npy(f64); }),
      AllOf(HasSubstr(f64), HasSubstr("'<f8' (float64)"), HasSubstr("X.astype(np.float32)")));
  const std::string fortran = data_file("f32_fortran.npy");
  EXPECT_THAT(error_of([&] { nnnpy::read_npy(fortran); }),
              AllOf(HasSubstr(fortran), HasSubstr("'fortran_order' is True")));
  const std::string big = data_file("f32_bigendian.npy");
  EXPECT_THAT(error_of([&] { nnnpy::read_npy(big); }),
              AllOf(HasSubstr(big), HasSubstr("big-endian")));
  const std::string labels = data_file("i64_labels.npy");
  EXPECT_THAT(error_of([&] { nnnpy::read_npy(labels); }),
              AllOf(HasSubstr(labels), HasSubstr("'<i8' (int64) is not supported")));
  const std::string floats = data_file("f32_2x3.npy");
  EXPECT_THAT(error_of([&] { nnnpy::read_npy_int(floats); }),
              AllOf(HasSubstr(floats), HasSubstr("not an integer type")));
}

TEST(NumpyFilesTest, Savez) {
  const std::string path = data_file("savez.npz");
  EXPECT_THAT(nnnpy::list_npz_keys(path), ElementsAre("x_test", "y_test"));
  EXPECT_EQ(nnnpy::read_npz(path, "x_test").data, x23_values());
  EXPECT_EQ(nnnpy::read_npz_int(path, "y_test.npy").data, kLabels);
  EXPECT_EQ(nnnpy::read_array(path, "x_test").data, x23_values());
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(path, "y_test"); }),
              AllOf(HasSubstr(path + ": member 'y_test.npy'"), HasSubstr("'<i8' (int64)")));
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(path); }), HasSubstr("a key is required"));
}

TEST(NumpyFilesTest, SavezCompressed) {
  const std::string path = data_file("savez_compressed.npz");
  EXPECT_THAT(nnnpy::list_npz_keys(path), ElementsAre("x_test", "y_test", "zeros"));
  const nnnpy::Array x = nnnpy::read_npz(path, "x_test");
  EXPECT_THAT(x.shape, ElementsAre(2u, 3u, 4u));
  EXPECT_EQ(x.data, x234_values());
  EXPECT_EQ(nnnpy::read_int_array(path, "y_test").data, kLabels);
  const nnnpy::Array zeros = nnnpy::read_npz(path, "zeros");
  EXPECT_EQ(zeros.data, std::vector<float>(4096, 0.0f));
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(path, "x"); }),
              AllOf(HasSubstr(path), HasSubstr("available keys: x_test, y_test, zeros")));
}

TEST(NumpyFilesTest, SavezSingleArrayNeedsNoKey) {
  const std::string path = data_file("savez_single.npz");
  EXPECT_THAT(nnnpy::list_npz_keys(path), ElementsAre("arr_0"));
  EXPECT_EQ(nnnpy::read_array(path).data, x23_values());
}

TEST(NumpyFilesTest, WriterMatchesNpSaveByteForByte) {
  const struct {
    const char* file;
    nnnpy::Array array;
  } cases[] = {
      {"f32_2x3.npy", {{2, 3}, x23_values()}},
      {"f32_2x3x4.npy", {{2, 3, 4}, x234_values()}},
      {"f32_scalar.npy", {{}, {3.25f}}},
  };
  npytest::ScratchDir dir;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const std::string out = dir.file(c.file);
    nnnpy::write_npy(out, c.array);
    EXPECT_EQ(npytest::read_bytes(out), npytest::read_bytes(data_file(c.file)));
  }
}

}  // namespace
