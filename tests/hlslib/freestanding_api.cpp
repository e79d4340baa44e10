// Uses the emulation's API beyond what a generated top needs (division, wide products, bit and
// part selects, concatenation, every quantization/overflow mode, to_double/to_float, shifts,
// streams of a struct) and folds every result's bits into one digest. Compiled hosted and with
// NNFIXED_FREESTANDING (tests/hlslib/CMakeLists.txt, freestanding_cross.cmake): the digests must
// agree (freestanding_identity.cmake) and the freestanding object must reference only the C
// library and libgcc (check_symbols.cmake). Only C headers: nothing here may pull in libstdc++.
#include <stdint.h>
#include <string.h>

#include "nn_hls.h"

extern "C" uint64_t nnfs_api_digest(void);

namespace {

struct digest {
  uint64_t h = 1469598103934665603ull;  // FNV-1a, 64 bits
  void add(uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xFFu;
      h *= 1099511628211ull;
    }
  }
  void add_double(double d) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    add(b);
  }
  void add_float(float f) {
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    add(b);
  }
  template <class T>
  void add_bits(const T& v) {
    add(v.range().to_uint64());
  }
};

uint64_t g_rng = 0x9E3779B97F4A7C15ull;
uint64_t next_u64() {  // xorshift64
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 7;
  g_rng ^= g_rng << 17;
  return g_rng;
}
double next_double(double range) {
  return (static_cast<double>(next_u64() >> 11) / 9007199254740992.0 * 2.0 - 1.0) * range;
}

struct pair_t {
  ap_fixed<16, 6> a;
  ap_uint<12> b;
};

}  // namespace

extern "C" uint64_t nnfs_api_digest(void) {
  digest d;
  typedef ap_fixed<16, 6, AP_RND_CONV, AP_SAT> data_t;
  for (int i = 0; i < 4000; ++i) {
    const double x = next_double(i < 3000 ? 40.0 : 1e6);
    const double y = next_double(8.0);
    const data_t a = x, b = y;
    d.add_bits(a);
    d.add_bits(a * b);  // ap_fixed<32,12>
    d.add_bits(a + b);
    if (b != 0) d.add_bits(ap_fixed<24, 10>(a / b));
    d.add_double(a.to_double());
    d.add_float(b.to_float());
    // Every quantization and overflow mode.
    d.add_bits(ap_fixed<8, 3, AP_RND, AP_SAT_SYM>(x));
    d.add_bits(ap_fixed<8, 3, AP_RND_ZERO, AP_WRAP_SM>(x));
    d.add_bits(ap_fixed<8, 3, AP_RND_MIN_INF, AP_SAT_ZERO>(x));
    d.add_bits(ap_fixed<8, 3, AP_RND_INF, AP_WRAP, 2>(x));
    d.add_bits(ap_fixed<8, 3, AP_TRN_ZERO, AP_SAT>(x));
    d.add_bits(ap_ufixed<10, 4, AP_RND_CONV, AP_SAT>(a));
    d.add_bits(ap_fixed<12, 14>(x));       // I > W
    d.add_bits(ap_fixed<12, -2>(y / 64));  // I < 0
    // Wide integers: 128-bit products and division.
    const ap_int<64> p = static_cast<int64_t>(next_u64());
    const ap_uint<64> q = next_u64() | 1u;
    const ap_int<37> r = static_cast<int64_t>(next_u64() >> 20);
    d.add(ap_int<128>(p * q).range(127, 64).to_uint64());
    d.add((p * q).range(63, 0).to_uint64());
    d.add((p / q).to_int64());
    d.add((p % q).to_int64());
    if (r != 0) d.add((p / r).to_int64());
    d.add((p >> 13).to_int64());
    d.add((ap_uint<64>(q) << 7).to_uint64());
    d.add(p.range(40, 8).to_uint64());
    d.add(p.range(8, 40).to_uint64());  // reversed
    d.add(p[5] ? 1u : 0u);
    ap_uint<8> hi = static_cast<unsigned>(next_u64() & 0xFFu), lo = 0;
    lo = static_cast<unsigned>(next_u64() & 0xFFu);
    d.add(ap_uint<16>((hi, lo)).to_uint64());
    ap_int<64> w = p;
    w.range(15, 0) = q.range(15, 0);
    w[63] = 0;
    d.add(w.to_uint64());
    // Wide fixed point to floating point (rounding of 64-bit values).
    const ap_fixed<64, 20> wide = p;
    d.add_double(wide.to_double());
    d.add_float(wide.to_float());
    d.add(static_cast<uint64_t>(a < b) | static_cast<uint64_t>(a == b) << 1 |
          static_cast<uint64_t>(a >= wide) << 2);
  }
  // A stream of a struct, written in full before it is read (as in C simulation).
  hls::stream<pair_t> s("pairs");
  for (unsigned i = 0; i < 3000; ++i) {
    pair_t v;
    v.a = next_double(30.0);
    v.b = static_cast<unsigned>(i * 7u);
    s << v;
  }
  d.add(s.size());
  while (!s.empty()) {
    const pair_t v = s.read();
    d.add_bits(v.a);
    d.add(v.b.to_uint64());
  }
  d.add(s.max_occupancy());
  return d.h;
}
