/*
 * bt_console.h - the report's output primitives. Everything goes through
 * nn_board_putc, with no printf: xil_printf has no floats, newlib's float
 * printf is large, and the report must read the same on every board.
 */
#ifndef BT_CONSOLE_H
#define BT_CONSOLE_H

#include <stdint.h>

void bt_str(const char *s);
void bt_u32(uint32_t v);
void bt_u64(uint64_t v);
void bt_i32(int32_t v);
/* Eight lower-case hex digits, no prefix. */
void bt_hex32(uint32_t v);
/* A float in decimal with six fractional digits ("nan", "inf", "-inf" and
 * exponent form for |v| >= 1e9): for people; the hex bits are what is compared. */
void bt_float(float v);
/* The raw bits of a float. */
uint32_t bt_float_bits(float v);
void bt_nl(void);

#endif
