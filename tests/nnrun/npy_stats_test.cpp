// nn-run's .npy reader/writer (nr_npy) and latency figures (nr_stats), without a device.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

extern "C" {
#include "nr_npy.h"
#include "nr_stats.h"
}

namespace {

std::string npy(const std::string& descr, const std::string& shape, size_t data_bytes,
                const std::string& fortran = "False", unsigned major = 1) {
  std::string dict =
      "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
  const size_t prelude = major == 1 ? 10 : 12;
  while ((prelude + dict.size() + 1) % 64) dict += ' ';
  dict += '\n';
  std::string s = "\x93NUMPY";
  s += char(major);
  s += char(0);
  s += char(dict.size() & 0xff);
  s += char(dict.size() >> 8);
  if (major != 1) s += std::string(2, '\0');
  s += dict;
  for (size_t i = 0; i < data_bytes; ++i) s += char(i & 0xff);
  return s;
}

struct Parsed {
  int rc;
  nr_array a;
  std::string err;
};

Parsed parse(const std::string& bytes) {
  Parsed p{};
  char err[512] = "";
  p.rc = nr_npy_parse("x.npy", reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      &p.a, err, sizeof err);
  p.err = err;
  return p;
}

void expect_refused(const std::string& bytes, const std::string& what) {
  Parsed p = parse(bytes);
  EXPECT_EQ(p.rc, -1);
  EXPECT_NE(p.err.find(what), std::string::npos) << "expected '" << what << "' in: " << p.err;
  EXPECT_EQ(p.err.rfind("x.npy", 0), 0u) << p.err;
  nr_array_free(&p.a);
}

TEST(NnRunNpy, ReadsFloat32COrder) {
  std::string b = npy("<f4", "(2, 3)", 0);
  const float v[6] = {1.5f, -2.0f, 0.0f, 3.25f, 1e-30f, -7.0f};
  b.append(reinterpret_cast<const char*>(v), sizeof v);
  Parsed p = parse(b);
  ASSERT_EQ(p.rc, 0) << p.err;
  ASSERT_EQ(p.a.rank, 2u);
  EXPECT_EQ(p.a.shape[0], 2u);
  EXPECT_EQ(p.a.shape[1], 3u);
  ASSERT_EQ(p.a.count, 6u);
  EXPECT_EQ(0, std::memcmp(p.a.data, v, sizeof v));
  nr_array_free(&p.a);
  // format 2.0 and a rank-4 shape with a trailing comma
  p = parse(npy("<f4", "(1, 1, 2, 2,)", 16, "False", 2));
  ASSERT_EQ(p.rc, 0) << p.err;
  EXPECT_EQ(p.a.rank, 4u);
  EXPECT_EQ(p.a.count, 4u);
  nr_array_free(&p.a);
}

TEST(NnRunNpy, RefusesWhatItCannotRead) {
  expect_refused(npy("<f8", "(2, 3)", 48), "dtype '<f8', but nn-run needs float32");
  expect_refused(npy(">f4", "(2, 3)", 24), "dtype '>f4'");
  expect_refused(npy("<i4", "(2, 3)", 24), "astype(numpy.float32)");
  expect_refused(npy("<f4", "(2, 3)", 24, "True"), "Fortran order");
  expect_refused(npy("<f4", "(2, 3)", 23),
                 "truncated: shape (2, 3) needs 24 data bytes, the file holds 23");
  expect_refused(npy("<f4", "(2, 3)", 25), "trailing bytes");
  expect_refused(npy("<f4", "(2, x)", 0), "something other than integers");
  expect_refused(npy("<f4", "[2, 3]", 0), "is not a tuple");
  expect_refused(npy("<f4", "(1, 1, 1, 1, 1, 1, 1, 1, 1)", 4), "more than 8 dimensions");
  expect_refused(npy("<f4", "(4294967296, 1)", 0), "above 2^31");
  expect_refused(npy("<f4", "(2147483647, 2147483647)", 0), "more than 2^40 values");
  expect_refused(std::string("PK\x03\x04rest of a zip", 18), "is a .npz archive");
  expect_refused("not numpy at all", "not a .npy file");
  expect_refused(std::string("\x93NUMPY\x01\x00\xff\x00{'descr'", 17), "truncated");
  expect_refused(std::string("\x93NUMPY\x05\x00\x10\x00", 10),
                 "unsupported .npy format version 5.0");
  std::string big = std::string("\x93NUMPY\x02\x00", 8) + std::string("\x00\x00\x20\x00", 4);
  expect_refused(big, "over the 1 MiB limit");
  std::string nul = npy("<f4", "(1, 1)", 4);
  nul[20] = '\0';
  expect_refused(nul, "NUL byte");
  std::string nodescr = npy("<f4", "(1, 1)", 4);
  nodescr.replace(nodescr.find("'descr'"), 7, "'dtype'");
  expect_refused(nodescr, "lacks 'descr'");
}

TEST(NnRunNpy, WritesWhatNumpyWrites) {
  const std::string path = testing::TempDir() + "/nnrun_npy_out.npy";
  const float v[6] = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f};
  char err[256] = "";
  ASSERT_EQ(nr_npy_write_2d(path.c_str(), v, 3, 2, err, sizeof err), 0) << err;
  std::ifstream f(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  // numpy.save(np.arange(1, 7, dtype=np.float32).reshape(3, 2)): header 118 bytes, 128 total
  const std::string header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }" + std::string(58, ' ') + "\n";
  ASSERT_EQ(bytes.size(), 128u + 24u);
  EXPECT_EQ(bytes.substr(0, 10), std::string("\x93NUMPY\x01\x00\x76\x00", 10));
  EXPECT_EQ(bytes.substr(10, 118), header);
  EXPECT_EQ(0, std::memcmp(bytes.data() + 128, v, sizeof v));
  Parsed p = parse(bytes);
  ASSERT_EQ(p.rc, 0) << p.err;
  EXPECT_EQ(p.a.count, 6u);
  nr_array_free(&p.a);
  // no temporary file is left next to it
  EXPECT_EQ(access((path + ".tmp").c_str(), F_OK), -1);
  // an unwritable place is an error naming the path
  EXPECT_EQ(nr_npy_write_2d("/nonexistent-dir/y.npy", v, 3, 2, err, sizeof err), -1);
  EXPECT_NE(std::string(err).find("/nonexistent-dir/y.npy"), std::string::npos) << err;
}

TEST(NnRunNpy, ReadsFilesBounded) {
  nr_array a;
  char err[512] = "";
  EXPECT_EQ(nr_npy_read("/nonexistent/x.npy", 1 << 20, &a, err, sizeof err), -1);
  EXPECT_NE(std::string(err).find("/nonexistent/x.npy: cannot open"), std::string::npos) << err;
  EXPECT_EQ(nr_npy_read("/", 1 << 20, &a, err, sizeof err), -1);
  EXPECT_NE(std::string(err).find("not a regular file"), std::string::npos) << err;
  const std::string path = testing::TempDir() + "/nnrun_npy_big.npy";
  {
    std::ofstream f(path, std::ios::binary);
    const std::string b = npy("<f4", "(16, 16)", 1024);
    f.write(b.data(), std::streamsize(b.size()));
  }
  EXPECT_EQ(nr_npy_read(path.c_str(), 100, &a, err, sizeof err), -1);
  EXPECT_NE(std::string(err).find("more than the 100 allowed"), std::string::npos) << err;
  ASSERT_EQ(nr_npy_read(path.c_str(), 1 << 20, &a, err, sizeof err), 0) << err;
  EXPECT_EQ(a.count, 256u);
  nr_array_free(&a);
}

TEST(NnRunStats, NearestRank) {
  EXPECT_EQ(nr_rank_index(1, 50), 0u);
  EXPECT_EQ(nr_rank_index(1, 99), 0u);
  EXPECT_EQ(nr_rank_index(2, 50), 0u);  // ceil(1.0) = rank 1
  EXPECT_EQ(nr_rank_index(3, 50), 1u);  // ceil(1.5) = rank 2
  EXPECT_EQ(nr_rank_index(100, 99), 98u);
  EXPECT_EQ(nr_rank_index(101, 99), 99u);  // ceil(99.99) = rank 100
  EXPECT_EQ(nr_rank_index(1000, 99), 989u);
  std::vector<uint64_t> ns;
  for (uint64_t i = 100; i >= 1; --i) ns.push_back(i * 1000);
  const nr_latency l = nr_latency_of(ns.data(), ns.size());
  EXPECT_EQ(l.min_ns, 1000u);
  EXPECT_EQ(l.median_ns, 50000u);
  EXPECT_EQ(l.p99_ns, 99000u);
  EXPECT_EQ(l.max_ns, 100000u);
  EXPECT_DOUBLE_EQ(l.mean_ns, 50500.0);
  const nr_latency z = nr_latency_of(nullptr, 0);
  EXPECT_EQ(z.max_ns, 0u);
}

}  // namespace
