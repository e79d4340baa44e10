// Each NNFX_CASE must fail to compile with the static_assert message that
// tests/fixed/CMakeLists.txt expects (unsupported widths and modes are
// compile-time errors, never silent wrong results).
#include "nn_hls.h"

void use() {
#if NNFX_CASE == 1
  ap_fixed<129, 10> too_wide;  // values above 128 bits
  (void)too_wide;
#elif NNFX_CASE == 2
  ap_fixed<64, 64> a = 1;
  ap_fixed<65, 1> b = 1;
  auto p = a * b;  // a 129-bit product
  (void)p;
#elif NNFX_CASE == 3
  ap_uint<0> empty;
  (void)empty;
#elif NNFX_CASE == 4
  ap_ufixed<8, 4, AP_RND, AP_WRAP_SM> sm;
  (void)sm;
#elif NNFX_CASE == 5
  ap_fixed<8, 4, AP_TRN, AP_WRAP, 9> n_too_big;
  (void)n_too_big;
#endif
}
