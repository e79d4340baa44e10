/*
 * start.S - Cortex-A53 (ZynqMP, AArch64) reset path for a bare-metal image.
 * QEMU's xlnx-zcu102 starts the image at EL1 (EL3 with secure=on, EL2 with
 * virtualization=on; after the FSBL/ATF on a board it is EL3 or EL1), so every
 * step uses the registers of the EL we are in: vector base, FP enable,
 * identity MMU map with caches on, stack; then nn_board_c_start.
 */

/* MAIR attribute 0: normal inner/outer write-back read/write-allocate;
 * attribute 1: Device-nGnRnE. */
#define MAIR_VALUE 0x00FF
/* Level-1 block descriptors (1 GiB): AF=1, inner shareable, AttrIndx 0, RW. */
#define BLOCK_NORMAL 0x701
/* Device: AttrIndx 1, AF=1, XN (bit 54; UXN at EL1, plus PXN bit 53 there). */
#define BLOCK_DEVICE 0x405
#define BLOCK_XN (1 << 54)
#define BLOCK_PXN (1 << 53)
/* TCR: T0SZ=25 (39-bit VA, walk starts at level 1), inner/outer WBWA walks,
 * inner shareable, 4 KiB granule; PS/IPS=010 (40-bit PA). */
#define TCR_COMMON ((25 << 0) | (1 << 8) | (1 << 10) | (3 << 12) | (0 << 14))
#define TCR_EL3_VALUE (TCR_COMMON | (2 << 16) | (1 << 23) | (1 << 31))
#define TCR_EL2_VALUE TCR_EL3_VALUE
/* EL1: EPD1 (no TTBR1 walks), TG1=4 KiB, IPS in bits 34:32. */
#define TCR_EL1_VALUE (TCR_COMMON | (1 << 23) | (2 << 30) | (2 << 32))
/* SCTLR bits */
#define SCTLR_M (1 << 0)
#define SCTLR_A (1 << 1)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)
#define SCTLR_WXN (1 << 19)

        .section .text.boot, "ax"
        .global _start
        .type _start, %function
_start:
        msr     daifset, #0xF
        /* Only CPU0 runs the image; other cores (real board) wait. */
        mrs     x0, mpidr_el1
        and     x0, x0, #0xFF
        cbnz    x0, nn_a53_park

        ldr     x0, =__stack_top
        mov     sp, x0
        /* Is there RAM under the stack? A QEMU run without -m 2G (or a
         * board with less DDR than link.ld assumes) would otherwise die
         * silently at the first call. */
        ldr     w1, =0x5AA5C33C
        str     w1, [x0, #-4]
        dsb     sy
        ldr     w2, [x0, #-4]
        cmp     w1, w2
        b.ne    nn_a53_no_ram

        /* Stale cache lines and TLB entries from a boot loader must not
         * survive the new map. */
        ic      iallu
        bl      nn_a53_invalidate_dcache

        /* Level-1 table: 0-2 GiB normal (DDR), 2-4 GiB device (PL,
         * peripherals); entries 4..511 were left zero = invalid. */
        mrs     x9, CurrentEL
        lsr     x9, x9, #2
        and     x9, x9, #3
        ldr     x0, =nn_a53_mmu_table
        mov     x1, #BLOCK_NORMAL
        str     x1, [x0, #0]
        orr     x1, x1, #(1 << 30)
        str     x1, [x0, #8]
        mov     x2, #BLOCK_DEVICE
        orr     x2, x2, #BLOCK_XN
        cmp     x9, #1
        b.ne    1f
        orr     x2, x2, #BLOCK_PXN
1:      orr     x1, x2, #(2 << 30)
        str     x1, [x0, #16]
        orr     x1, x2, #(3 << 30)
        str     x1, [x0, #24]
        mov     x1, #4
2:      str     xzr, [x0, x1, lsl #3]
        add     x1, x1, #1
        cmp     x1, #512
        b.ne    2b
        dsb     sy

        ldr     x1, =nn_a53_vectors
        mov     x2, #MAIR_VALUE
        /* CPACR_EL1.FPEN=11: no FP/SIMD traps at EL1/EL0 (set at every EL:
         * it is harmless above EL1). */
        mov     x3, #(3 << 20)
        msr     cpacr_el1, x3
        cmp     x9, #3
        b.eq    el3
        cmp     x9, #2
        b.eq    el2

el1:    msr     vbar_el1, x1
        msr     mair_el1, x2
        ldr     x3, =TCR_EL1_VALUE
        msr     tcr_el1, x3
        msr     ttbr0_el1, x0
        isb
        tlbi    vmalle1
        dsb     sy
        isb
        mrs     x3, sctlr_el1
        orr     x3, x3, #SCTLR_M
        orr     x3, x3, #SCTLR_C
        orr     x3, x3, #SCTLR_I
        bic     x3, x3, #SCTLR_A
        bic     x3, x3, #SCTLR_WXN
        msr     sctlr_el1, x3
        isb
        b       3f

el2:    msr     vbar_el2, x1
        /* CPTR_EL2: RES1 bits 13:12 and 9:0, TFP (bit 10) clear. */
        mov     x3, #0x33FF
        msr     cptr_el2, x3
        msr     mair_el2, x2
        ldr     x3, =TCR_EL2_VALUE
        msr     tcr_el2, x3
        msr     ttbr0_el2, x0
        isb
        tlbi    alle2
        dsb     sy
        isb
        mrs     x3, sctlr_el2
        orr     x3, x3, #SCTLR_M
        orr     x3, x3, #SCTLR_C
        orr     x3, x3, #SCTLR_I
        bic     x3, x3, #SCTLR_A
        bic     x3, x3, #SCTLR_WXN
        msr     sctlr_el2, x3
        isb
        b       3f

el3:    msr     vbar_el3, x1
        /* CPTR_EL3: TFP (bit 10) and the other trap bits clear. */
        msr     cptr_el3, xzr
        msr     mair_el3, x2
        ldr     x3, =TCR_EL3_VALUE
        msr     tcr_el3, x3
        msr     ttbr0_el3, x0
        isb
        tlbi    alle3
        dsb     sy
        isb
        mrs     x3, sctlr_el3
        orr     x3, x3, #SCTLR_M
        orr     x3, x3, #SCTLR_C
        orr     x3, x3, #SCTLR_I
        bic     x3, x3, #SCTLR_A
        bic     x3, x3, #SCTLR_WXN
        msr     sctlr_el3, x3
        isb

3:      bl      nn_board_c_start
nn_a53_park:
        wfe
        b       nn_a53_park
        .size _start, . - _start

/* No RAM at the stack top: say so on UART0 (no stack, no C) and exit with
 * status 100 through semihosting, else park. */
nn_a53_no_ram:
        ldr     x0, =0xFF000000
        mov     w1, #0x20               /* MR: 8N1 */
        str     w1, [x0, #0x04]
        mov     w1, #0x14               /* CR: TX and RX enabled */
        str     w1, [x0, #0x00]
        ldr     x2, =nn_a53_str_no_ram
1:      ldrb    w1, [x2], #1
        cbz     w1, 3f
2:      ldr     w3, [x0, #0x2C]         /* SR: wait while TX FIFO full */
        tbnz    w3, #4, 2b
        str     w1, [x0, #0x30]
        b       1b
3:      ldr     w3, [x0, #0x2C]         /* drain */
        tbz     w3, #3, 3b
#if NN_BOARD_SEMIHOSTING
        mov     x0, #0x18               /* SYS_EXIT */
        ldr     x1, =nn_a53_no_ram_exit
        hlt     #0xf000
#endif
        b       nn_a53_park

        .section .rodata.nn_a53_no_ram, "a"
        .balign 8
nn_a53_no_ram_exit: .quad 0x20026, 100  /* ApplicationExit, NN_BOARD_FAULT_STATUS */
nn_a53_str_no_ram:
        .ascii "\r\nfatal: no RAM at the stack top (__stack_top): QEMU needs -m 2G; "
        .asciz "a board with less DDR links with -Wl,--defsym=__ddr_size=...\r\n"

        .section .text.boot, "ax"

/* Invalidate every data/unified cache level up to the level of coherency by
 * set/way (no clean: the contents predate this image). Clobbers x0-x11. */
        .type nn_a53_invalidate_dcache, %function
nn_a53_invalidate_dcache:
        mrs     x0, clidr_el1
        and     x3, x0, #0x07000000
        lsr     x3, x3, #23             /* LoC * 2 */
        cbz     x3, 5f
        mov     x10, #0                 /* level * 2 */
1:      add     x2, x10, x10, lsr #1
        lsr     x1, x0, x2
        and     x1, x1, #7
        cmp     x1, #2
        b.lt    4f
        msr     csselr_el1, x10
        isb
        mrs     x1, ccsidr_el1
        and     x2, x1, #7
        add     x2, x2, #4              /* log2(line bytes) */
        mov     x4, #0x3FF
        and     x4, x4, x1, lsr #3      /* ways - 1 */
        clz     w5, w4                  /* way shift */
        mov     x7, #0x7FFF
        and     x7, x7, x1, lsr #13     /* sets - 1 */
2:      mov     x9, x4
3:      lsl     x6, x9, x5
        orr     x11, x10, x6
        lsl     x6, x7, x2
        orr     x11, x11, x6
        dc      isw, x11
        subs    x9, x9, #1
        b.ge    3b
        subs    x7, x7, #1
        b.ge    2b
4:      add     x10, x10, #2
        cmp     x3, x10
        b.gt    1b
5:      msr     csselr_el1, xzr
        dsb     sy
        isb
        ret
        .size nn_a53_invalidate_dcache, . - nn_a53_invalidate_dcache

/* Exception vectors (2 KiB aligned, 16 slots of 128 bytes): the image takes
 * no interrupts, so every entry reports a fatal exception with the
 * syndrome, return address and fault address of the current EL. */
        .macro nn_vector kind
        .balign 0x80
        mov     x0, #\kind
        b       nn_a53_fault_entry
        .endm

        .section .text.vectors, "ax"
        .balign 0x800
        .global nn_a53_vectors
nn_a53_vectors:
        .irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        nn_vector \k
        .endr

nn_a53_fault_entry:
        mrs     x9, CurrentEL
        lsr     x9, x9, #2
        and     x9, x9, #3
        cmp     x9, #3
        b.eq    1f
        cmp     x9, #2
        b.eq    2f
        mrs     x1, esr_el1
        mrs     x2, elr_el1
        mrs     x3, far_el1
        b       3f
1:      mrs     x1, esr_el3
        mrs     x2, elr_el3
        mrs     x3, far_el3
        b       3f
2:      mrs     x1, esr_el2
        mrs     x2, elr_el2
        mrs     x3, far_el2
3:      /* A fresh stack: the fault may have been a stack overflow. */
        ldr     x4, =__exc_stack_top
        mov     sp, x4
        bl      nn_a53_fault
        b       nn_a53_park

/* Level-1 table: 512 entries, 4 KiB aligned; outside .bss because it is
 * written before .bss is cleared. */
        .section .nn_mmu, "aw", %nobits
        .balign 4096
        .global nn_a53_mmu_table
nn_a53_mmu_table:
        .space 4096
