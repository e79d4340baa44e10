/*
 * nn_mock_ctrl.c - the s_axilite control block of an HLS ap_ctrl_hs top
 * (docs/hardware-notes.md "HLS control registers", docs/register-map.md;
 * source: UG1399 "s_axilite control register map"):
 *
 *   AP_CTRL  bit 0 ap_start: set by writing 1; cleared when the IP accepts it.
 *                  The mock accepts at once if idle (and runs the device
 *                  callback right then); if busy, ap_start stays set and is
 *                  accepted when the current run finishes, as in the RTL.
 *            bit 1 ap_done: clear-on-read; shows after `done_after_polls`
 *                  AP_CTRL reads following the start (or at a wait_irq).
 *            bit 2 ap_idle, bit 3 ap_ready (clear-on-read, Vitis HLS),
 *            bit 7 auto_restart: held as written. When set at the end of a
 *                  run, the IP starts again by itself (counted in `starts`),
 *                  which is how tests catch a driver that leaves it on.
 *            bit 9 interrupt: the level of the interrupt line.
 *   GIE bit 0, IER bits 0..1, ISR bits 0..1: set at done/ready when enabled
 *            in IER; toggle-on-write or clear-on-read per config.
 *   ap_return read-only; every other word in the window is a plain R/W
 *            argument register.
 */
#include <string.h>

#include "nn_mock_internal.h"

static int in_window(nn_mock *m, uint32_t offset) {
  if ((offset & 3u) != 0u || offset >= NN_MOCK_REG_WINDOW) {
    m->counters.bus_faults++;
    return 0;
  }
  return 1;
}

static uint32_t irq_line(const nn_mock *m) { return (m->gie & 1u) && (m->isr & 3u) ? 1u : 0u; }

static void flip_weight_word(nn_mock *m) {
  const nn_reg_map *r = &m->map;
  if (m->cfg.weight_words == 0u) return; /* no weight image configured: nothing to flip */
  uint64_t base = nn_mock_addr_peek(m, r->weights_lo, r->weights_hi);
  size_t bytes = (size_t)m->cfg.weight_words * 4u;
  nn_mock_alloc *a = nn_mock_ddr_find(m, base, bytes);
  if (a == NULL) return; /* the device model will report the bad address itself */
  /* The middle word, a low mantissa bit: a small, silent error in value - the
   * kind only a checksum of the received words can catch. */
  uint64_t word_phys = base + 4u * (uint64_t)(m->cfg.weight_words / 2u);
  uint32_t mask = 1u << 12;
  unsigned char *p = a->dev + (size_t)(word_phys - a->phys);
  uint32_t w;
  memcpy(&w, p, 4u);
  w ^= mask;
  memcpy(p, &w, 4u);
  m->flip_active = 1;
  m->flip_phys = word_phys;
  m->flip_mask = mask;
}

static void accept_start(nn_mock *m) {
  m->start_pending = 0u;
  m->counters.starts++;
  if (m->faults & NN_MOCK_FAULT_HANG) {
    m->run = NN_MOCK_HUNG;
    return;
  }
  uint32_t mode = m->regs[m->map.mode / 4u];
  if (mode == NN_MODE_LOAD_WEIGHTS && (m->faults & NN_MOCK_FAULT_FLIP_WEIGHT_WORD)) {
    flip_weight_word(m);
  }
  m->in_device = 1;
  uint32_t ret = m->cfg.device != NULL ? m->cfg.device(m->cfg.device_ctx, m) : 0u;
  m->in_device = 0;
  m->flip_active = 0;
  if (mode == NN_MODE_IDENTIFY && (m->faults & NN_MOCK_FAULT_WRONG_SIGNATURE)) ret ^= 0x5A5A5A5Au;
  m->pending_return = ret;
  m->run = NN_MOCK_RUNNING;
  m->polls_left = m->cfg.done_after_polls;
}

static void complete_run(nn_mock *m) {
  m->run = NN_MOCK_IDLE;
  m->done = 1u;
  m->ready = 1u;
  m->ap_return = m->pending_return;
  m->isr |= m->ier & 3u; /* ap_done and ap_ready both happen now */
  if (m->auto_restart || m->start_pending) accept_start(m);
}

static uint32_t ctrl_value(const nn_mock *m) {
  return (m->start_pending ? NN_AP_START : 0u) | (m->done ? NN_AP_DONE : 0u) |
         (m->run == NN_MOCK_IDLE ? NN_AP_IDLE : 0u) | (m->ready ? NN_AP_READY : 0u) |
         (m->auto_restart ? NN_AP_AUTO_RESTART : 0u) | (irq_line(m) ? NN_AP_INTERRUPT : 0u);
}

uint32_t nn_mock_ctrl_read(nn_mock *m, uint32_t offset) {
  m->counters.reg_reads++;
  m->now_us += m->cfg.us_per_access;
  if (!in_window(m, offset)) return 0u;
  const nn_reg_map *r = &m->map;
  if (offset == r->ap_ctrl) {
    if (m->run == NN_MOCK_RUNNING) {
      if (m->polls_left == 0u) {
        complete_run(m);
      } else {
        m->polls_left--;
      }
    }
    uint32_t v = ctrl_value(m);
    m->done = 0u; /* clear on read */
    m->ready = 0u;
    return v;
  }
  if (offset == r->isr) {
    uint32_t v = m->isr;
    if (m->cfg.isr_mode == NN_MOCK_ISR_CLEAR_ON_READ) m->isr = 0u;
    return v;
  }
  if (offset == r->gie) return m->gie;
  if (offset == r->ier) return m->ier;
  if (offset == r->ap_return) return m->ap_return;
  return m->regs[offset / 4u];
}

void nn_mock_ctrl_write(nn_mock *m, uint32_t offset, uint32_t value) {
  m->counters.reg_writes++;
  m->now_us += m->cfg.us_per_access;
  if (!in_window(m, offset)) return;
  const nn_reg_map *r = &m->map;
  if (offset == r->ap_ctrl) {
    m->auto_restart = (value & NN_AP_AUTO_RESTART) ? 1u : 0u;
    if (value & NN_AP_START) {
      m->start_pending = 1u;
      if (m->run == NN_MOCK_IDLE) accept_start(m);
    }
    return;
  }
  if (offset == r->isr) {
    if (m->cfg.isr_mode == NN_MOCK_ISR_TOGGLE_ON_WRITE) m->isr ^= value & 3u;
    return;
  }
  if (offset == r->gie) {
    m->gie = value & 1u;
    return;
  }
  if (offset == r->ier) {
    m->ier = value & 3u;
    return;
  }
  if (offset == r->ap_return) return; /* read-only */
  m->regs[offset / 4u] = value;
}

/* The wait_irq contract of nn_hal.h, as a real backend implements it: the
 * acknowledge is made of ordinary register accesses (counted in reg_reads /
 * reg_writes like any other, and in hal_reg_reads / hal_reg_writes). */
int nn_mock_ctrl_wait_irq(nn_mock *m, uint32_t timeout_us) {
  m->counters.irq_waits++;
  /* Waiting lets a running (not hung) device finish. */
  if (m->run == NN_MOCK_RUNNING) complete_run(m);
  if (irq_line(m)) {
    m->now_us += m->cfg.us_per_access; /* interrupt latency */
    m->counters.hal_reg_reads++;
    uint32_t isr = nn_mock_ctrl_read(m, m->map.isr);
    if (isr & NN_IRQ_DONE) {
      /* Write the bit back, then read: clears toggle-on-write and
       * clear-on-read ISRs alike (the write is safe: the bit is known set). */
      m->counters.hal_reg_writes++;
      nn_mock_ctrl_write(m, m->map.isr, NN_IRQ_DONE);
      m->counters.hal_reg_reads++;
      (void)nn_mock_ctrl_read(m, m->map.isr);
      return NN_HAL_OK;
    }
    /* No ap_done: not completion. In the single-threaded mock nothing else
     * can happen while waiting, so the wait runs out. */
  }
  m->now_us += timeout_us;
  return NN_HAL_TIMEOUT;
}

uint32_t nn_mock_reg_peek(const nn_mock *m, uint32_t offset) {
  if (m == NULL || (offset & 3u) != 0u || offset >= NN_MOCK_REG_WINDOW) return 0u;
  const nn_reg_map *r = &m->map;
  if (offset == r->ap_ctrl) return ctrl_value(m);
  if (offset == r->isr) return m->isr;
  if (offset == r->gie) return m->gie;
  if (offset == r->ier) return m->ier;
  if (offset == r->ap_return) return m->ap_return;
  return m->regs[offset / 4u];
}

uint64_t nn_mock_addr_peek(const nn_mock *m, uint32_t lo, uint32_t hi) {
  uint64_t addr = nn_mock_reg_peek(m, lo);
  if (hi != NN_REG_NONE) addr |= (uint64_t)nn_mock_reg_peek(m, hi) << 32;
  return addr;
}
