// Compiled with fake_vendor/ on the include path: see fake_vendor/ap_fixed.h.
#include "nn_hls.h"

static_assert(NNACCEL_USING_VENDOR_AP_TYPES == 0, "the emulation must be selected");
