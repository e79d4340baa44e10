/*
 * bt_check.h - what the image checks per sample: bit-exact agreement with the
 * expected outputs (the host simulation's, from data.h), the label (accuracy)
 * and the argmax of the float reference (agreement with the trained model).
 * Pure functions apart from printing mismatches; tested on the host.
 */
#ifndef BT_CHECK_H
#define BT_CHECK_H

#include <stdint.h>

/* Mismatch lines printed before the rest are only counted. */
#define BT_MAX_MISMATCH_LINES 20u

typedef struct bt_tally {
  uint32_t samples;
  uint32_t exact;      /* samples whose every output has the expected bits */
  uint32_t mismatches; /* outputs (not samples) that differ */
  uint32_t labelled, correct;
  uint32_t referenced, agree;
} bt_tally;

/* Index of the largest value; the first on ties; NaN never wins (all NaN: 0). */
uint32_t bt_argmax(const float *v, uint32_t n);

/* Checks sample `index`: n outputs `got` against `expected` bit for bit (each
 * difference printed as a "mismatch sample <i> output <j>: ..." line while
 * fewer than BT_MAX_MISMATCH_LINES were), argmax(got) against *label and
 * against argmax(reference) when those are not NULL. */
void bt_check_sample(bt_tally *t, uint32_t index, const float *got, const float *expected,
                     uint32_t n, const int32_t *label, const float *reference);

#endif
