// Lookup tables for activations that are not cheap in fixed point (sigmoid,
// tanh, exp in softmax): the sampling grid, the arithmetic type that computes
// the index exactly, and the emitted table. Shared by activation.cpp and
// softmax.cpp; the HLS side is nnhls::table_index in nn_activation.h.
#pragma once

#include <functional>
#include <string>

#include "ir/fixed_type.h"

namespace nngen::ops {

struct TableGrid {
  int lo;     // first sample point
  int hi;     // last sample point
  int scale;  // samples per unit (a power of two)
  int size() const { return (hi - lo) * scale + 1; }
};

// The type that holds (x - lo) * 2 * scale exactly for any x of type `in`.
ir::FixedType table_arith_type(const ir::FixedType& in, const TableGrid& grid);

// Config members lo, scale2, table_size, arith_t (one line each).
std::string table_config_members(const ir::FixedType& in, const TableGrid& grid);

// Definition of <cfg>::table with f sampled on the grid, as element type `elem`.
std::string table_definition(const std::string& cfg, const std::string& elem, const TableGrid& grid,
                             const std::function<double(double)>& f);

}  // namespace nngen::ops
