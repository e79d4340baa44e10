// Reading .npz archives built by hand (stored and deflated members, zip64 records, data
// descriptors, comments) and every archive-level error; also the content-based read_array dispatch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "npy.h"
#include "npy_test_util.h"

namespace {

using ::npytest::build_zip;
using ::npytest::Bytes;
using ::npytest::error_of;
using ::npytest::f32_bytes;
using ::npytest::le_bytes;
using ::npytest::npy_bytes;
using ::npytest::ZipEntry;
using ::npytest::ZipOptions;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Bytes x_npy() {
  return npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                   f32_bytes({0.5f, -1.0f, 2.0f, 8.0f}));
}
Bytes y_npy() {
  return npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }",
                   le_bytes({3, 1, 0xffffffffffffffffu}, 8));
}
// Highly compressible, so deflate has to produce far more output than input.
Bytes zeros_npy() {
  return npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (50000,), }",
                   Bytes(200000, 0));
}

ZipEntry entry(const std::string& name, const Bytes& data, std::uint16_t method = 0) {
  ZipEntry e;
  e.name = name;
  e.data = data;
  e.method = method;
  return e;
}

class NpzReadTest : public ::testing::Test {
 protected:
  std::string write(const Bytes& zip, const std::string& name = "data.npz") {
    return dir_.write(name, zip);
  }
  std::string float_error(const Bytes& zip, const std::string& key = "") {
    const std::string path = write(zip, "bad.npz");
    return error_of([&] { nnnpy::read_npz(path, key); });
  }
  std::string bad_path() const { return dir_.file("bad.npz"); }

  npytest::ScratchDir dir_;
};

TEST_F(NpzReadTest, StoredAndDeflatedMembersByKeyWithOrWithoutSuffix) {
  for (std::uint16_t method : {0, 8}) {
    SCOPED_TRACE(method);
    const std::string path =
        write(build_zip({entry("x.npy", x_npy(), method), entry("y.npy", y_npy(), method)}));
    for (const char* key : {"x", "x.npy"}) {
      const nnnpy::Array x = nnnpy::read_npz(path, key);
      EXPECT_THAT(x.shape, ElementsAre(2u, 2u));
      EXPECT_THAT(x.data, ElementsAre(0.5f, -1.0f, 2.0f, 8.0f));
    }
    const nnnpy::IntArray y = nnnpy::read_npz_int(path, "y");
    EXPECT_THAT(y.shape, ElementsAre(3u));
    EXPECT_THAT(y.data, ElementsAre(3, 1, -1));
    EXPECT_THAT(nnnpy::list_npz_keys(path), ElementsAre("x", "y"));
  }
}

TEST_F(NpzReadTest, KeyIsOptionalForASingleArray) {
  const std::string path = write(build_zip({entry("arr_0.npy", x_npy(), 8)}));
  EXPECT_EQ(nnnpy::read_npz(path).data.size(), 4u);
  EXPECT_EQ(nnnpy::read_npz(path, "arr_0").data.size(), 4u);
}

TEST_F(NpzReadTest, LargeDeflatedMember) {
  const std::string path = write(build_zip({entry("zeros.npy", zeros_npy(), 8)}));
  const nnnpy::Array zeros = nnnpy::read_npz(path, "zeros");
  ASSERT_EQ(zeros.data.size(), 50000u);
  EXPECT_EQ(zeros.data.front(), 0.0f);
  EXPECT_EQ(zeros.data.back(), 0.0f);
}

TEST_F(NpzReadTest, Zip64RecordsAndNumpyStyleLocalExtras) {
  ZipEntry x = entry("x.npy", x_npy(), 8);
  x.zip64_central = true;
  x.zip64_local_extra = true;
  ZipEntry y = entry("y.npy", y_npy(), 0);
  y.zip64_local_extra = true;  // what np.savez writes (force_zip64 in Python's zipfile)
  ZipOptions options;
  options.zip64_end = true;
  const std::string path = write(build_zip({x, y}, options));
  EXPECT_THAT(nnnpy::read_npz(path, "x").data, ElementsAre(0.5f, -1.0f, 2.0f, 8.0f));
  EXPECT_THAT(nnnpy::read_npz_int(path, "y").data, ElementsAre(3, 1, -1));
}

TEST_F(NpzReadTest, DataDescriptorsCommentsAndDirectories) {
  ZipEntry x = entry("x.npy", x_npy(), 8);
  x.data_descriptor = true;  // sizes and CRC only in the central directory (streamed writers)
  ZipOptions options;
  // A comment that itself contains an end-record signature must not confuse the reader.
  options.comment = "made by hand PK\x05\x06 with a fake end record";
  const std::string path = write(build_zip({entry("folder/", {}), x}, options));
  EXPECT_THAT(nnnpy::list_npz_keys(path), ElementsAre("x"));
  EXPECT_EQ(nnnpy::read_npz(path).data.size(), 4u);
}

TEST_F(NpzReadTest, KeyErrorsListTheAvailableKeys) {
  const Bytes zip = build_zip({entry("x_test.npy", x_npy()), entry("y_test.npy", y_npy())});
  EXPECT_THAT(float_error(zip, "x_tset"),
              AllOf(HasSubstr(bad_path()), HasSubstr("no array with key 'x_tset'"),
                    HasSubstr("available keys: x_test, y_test")));
  EXPECT_THAT(float_error(zip),
              AllOf(HasSubstr(bad_path()), HasSubstr("holds 2 arrays"),
                    HasSubstr("(x_test, y_test)"), HasSubstr("a key is required")));
  EXPECT_THAT(float_error(build_zip({})),
              AllOf(HasSubstr(bad_path()), HasSubstr("holds no arrays")));
  EXPECT_THAT(float_error(build_zip({entry("x.npy", x_npy()), entry("x", x_npy())}), "x"),
              AllOf(HasSubstr(bad_path()), HasSubstr("key 'x' is ambiguous")));
}

TEST_F(NpzReadTest, MemberErrorsNameArchiveAndMember) {
  const Bytes f64 =
      npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", le_bytes({0}, 8));
  EXPECT_THAT(float_error(build_zip({entry("x.npy", f64, 8)})),
              AllOf(HasSubstr(bad_path() + ": member 'x.npy': dtype '<f8' (float64)"),
                    HasSubstr("X.astype(np.float32)")));
  const Bytes text(10, 'a');
  EXPECT_THAT(float_error(build_zip({entry("notes.txt", text)})),
              AllOf(HasSubstr(bad_path() + ": member 'notes.txt': not a .npy file")));
  EXPECT_THAT(error_of([&] { nnnpy::read_npz_int(write(build_zip({entry("y.npy", x_npy())}))); }),
              HasSubstr("member 'y.npy': dtype '<f4' (float32) is not an integer type"));
}

TEST_F(NpzReadTest, CorruptArchives) {
  const Bytes good = build_zip({entry("x.npy", x_npy(), 8)});

  EXPECT_THAT(float_error(Bytes(good.begin(), good.end() - 10)),
              AllOf(HasSubstr(bad_path()), HasSubstr("corrupt zip archive"),
                    HasSubstr("end of central directory record not found")));
  EXPECT_THAT(float_error(Bytes(good.begin(), good.begin() + 12)),
              AllOf(HasSubstr(bad_path()), HasSubstr("too short")));

  ZipEntry crc = entry("x.npy", x_npy(), 8);
  crc.crc_override = 0x12345678;
  EXPECT_THAT(float_error(build_zip({crc})),
              AllOf(HasSubstr(bad_path()), HasSubstr("member 'x.npy': CRC-32 mismatch"),
                    HasSubstr("stored 0x12345678")));

  ZipEntry bzip = entry("x.npy", x_npy(), 12);
  EXPECT_THAT(float_error(build_zip({bzip})),
              AllOf(HasSubstr(bad_path()), HasSubstr("member 'x.npy'"),
                    HasSubstr("compression method 12 (bzip2)"),
                    HasSubstr("only stored (0) and deflate (8)")));

  ZipEntry garbage = entry("x.npy", x_npy(), 8);
  garbage.payload_override = Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_THAT(float_error(build_zip({garbage})),
              AllOf(HasSubstr(bad_path()), HasSubstr("deflate data of member 'x.npy' is invalid")));

  ZipEntry cut = entry("x.npy", x_npy(), 8);
  Bytes deflated = npytest::raw_deflate(x_npy());
  deflated.resize(deflated.size() / 2);
  cut.payload_override = deflated;
  EXPECT_THAT(float_error(build_zip({cut})), AllOf(HasSubstr(bad_path()), HasSubstr("ends early")));

  // Declared sizes that disagree with the .npy header are refused before the data is inflated.
  const std::string size = std::to_string(x_npy().size());
  ZipEntry shorter = entry("x.npy", x_npy(), 8);
  shorter.uncompressed_size_override = x_npy().size() - 1;
  EXPECT_THAT(float_error(build_zip({shorter})),
              AllOf(HasSubstr(bad_path()),
                    HasSubstr("the central directory says " + std::to_string(x_npy().size() - 1) +
                              " uncompressed bytes, but its .npy header (shape and dtype) "
                              "requires " +
                              size)));
  ZipEntry longer = entry("x.npy", x_npy(), 8);
  longer.uncompressed_size_override = x_npy().size() + 100;
  EXPECT_THAT(float_error(build_zip({longer})),
              AllOf(HasSubstr(bad_path()),
                    HasSubstr("says " + std::to_string(x_npy().size() + 100) +
                              " uncompressed bytes, but its .npy header (shape and dtype) "
                              "requires " +
                              size)));
  // Declared size right, but the deflate stream holds more or less than that.
  Bytes padded = x_npy();
  padded.insert(padded.end(), 7, 0);
  ZipEntry overlong = entry("x.npy", x_npy(), 8);
  overlong.payload_override = npytest::raw_deflate(padded);
  EXPECT_THAT(float_error(build_zip({overlong})),
              AllOf(HasSubstr(bad_path()), HasSubstr("inflates to more than " + size + " bytes")));
  ZipEntry short_stream = entry("x.npy", x_npy(), 8);
  const Bytes x = x_npy();
  short_stream.payload_override = npytest::raw_deflate(Bytes(x.begin(), x.end() - 4));
  EXPECT_THAT(
      float_error(build_zip({short_stream})),
      AllOf(HasSubstr(bad_path()), HasSubstr("inflates to " + std::to_string(x_npy().size() - 4) +
                                             " bytes, but the central directory says " + size)));

  ZipEntry stored_mismatch = entry("x.npy", x_npy(), 0);
  stored_mismatch.uncompressed_size_override = 3;
  EXPECT_THAT(float_error(build_zip({stored_mismatch})),
              AllOf(HasSubstr(bad_path()), HasSubstr("sizes differ")));

  ZipEntry encrypted = entry("x.npy", x_npy(), 0);
  encrypted.flags = 1;
  EXPECT_THAT(float_error(build_zip({encrypted})),
              AllOf(HasSubstr(bad_path()), HasSubstr("member 'x.npy' is encrypted")));

  ZipOptions shifted;
  shifted.local_offset_shift = 7;
  EXPECT_THAT(float_error(build_zip({entry("x.npy", x_npy())}, shifted)),
              AllOf(HasSubstr(bad_path()), HasSubstr("no local header for member 'x.npy'")));

  ZipOptions split;
  split.disk_number = 1;
  EXPECT_THAT(float_error(build_zip({entry("x.npy", x_npy())}, split)),
              AllOf(HasSubstr(bad_path()), HasSubstr("multi-disk")));

  ZipOptions too_many;
  too_many.entry_count_override = 1000;
  EXPECT_THAT(float_error(build_zip({entry("x.npy", x_npy())}, too_many)),
              AllOf(HasSubstr(bad_path()), HasSubstr("lists 1000 entries")));
}

TEST_F(NpzReadTest, CentralDirectoryProblems) {
  // Bytes cut from the middle: the end record's central directory offset now points past it.
  Bytes zip = build_zip({entry("x.npy", x_npy())});
  const std::size_t data_start = 30 + 5;
  zip.erase(zip.begin() + data_start + 10, zip.begin() + data_start + 60);
  EXPECT_THAT(float_error(zip), AllOf(HasSubstr(bad_path()), HasSubstr("corrupt zip archive"),
                                      HasSubstr("lies outside the archive")));

  // Saturated fields in the classic end record without a zip64 locator.
  Bytes saturated = build_zip({entry("x.npy", x_npy())});
  const std::size_t end = saturated.size() - 22;
  for (std::size_t i = 12; i < 20; ++i) saturated[end + i] = 0xff;
  EXPECT_THAT(float_error(saturated), AllOf(HasSubstr(bad_path()), HasSubstr("no zip64 locator")));
}

TEST_F(NpzReadTest, BrokenZip64ExtraField) {
  ZipEntry x = entry("x.npy", x_npy());
  x.zip64_central = true;
  const Bytes good = build_zip({x});
  const std::size_t central = 30 + x.name.size() + x_npy().size();
  ASSERT_EQ(npytest::le_bytes({0x02014b50}, 4),
            Bytes(good.begin() + central, good.begin() + central + 4));
  const std::size_t extra = central + 46 + x.name.size();

  Bytes short_field = good;
  short_field[extra + 2] = 8;  // the zip64 block claims 8 bytes, three 8-byte values are needed
  EXPECT_THAT(float_error(short_field),
              AllOf(HasSubstr(bad_path()), HasSubstr("('x.npy'): zip64 field too short")));

  Bytes other_tag = good;
  other_tag[extra] = 0x02;  // not the zip64 tag any more
  EXPECT_THAT(float_error(other_tag),
              AllOf(HasSubstr(bad_path()), HasSubstr("('x.npy'): zip64 sizes missing")));
}

TEST_F(NpzReadTest, BrokenZip64Locator) {
  ZipOptions options;
  options.zip64_end = true;
  const Bytes good = build_zip({entry("x.npy", x_npy())}, options);
  const std::size_t locator = good.size() - 22 - 20;
  ASSERT_EQ(npytest::le_bytes({0x07064b50}, 4),
            Bytes(good.begin() + locator, good.begin() + locator + 4));

  Bytes two_disks = good;
  two_disks[locator + 16] = 2;  // total number of disks
  EXPECT_THAT(float_error(two_disks), AllOf(HasSubstr(bad_path()), HasSubstr("multi-disk")));

  Bytes misplaced = good;
  misplaced[locator + 8] ^= 0x01;  // offset of the zip64 end record
  EXPECT_THAT(float_error(misplaced),
              AllOf(HasSubstr(bad_path()),
                    HasSubstr("zip64 end of central directory record is missing or misplaced")));
}

TEST_F(NpzReadTest, MemberDataRunningPastTheEnd) {
  // A central directory whose compressed size is larger than what the archive holds.
  ZipEntry x = entry("x.npy", x_npy(), 0);
  Bytes zip = build_zip({x});
  // Central entry starts right after the local header and data.
  const std::size_t central = 30 + x.name.size() + x_npy().size();
  ASSERT_EQ(zip[central], 0x50);
  zip[central + 20] = 0xf0;  // compressed size low byte
  zip[central + 21] = 0xff;
  zip[central + 24] = 0xf0;  // uncompressed size (keeps stored sizes equal)
  zip[central + 25] = 0xff;
  EXPECT_THAT(float_error(zip),
              AllOf(HasSubstr(bad_path()), HasSubstr("runs past the end of the archive")));
}

TEST(ReadArrayTest, DispatchesOnContentNotExtension) {
  npytest::ScratchDir dir;
  const std::string npz_named_npy = dir.write("archive.npy", build_zip({entry("x.npy", x_npy())}));
  EXPECT_THAT(nnnpy::read_array(npz_named_npy).shape, ElementsAre(2u, 2u));
  EXPECT_THAT(nnnpy::read_array(npz_named_npy, "x").shape, ElementsAre(2u, 2u));
  const std::string npy_named_npz = dir.write("single.npz", x_npy());
  EXPECT_THAT(nnnpy::read_array(npy_named_npz).data, ElementsAre(0.5f, -1.0f, 2.0f, 8.0f));
  const std::string labels = dir.write("labels.npz", build_zip({entry("y.npy", y_npy(), 8)}));
  EXPECT_THAT(nnnpy::read_int_array(labels).data, ElementsAre(3, 1, -1));
  EXPECT_THAT(nnnpy::read_int_array(dir.write("labels.npy", y_npy())).data, ElementsAre(3, 1, -1));
}

TEST(ReadArrayTest, Errors) {
  npytest::ScratchDir dir;
  const std::string npy = dir.write("x.npy", x_npy());
  EXPECT_THAT(
      error_of([&] { nnnpy::read_array(npy, "x_test"); }),
      AllOf(HasSubstr(npy), HasSubstr("a key ('x_test') was given"), HasSubstr("a .npy file")));
  const std::string text = dir.write("x.csv", Bytes{'1', ',', '2', '\n'});
  EXPECT_THAT(error_of([&] { nnnpy::read_array(text); }),
              AllOf(HasSubstr(text), HasSubstr("not a .npy file"), HasSubstr("nor a .npz")));
  const std::string empty = dir.write("empty.npy", {});
  EXPECT_THAT(error_of([&] { nnnpy::read_int_array(empty); }),
              AllOf(HasSubstr(empty), HasSubstr("the file is empty")));
  const std::string missing = dir.file("missing.npz");
  EXPECT_THAT(error_of([&] { nnnpy::read_array(missing); }),
              AllOf(HasSubstr(missing), HasSubstr("cannot open for reading")));
  EXPECT_THAT(error_of([&] { nnnpy::read_npz(npy, "x"); }),
              AllOf(HasSubstr(npy), HasSubstr("this is a .npy file, not a .npz archive")));
  EXPECT_THAT(error_of([&] { nnnpy::list_npz_keys(npy); }),
              AllOf(HasSubstr(npy), HasSubstr("corrupt zip archive")));
}

}  // namespace
