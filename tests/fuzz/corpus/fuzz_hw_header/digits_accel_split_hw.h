// ==============================================================
// Vitis HLS - High-Level Synthesis from C, C++ and OpenCL v2022.1 (64-bit)
// ==============================================================
// control
// 0x00 : Control signals
//        bit 0  - ap_start (Read/Write/COH)

#define XDIGITS_ACCEL_CONTROL_ADDR_AP_CTRL              0x00
#define XDIGITS_ACCEL_CONTROL_ADDR_GIE                  0x04
#define XDIGITS_ACCEL_CONTROL_ADDR_IER                  0x08
#define XDIGITS_ACCEL_CONTROL_ADDR_ISR                  0x0c
#define XDIGITS_ACCEL_CONTROL_ADDR_AP_RETURN            0x10
#define XDIGITS_ACCEL_CONTROL_BITS_AP_RETURN            32
#define XDIGITS_ACCEL_CONTROL_ADDR_IN_R_1_DATA          0x18
#define XDIGITS_ACCEL_CONTROL_BITS_IN_R_1_DATA          32
#define XDIGITS_ACCEL_CONTROL_ADDR_IN_R_2_DATA          0x1c
#define XDIGITS_ACCEL_CONTROL_BITS_IN_R_2_DATA          32
#define XDIGITS_ACCEL_CONTROL_ADDR_OUT_R_1_DATA         0x24
#define XDIGITS_ACCEL_CONTROL_BITS_OUT_R_1_DATA         32
#define XDIGITS_ACCEL_CONTROL_ADDR_OUT_R_2_DATA         0x28
#define XDIGITS_ACCEL_CONTROL_BITS_OUT_R_2_DATA         32
#define XDIGITS_ACCEL_CONTROL_ADDR_WEIGHTS_1_DATA       0x30
#define XDIGITS_ACCEL_CONTROL_BITS_WEIGHTS_1_DATA       32
#define XDIGITS_ACCEL_CONTROL_ADDR_WEIGHTS_2_DATA       0x34
#define XDIGITS_ACCEL_CONTROL_BITS_WEIGHTS_2_DATA       32
#define XDIGITS_ACCEL_CONTROL_ADDR_BATCH_DATA           0x3c
#define XDIGITS_ACCEL_CONTROL_BITS_BATCH_DATA           32
#define XDIGITS_ACCEL_CONTROL_ADDR_MODE_DATA            0x44
#define XDIGITS_ACCEL_CONTROL_BITS_MODE_DATA            32
