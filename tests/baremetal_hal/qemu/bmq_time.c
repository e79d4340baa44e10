/* bmq_time.c - nn_baremetal_time_us() (A9 global timer / CNTPCT_EL0) and the
 * driver's timeout path end to end: nn_open over a RAM register file whose
 * AP_CTRL never shows ap_idle must give up after opt.timeout_us, measured by
 * the same timer. QEMU's timers follow the host clock, so no assertion on
 * how long a busy loop takes, only monotonicity, advance and sane bounds. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bmq_check.h"
#include "bmq_regfile.h"
#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_baremetal.h"

void bmq_test_time(void) {
#if defined(__aarch64__)
  uint64_t frq;
  __asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(frq));
  bmq_note("CNTFRQ_EL0 ");
  bt_u64(frq);
  bt_str(" Hz\n");
#endif
  const uint64_t t0 = nn_baremetal_time_us();
#if !defined(__aarch64__)
  const volatile uint32_t *gt = (const volatile uint32_t *)(uintptr_t)0xF8F00200u;
  bmq_check((gt[2] & 1u) != 0u, "A9 global timer enabled by the first reading");
#endif
  uint64_t prev = t0;
  int monotonic = 1;
  for (int i = 0; i < 100000; ++i) {
    const uint64_t t = nn_baremetal_time_us();
    monotonic &= t >= prev;
    prev = t;
  }
  bmq_check(monotonic, "time_us never goes backwards over 100000 readings");
  bmq_check(prev > t0, "time_us advances across a busy loop");

  /* A 20 ms busy-wait on the timer itself; the iteration cap turns a stuck
   * timer into a failure instead of a hang. */
  const uint64_t w0 = nn_baremetal_time_us();
  uint64_t now = w0;
  uint32_t spins = 0;
  while (now - w0 < 20000u && spins < 200000000u) {
    now = nn_baremetal_time_us();
    ++spins;
  }
  bmq_check(now - w0 >= 20000u, "a 20 ms busy-wait on time_us ends");
  bmq_note("20 ms busy-wait: ");
  bt_u64(now - w0);
  bt_str(" us, ");
  bt_u32(spins);
  bt_str(" readings\n");
}

/* opt.log: every driver message to the console, the last one kept. */
static char last_log[200];
static void console_log(void *user, int level, const char *msg) {
  (void)user;
  bt_str("bmq: driver log level ");
  bt_i32(level);
  bt_str(": ");
  bt_str(msg);
  bt_nl();
  strncpy(last_log, msg, sizeof last_log - 1u);
}

void bmq_test_driver(void) {
  for (size_t i = 0; i < BMQ_REGFILE_WORDS; ++i) bmq_regfile[i] = 0; /* AP_CTRL 0: never idle */
  nn_baremetal bm;
  nn_baremetal_config cfg;
  nn_baremetal_config_init(&cfg);
  cfg.base = (uintptr_t)bmq_regfile; /* the library's static pool */
  if (!bmq_check(nn_baremetal_init(&bm, &cfg) == NN_HAL_OK, "init for the driver")) return;
  nn_hal hal = nn_baremetal_hal(&bm);

  nn_model_desc model;
  memset(&model, 0, sizeof model);
  model.desc_version = NN_MODEL_DESC_VERSION;
  model.name = "bmq";
  model.signature = 0x0B0A0B0Au;
  model.bus_format = NN_BUS_FLOAT32;
  model.input_size = 16;
  model.output_size = 4;
  model.weight_words = 256;
  model.max_batch = 8;
  model.input_rank = 1;
  model.input_shape[0] = 16;
  const nn_reg_map regs = {0x00, 0x04, 0x08, 0x0C, 0x10, 0x18, 0x1C,
                           0x24, 0x28, 0x30, 0x34, 0x3C, 0x44};
  model.regs = regs;

  nn_options opt;
  nn_options_init(&opt);
  opt.timeout_us = 50000u;
  opt.log = console_log;
  nn_device dev;
  const uint64_t t0 = nn_baremetal_time_us();
  const int st = nn_open(&dev, &model, &hal, &opt);
  const uint64_t elapsed = nn_baremetal_time_us() - t0;
  bmq_note("nn_open returned ");
  bt_i32(st);
  bt_str(" (");
  bt_str(nn_strerror(st));
  bt_str(") after ");
  bt_u64(elapsed);
  bt_str(" us\n");
  bmq_check(st == NN_E_TIMEOUT, "nn_open on a never-idle accelerator: NN_E_TIMEOUT");
  bmq_check(elapsed >= 50000u, "nn_open waited at least timeout_us (50 ms)");
  bmq_check(elapsed < 5000000u, "nn_open gave up in less than 5 s");
  bmq_check(strstr(last_log, "not idle after 50000 us") != NULL,
            "the driver logged 'accelerator not idle after 50000 us'");
  const nn_baremetal_stats *s = nn_baremetal_get_stats(&bm);
  bmq_check(s->reg_writes >= 1u && s->reg_reads >= 2u,
            "the driver wrote AP_CTRL and polled it through the HAL");
  /* nn_open freed its three buffers on the way out: the static pool is whole. */
  nn_dma_buf whole;
  bmq_check(hal.ops->dma_alloc(hal.ctx, NNHAL_BAREMETAL_POOL_SIZE, &whole) == NN_HAL_OK,
            "nn_open's failure returned its buffers to the pool");
  hal.ops->dma_free(hal.ctx, &whole);
}
