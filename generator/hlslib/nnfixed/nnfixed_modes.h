// nnfixed_modes.h - quantization and overflow mode enums, with the vendor's
// names (docs/fixed-point.md "Supported API"; their meaning: "Exact semantics of
// a conversion into ap_[u]fixed"; source: UG1399). Declared in the global
// namespace like the vendor's.
#ifndef NNACCEL_NNFIXED_MODES_H
#define NNACCEL_NNFIXED_MODES_H

enum ap_q_mode {
  AP_RND,          // round half toward plus infinity
  AP_RND_ZERO,     // round half toward zero
  AP_RND_MIN_INF,  // round half toward minus infinity
  AP_RND_INF,      // round half away from zero
  AP_RND_CONV,     // round half to even
  AP_TRN,          // truncate toward minus infinity (default)
  AP_TRN_ZERO      // truncate toward zero
};

enum ap_o_mode {
  AP_SAT,       // saturate to min/max
  AP_SAT_ZERO,  // set to zero on overflow
  AP_SAT_SYM,   // saturate symmetrically: [-max, max] for signed types
  AP_WRAP,      // keep the low bits (default); with N > 0 the top N bits saturate
  AP_WRAP_SM    // sign-magnitude wrap (signed types only)
};

#endif  // NNACCEL_NNFIXED_MODES_H
