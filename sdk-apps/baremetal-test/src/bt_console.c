/* bt_console.c - decimal, hex and float formatting over the board's UART. */
#include "bt_console.h"

#include <string.h>

#include "nn_board.h"

void bt_str(const char *s) { nn_board_puts(s); }

void bt_nl(void) { nn_board_putc('\n'); }

void bt_u64(uint64_t v) {
  char digits[20];
  unsigned n = 0;
  do {
    digits[n++] = (char)('0' + (unsigned)(v % 10u));
    v /= 10u;
  } while (v != 0u);
  while (n > 0u) nn_board_putc(digits[--n]);
}

void bt_u32(uint32_t v) { bt_u64(v); }

void bt_i32(int32_t v) {
  if (v < 0) {
    nn_board_putc('-');
    bt_u64((uint64_t)(-(int64_t)v));
  } else {
    bt_u64((uint64_t)v);
  }
}

void bt_hex32(uint32_t v) {
  static const char hex[] = "0123456789abcdef";
  for (int shift = 28; shift >= 0; shift -= 4) nn_board_putc(hex[(v >> shift) & 0xFu]);
}

uint32_t bt_float_bits(float v) {
  uint32_t bits;
  memcpy(&bits, &v, sizeof bits);
  return bits;
}

static void fraction6(double frac) {
  /* frac in [0, 1): six digits, already rounded by the caller. */
  uint32_t f = (uint32_t)(frac * 1e6);
  if (f > 999999u) f = 999999u;
  char digits[6];
  for (int i = 5; i >= 0; --i) {
    digits[i] = (char)('0' + f % 10u);
    f /= 10u;
  }
  for (int i = 0; i < 6; ++i) nn_board_putc(digits[i]);
}

void bt_float(float value) {
  const uint32_t bits = bt_float_bits(value);
  const uint32_t exp = (bits >> 23) & 0xFFu;
  if (exp == 0xFFu) {
    if (bits & 0x7FFFFFu) {
      bt_str("nan");
    } else {
      bt_str((bits >> 31) ? "-inf" : "inf");
    }
    return;
  }
  double v = value;
  if (bits >> 31) {
    nn_board_putc('-');
    v = -v;
  }
  if (v >= 1e9) {
    /* d.dddddde+XX: scale down by powers of ten (floats stop at 3.4e38). */
    int e = 0;
    while (v >= 10.0) {
      v /= 10.0;
      ++e;
    }
    v += 0.0000005;
    uint32_t ip = (uint32_t)v;
    bt_u32(ip);
    nn_board_putc('.');
    fraction6(v - ip);
    bt_str("e+");
    bt_u32((uint32_t)e);
    return;
  }
  v += 0.0000005; /* round to six decimals */
  uint32_t ip = (uint32_t)v;
  bt_u32(ip);
  nn_board_putc('.');
  fraction6(v - ip);
}
