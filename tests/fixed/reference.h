// reference.h - an obviously correct model of the vendor's fixed-point
// semantics, written with exact integer arithmetic and independent of the
// emulation under test (it never includes nnfixed headers).
//
// A fixed-point value is an exact integer `raw` scaled by 2^-F (F = W - I).
// Quantization classifies the dropped part of the exact value as zero / below
// half / half / above half and rounds by the mode; overflow compares the exact
// rounded integer with the target's range (both in docs/fixed-point.md "Exact
// semantics of a conversion into ap_[u]fixed"; source: UG1399 "Quantization
// Modes", "Overflow Modes"). Two models of the integer: int64_t for the small
// exhaustive tests, RefInt (sign + magnitude, 32-bit limbs) for wide types.
#ifndef NNACCEL_TESTS_FIXED_REFERENCE_H
#define NNACCEL_TESTS_FIXED_REFERENCE_H

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace ref {

enum class Q { RND, RND_ZERO, RND_MIN_INF, RND_INF, RND_CONV, TRN, TRN_ZERO };
enum class O { SAT, SAT_ZERO, SAT_SYM, WRAP, WRAP_SM };

struct Fmt {
  int W;
  int I;
  bool S;
  int F() const { return W - I; }
};

// ------------------------------------------------------------------ RefInt
// Arbitrary precision integer: sign and magnitude, magnitude in 32-bit limbs.
class RefInt {
 public:
  RefInt() = default;
  static RefInt from_i64(int64_t v) {
    RefInt r;
    r.neg_ = v < 0;
    uint64_t m = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    r.set_mag64(m);
    return r;
  }
  static RefInt from_u64(uint64_t v) {
    RefInt r;
    r.set_mag64(v);
    return r;
  }
  // Two's-complement pattern of W bits (lo = bits 0..63, hi = bits 64..127).
  static RefInt from_bits(uint64_t lo, uint64_t hi, int W, bool is_signed) {
    RefInt r = from_u64(hi).shl(64) + from_u64(lo);
    r = r.low_bits(W);
    if (is_signed && r.bit_of_mag(W - 1)) r = r - RefInt::pow2(W);
    return r;
  }
  static RefInt pow2(int k) { return from_u64(1).shl(k); }

  bool is_zero() const { return mag_.empty(); }
  bool is_neg() const { return neg_; }

  friend bool operator==(const RefInt& a, const RefInt& b) {
    return a.neg_ == b.neg_ && a.mag_ == b.mag_;
  }
  friend bool operator!=(const RefInt& a, const RefInt& b) { return !(a == b); }
  friend bool operator<(const RefInt& a, const RefInt& b) {
    if (a.neg_ != b.neg_) return a.neg_;
    const int c = cmp_mag(a.mag_, b.mag_);
    return a.neg_ ? c > 0 : c < 0;
  }
  friend bool operator>(const RefInt& a, const RefInt& b) { return b < a; }
  friend bool operator<=(const RefInt& a, const RefInt& b) { return !(b < a); }
  friend bool operator>=(const RefInt& a, const RefInt& b) { return !(a < b); }

  RefInt operator-() const {
    RefInt r = *this;
    if (!r.is_zero()) r.neg_ = !r.neg_;
    return r;
  }
  friend RefInt operator+(const RefInt& a, const RefInt& b) {
    RefInt r;
    if (a.neg_ == b.neg_) {
      r.mag_ = add_mag(a.mag_, b.mag_);
      r.neg_ = a.neg_;
    } else if (cmp_mag(a.mag_, b.mag_) >= 0) {
      r.mag_ = sub_mag(a.mag_, b.mag_);
      r.neg_ = a.neg_;
    } else {
      r.mag_ = sub_mag(b.mag_, a.mag_);
      r.neg_ = b.neg_;
    }
    r.trim();
    return r;
  }
  friend RefInt operator-(const RefInt& a, const RefInt& b) { return a + (-b); }
  friend RefInt operator*(const RefInt& a, const RefInt& b) {
    RefInt r;
    r.mag_.assign(a.mag_.size() + b.mag_.size(), 0u);
    for (std::size_t i = 0; i < a.mag_.size(); ++i) {
      uint64_t carry = 0;
      for (std::size_t j = 0; j < b.mag_.size(); ++j) {
        const uint64_t t = static_cast<uint64_t>(a.mag_[i]) * b.mag_[j] + r.mag_[i + j] + carry;
        r.mag_[i + j] = static_cast<uint32_t>(t);
        carry = t >> 32;
      }
      std::size_t k = i + b.mag_.size();
      while (carry) {
        const uint64_t t = static_cast<uint64_t>(r.mag_[k]) + carry;
        r.mag_[k] = static_cast<uint32_t>(t);
        carry = t >> 32;
        ++k;
      }
    }
    r.neg_ = a.neg_ != b.neg_;
    r.trim();
    return r;
  }
  // *this * 2^k (k >= 0)
  RefInt shl(int k) const {
    RefInt r;
    if (is_zero()) return r;
    const int ws = k / 32, bs = k % 32;
    r.mag_.assign(mag_.size() + ws + 1, 0u);
    for (std::size_t i = 0; i < mag_.size(); ++i) {
      const uint64_t v = static_cast<uint64_t>(mag_[i]) << bs;
      r.mag_[i + ws] |= static_cast<uint32_t>(v);
      r.mag_[i + ws + 1] |= static_cast<uint32_t>(v >> 32);
    }
    r.neg_ = neg_;
    r.trim();
    return r;
  }
  // floor(*this / 2^k) for k >= 0.
  RefInt floor_shr(int k) const {
    RefInt q = mag_shr(k);
    if (neg_) {
      q.neg_ = !q.is_zero();
      if (!(q.mag_shl_back(k) == mag_abs())) q = q - from_u64(1);
    }
    return q;
  }
  // Truncated division (toward zero); b != 0.
  friend RefInt trunc_div(const RefInt& a, const RefInt& b) {
    RefInt q, r;
    const int nb = a.bit_length();
    for (int i = nb - 1; i >= 0; --i) {
      r = r.shl(1);
      if (a.bit_of_mag(i)) r = r + from_u64(1);
      if (cmp_mag(r.mag_, b.mag_) >= 0) {
        r.mag_ = sub_mag(r.mag_, b.mag_);
        r.trim();
        q = q + pow2(i);
      }
    }
    q.neg_ = !q.is_zero() && (a.neg_ != b.neg_);
    return q;
  }
  // Low W bits of the two's complement, as a non-negative RefInt < 2^W:
  // (m mod 2^W) for m >= 0, (2^W - (|m| mod 2^W)) mod 2^W for m < 0.
  RefInt low_bits(int W) const {
    RefInt t;
    const std::size_t nl = static_cast<std::size_t>((W + 31) / 32);
    for (std::size_t i = 0; i < nl && i < mag_.size(); ++i) t.mag_.push_back(mag_[i]);
    if (W % 32 != 0 && t.mag_.size() == nl) t.mag_.back() &= (uint32_t{1} << (W % 32)) - 1u;
    t.trim();
    if (neg_ && !t.is_zero()) return pow2(W) - t;
    return t;
  }
  // Two's-complement bit k (valid for any k >= 0).
  bool tc_bit(int k) const {
    return low_bits(k + 1).bit_of_mag(k);
  }
  int bit_length() const {
    if (mag_.empty()) return 0;
    int n = static_cast<int>(mag_.size() - 1) * 32;
    uint32_t top = mag_.back();
    while (top) {
      ++n;
      top >>= 1;
    }
    return n;
  }
  bool bit_of_mag(int k) const {
    const std::size_t w = static_cast<std::size_t>(k / 32);
    return w < mag_.size() && ((mag_[w] >> (k % 32)) & 1u) != 0;
  }
  uint64_t low64_of_mag() const {
    uint64_t v = 0;
    if (!mag_.empty()) v = mag_[0];
    if (mag_.size() > 1) v |= static_cast<uint64_t>(mag_[1]) << 32;
    return v;
  }
  // Low 64 bits of the two's complement.
  uint64_t tc_low64() const { return low_bits(64).low64_of_mag(); }
  uint64_t tc_bits64(int from) const { return low_bits(from + 64).mag_shr(from).low64_of_mag(); }
  std::string str() const {
    if (is_zero()) return "0";
    std::string s;
    RefInt t = mag_abs();
    const RefInt ten = from_u64(10);
    while (!t.is_zero()) {
      RefInt q = trunc_div(t, ten);
      RefInt r = t - q * ten;
      s.insert(s.begin(), static_cast<char>('0' + r.low64_of_mag()));
      t = q;
    }
    return (neg_ ? "-" : "") + s;
  }
  RefInt mag_abs() const {
    RefInt r = *this;
    r.neg_ = false;
    return r;
  }

 private:
  void set_mag64(uint64_t m) {
    mag_.clear();
    while (m) {
      mag_.push_back(static_cast<uint32_t>(m));
      m >>= 32;
    }
  }
  void trim() {
    while (!mag_.empty() && mag_.back() == 0) mag_.pop_back();
    if (mag_.empty()) neg_ = false;
  }
  RefInt mag_shr(int k) const {
    RefInt r;
    const std::size_t ws = static_cast<std::size_t>(k / 32);
    const int bs = k % 32;
    if (ws >= mag_.size()) return r;
    r.mag_.assign(mag_.size() - ws, 0u);
    for (std::size_t i = ws; i < mag_.size(); ++i) {
      uint64_t v = mag_[i];
      if (i + 1 < mag_.size()) v |= static_cast<uint64_t>(mag_[i + 1]) << 32;
      r.mag_[i - ws] = static_cast<uint32_t>(v >> bs);
    }
    r.trim();
    return r;
  }
  RefInt mag_shl_back(int k) const { return mag_abs().shl(k); }
  static int cmp_mag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = a.size(); i-- > 0;)
      if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }
  static std::vector<uint32_t> add_mag(const std::vector<uint32_t>& a,
                                       const std::vector<uint32_t>& b) {
    std::vector<uint32_t> r(std::max(a.size(), b.size()) + 1, 0u);
    uint64_t c = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const uint64_t t = c + (i < a.size() ? a[i] : 0u) + (i < b.size() ? b[i] : 0u);
      r[i] = static_cast<uint32_t>(t);
      c = t >> 32;
    }
    return r;
  }
  static std::vector<uint32_t> sub_mag(const std::vector<uint32_t>& a,
                                       const std::vector<uint32_t>& b) {  // a >= b
    std::vector<uint32_t> r(a.size(), 0u);
    int64_t borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      int64_t t = static_cast<int64_t>(a[i]) - (i < b.size() ? b[i] : 0u) - borrow;
      borrow = t < 0;
      if (t < 0) t += int64_t{1} << 32;
      r[i] = static_cast<uint32_t>(t);
    }
    return r;
  }

  bool neg_ = false;
  std::vector<uint32_t> mag_;
};

// ------------------------------------------------------------------ rounding
enum class Frac { Zero, BelowHalf, Half, AboveHalf };

// Rounding increment for value = T + f (T = floor, f in [0,1) classified),
// `neg` = sign of the exact value (docs/fixed-point.md "Exact semantics of a
// conversion into ap_[u]fixed", step 2; source: UG1399 "Quantization Modes"):
//  AP_RND        nearest, ties toward +inf       AP_RND_ZERO    ties toward 0
//  AP_RND_MIN_INF ties toward -inf               AP_RND_INF     ties away from 0
//  AP_RND_CONV   ties to even                    AP_TRN         toward -inf
//  AP_TRN_ZERO   toward zero
inline bool round_inc(Q q, Frac f, bool neg, bool t_odd) {
  if (f == Frac::Zero) return false;
  switch (q) {
    case Q::TRN:
      return false;
    case Q::TRN_ZERO:
      return neg;
    default:
      break;
  }
  if (f == Frac::BelowHalf) return false;
  if (f == Frac::AboveHalf) return true;
  switch (q) {  // exact tie
    case Q::RND:
      return true;
    case Q::RND_ZERO:
      return neg;
    case Q::RND_MIN_INF:
      return false;
    case Q::RND_INF:
      return !neg;
    case Q::RND_CONV:
      return t_odd;
    default:
      return false;
  }
}

// Exact value k * 2^-F2 (k an integer, RefInt) quantized to F fraction bits:
// returns the rounded integer in target LSB units and T (the truncated one).
inline RefInt quantize(const RefInt& k, int F2, int F, Q q, RefInt* trunc_out) {
  const int d = F2 - F;
  if (d <= 0) {
    RefInt r = k.shl(-d);
    if (trunc_out) *trunc_out = r;
    return r;
  }
  const RefInt t = k.floor_shr(d);
  const RefInt rem = k - t.shl(d);  // 0 <= rem < 2^d
  Frac f;
  if (rem.is_zero()) {
    f = Frac::Zero;
  } else {
    const RefInt half = RefInt::pow2(d - 1);
    f = rem < half ? Frac::BelowHalf : (rem == half ? Frac::Half : Frac::AboveHalf);
  }
  if (trunc_out) *trunc_out = t;
  const bool odd = t.tc_bit(0);
  return round_inc(q, f, k.is_neg(), odd) ? t + RefInt::from_u64(1) : t;
}

// ------------------------------------------------------------------ overflow
// Result word (W-bit two's-complement pattern, as a non-negative RefInt) of
// putting the exact integer r (target LSB units) into <W,S> with mode o.
// For AP_WRAP with N > 0 and AP_WRAP_SM the vendor defines the result by bit
// rules (ap_fixed_base.h overflow_adjust): lD = the source bit just above the
// target's MSB (0 when that position is outside the source word), sign = the
// rounded value's sign.
inline RefInt place(const RefInt& r, Fmt t, bool src_signed, O o, int n, bool lD) {
  const RefInt one = RefInt::from_u64(1);
  const RefInt max = t.S ? RefInt::pow2(t.W - 1) - one : RefInt::pow2(t.W) - one;
  const RefInt min = t.S ? -RefInt::pow2(t.W - 1) : RefInt();
  bool ov = r > max, un = r < min;
  // Symmetric saturation also moves the most negative value to -max
  // (AP_SAT_SYM: docs/fixed-point.md "Exact semantics of a conversion into
  // ap_[u]fixed", steps 3-4). With W = 1 the vendor's pattern for -max is the
  // minimum itself (docs/fixed-point.md "Vendor quirks we reproduce").
  if (o == O::SAT_SYM && t.S && src_signed && r == min) un = true;
  const RefInt wrapped = r.low_bits(t.W);
  if (!ov && !un) return wrapped;
  auto pattern_of = [&](const RefInt& v) { return v.low_bits(t.W); };
  auto bit = [](const RefInt& v, int i) { return v.bit_of_mag(i); };
  auto with_bit = [&](const RefInt& v, int i, bool b) {
    const bool cur = bit(v, i);
    if (cur == b) return v;
    return b ? v + RefInt::pow2(i) : v - RefInt::pow2(i);
  };
  auto invert = [&](const RefInt& v) { return RefInt::pow2(t.W) - one - v; };
  const bool sign = r.is_neg();
  switch (o) {
    case O::SAT:
    case O::SAT_SYM:
      if (ov) return pattern_of(max);
      if (o == O::SAT_SYM && t.S) return pattern_of(t.W >= 2 ? -max : min);
      return pattern_of(min);
    case O::SAT_ZERO:
      return RefInt();
    case O::WRAP: {
      if (n == 0) return wrapped;
      RefInt v = wrapped;
      if (t.S) {
        v = with_bit(v, t.W - 1, sign);
        for (int i = t.W - n; i <= t.W - 2; ++i) v = with_bit(v, i, !sign);
      } else {
        for (int i = t.W - n; i <= t.W - 1; ++i) v = with_bit(v, i, true);
      }
      return v;
    }
    case O::WRAP_SM: {
      RefInt v = wrapped;
      const bool ro = bit(v, t.W - 1);
      if (n == 0) {
        if (lD != ro) v = with_bit(invert(v), t.W - 1, lD);
        return v;
      }
      if (n == 1) {
        if (sign != ro) v = invert(v);
      } else {
        if (bit(v, t.W - n) == sign) v = invert(v);
        for (int i = t.W - n; i <= t.W - 2; ++i) v = with_bit(v, i, !sign);
      }
      return with_bit(v, t.W - 1, sign);
    }
  }
  return wrapped;
}

// Full conversion of source raw integer k of format `src` (word width W2,
// fraction F2; W2 matters only for lD) into format t: returns the target's
// value as an exact integer in target LSB units.
inline RefInt convert(const RefInt& k, int W2, int F2, bool S2, Fmt t, Q q, O o, int n) {
  RefInt trunc;
  const RefInt r = quantize(k, F2, t.F(), q, &trunc);
  const int pos1 = t.W + (F2 - t.F());
  const bool lD = pos1 >= 0 && pos1 < W2 && k.tc_bit(pos1);
  const RefInt word = place(r, t, S2, o, n, lD);
  return RefInt::from_bits(word.tc_bits64(0), word.tc_bits64(64), t.W, t.S);
}

// Exact decoding of a double the way the vendor's constructor reads it:
// +-1.m * 2^(e-1023) for every biased exponent e (also 0 and 2047), 0 for
// +-0. Returns k and F2 with value = k * 2^-F2, k = +-(2^52 + m) (54-bit word).
inline bool decode_double(double x, RefInt& k, int& F2) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  if ((b & 0x7fffffffffffffffull) == 0) return false;  // zero
  const int e = static_cast<int>((b >> 52) & 0x7ff);
  const uint64_t m = (b & 0xfffffffffffffull) | (uint64_t{1} << 52);
  k = RefInt::from_u64(m);
  if (b >> 63) k = -k;
  F2 = 52 - (e - 1023);
  return true;
}

// ------------------------------------------------------------------ int64 fast model
// The same model over int64_t for the exhaustive small-type tests (all values
// used there stay below 2^60 in magnitude).
inline int64_t floor_div_pow2(int64_t k, int d) {  // d in [0, 62]
  const int64_t p = int64_t{1} << d;
  int64_t q = k / p;
  if (k % p != 0 && k < 0) --q;
  return q;
}

// place() over int64_t for W <= 62; same rules, written with masks.
inline uint64_t place64(int64_t r, Fmt t, bool src_signed, O o, int n, bool lD) {
  const uint64_t wmask = (uint64_t{1} << t.W) - 1;
  const int64_t max = t.S ? (int64_t{1} << (t.W - 1)) - 1 : (int64_t{1} << t.W) - 1;
  const int64_t min = t.S ? -(int64_t{1} << (t.W - 1)) : 0;
  bool ov = r > max, un = r < min;
  if (o == O::SAT_SYM && t.S && src_signed && r == min) un = true;
  const uint64_t wrapped = static_cast<uint64_t>(r) & wmask;
  if (!ov && !un) return wrapped;
  const bool sign = r < 0;
  auto with_bit = [](uint64_t v, int i, bool b) {
    return b ? (v | (uint64_t{1} << i)) : (v & ~(uint64_t{1} << i));
  };
  switch (o) {
    case O::SAT:
    case O::SAT_SYM:
      if (ov) return static_cast<uint64_t>(max) & wmask;
      if (o == O::SAT_SYM && t.S) return static_cast<uint64_t>(t.W >= 2 ? -max : min) & wmask;
      return static_cast<uint64_t>(min) & wmask;
    case O::SAT_ZERO:
      return 0;
    case O::WRAP: {
      if (n == 0) return wrapped;
      uint64_t v = wrapped;
      if (t.S) {
        v = with_bit(v, t.W - 1, sign);
        for (int i = t.W - n; i <= t.W - 2; ++i) v = with_bit(v, i, !sign);
      } else {
        for (int i = t.W - n; i <= t.W - 1; ++i) v = with_bit(v, i, true);
      }
      return v;
    }
    case O::WRAP_SM: {
      uint64_t v = wrapped;
      const bool ro = (v >> (t.W - 1)) & 1u;
      if (n == 0) {
        if (lD != ro) v = with_bit(~v & wmask, t.W - 1, lD);
        return v;
      }
      if (n == 1) {
        if (sign != ro) v = ~v & wmask;
      } else {
        if ((((v >> (t.W - n)) & 1u) != 0) == sign) v = ~v & wmask;
        for (int i = t.W - n; i <= t.W - 2; ++i) v = with_bit(v, i, !sign);
      }
      return with_bit(v, t.W - 1, sign);
    }
  }
  return wrapped;
}

inline int bit_length_u64(uint64_t m) {
  int n = 0;
  while (m) {
    ++n;
    m >>= 1;
  }
  return n;
}

// Exact value k * 2^-F2 (source word width W2, signedness S2) into format t
// (t.W <= 16): the target's value in target LSB units.
inline int64_t convert64(int64_t k, int W2, int F2, bool S2, Fmt t, Q q, O o, int n) {
  const int d = F2 - t.F();
  int64_t r;
  if (d <= 0) {
    const int e = -d;
    const uint64_t mag = k < 0 ? 0 - static_cast<uint64_t>(k) : static_cast<uint64_t>(k);
    if (k == 0) {
      r = 0;
    } else if (bit_length_u64(mag) + e <= 61) {
      r = k * (int64_t{1} << e);
    } else {
      // |r| >= 2^61 overflows every target here; keep its sign and its low
      // 16 bits (all that the overflow modes can look at).
      const uint64_t low = e >= 64 ? 0 : (static_cast<uint64_t>(k) << e) & 0xffffu;
      r = (k < 0 ? -(int64_t{1} << 50) : (int64_t{1} << 50)) + static_cast<int64_t>(low);
    }
  } else {
    int64_t trunc;
    Frac f;
    if (d >= 62) {
      trunc = k < 0 ? -1 : 0;
      f = k == 0 ? Frac::Zero : (k > 0 ? Frac::BelowHalf : Frac::AboveHalf);
    } else {
      trunc = floor_div_pow2(k, d);
      const int64_t rem = k - trunc * (int64_t{1} << d);
      const int64_t half = int64_t{1} << (d - 1);
      f = rem == 0 ? Frac::Zero
                   : (rem < half ? Frac::BelowHalf : (rem == half ? Frac::Half : Frac::AboveHalf));
    }
    r = trunc + (round_inc(q, f, k < 0, (trunc & 1) != 0) ? 1 : 0);
  }
  const int pos1 = t.W + d;
  const bool lD = pos1 >= 0 && pos1 < W2 && (pos1 >= 63 ? k < 0 : ((k >> pos1) & 1) != 0);
  const uint64_t bits = place64(r, t, S2, o, n, lD);
  if (t.S && ((bits >> (t.W - 1)) & 1u)) return static_cast<int64_t>(bits) - (int64_t{1} << t.W);
  return static_cast<int64_t>(bits);
}

}  // namespace ref

#endif  // NNACCEL_TESTS_FIXED_REFERENCE_H
