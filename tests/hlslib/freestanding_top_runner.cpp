// Runs a generated top (nngen generate ... --name net) through a fixed script of calls and writes
// every return value and output word to a file, byte for byte, after the digest of
// freestanding_api.cpp. tests/hlslib builds it twice, with
// the hosted emulation and with NNFIXED_FREESTANDING; freestanding_identity.cmake requires the two
// files to be identical and both runs to print nothing on stderr.
//
// Only C headers here: the freestanding build must not pull in libstdc++ through this file either.
// Weights and inputs are pseudo-random floats (fixed seed) covering ordinary values, values that
// saturate the fixed-point types, signed zeros and tiny values; batches 1, 7 and the maximum
// (so every FIFO grows to its largest size).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_accel.h"

// freestanding_api.cpp: the rest of the emulation's API, folded into one digest.
extern "C" uint64_t nnfs_api_digest(void);

namespace {

uint32_t g_state = 0x2545F491u;

uint32_t next_u32() {  // xorshift32: the same sequence on every host
  g_state ^= g_state << 13;
  g_state ^= g_state >> 17;
  g_state ^= g_state << 5;
  return g_state;
}

// Uniform in [-range, range), with a few special values mixed in.
float next_float(float range) {
  const uint32_t r = next_u32();
  switch (r % 61u) {
    case 0:
      return 0.0f;
    case 1:
      return -0.0f;
    case 2:
      return 1e-30f;
    case 3:
      return 1000.0f;  // saturates every ap_fixed the nets use
    case 4:
      return -1000.0f;
    default:
      return (static_cast<float>(r >> 8) / 16777216.0f * 2.0f - 1.0f) * range;
  }
}

FILE* g_out = nullptr;
unsigned long g_words = 0;

void put(uint32_t w) {
  if (fwrite(&w, sizeof w, 1, g_out) != 1) {
    fputs("freestanding_top_runner: cannot write the output file\n", stderr);
    exit(2);
  }
  ++g_words;
}

void put_floats(const float* v, unsigned n) {
  for (unsigned i = 0; i < n; ++i) {
    uint32_t w;
    memcpy(&w, &v[i], sizeof w);
    put(w);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fputs("usage: freestanding_top_runner OUTPUT_FILE\n", stderr);
    return 2;
  }
  g_out = fopen(argv[1], "wb");
  if (g_out == nullptr) {
    fprintf(stderr, "freestanding_top_runner: cannot create '%s'\n", argv[1]);
    return 2;
  }
  const unsigned max_in = NET_INPUT_SIZE * NET_MAX_BATCH;
  const unsigned max_out = NET_OUTPUT_SIZE * NET_MAX_BATCH;
  float* in = static_cast<float*>(malloc(max_in * sizeof(float)));
  float* out = static_cast<float*>(malloc(max_out * sizeof(float)));
  uint32_t* weights = static_cast<uint32_t*>(malloc(NET_WEIGHT_WORDS * sizeof(uint32_t)));
  if (in == nullptr || out == nullptr || weights == nullptr) {
    fputs("freestanding_top_runner: out of memory\n", stderr);
    return 2;
  }

  const uint64_t api = nnfs_api_digest();
  put(static_cast<uint32_t>(api));
  put(static_cast<uint32_t>(api >> 32));
  put(net_accel(nullptr, nullptr, nullptr, 0, 2u));  // identify
  put(net_accel(nullptr, nullptr, nullptr, 0, 3u));  // unknown mode
  put(net_accel(in, out, weights, 0, 0u));           // batch 0
  put(net_accel(in, out, weights, NET_MAX_BATCH + 1u, 0u));

  // Two weight sets: mostly in range, then wide (many saturate).
  const float weight_range[2] = {1.5f, 40.0f};
  const unsigned batches[3] = {1u, 7u, NET_MAX_BATCH};
  unsigned distinct_ok = 0;
  for (float wr : weight_range) {
    for (unsigned i = 0; i < NET_WEIGHT_WORDS; ++i) {
      const float f = next_float(wr);
      memcpy(&weights[i], &f, sizeof f);
    }
    put(net_accel(nullptr, nullptr, weights, 0, 1u));  // load: the checksum
    for (unsigned batch : batches) {
      for (unsigned i = 0; i < batch * NET_INPUT_SIZE; ++i) in[i] = next_float(4.0f);
      memset(out, 0xA5, max_out * sizeof(float));
      put(net_accel(in, out, weights, batch, 0u));
      put_floats(out, batch * NET_OUTPUT_SIZE);
      // A self-check that the run computed something: the largest batch must give many different
      // output values (a broken build writing zeros everywhere would agree with itself).
      if (batch == NET_MAX_BATCH) {
        unsigned distinct = 0;
        for (unsigned i = 1; i < batch * NET_OUTPUT_SIZE && distinct < 64; ++i)
          if (memcmp(&out[i], &out[i - 1], sizeof(float)) != 0) ++distinct;
        if (distinct >= 64) ++distinct_ok;
      }
    }
  }
  if (fclose(g_out) != 0) {
    fputs("freestanding_top_runner: cannot write the output file\n", stderr);
    return 2;
  }
  free(in);
  free(out);
  free(weights);
  if (distinct_ok != 2) {
    fputs("freestanding_top_runner: the outputs are nearly constant: the top computed nothing\n",
          stderr);
    return 1;
  }
  printf("freestanding_top_runner: %lu words written to %s\n", g_words, argv[1]);
  return 0;
}
