// Known-answer tests: the vendor's documented examples (the rules they check are
// in docs/fixed-point.md; source: UG1399, section names cited per test), the
// vendor behaviours we reproduce on purpose (quirks), string/stream formats,
// bit and part selects, concatenation, and the header selection in nn_hls.h.
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "fixed_test_util.h"

namespace {

using fxt::raw_of;

// Rounding by quantization mode (docs/fixed-point.md "Exact semantics of a
// conversion into ap_[u]fixed", step 2; source: UG1399 "Quantization Modes"):
// ap_fixed<3,2,Q,AP_SAT> assigned +-1.25.
TEST(KnownAnswers, Ug1399QuantizationModes) {
  EXPECT_EQ((ap_fixed<3, 2, AP_RND, AP_SAT>(1.25).to_double()), 1.5);
  EXPECT_EQ((ap_fixed<3, 2, AP_RND, AP_SAT>(-1.25).to_double()), -1.0);
  EXPECT_EQ((ap_fixed<3, 2, AP_RND_ZERO, AP_SAT>(1.25).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<3, 2, AP_RND_ZERO, AP_SAT>(-1.25).to_double()), -1.0);
  EXPECT_EQ((ap_fixed<3, 2, AP_RND_MIN_INF, AP_SAT>(1.25).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<3, 2, AP_RND_MIN_INF, AP_SAT>(-1.25).to_double()), -1.5);
  EXPECT_EQ((ap_fixed<3, 2, AP_RND_INF, AP_SAT>(1.25).to_double()), 1.5);
  EXPECT_EQ((ap_fixed<3, 2, AP_RND_INF, AP_SAT>(-1.25).to_double()), -1.5);
  // AP_RND_CONV ("ties round to even"), AP_TRN ("truncation to minus
  // infinity") and AP_TRN_ZERO ("truncation to zero") per the same section's
  // definitions:
  EXPECT_EQ((ap_fixed<4, 3, AP_RND_CONV, AP_SAT>(0.75).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<4, 3, AP_RND_CONV, AP_SAT>(-0.75).to_double()), -1.0);
  EXPECT_EQ((ap_fixed<4, 3, AP_RND_CONV, AP_SAT>(0.25).to_double()), 0.0);
  EXPECT_EQ((ap_fixed<4, 3, AP_RND_CONV, AP_SAT>(1.25).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<3, 2, AP_TRN, AP_SAT>(1.25).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<3, 2, AP_TRN, AP_SAT>(-1.25).to_double()), -1.5);
  EXPECT_EQ((ap_fixed<3, 2, AP_TRN_ZERO, AP_SAT>(1.25).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<3, 2, AP_TRN_ZERO, AP_SAT>(-1.25).to_double()), -1.0);
}

// Overflow modes (docs/fixed-point.md "Exact semantics of a conversion into
// ap_[u]fixed", step 4; source: UG1399 "Overflow Modes"):
// ap_[u]fixed<4,4,AP_RND,O> assigned 19 / -19 (31).
TEST(KnownAnswers, Ug1399OverflowModes) {
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_SAT>(19.0).to_double()), 7.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_SAT>(-19.0).to_double()), -8.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_SAT>(19.0).to_double()), 15.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_SAT>(-19.0).to_double()), 0.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_SAT_ZERO>(19.0).to_double()), 0.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_SAT_ZERO>(-19.0).to_double()), 0.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_SAT_ZERO>(19.0).to_double()), 0.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_SAT_ZERO>(-19.0).to_double()), 0.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_SAT_SYM>(19.0).to_double()), 7.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_SAT_SYM>(-19.0).to_double()), -7.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_SAT_SYM>(19.0).to_double()), 15.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_SAT_SYM>(-19.0).to_double()), 0.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_WRAP>(31.0).to_double()), -1.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_WRAP>(-19.0).to_double()), -3.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_WRAP>(19.0).to_double()), 3.0);
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_WRAP>(-19.0).to_double()), 13.0);
  // AP_WRAP with N saturation bits: the sign bit keeps the source's sign and
  // the next N-1 bits take its inverse (unsigned: the N MSBs become 1).
  // 31 -> 0b1111 -> MSB := 0 -> 7;  -19 -> 0b1101 (MSB already 1) -> -3.
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_WRAP, 1>(31.0).to_double()), 7.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_WRAP, 1>(-19.0).to_double()), -3.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_WRAP, 2>(19.0).to_double()), 7.0);  // 0b0011 -> 0b0111
  EXPECT_EQ((ap_ufixed<4, 4, AP_RND, AP_WRAP, 1>(19.0).to_double()), 11.0);  // 0b0011 -> 0b1011
  // AP_WRAP_SM (sign-magnitude wrap): 19 = 0b1_0011: kept 0b0011 has MSB 0
  // but the next dropped bit is 1, so the word is inverted: 0b1100 = -4.
  // -19 = 0b...10_1101: kept MSB 1, next dropped bit 0 -> 0b0010 = 2.
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_WRAP_SM>(19.0).to_double()), -4.0);
  EXPECT_EQ((ap_fixed<4, 4, AP_RND, AP_WRAP_SM>(-19.0).to_double()), 2.0);
}

// The bit patterns of ap_fixed<18,6,AP_RND> = +-1.5 (docs/fixed-point.md
// "Supported API", value; source: UG1399 "Overview of Arbitrary Precision
// Fixed-Point Data Types").
TEST(KnownAnswers, Ug1399OverviewBitPatterns) {
  const ap_fixed<18, 6, AP_RND> t1 = 1.5, t2 = -1.5;
  EXPECT_EQ(t1.range().to_uint64(), 0x01800u);
  EXPECT_EQ(t2.range().to_uint64(), 0x3e800u);
}

// Negative I (docs/fixed-point.md "Supported API", value; source: UG1399
// "Fixed-Point Identifier Summary").
TEST(KnownAnswers, Ug1399NegativeIntegerBits) {
  const ap_fixed<2, 0> a = -0.5;
  const ap_ufixed<1, 0> x = 0.5;
  const ap_ufixed<1, -1> y = 0.25;
  const ap_fixed<1, -7> z = 1.0 / 256;
  EXPECT_EQ(a.to_double(), -0.5);
  EXPECT_EQ(x.to_double(), 0.5);
  EXPECT_EQ(y.to_double(), 0.25);
  EXPECT_EQ(z.range().to_uint64(), 1u);  // the one bit of weight 2^-8 is set
  EXPECT_EQ(z.to_double(), -1.0 / 256);  // ... and, being the sign bit, reads negative
}

// Result types (docs/fixed-point.md "Supported API", operator table; sources:
// the vendor's RType, UG1399 "Expressions Involving ap_[u]fixed<> types"):
// product W1+W2/I1+I2, sum max(I)+1 and max(F).
TEST(KnownAnswers, ResultTypes) {
  using P = decltype(ap_fixed<16, 6>() * ap_fixed<16, 6>());
  static_assert(std::is_same_v<P, ap_fixed<32, 12>>);
  using S = decltype(ap_fixed<32, 12>() + ap_fixed<32, 12>());
  static_assert(std::is_same_v<S, ap_fixed<33, 13>>);
  using D = decltype(ap_ufixed<16, 1>() / ap_ufixed<24, 8>());
  static_assert(std::is_same_v<D, ap_ufixed<32, 17>>);  // W1+F2, I1+F2
  using M = decltype(ap_fixed<8, 3>() - ap_ufixed<8, 3>());
  static_assert(std::is_same_v<M, ap_fixed<10, 5>>);
  using I = decltype(ap_uint<8>() * ap_int<4>());
  static_assert(std::is_same_v<I, ap_int<12>>);
  const D q = ap_ufixed<16, 1>(0.75) / ap_ufixed<24, 8>(3.0);
  EXPECT_EQ(q.to_double(), 0.25);
  const auto inexact = ap_ufixed<16, 1>(1.0) / ap_ufixed<24, 8>(3.0);  // truncated
  EXPECT_EQ(inexact.range().to_uint64(), (uint64_t{1} << 31) / (uint64_t{3} << 16));
}

// Behaviours of the vendor's headers that differ from plain arithmetic; the
// emulation reproduces them so the board computes what the host computes
// (docs/fixed-point.md, "Vendor quirks").
TEST(KnownAnswers, VendorQuirks) {
  // ap_int from a negative double of magnitude < 0.5 gives +1.
  EXPECT_EQ(ap_int<8>(-0.25).to_int(), 1);
  EXPECT_EQ(ap_int<8>(-0.49).to_int(), 1);
  EXPECT_EQ(ap_int<8>(-0.5).to_int(), 0);
  EXPECT_EQ(ap_int<8>(-1.75).to_int(), -1);
  EXPECT_EQ(ap_int<8>(300.7).to_int(), 44);  // truncate, then keep 8 bits
  EXPECT_EQ(ap_uint<8>(-1.0f).to_int(), 255);
  // to_int() of a negative value with I <= 0 and a nonzero fraction is -1.
  EXPECT_EQ((ap_fixed<4, 0>(-0.25).to_int()), -1);
  EXPECT_EQ((ap_fixed<4, -1>(-0.0625).to_int()), -1);
  EXPECT_EQ((ap_fixed<4, 1>(-0.25).to_int()), 0);
  // AP_SAT_SYM: the most negative value becomes -max; a 1-bit signed type has
  // max = 0, and the vendor's pattern then is the minimum.
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT_SYM>(-8.0).to_double()), -7.9375);
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT_SYM>(ap_fixed<8, 4>(-8.0)).to_double()), -7.9375);
  EXPECT_EQ((ap_fixed<1, 1, AP_TRN, AP_SAT_SYM>(-1.0).to_double()), -1.0);
  // Infinity reads as 2^1024 and NaN as 1.m * 2^1024 (sign kept).
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ((ap_fixed<8, 4, AP_RND, AP_SAT>(inf).to_double()), 7.9375);
  EXPECT_EQ((ap_fixed<8, 4, AP_RND, AP_SAT>(-inf).to_double()), -8.0);
  EXPECT_EQ((ap_fixed<8, 4, AP_RND, AP_SAT>(nan).to_double()), 7.9375);
  EXPECT_EQ((ap_fixed<8, 4>(inf).to_double()), 0.0);
  EXPECT_EQ(ap_int<16>(inf).to_int(), 0);
  // Subnormals read with an implicit leading one: still far below any LSB.
  EXPECT_EQ((ap_fixed<8, 4, AP_RND_INF, AP_SAT>(-4.9e-324).to_double()), 0.0);
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT>(-4.9e-324).to_double()), -0.0625);
}

TEST(KnownAnswers, IntegerToString) {
  EXPECT_EQ(ap_uint<8>(5).to_string(2), "0b0101");  // leading 0: top digit looks negative
  EXPECT_EQ(ap_uint<8>(5).to_string(), "0b0101");   // radix 2 is the default
  EXPECT_EQ(ap_uint<8>(5).to_string(10), "5");
  EXPECT_EQ(ap_uint<8>(5).to_string(16), "0x5");
  EXPECT_EQ(ap_uint<8>(15).to_string(16), "0x0f");
  EXPECT_EQ(ap_uint<8>(0xc8).to_string(16), "0xc8");
  EXPECT_EQ(ap_uint<8>(0).to_string(16), "0x0");
  EXPECT_EQ(ap_uint<8>(0).to_string(10), "0");
  EXPECT_EQ(ap_int<8>(-5).to_string(10), "-5");
  EXPECT_EQ(ap_int<8>(-5).to_string(16), "-0x5");
  EXPECT_EQ(ap_int<8>(-5).to_string(2), "0b11111011");  // binary: raw pattern, no sign
  EXPECT_EQ(ap_int<8>(-5).to_string(10, false), "251");
  EXPECT_EQ(ap_uint<9>(0x1ff).to_string(8), "0o777");
  EXPECT_EQ(ap_int<70>(-1).to_string(10), "-1");
  EXPECT_EQ((ap_uint<100>(1) << 99).to_string(10), "633825300114114700748351602688");
  std::ostringstream os;
  os << ap_int<12>(-300) << ' ' << std::hex << ap_uint<12>(0xabc) << ' ' << std::dec
     << ap_uint<4>(9);
  EXPECT_EQ(os.str(), "-300 0xabc 9");
}

TEST(KnownAnswers, FixedToString) {
  EXPECT_EQ((ap_fixed<8, 4>(2.75).to_string(10)), "2.75");
  EXPECT_EQ((ap_fixed<8, 4>(-2.75).to_string(10)), "-2.75");
  EXPECT_EQ((ap_fixed<8, 4>(2.75).to_string(2)), "0b010.1100");
  EXPECT_EQ((ap_fixed<8, 4>(2.75).to_string()), "0b010.1100");
  EXPECT_EQ((ap_fixed<8, 4>(-2.75).to_string(2)), "0b11101.0100");
  EXPECT_EQ((ap_fixed<8, 4>(2.75).to_string(16)), "0x2.cp0");
  EXPECT_EQ((ap_fixed<8, 4>(3.0).to_string(10)), "3");
  EXPECT_EQ((ap_fixed<8, 4>(-8.0).to_string(10)), "-8");
  EXPECT_EQ((ap_ufixed<6, -2>(0.0625).to_string(10)), "0.0625");
  EXPECT_EQ((ap_fixed<16, 6>(1.2345678).to_string(10)), "1.234375");
  EXPECT_EQ((ap_fixed<8, 10>(-12.0).to_string(10)), "-12");
  EXPECT_EQ((ap_fixed<64, 1>(std::ldexp(1.0, -63)).to_string(10)),
            "0.000000000000000000108420217248550443400745280086994171142578125");
}

// operator<< rounds the exact decimal string to the stream's precision with
// the vendor's rules (reduceToPrecision in ap_fixed_base.h), then pads.
TEST(KnownAnswers, FixedOstream) {
  auto str = [](auto v, int prec = 6) {
    std::ostringstream os;
    os << std::setprecision(prec) << v;
    return os.str();
  };
  EXPECT_EQ(str(ap_fixed<16, 6>(1.2345678)), "1.23438");
  EXPECT_EQ(str(ap_fixed<16, 6>(-1.2345678)), "-1.23535");  // TRN: -1.2353515625
  EXPECT_EQ(str(ap_fixed<8, 4>(2.75)), "2.75");
  EXPECT_EQ(str(ap_fixed<8, 4>(0)), "0");
  EXPECT_EQ(str(ap_fixed<16, 6>(1.2345678), 3), "1.23");
  EXPECT_EQ(str(ap_fixed<8, 8>(100)), "100");
  // An integer part longer than the precision: the vendor truncates (the
  // first dropped character is the decimal point) and goes scientific.
  EXPECT_EQ(str(ap_fixed<32, 24>(1234567.5)), "1.23456e+06");
  EXPECT_EQ(str(ap_fixed<32, 24>(1234567)), "1.23457e+06");
  EXPECT_EQ(str(ap_fixed<34, 26>(9999999)), "1e+07");
  // Small magnitudes: plain with fewer than four zeros after the point.
  EXPECT_EQ(str(ap_ufixed<16, 0>(0.0625)), "0.0625");
  EXPECT_EQ(str(ap_ufixed<20, -4>(std::ldexp(1.0, -14))), "6.10352e-05");
  std::ostringstream os;
  os << std::setw(6) << std::setfill('*') << ap_fixed<8, 8>(100);
  EXPECT_EQ(os.str(), "***100");
}

TEST(KnownAnswers, BitAndPartSelect) {
  ap_uint<8> x = 0xa5;
  EXPECT_EQ(x.range(7, 4).to_uint(), 0xau);
  EXPECT_EQ(x(3, 0).to_uint(), 0x5u);
  x.range(3, 0) = 0x3;
  EXPECT_EQ(x.to_uint(), 0xa3u);
  x[0] = 0;
  EXPECT_EQ(x.to_uint(), 0xa2u);
  EXPECT_TRUE(x[7]);
  EXPECT_FALSE(x[0]);
  ap_uint<8> y = 0xa4;
  EXPECT_EQ(y.range(0, 7).to_uint(), 0x25u);  // hi < lo: reversed
  y.range(0, 3) = 0x1;                         // reversed: value bit 0 -> bit 3
  EXPECT_EQ(y.to_uint(), 0xa8u);
  int table[16] = {};
  table[x.range(3, 0)] = 7;  // range converts to an index
  EXPECT_EQ(table[2], 7);
  const ap_uint<4> nib = x.range(7, 4);
  EXPECT_EQ(nib.to_uint(), 0xau);
  ap_int<6> s = -1;
  EXPECT_EQ(s.range().to_uint(), 0x3fu);
  EXPECT_EQ(s.range(5, 5).to_uint(), 1u);
  ap_fixed<8, 4> f = 1.5;
  EXPECT_EQ(f.range().to_uint64(), 0x18u);
  f.range(7, 4) = 0xf;
  EXPECT_EQ(f.to_double(), -0.5);
  EXPECT_TRUE(f[7]);
  f[7] = 0;
  EXPECT_EQ(f.to_double(), 7.5);
  EXPECT_TRUE(f.get_bit(-1));  // first fraction bit (vendor get_bit counts from the point)
  ap_uint<70> w = 0;
  w.range(69, 64) = 0x2a;
  w[3] = 1;
  EXPECT_EQ(w.range(69, 64).to_uint(), 0x2au);
  EXPECT_EQ(w.range(63, 0).to_uint64(), 8u);
}

TEST(KnownAnswers, Concatenation) {
  ap_uint<4> h = 0xa, l = 0x5;
  const ap_uint<8> c = (h, l);
  EXPECT_EQ(c.to_uint(), 0xa5u);
  EXPECT_EQ(h.concat(l).get().to_uint(), 0xa5u);
  (h, l) = ap_uint<8>(0x3c);
  EXPECT_EQ(h.to_uint(), 0x3u);
  EXPECT_EQ(l.to_uint(), 0xcu);
  const ap_int<3> neg = -1;
  const ap_uint<2> two = 2;
  EXPECT_EQ((neg, two).to_uint(), 0x1eu);  // sign bits are not extended into the result
}

TEST(KnownAnswers, HeaderSelection) {
  // No vendor headers here: nn_hls.h must have chosen the emulation.
  EXPECT_EQ(NNACCEL_USING_VENDOR_AP_TYPES, 0);
}

TEST(KnownAnswers, StreamBasics) {
  hls::stream<ap_fixed<16, 6>> s("probe");
  EXPECT_EQ(s.name(), "probe");
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(s.full());
  s.write(1.5);
  s << ap_fixed<16, 6>(2.5);
  EXPECT_FALSE(s.write_nb(3.5) == false);
  EXPECT_EQ(s.size(), 3u);
  EXPECT_EQ(s.max_occupancy(), 3u);
  EXPECT_EQ(s.read().to_double(), 1.5);
  ap_fixed<16, 6> v;
  s >> v;
  EXPECT_EQ(v.to_double(), 2.5);
  s.read(v);
  EXPECT_EQ(v.to_double(), 3.5);
  EXPECT_TRUE(s.empty());
  v = 9;
  EXPECT_FALSE(s.read_nb(v));
  EXPECT_EQ(v.to_double(), 0.0);  // vendor: reset on a failed read_nb
  s.write(4);
  EXPECT_TRUE(s.read_nb(v));
  EXPECT_EQ(v.to_double(), 4.0);
  EXPECT_EQ(s.max_occupancy(), 3u);  // the high-water mark stays
  hls::stream<int, 8> deep;          // Vitis-style depth parameter
  deep.write(1);
  EXPECT_EQ(deep.read(), 1);
  hls::stream<int> unnamed_a, unnamed_b;
  EXPECT_NE(unnamed_a.name(), unnamed_b.name());
}

}  // namespace
