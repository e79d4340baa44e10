// nnfixed_print.h - to_string(radix) and std::ostream output with the
// vendor's formats:
//  * ap_[u]int to_string(radix = 2, sign = S): radix 2 never prints a sign;
//    "0b"/"0o"/"0x" prefixes; a leading "0" digit when the top printed digit
//    has its high bit set and fewer than W bits were printed; decimal without
//    prefix. (ap_private::toString in the vendor's headers.)
//  * ap_[u]fixed to_string(radix = 2, sign = S): integer part as above, then
//    '.' and the exact fraction (all F bits in binary/octal/hex, with a "p0"
//    suffix for hex; exact decimal digits for radix 10).
//  * operator<< on ap_[u]fixed: the exact decimal string rounded to the
//    stream's precision() significant digits by the vendor's string rounding
//    (reduceToPrecision / scientificFormat in ap_fixed_base.h), padded to
//    width() with fill(). operator<< on ap_[u]int: decimal, or hex/oct when
//    the stream's basefield says so (the vendor consults std::cout's flags;
//    we consult the stream's own - identical when printing to std::cout).
#ifndef NNACCEL_NNFIXED_PRINT_H
#define NNACCEL_NNFIXED_PRINT_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "nnfixed_fixed.h"
#include "nnfixed_int.h"

namespace nnfixed {
namespace detail {

inline const char* radix_prefix(int radix) {
  return radix == 2 ? "0b" : radix == 8 ? "0o" : radix == 16 ? "0x" : "";
}

// Formats the W-bit pattern `bits` (unsigned value) or, with negative=true,
// its magnitude `bits` with a '-' sign, per ap_private::toString.
inline std::string format_int(u128 mag, int width, int radix, bool negative) {
  static const char kDigits[] = "0123456789abcdef";
  if (radix != 2 && radix != 8 && radix != 10 && radix != 16) radix = 10;
  std::string digits;
  if (radix == 10) {
    if (mag == u128{0, 0}) return negative ? "-0" : "0";
    const u128 ten{10, 0};
    while (mag != u128{0, 0}) {
      u128 q, r;
      u128_divmod(mag, ten, q, r);
      digits.insert(digits.begin(), kDigits[r.lo]);
      mag = q;
    }
    return (negative ? "-" : "") + digits;
  }
  if (mag == u128{0, 0}) return std::string(radix_prefix(radix)) + "0";
  const int shift = radix == 16 ? 4 : radix == 8 ? 3 : 1;
  const unsigned mask = static_cast<unsigned>(radix - 1);
  int ndigits = 0;
  bool msb = false;
  while (mag != u128{0, 0}) {
    const unsigned d = static_cast<unsigned>(mag.lo) & mask;
    digits.insert(digits.begin(), kDigits[d]);
    mag = u128_lsr(mag, shift);
    ++ndigits;
    msb = (d >> (shift - 1)) == 1;
  }
  // A leading zero marks a positive value whose top digit looks negative.
  if (!negative && msb && ndigits * shift < width) digits.insert(digits.begin(), '0');
  return (negative ? "-" : "") + std::string(radix_prefix(radix)) + digits;
}

// Scientific form of a non-negative decimal string (vendor scientificFormat):
// d[.ddd]e[+-]XX, exponent at least two digits.
inline std::string scientific(const std::string& s) {
  if (s.empty()) return s;
  std::size_t dec = s.find('.');
  if (dec == std::string::npos) dec = s.size();
  std::size_t first = 0;
  while (first < s.size() && (s[first] < '1' || s[first] > '9')) ++first;
  std::size_t last = s.size();
  while (last > 0 && (s[last - 1] < '1' || s[last - 1] > '9')) --last;
  if (first >= s.size()) return s;
  const std::size_t lastpos = last - 1;
  const long exp = first > dec ? static_cast<long>(dec) - static_cast<long>(first)
                               : static_cast<long>(dec) - static_cast<long>(first) - 1;
  std::string out(1, s[first]);
  if (first != lastpos) {
    out += '.';
    for (std::size_t i = first + 1; i <= lastpos; ++i)
      if (s[i] != '.') out += s[i];
  }
  if (exp != 0) {
    out += exp < 0 ? "e-" : "e+";
    const long a = exp < 0 ? -exp : exp;
    if (a < 10) out += '0';
    out += std::to_string(a);
  }
  return out;
}

// The vendor's rounding of an exact decimal string to `precision` significant
// digits (reduceToPrecision): rounds half up on the first dropped character,
// keeps plain notation for at most `precision` digits and fewer than four
// zeros after the point, scientific otherwise. Note the vendor's quirk,
// reproduced: when the first dropped character is the decimal point (an
// integer part longer than the precision), the value is truncated, not
// rounded.
inline std::string round_decimal(const std::string& in, int precision) {
  bool all_zero = true;
  for (char c : in)
    if (c != '.' && c != '0') all_zero = false;
  if (all_zero) return "0";
  const bool neg = !in.empty() && in[0] == '-';
  auto is_nz = [](char c) { return c >= '1' && c <= '9'; };
  long first = 0;
  while (first < static_cast<long>(in.size()) && !is_nz(in[first])) ++first;
  long last = static_cast<long>(in.size()) - 1;
  while (last >= 0 && !is_nz(in[last])) --last;
  long dec = static_cast<long>(in.find('.'));
  if (in.find('.') == std::string::npos) dec = static_cast<long>(in.size());

  long cut;  // index (in `in`) of the first character that is dropped
  if (dec > last) {
    if (last - first + 1 <= precision) return in;
    cut = first + precision;
  } else if (dec < first) {
    if (last - first + 1 <= precision) {
      if (first - dec - 1 < 4) return in;
      return neg ? "-" + scientific(in.substr(1)) : scientific(in);
    }
    cut = first + precision;
  } else {
    if (last - first <= precision) return in;
    cut = first + precision + 1;
  }

  // Work on "0" + digits (the extra 0 takes a carry out of the top digit).
  std::string d = "0" + (neg ? in.substr(1) : in);
  if (!neg) ++cut;  // same position in d
  bool carry = cut < static_cast<long>(d.size()) && d[cut] > '4';
  for (long i = cut - 1; i >= 0 && carry; --i) {
    if (d[i] == '.') continue;
    if (d[i] == '9') {
      d[i] = '0';
    } else {
      ++d[i];
      carry = false;
    }
  }
  long start = 0;
  if (d[0] != '1')
    while (start < static_cast<long>(d.size()) && !is_nz(d[start])) ++start;
  int kept = 0;
  for (long i = start; i < static_cast<long>(d.size()); ++i) {
    if (d[i] == '.') continue;
    if (++kept > precision) d[i] = '0';
  }
  long end;  // one past the last character kept
  if (d.find('.') == std::string::npos) {
    end = static_cast<long>(d.size());
  } else {
    end = static_cast<long>(d.size()) - 1;
    while (end >= 0) {
      if (d[end] == '.') break;
      if (d[end] != '0') {
        ++end;
        break;
      }
      --end;
    }
  }
  d = d[0] == '1' ? d.substr(0, end) : d.substr(1, end - 1);
  const std::string sign = neg ? "-" : "";
  const std::size_t p = d.find('.');
  if (p != std::string::npos) {
    std::size_t it = p + 1;
    while (it < d.size() && d[it] == '0') ++it;
    if (it - p - 1 < 4) return sign + d;
    return sign + scientific(d);
  }
  if (static_cast<long>(d.size()) <= precision) return sign + d;
  return sign + scientific(d);
}

}  // namespace detail
}  // namespace nnfixed

template <int W, bool S>
std::string ap_int_base<W, S>::to_string(signed char radix, bool sign) const {
  if (radix == 2) sign = false;  // vendor: binary is always the raw pattern
  const bool neg = sign && this->sign();
  nnfixed::detail::u128 mag =
      nnfixed::detail::to_u128<W, false>(nnfixed::detail::normalize<W, false>(nnfx_v));
  if (neg) mag = nnfixed::detail::to_u128<W, false>(nnfixed::detail::normalize<W, false>(
               nnfixed::detail::from_u128<W, false>(-mag)));
  return nnfixed::detail::format_int(mag, W, radix, neg);
}

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
std::string ap_fixed_base<W, I, S, Q, O, N>::to_string(unsigned char radix, bool sign) const {
  using nnfixed::detail::u128;
  if (radix != 2 && radix != 8 && radix != 10 && radix != 16) radix = 10;
  if (radix == 2) sign = false;  // vendor: binary is always the raw pattern
  const bool neg = sign && is_neg();
  // The value (or its magnitude when printed with '-') sign-extended without
  // limit: bits 0..127 in `ext`, every higher bit equals `fill`. The vendor
  // reads integer and fraction bits from a copy widened to ap_fixed<W+1,I+1>.
  const u128 val = nnfixed::detail::to_u128<W, S>(nnfx_v);
  const u128 ext = neg ? -val : val;
  const bool fill = !neg && is_neg();
  auto bit = [&](int k) { return k >= 128 ? fill : nnfixed::detail::u128_bit(ext, k); };
  constexpr int F = W - I;
  std::string str = neg ? "-" : "";
  if constexpr (I > 0) {
    // Integer part: I+1 bits starting at bit F.
    u128 ip{0, 0};
    for (int k = 0; k < I + 1 && k < 128; ++k)
      if (k + F >= 0 && bit(k + F)) ip = ip | nnfixed::detail::u128_shl(u128{1, 0}, k);
    str += nnfixed::detail::format_int(ip, I + 1, radix, false);
  } else {
    str += nnfixed::detail::radix_prefix(radix);
    str += '0';
  }
  if constexpr (F > 0) {
    bool any = false;
    for (int k = 0; k < F && !any; ++k) any = bit(k);
    if (any) {
      str += '.';
      if (radix == 10) {
        // Exact decimal expansion: multiply the F-bit fraction by 10 and emit
        // the carry out of bit F, until nothing is left (terminates: a binary
        // fraction has at most F decimal digits).
        const int nlimbs = (F + 31) / 32;
        std::vector<uint32_t> limb(static_cast<std::size_t>(nlimbs), 0u);
        for (int k = 0; k < F; ++k)
          if (bit(k)) limb[static_cast<std::size_t>(k / 32)] |= uint32_t{1} << (k % 32);
        const int topbits = F - 32 * (nlimbs - 1);
        const uint64_t toplim = uint64_t{1} << topbits;
        for (;;) {
          bool nz = false;
          for (uint32_t l : limb) nz = nz || l != 0;
          if (!nz) break;
          uint64_t carry = 0;
          for (int i = 0; i < nlimbs; ++i) {
            const uint64_t p = static_cast<uint64_t>(limb[static_cast<std::size_t>(i)]) * 10u + carry;
            if (i == nlimbs - 1) {
              limb[static_cast<std::size_t>(i)] = static_cast<uint32_t>(p % toplim);
              carry = p / toplim;
            } else {
              limb[static_cast<std::size_t>(i)] = static_cast<uint32_t>(p);
              carry = p >> 32;
            }
          }
          str += static_cast<char>('0' + carry);
        }
      } else {
        // All F fraction bits in groups of 1/3/4 from the point; a partial
        // last group is left-aligned; hex gets a C99 "p0" exponent.
        static const char kDigits[] = "0123456789abcdef";
        const int step = radix == 16 ? 4 : radix == 8 ? 3 : 1;
        for (int i = F - 1; i >= 0; i -= step) {
          unsigned digit = 0;
          for (int j = 0; j < step; ++j) digit = (digit << 1) | ((i - j >= 0 && bit(i - j)) ? 1u : 0u);
          str += kDigits[digit];
        }
        if (radix == 16) str += "p0";
      }
    }
  }
  return str;
}

template <int W, bool S>
inline std::ostream& operator<<(std::ostream& os, const ap_int_base<W, S>& x) {
  const std::ios_base::fmtflags base = os.flags() & std::ios_base::basefield;
  if (base == std::ios_base::hex)
    os << x.to_string(16);
  else if (base == std::ios_base::oct)
    os << x.to_string(8);
  else
    os << x.to_string(10);
  return os;
}

template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline std::ostream& operator<<(std::ostream& os, const ap_fixed_base<W, I, S, Q, O, N>& x) {
  const std::size_t width = static_cast<std::size_t>(os.width() > 0 ? os.width() : 0);
  const int precision = static_cast<int>(os.precision());
  const char fill = os.fill();
  const std::string s = nnfixed::detail::round_decimal(x.to_string(10, S), precision);
  os.width(0);
  for (std::size_t i = s.size(); i < width; ++i) os << fill;
  os << s;
  return os;
}

template <int W, bool S>
inline std::ostream& operator<<(std::ostream& os, const ap_range_ref<W, S>& r) {
  return os << r.get();
}
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
inline std::ostream& operator<<(std::ostream& os, const af_range_ref<W, I, S, Q, O, N>& r) {
  return os << r.get();
}

#endif  // NNACCEL_NNFIXED_PRINT_H
