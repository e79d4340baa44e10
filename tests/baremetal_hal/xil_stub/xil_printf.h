/* Minimal stand-in for the Xilinx standalone BSP's xil_printf.h (only what
 * boards/baremetal/xilinx-bsp/nn_board_bsp.c uses), with the BSP's signature. */
#ifndef XIL_PRINTF_H
#define XIL_PRINTF_H

void outbyte(char c);

#endif
