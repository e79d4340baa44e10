/*
 * nn_uart_cadence.h - polled console on the Cadence UART (Xilinx "ps7_uart" /
 * "psu_uart"), the same IP on Zynq-7000 (UART0 at 0xE0000000) and ZynqMP
 * (UART0 at 0xFF000000). Only what a console needs: enable, send, drain.
 */
#ifndef NN_UART_CADENCE_H
#define NN_UART_CADENCE_H

#include <stdint.h>

/* Enables transmitter and receiver and selects 8N1. The baud rate is left as
 * the first-stage boot loader programmed it (QEMU does not model it). */
void nn_uart_cadence_init(uintptr_t base);

/* Blocks while the TX FIFO is full, then queues one byte. */
void nn_uart_cadence_putc(uintptr_t base, uint8_t byte);

/* Blocks until the TX FIFO and shift register are empty (before an exit). */
void nn_uart_cadence_flush(uintptr_t base);

#endif /* NN_UART_CADENCE_H */
