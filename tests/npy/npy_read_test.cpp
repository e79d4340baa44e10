// Reading .npy files built byte by byte: every header spelling NumPy's literal_eval accepts, every
// dtype path, and every error message (which must name the file and the wrong field).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "npy.h"
#include "npy_test_util.h"

namespace {

using ::npytest::Bytes;
using ::npytest::error_of;
using ::npytest::f32_bytes;
using ::npytest::le_bytes;
using ::npytest::npy_bytes;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Bytes kSixFloats = f32_bytes({1.0f, -2.5f, 3.0f, 0.0f, 1e-3f, 42.0f});

class NpyReadTest : public ::testing::Test {
 protected:
  // Writes `bytes` as a file and reads it with the float loader.
  nnnpy::Array read(const Bytes& bytes) { return nnnpy::read_npy(dir_.write("a.npy", bytes)); }
  std::string float_error(const Bytes& bytes) {
    const std::string path = dir_.write("bad.npy", bytes);
    return error_of([&] { nnnpy::read_npy(path); });
  }
  std::string int_error(const Bytes& bytes) {
    const std::string path = dir_.write("bad_labels.npy", bytes);
    return error_of([&] { nnnpy::read_npy_int(path); });
  }
  std::string bad_path() const { return dir_.file("bad.npy"); }

  npytest::ScratchDir dir_;
};

TEST_F(NpyReadTest, ReadsNumpyStyleHeader) {
  const nnnpy::Array array =
      read(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", kSixFloats));
  EXPECT_THAT(array.shape, ElementsAre(2u, 3u));
  EXPECT_THAT(array.data, ElementsAre(1.0f, -2.5f, 3.0f, 0.0f, 1e-3f, 42.0f));
}

TEST_F(NpyReadTest, AcceptsEveryLegalDictSpelling) {
  const char* const spellings[] = {
      "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}",           // other order
      "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,3)}",    // double quotes
      "{ 'descr' : '<f4' ,\t'fortran_order' :False,'shape':( 2 , 3 , ) ,}",  // spaces, commas
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",       // Python 2 longs
      "\n{'descr':'<f4','fortran_order':False,'shape':(2,3)}\r\n",           // outer whitespace
  };
  for (const char* dict : spellings) {
    SCOPED_TRACE(dict);
    const nnnpy::Array array = read(npy_bytes(dict, kSixFloats));
    EXPECT_THAT(array.shape, ElementsAre(2u, 3u));
    EXPECT_EQ(array.data.size(), 6u);
  }
}

TEST_F(NpyReadTest, ReadsZeroDimensionalOneDimensionalAndEmptyShapes) {
  const nnnpy::Array scalar =
      read(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': ()}", f32_bytes({7.5f})));
  EXPECT_TRUE(scalar.shape.empty());
  EXPECT_THAT(scalar.data, ElementsAre(7.5f));

  const nnnpy::Array vector =
      read(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}", kSixFloats));
  EXPECT_THAT(vector.shape, ElementsAre(6u));

  const nnnpy::Array empty =
      read(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3)}", {}));
  EXPECT_THAT(empty.shape, ElementsAre(0u, 3u));
  EXPECT_TRUE(empty.data.empty());
}

TEST_F(NpyReadTest, ReadsFormatVersions2And3) {
  for (int major : {2, 3}) {
    const nnnpy::Array array = read(
        npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2)}", kSixFloats, major));
    EXPECT_THAT(array.shape, ElementsAre(3u, 2u));
    EXPECT_EQ(array.data[1], -2.5f);
  }
}

TEST_F(NpyReadTest, KeepsFloatBitsExactly) {
  const std::uint32_t patterns[] = {0x7fc00001u, 0xff800000u, 0x80000000u, 0x00000001u};
  Bytes data;
  for (std::uint32_t bits : patterns) {
    const Bytes one = le_bytes({bits}, 4);
    data.insert(data.end(), one.begin(), one.end());
  }
  const nnnpy::Array array =
      read(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,)}", data));
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &array.data[i], 4);
    EXPECT_EQ(bits, patterns[i]) << i;
  }
}

TEST_F(NpyReadTest, BadMagicNamesFileAndBytes) {
  const std::string message = float_error({'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_THAT(message, AllOf(HasSubstr(bad_path()), HasSubstr("not a .npy file"),
                             HasSubstr("bad magic"), HasSubstr("found \"PK\\x03\\x04"),
                             HasSubstr("it looks like a .npz (zip) archive")));
  EXPECT_THAT(float_error({}), AllOf(HasSubstr(bad_path()), HasSubstr("bad magic")));
}

TEST_F(NpyReadTest, UnsupportedVersion) {
  Bytes bytes = npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}", kSixFloats);
  bytes[6] = 4;
  EXPECT_THAT(float_error(bytes),
              AllOf(HasSubstr(bad_path()), HasSubstr("unsupported .npy format version 4.0"),
                    HasSubstr("supported: 1.0, 2.0, 3.0")));
  bytes[6] = 1;
  bytes[7] = 1;
  EXPECT_THAT(float_error(bytes), HasSubstr("unsupported .npy format version 1.1"));
}

TEST_F(NpyReadTest, TruncatedPreludeAndHeader) {
  const Bytes full =
      npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}", kSixFloats);
  EXPECT_THAT(float_error(Bytes(full.begin(), full.begin() + 7)),
              AllOf(HasSubstr(bad_path()), HasSubstr("ends inside the version field")));
  EXPECT_THAT(float_error(Bytes(full.begin(), full.begin() + 9)),
              AllOf(HasSubstr(bad_path()), HasSubstr("ends inside the header length field")));
  EXPECT_THAT(float_error(Bytes(full.begin(), full.begin() + 40)),
              AllOf(HasSubstr(bad_path()), HasSubstr("truncated .npy header"),
                    HasSubstr("says 118 bytes, but only 30 follow")));
}

struct BadHeader {
  const char* dict;
  const char* phrase;
};

TEST_F(NpyReadTest, HeaderParseErrorsQuoteTheHeaderAndSayWhatIsWrong) {
  const BadHeader cases[] = {
      {"{'descr' '<f4', 'fortran_order': False, 'shape': (6,)}", "expected ':', found '''"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'extra': 1}",
       "unexpected key 'extra'"},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (6,)}",
       "key 'descr' appears twice"},
      {"{'descr': '<f4', 'fortran_order': False}", "missing key 'shape'"},
      {"{'fortran_order': False, 'shape': (6,)}", "missing key 'descr'"},
      {"{'descr': '<f4', 'shape': (6,)}", "missing key 'fortran_order'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6)}", "is not a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': [6]}", "'shape' must be a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-6,)}", "negative dimension"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999,)}",
       "too large for this machine"},
      {"{'descr': '<f4', 'fortran_order': false, 'shape': (6,)}", "must be True or False"},
      {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (6,)}",
       "structured (record) dtypes are not supported"},
      {"{'descr': '<f4, 'fortran_order': False, 'shape': (6,)}",
       "expected ',' or '}' after the value of 'descr'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6,)} x", "after the closing '}'"},
      {"{'descr': '<\\f4', 'fortran_order': False, 'shape': (6,)}", "escape sequences"},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': (6,)}", "expected ',' or '}'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6 7)}", "expected ',' or ')'"},
      {"['descr', '<f4']", "expected '{', found '['"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6,)", "expected ',' or '}'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (", "expected an integer"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6,), ", "expected a quoted string"},
  };
  for (const BadHeader& bad : cases) {
    SCOPED_TRACE(bad.dict);
    const std::string message = float_error(npy_bytes(bad.dict, kSixFloats));
    EXPECT_THAT(message, AllOf(HasSubstr(bad_path()), HasSubstr("cannot parse .npy header"),
                               HasSubstr(bad.phrase)));
    // The header text is quoted (without NumPy's padding) so the user sees what is there.
    std::string shown = bad.dict;
    shown.erase(shown.find_last_not_of(' ') + 1);
    EXPECT_THAT(message, HasSubstr("\"" + shown + "\": "));
  }
}

TEST_F(NpyReadTest, LongHeadersAreShortenedInMessages) {
  const std::string dict = "{'descr': '<f4', " + std::string(400, ' ') + "'bogus': 1}";
  const std::string message = float_error(npy_bytes(dict, {}));
  EXPECT_THAT(message, AllOf(HasSubstr("...\""), HasSubstr("unexpected key 'bogus'")));
  EXPECT_LT(message.size(), 400u + bad_path().size());
}

TEST_F(NpyReadTest, FloatLoaderRequiresLittleEndianFloat32) {
  auto with_descr = [](const std::string& descr, std::size_t bytes_per_value) {
    return npy_bytes("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2,)}",
                     Bytes(2 * bytes_per_value, 0));
  };
  EXPECT_THAT(float_error(with_descr("<f8", 8)),
              AllOf(HasSubstr(bad_path()), HasSubstr("dtype '<f8' (float64) is not supported"),
                    HasSubstr("float32 ('<f4') is required"),
                    HasSubstr("convert with X.astype(np.float32)")));
  EXPECT_THAT(float_error(with_descr("<f2", 2)), HasSubstr("dtype '<f2' (float16)"));
  EXPECT_THAT(float_error(with_descr("<i8", 8)),
              AllOf(HasSubstr("dtype '<i8' (int64)"), HasSubstr("X.astype(np.float32)")));
  EXPECT_THAT(float_error(with_descr("|u1", 1)), HasSubstr("dtype '|u1' (uint8)"));
  EXPECT_THAT(float_error(with_descr("|b1", 1)), HasSubstr("dtype '|b1' (bool)"));
  EXPECT_THAT(float_error(with_descr("<c8", 8)), HasSubstr("dtype '<c8' (complex64)"));
  EXPECT_THAT(float_error(with_descr("|O", 8)), HasSubstr("dtype '|O' (Python objects)"));
  EXPECT_THAT(float_error(with_descr("<U3", 12)), HasSubstr("dtype '<U3' (strings)"));
  EXPECT_THAT(float_error(with_descr("<M8[ns]", 8)), HasSubstr("dtype '<M8[ns]' (date/time)"));
  EXPECT_THAT(float_error(with_descr("f4", 4)), HasSubstr("dtype 'f4' is not supported"));
  EXPECT_THAT(float_error(with_descr(">f4", 4)),
              AllOf(HasSubstr(bad_path()), HasSubstr("dtype '>f4' (float32) is big-endian"),
                    HasSubstr("X.astype('<f4')")));
  EXPECT_THAT(float_error(with_descr("=f4", 4)),
              AllOf(HasSubstr(bad_path()), HasSubstr("does not say little-endian")));
}

TEST_F(NpyReadTest, FortranOrderIsRefused) {
  const std::string message = float_error(
      npy_bytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3)}", kSixFloats));
  EXPECT_THAT(message, AllOf(HasSubstr(bad_path()), HasSubstr("'fortran_order' is True"),
                             HasSubstr("np.ascontiguousarray")));
}

TEST_F(NpyReadTest, DataSizeMustMatchShape) {
  const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}";
  const Bytes short_data(kSixFloats.begin(), kSixFloats.end() - 4);
  EXPECT_THAT(float_error(npy_bytes(dict, short_data)),
              AllOf(HasSubstr(bad_path()), HasSubstr("truncated data: expected 24 bytes"),
                    HasSubstr("'shape' (2, 3)"), HasSubstr("found 20")));
  Bytes long_data = kSixFloats;
  long_data.push_back(0);
  EXPECT_THAT(float_error(npy_bytes(dict, long_data)),
              AllOf(HasSubstr(bad_path()), HasSubstr("extra data: expected 24 bytes"),
                    HasSubstr("found 25")));
}

TEST_F(NpyReadTest, ShapeOverflowIsAnError) {
  // 2^32 * 2^32 * 16 elements overflow a 64-bit size_t.
  const std::string huge = std::to_string(std::size_t{1} << (4 * sizeof(std::size_t)));
  EXPECT_THAT(float_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (" + huge +
                                        ", " + huge + ", 16)}",
                                    {})),
              AllOf(HasSubstr(bad_path()), HasSubstr("has too many elements")));
  // The element count fits, the byte count (x4) does not.
  const std::string quarter = std::to_string(std::numeric_limits<std::size_t>::max() / 2);
  EXPECT_THAT(float_error(npy_bytes(
                  "{'descr': '<f4', 'fortran_order': False, 'shape': (" + quarter + ",)}", {})),
              AllOf(HasSubstr(bad_path()), HasSubstr("its size in bytes overflows")));
  // A zero dimension makes the array empty whatever the others are.
  EXPECT_EQ(nnnpy::element_count({std::numeric_limits<std::size_t>::max(), 2, 0}, "x"), 0u);
}

TEST_F(NpyReadTest, IntLoaderWidensEveryIntegerType) {
  struct Case {
    const char* descr;
    std::size_t width;
    std::vector<std::uint64_t> raw;
    std::vector<std::int64_t> expected;
  };
  const Case cases[] = {
      {"<i8",
       8,
       {7, 0xffffffffffffffffu, 0x8000000000000000u},
       {7, -1, std::numeric_limits<std::int64_t>::min()}},
      {"<i4", 4, {7, 0xffffffffu, 0x80000000u}, {7, -1, -2147483648LL}},
      {"<i2", 2, {7, 0xffffu, 0x8000u}, {7, -1, -32768}},
      {"|i1", 1, {7, 0xffu, 0x80u}, {7, -1, -128}},
      {"|u1", 1, {7, 0xffu, 0x80u}, {7, 255, 128}},
      {"<u1", 1, {7, 0xffu, 0x80u}, {7, 255, 128}},
      {">u1", 1, {7, 0xffu, 0x80u}, {7, 255, 128}},
      {"<u2", 2, {7, 0xffffu, 0x8000u}, {7, 65535, 32768}},
      {"<u4", 4, {7, 0xffffffffu, 0x80000000u}, {7, 4294967295LL, 2147483648LL}},
      {"<u8", 8, {7, 0x7fffffffffffffffu, 0}, {7, std::numeric_limits<std::int64_t>::max(), 0}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.descr);
    const std::string path =
        dir_.write("labels.npy", npy_bytes(std::string("{'descr': '") + c.descr +
                                               "', 'fortran_order': False, 'shape': (3,)}",
                                           le_bytes(c.raw, c.width)));
    const nnnpy::IntArray labels = nnnpy::read_npy_int(path);
    EXPECT_THAT(labels.shape, ElementsAre(3u));
    EXPECT_EQ(labels.data, c.expected);
  }
}

TEST_F(NpyReadTest, IntLoaderErrors) {
  const std::string labels_path = dir_.file("bad_labels.npy");
  EXPECT_THAT(int_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}",
                                  f32_bytes({1.0f}))),
              AllOf(HasSubstr(labels_path), HasSubstr("dtype '<f4' (float32) is not an integer"),
                    HasSubstr("y.astype(np.int64)")));
  EXPECT_THAT(
      int_error(npy_bytes("{'descr': '|b1', 'fortran_order': False, 'shape': (1,)}", Bytes{1})),
      HasSubstr("dtype '|b1' (bool) is not an integer"));
  EXPECT_THAT(int_error(npy_bytes("{'descr': '>i4', 'fortran_order': False, 'shape': (1,)}",
                                  Bytes{0, 0, 0, 1})),
              AllOf(HasSubstr(labels_path), HasSubstr("'>i4' (int32) is big-endian"),
                    HasSubstr("X.astype('<i4')")));
  EXPECT_THAT(int_error(npy_bytes("{'descr': '|i4', 'fortran_order': False, 'shape': (1,)}",
                                  Bytes{0, 0, 0, 1})),
              AllOf(HasSubstr(labels_path), HasSubstr("does not say little-endian")));
  EXPECT_THAT(int_error(npy_bytes("{'descr': '<u8', 'fortran_order': False, 'shape': (2,)}",
                                  le_bytes({1, 0x8000000000000000u}, 8))),
              AllOf(HasSubstr(labels_path), HasSubstr("element 1 of the uint64 array"),
                    HasSubstr("does not fit in int64")));
  EXPECT_THAT(int_error(npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (2,)}",
                                  le_bytes({1}, 8))),
              AllOf(HasSubstr(labels_path), HasSubstr("truncated data: expected 16 bytes")));
}

TEST(NpyFileTest, MissingFileAndDirectory) {
  npytest::ScratchDir dir;
  const std::string missing = dir.file("nope.npy");
  EXPECT_THAT(
      error_of([&] { nnnpy::read_npy(missing); }),
      AllOf(HasSubstr(missing), HasSubstr("cannot open for reading"), HasSubstr("No such file")));
  const std::string directory = dir.path().string();
  EXPECT_THAT(error_of([&] { nnnpy::read_npy(directory); }),
              AllOf(HasSubstr(directory), HasSubstr("is a directory, not a file")));
}

TEST(NpyShapeTest, PythonSpelling) {
  EXPECT_EQ(nnnpy::shape_to_string({}), "()");
  EXPECT_EQ(nnnpy::shape_to_string({3}), "(3,)");
  EXPECT_EQ(nnnpy::shape_to_string({2, 3, 4}), "(2, 3, 4)");
}

}  // namespace
