#include "ops/table_function.h"

#include <algorithm>

#include "ops/op.h"

namespace nngen::ops {
ir::FixedType table_arith_type(const ir::FixedType& in, const TableGrid& grid) {
  const int lo_bits = ceil_log2(std::max(-grid.lo, 1)) + 1;  // |lo| as signed
  const int int_bits = std::max(in.int_bits, lo_bits) + 1 + ceil_log2(2 * grid.scale) + 1;
  // The index multiply widens by 16 bits (ap_uint<16> scale2): keep it within 64.
  const int frac = std::max(0, std::min(in.frac_bits(), 48 - int_bits));
  return ir::FixedType{true, int_bits + frac, int_bits, "AP_TRN", "AP_WRAP"};
}

std::string table_config_members(const ir::FixedType& in, const TableGrid& grid) {
  return "  static const int lo = " + std::to_string(grid.lo) + ";\n" +
         "  static const int hi = " + std::to_string(grid.hi) + ";\n" +
         "  static const int scale2 = " + std::to_string(2 * grid.scale) + ";\n" +
         "  static const unsigned table_size = " + std::to_string(grid.size()) + ";\n" +
         "  typedef " + table_arith_type(in, grid).cpp() + " arith_t;\n";
}

std::string table_definition(const std::string& cfg, const std::string& elem, const TableGrid& grid,
                             const std::function<double(double)>& f) {
  std::string s = "const " + elem + " " + cfg + "::table[" + std::to_string(grid.size()) + "] = {";
  for (int k = 0; k < grid.size(); ++k) {
    s += (k % 4 == 0 ? "\n    " : " ") + exact_double(f(grid.lo + double(k) / grid.scale)) + ",";
  }
  return s + "\n};\n";
}

}  // namespace nngen::ops
