/*
 * nn_board_common.h - pieces both machines share: the console on top of the
 * UART, the C/C++ constructor walk and the start-up path after the assembly
 * crt0 (nn_board_c_start). Each machine provides the few hooks declared here.
 */
#ifndef NN_BOARD_COMMON_H
#define NN_BOARD_COMMON_H

#include <stdint.h>

/* Exit status used when the CPU takes an unexpected exception (data abort,
 * undefined instruction, synchronous fault...). Distinct from the image's own
 * 0/1/2 so a test tells a crash from a FAIL. */
#define NN_BOARD_FAULT_STATUS 100

/* Machine hooks (zynq-a9/ or zynqmp-a53/). */
uintptr_t nn_board_uart_base(void);
/* Semihosting exit; returns only when the debugger/QEMU ignores it. */
void nn_board_semihost_exit(int status);
/* Runs before .bss is cleared is NOT allowed: called after, before ctors
 * (sets up thread-local storage where the C library needs it). */
void nn_board_machine_c_init(void);

/* Called by crt0 once the MMU, caches and FPU are on and sp is set.
 * Clears .bss, runs nn_board_init(), the constructors and main(). */
void nn_board_c_start(void) __attribute__((noreturn));

/* Prints "fatal: <what> ..." with the given registers and exits with
 * NN_BOARD_FAULT_STATUS. Called from the exception vectors. */
void nn_board_fault(const char *what, uint64_t syndrome, uint64_t pc, uint64_t addr)
    __attribute__((noreturn));

/* A signal sent to the program itself (abort() -> raise(SIGABRT) -> kill):
 * there are no handlers, so report "fatal: signal <n>" and exit with
 * NN_BOARD_FAULT_STATUS, not a status the image reserves for a result. */
void nn_board_signal(int sig) __attribute__((noreturn));

/* Console helper for fault reports: "0x" and 16 or 8 hex digits. */
void nn_board_put_hex(uint64_t v, int digits);

/* Semihosting operations and reasons (Arm semihosting specification), for the
 * machines' exit paths (board.c). */
#define NN_SH_SYS_EXIT 0x18
#define NN_SH_SYS_EXIT_EXTENDED 0x20
#define NN_SH_APPLICATION_EXIT 0x20026
#define NN_SH_RUNTIME_ERROR_UNKNOWN 0x20023

#endif /* NN_BOARD_COMMON_H */
