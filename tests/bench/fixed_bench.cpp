// fixed_bench - cost of the ap_fixed emulation against float on the host.
//
//  BM_Mac/{Fixed,Float}:     acc += x[i] * w[i] over 1024 products;
//                            ap_fixed<16,6> x ap_fixed<16,6> into ap_fixed<32,12>
//                            (the default layer types) vs float.
//  BM_Dense64/{Fixed,Float}: a 64x64 dense layer with bias, fixed output
//                            rounded and saturated to ap_fixed<16,6,AP_RND,AP_SAT>.
// The counter ns_per_mac is the time per multiply-accumulate; docs/fixed-point.md
// records the fixed/float ratio measured in one run.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "nn_hls.h"

namespace {

using in_t = ap_fixed<16, 6>;
using acc_t = ap_fixed<32, 12>;
using out_t = ap_fixed<16, 6, AP_RND, AP_SAT>;

constexpr int kLen = 1024;
constexpr int kN = 64;

std::vector<float> random_floats(int n, unsigned seed) {
  std::mt19937 g(seed);
  std::uniform_real_distribution<float> d(-4.0f, 4.0f);
  std::vector<float> v(static_cast<std::size_t>(n));
  for (float& x : v) x = d(g);
  return v;
}

template <class T>
std::vector<T> as(const std::vector<float>& f) {
  return std::vector<T>(f.begin(), f.end());
}

void set_mac_counter(benchmark::State& state, double macs_per_iteration) {
  state.counters["ns_per_mac"] = benchmark::Counter(
      macs_per_iteration * static_cast<double>(state.iterations()) / 1e9,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Mac_Fixed(benchmark::State& state) {
  const auto x = as<in_t>(random_floats(kLen, 1)), w = as<in_t>(random_floats(kLen, 2));
  for (auto _ : state) {
    acc_t acc = 0;
    for (int i = 0; i < kLen; ++i) acc += x[i] * w[i];
    benchmark::DoNotOptimize(acc);
  }
  set_mac_counter(state, kLen);
}
BENCHMARK(BM_Mac_Fixed);

void BM_Mac_Float(benchmark::State& state) {
  const auto x = random_floats(kLen, 1), w = random_floats(kLen, 2);
  for (auto _ : state) {
    float acc = 0;
    for (int i = 0; i < kLen; ++i) acc += x[i] * w[i];
    benchmark::DoNotOptimize(acc);
  }
  set_mac_counter(state, kLen);
}
BENCHMARK(BM_Mac_Float);

void BM_Dense64_Fixed(benchmark::State& state) {
  const auto x = as<in_t>(random_floats(kN, 3)), w = as<in_t>(random_floats(kN * kN, 4)),
             b = as<in_t>(random_floats(kN, 5));
  std::vector<out_t> y(kN);
  for (auto _ : state) {
    for (int o = 0; o < kN; ++o) {
      acc_t acc = b[o];
      for (int i = 0; i < kN; ++i) acc += x[i] * w[o * kN + i];
      y[o] = acc;
    }
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  set_mac_counter(state, kN * kN);
}
BENCHMARK(BM_Dense64_Fixed);

void BM_Dense64_Float(benchmark::State& state) {
  const auto x = random_floats(kN, 3), w = random_floats(kN * kN, 4), b = random_floats(kN, 5);
  std::vector<float> y(kN);
  for (auto _ : state) {
    for (int o = 0; o < kN; ++o) {
      float acc = b[o];
      for (int i = 0; i < kN; ++i) acc += x[i] * w[o * kN + i];
      y[o] = acc;
    }
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  set_mac_counter(state, kN * kN);
}
BENCHMARK(BM_Dense64_Float);

}  // namespace

BENCHMARK_MAIN();
