/* Smoke image for the bare-metal board layer: console, C library (printf,
 * malloc), C++ constructors, FPU/NEON, the CPU's counter, unaligned memcpy,
 * and the exit status reaching QEMU's caller. Each check prints one line;
 * any failure prints "smoke: FAIL ..." and exits 1. */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_board.h"

#ifndef SMOKE_EXIT_STATUS
#error "SMOKE_EXIT_STATUS not set"
#endif

extern int smoke_ctor_value;
int smoke_heap_object(void);

static int failures;

static void check(int ok, const char *what) {
  nn_board_puts(ok ? "smoke: ok " : "smoke: FAIL ");
  nn_board_puts(what);
  nn_board_puts("\n");
  if (!ok) ++failures;
}

static uint64_t counter(void) {
#if defined(__aarch64__)
  uint64_t v;
  __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
  return v;
#else
  /* Cortex-A9 global timer (SCU base + 0x200): enable, then read hi/lo/hi. */
  volatile uint32_t *gt = (volatile uint32_t *)0xF8F00200u;
  gt[2] |= 1u;
  uint32_t hi, lo;
  do {
    hi = gt[1];
    lo = gt[0];
  } while (gt[1] != hi);
  return ((uint64_t)hi << 32) | lo;
#endif
}

static void check_malloc(void) {
  enum { N = 64 };
  unsigned char *blocks[N];
  int ok = 1;
  for (int i = 0; i < N; ++i) {
    size_t n = (size_t)(i * 97 + 1);
    blocks[i] = malloc(n);
    if (!blocks[i]) {
      ok = 0;
      break;
    }
    memset(blocks[i], i, n);
  }
  for (int i = 0; ok && i < N; ++i)
    if (blocks[i][i * 97] != (unsigned char)i) ok = 0;
  for (int i = 0; i < N; ++i) free(ok ? blocks[i] : NULL);
  /* A huge request must fail cleanly, not run into the stack. */
  void *huge = malloc((size_t)-1 / 2);
  check(ok && huge == NULL, "malloc/free");
  free(huge);
}

static void check_float(void) {
  volatile float x = 2.0f;
  volatile double y = 3.0;
  float r = sqrtf(x) * sqrtf(x);
  double s = sin(y) * sin(y) + cos(y) * cos(y);
  /* NEON: four lanes at once. */
  float in[4] = {1.5f, -2.0f, 0.25f, 8.0f};
  float out[4];
  float32x4_t v = vld1q_f32(in);
  vst1q_f32(out, vmulq_f32(vaddq_f32(v, v), v)); /* 2x^2 */
  int lanes = out[0] == 4.5f && out[1] == 8.0f && out[2] == 0.125f && out[3] == 128.0f;
  check(fabsf(r - 2.0f) < 1e-6f && fabs(s - 1.0) < 1e-12 && lanes, "float (VFP, NEON, libm)");
  printf("smoke: float %d/1000\n", (int)(r * 500.0f + 0.5f));
}

static void check_memcpy(void) {
  unsigned char src[80], dst[80];
  for (int i = 0; i < 80; ++i) src[i] = (unsigned char)(i * 7 + 1);
  memset(dst, 0, sizeof dst);
  memcpy(dst + 1, src + 3, 61); /* both ends misaligned */
  int ok = dst[0] == 0 && dst[62] == 0;
  for (int i = 0; i < 61; ++i) ok &= dst[1 + i] == src[3 + i];
  uint32_t word;
  memcpy(&word, src + 5, 4);
  ok &= word == ((uint32_t)src[5] | (uint32_t)src[6] << 8 | (uint32_t)src[7] << 16 |
                 (uint32_t)src[8] << 24);
  check(ok, "unaligned memcpy");
}

static void check_counter(void) {
  uint64_t t0 = counter();
  volatile uint32_t spin = 0;
  for (int i = 0; i < 100000; ++i) spin += (uint32_t)i;
  uint64_t t1 = counter();
  check(t1 > t0, "counter advances");
}

int main(void) {
  printf("smoke: board %s\n", nn_board_name());
#if defined(__aarch64__)
  uint64_t el;
  __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
  printf("smoke: EL%d\n", (int)((el >> 2) & 3));
#endif
#if defined(SMOKE_FAULT_TRAP)
  /* The exception vectors must report this and exit with status 100. */
  nn_board_puts("smoke: trapping\n");
  __builtin_trap();
#elif defined(SMOKE_FAULT_ABORT)
  /* abort() -> raise -> kill: reported as a signal, status 100. */
  nn_board_puts("smoke: aborting\n");
  abort();
#endif
  check(smoke_ctor_value == 42, "C++ static constructor");
  check(smoke_heap_object() == 42, "C++ new/delete");
  check_malloc();
  check_float();
  check_memcpy();
  check_counter();
  if (failures) {
    printf("smoke: FAIL (%d)\n", failures);
    return 1;
  }
  printf("smoke: done, exit %d\n", SMOKE_EXIT_STATUS);
  return SMOKE_EXIT_STATUS;
}
