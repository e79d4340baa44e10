/* nn_uart_cadence.c - see nn_uart_cadence.h. Register offsets, bits and base addresses: the
 * "QEMU machines for the bare-metal tests" section of docs/hardware-notes.md (source: the Zynq-7000
 * and ZynqMP technical reference manuals, UART chapter). */
#include "nn_uart_cadence.h"

enum {
  NN_UART_CR = 0x00,   /* control */
  NN_UART_MR = 0x04,   /* mode */
  NN_UART_SR = 0x2C,   /* channel status */
  NN_UART_FIFO = 0x30, /* TX/RX FIFO */
};

enum {
  NN_UART_CR_RXEN = 1u << 2,
  NN_UART_CR_RXDIS = 1u << 3,
  NN_UART_CR_TXEN = 1u << 4,
  NN_UART_CR_TXDIS = 1u << 5,
  NN_UART_MR_8N1 = 0x20, /* 8 data bits, no parity (PAR=1xx), 1 stop bit */
  NN_UART_SR_TXEMPTY = 1u << 3,
  NN_UART_SR_TXFULL = 1u << 4,
};

static inline volatile uint32_t *reg(uintptr_t base, unsigned off) {
  return (volatile uint32_t *)(base + off);
}

void nn_uart_cadence_init(uintptr_t base) {
  *reg(base, NN_UART_MR) = NN_UART_MR_8N1;
  /* QEMU prints nothing until TXEN is set; clearing the DIS bits matters on a
   * board where the boot loader disabled the channel. */
  uint32_t cr = *reg(base, NN_UART_CR);
  cr &= ~(uint32_t)(NN_UART_CR_TXDIS | NN_UART_CR_RXDIS);
  cr |= NN_UART_CR_TXEN | NN_UART_CR_RXEN;
  *reg(base, NN_UART_CR) = cr;
}

void nn_uart_cadence_putc(uintptr_t base, uint8_t byte) {
  while (*reg(base, NN_UART_SR) & NN_UART_SR_TXFULL) {
  }
  *reg(base, NN_UART_FIFO) = byte;
}

void nn_uart_cadence_flush(uintptr_t base) {
  while (!(*reg(base, NN_UART_SR) & NN_UART_SR_TXEMPTY)) {
  }
}
