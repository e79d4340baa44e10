/*
 * nn_sim_ctrl.c - the s_axilite control block of the sim backend (the IP's
 * protocol, docs/register-map.md), run synchronously: writing ap_start runs
 * the device model before reg_write returns, so the IP is always idle when the
 * driver looks, and ap_done / ap_ready are waiting in AP_CTRL (clear-on-read)
 * and, when enabled in IER, in ISR (toggle-on-write, Vivado-flow IP).
 */
#include "nn_sim_internal.h"

static int in_window(nn_sim *s, uint32_t offset) {
  if ((offset & 3u) != 0u || offset >= NN_SIM_WINDOW) {
    s->stats.bus_faults++;
    return 0;
  }
  return 1;
}

static uint32_t irq_line(const nn_sim *s) { return (s->gie & 1u) && (s->isr & 3u) ? 1u : 0u; }

/* A register's value without the side effect of reading it; the device model
 * reads the argument registers through this. */
static uint32_t peek(const nn_sim *s, uint32_t offset) {
  const nn_reg_map *r = s->cfg.model.regs;
  if ((offset & 3u) != 0u || offset >= NN_SIM_WINDOW) return 0u;
  if (offset == r->ap_ctrl) {
    /* Never busy: ap_start is accepted and the run finished inside reg_write. */
    return (s->done ? NN_AP_DONE : 0u) | NN_AP_IDLE | (s->ready ? NN_AP_READY : 0u) |
           (s->auto_restart ? NN_AP_AUTO_RESTART : 0u) | (irq_line(s) ? NN_AP_INTERRUPT : 0u);
  }
  if (offset == r->gie) return s->gie;
  if (offset == r->ier) return s->ier;
  if (offset == r->isr) return s->isr;
  if (offset == r->ap_return) return s->ap_return;
  return s->regs[offset / 4u];
}

static uint32_t bus_peek(void *ctx, uint32_t offset) { return peek((const nn_sim *)ctx, offset); }

/* Memory is coherent and bus addresses are CPU addresses: a range is usable
 * when it lies inside a live block of the pool. */
static void *bus_map(void *ctx, uint64_t phys, size_t len) {
  nn_sim *s = (nn_sim *)ctx;
  uintptr_t base = (uintptr_t)s->cfg.pool;
  if (phys >= base && phys - base <= s->pool.size &&
      nn_dma_pool_find(&s->pool, phys - base, len) != NULL) {
    return (unsigned char *)s->cfg.pool + (size_t)(phys - base);
  }
  s->stats.bus_faults++;
  return NULL;
}

static void run(nn_sim *s) {
  nn_devmodel_bus bus;
  bus.peek = bus_peek;
  bus.map = bus_map;
  bus.ctx = s;
  s->stats.starts++;
  uint64_t t0 = nn_sim_now(s);
  s->ap_return = nn_devmodel_run(&s->cfg.model, &bus);
  s->stats.device_us += nn_sim_now(s) - t0;
  s->done = 1u;
  s->ready = 1u;
  s->isr |= s->ier & 3u; /* ap_done and ap_ready happen together */
}

uint32_t nn_sim_ctrl_read(nn_sim *s, uint32_t offset) {
  s->ticks++;
  if (!in_window(s, offset)) return 0u;
  uint32_t v = peek(s, offset);
  if (offset == s->cfg.model.regs->ap_ctrl) {
    s->done = 0u; /* clear on read */
    s->ready = 0u;
  }
  return v;
}

void nn_sim_ctrl_write(nn_sim *s, uint32_t offset, uint32_t value) {
  s->ticks++;
  if (!in_window(s, offset)) return;
  const nn_reg_map *r = s->cfg.model.regs;
  if (offset == r->ap_ctrl) {
    /* Held as written; it never restarts the model (the driver keeps it off). */
    s->auto_restart = (value & NN_AP_AUTO_RESTART) ? 1u : 0u;
    if (value & NN_AP_START) run(s);
  } else if (offset == r->gie) {
    s->gie = value & 1u;
  } else if (offset == r->ier) {
    s->ier = value & 3u;
  } else if (offset == r->isr) {
    s->isr ^= value & 3u;              /* toggle on write */
  } else if (offset != r->ap_return) { /* ap_return is read-only */
    s->regs[offset / 4u] = value;
  }
}

/* nn_hal.h's wait_irq contract. The run already happened inside reg_write, so
 * either the interrupt is up now or it never will be: no sleeping, and a wait
 * without ap_done runs out at once (the fallback clock jumps by timeout_us). */
int nn_sim_ctrl_wait_irq(nn_sim *s, uint32_t timeout_us) {
  if (irq_line(s)) {
    uint32_t isr = nn_sim_ctrl_read(s, s->cfg.model.regs->isr);
    if (isr & NN_IRQ_DONE) {
      /* Write the bit back, then read: the acknowledge nn_hal.h prescribes
       * for either kind of ISR. */
      nn_sim_ctrl_write(s, s->cfg.model.regs->isr, NN_IRQ_DONE);
      (void)nn_sim_ctrl_read(s, s->cfg.model.regs->isr);
      return NN_HAL_OK;
    }
    /* Only ap_ready: not completion, and nothing else can come. */
  }
  s->ticks += timeout_us;
  return NN_HAL_TIMEOUT;
}
