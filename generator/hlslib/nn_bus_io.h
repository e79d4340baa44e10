// nn_bus_io.h - moving data between the AXI masters and the layer streams,
// and turning bus words into values.
//
// The bus carries IEEE float32 (docs/register-map.md, docs/nnw-format.md). Reads and writes are
// single pipelined loops over contiguous addresses so Vitis HLS infers bursts
// (docs/hardware-notes.md "HLS coding rules"; source: UG1399).
#ifndef NNACCEL_HLSLIB_NN_BUS_IO_H
#define NNACCEL_HLSLIB_NN_BUS_IO_H

#include <stdint.h>

#include "nn_hls.h"

namespace nnhls {

// Reinterprets the bits of a bus word as float. A union is the form Vitis HLS
// synthesizes to plain wires; g++ documents union type punning as supported.
inline float bits_to_float(uint32_t bits) {
  union {
    uint32_t u;
    float f;
  } v;
  v.u = bits;
  return v.f;
}

inline uint32_t float_to_bits(float f) {
  union {
    uint32_t u;
    float f;
  } v;
  v.f = f;
  return v.u;
}

template <class T, unsigned N, unsigned MAX_BATCH>
void read_input(const float* in, hls::stream<T>& s, unsigned batch) {
read_loop:
  for (unsigned k = 0; k < batch * N; k++) {
#pragma HLS LOOP_TRIPCOUNT min = N max = N * MAX_BATCH
#pragma HLS PIPELINE II = 1
    s.write(T(in[k]));
  }
}

template <class T, unsigned N, unsigned MAX_BATCH>
void write_output(hls::stream<T>& s, float* out, unsigned batch) {
write_loop:
  for (unsigned k = 0; k < batch * N; k++) {
#pragma HLS LOOP_TRIPCOUNT min = N max = N * MAX_BATCH
#pragma HLS PIPELINE II = 1
    out[k] = s.read().to_float();
  }
}

// Checksum over the raw weight words, as nn_weight_checksum() in the driver:
// a = sum(w), b = sum of the running a (mod 2^32), result a ^ rotl(b, 16).
// Two adders: II = 1 in hardware.
struct weight_checksum {
  uint32_t a, b;
  weight_checksum() : a(0), b(0) {}
  void add(uint32_t w) {
    a += w;
    b += a;
  }
  uint32_t value() const { return a ^ ((b << 16) | (b >> 16)); }
};

// Loads `n` words starting at word `offset` of the weight image into `dst`,
// converting each float to the array's element type.
template <class T, unsigned N>
void load_tensor(const uint32_t* weights, unsigned offset, T dst[N], weight_checksum& sum) {
load_loop:
  for (unsigned i = 0; i < N; i++) {
#pragma HLS PIPELINE II = 1
    uint32_t w = weights[offset + i];
    sum.add(w);
    dst[i] = T(bits_to_float(w));
  }
}

// The same for a matrix stored [R][C] (row-major on the bus).
template <class T, unsigned R, unsigned C>
void load_matrix(const uint32_t* weights, unsigned offset, T dst[R][C], weight_checksum& sum) {
load_rows:
  for (unsigned r = 0; r < R; r++) {
  load_cols:
    for (unsigned c = 0; c < C; c++) {
#pragma HLS PIPELINE II = 1
      uint32_t w = weights[offset + r * C + c];
      sum.add(w);
      dst[r][c] = T(bits_to_float(w));
    }
  }
}

}  // namespace nnhls

#endif  // NNACCEL_HLSLIB_NN_BUS_IO_H
