/* bt_check.c - per-sample checks of the bare-metal test image. */
#include "bt_check.h"

#include "bt_console.h"

uint32_t bt_argmax(const float *v, uint32_t n) {
  uint32_t best = 0;
  int have = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (v[i] != v[i]) continue; /* NaN */
    if (!have || v[i] > v[best]) {
      best = i;
      have = 1;
    }
  }
  return best;
}

static void print_mismatch(uint32_t index, uint32_t j, float got, float expected) {
  bt_str("mismatch sample ");
  bt_u32(index);
  bt_str(" output ");
  bt_u32(j);
  bt_str(": got 0x");
  bt_hex32(bt_float_bits(got));
  bt_str(" (");
  bt_float(got);
  bt_str(") expected 0x");
  bt_hex32(bt_float_bits(expected));
  bt_str(" (");
  bt_float(expected);
  bt_str(")\n");
}

void bt_check_sample(bt_tally *t, uint32_t index, const float *got, const float *expected,
                     uint32_t n, const int32_t *label, const float *reference) {
  uint32_t differing = 0;
  for (uint32_t j = 0; j < n; ++j) {
    if (bt_float_bits(got[j]) == bt_float_bits(expected[j])) continue;
    if (t->mismatches < BT_MAX_MISMATCH_LINES) print_mismatch(index, j, got[j], expected[j]);
    t->mismatches++;
    differing++;
  }
  t->samples++;
  if (differing == 0) t->exact++;
  const uint32_t predicted = bt_argmax(got, n);
  if (label != 0) {
    t->labelled++;
    if (*label >= 0 && (uint32_t)*label == predicted) t->correct++;
  }
  if (reference != 0) {
    t->referenced++;
    if (bt_argmax(reference, n) == predicted) t->agree++;
  }
}
