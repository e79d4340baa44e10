/*
 * start.S - Cortex-A9 (Zynq-7000) reset path for a bare-metal image:
 * vector table, per-mode stacks, caches/TLB invalidated, VFP/NEON on, a flat
 * identity MMU map (1 MiB sections) with L1 caches on, then nn_board_c_start.
 * Runs in ARM state (the vector table must be); C code may be Thumb-2.
 */
        .syntax unified
        .arm

/* Mode numbers for CPSR (interrupts masked: I|F = 0xC0). */
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1B
#define MASK_IF  0xC0

/* Short-descriptor 1 MiB section attributes (ARMv7-A ARM B3.5.1):
 *   normal: TEX=001 C=1 B=1 (write-back write-allocate), S=1, AP=11
 *   device: TEX=000 C=0 B=1 (shareable device), XN=1, AP=11 */
#define SECT_NORMAL 0x00011C0E
#define SECT_DEVICE 0x00000C16
#define DDR_SECTIONS 1024 /* 0x00000000-0x3FFFFFFF */

        .section .vectors, "ax"
        .align 5
        .global _vector_table
_vector_table:
        b       _start
        b       nn_a9_undef
        b       nn_a9_svc
        b       nn_a9_pabt
        b       nn_a9_dabt
        b       .                       /* reserved */
        b       nn_a9_irq
        b       nn_a9_fiq

        .section .text.boot, "ax"
        .global _start
        .type _start, %function
_start:
        cpsid   if
        /* Only CPU0 runs the image; a second core (real board) waits. */
        mrc     p15, 0, r0, c0, c0, 5   /* MPIDR */
        ands    r0, r0, #3
        bne     nn_a9_park

        /* MMU, caches, alignment checks and branch prediction off while the
         * tables are rebuilt (a boot loader may have left them on). */
        mrc     p15, 0, r0, c1, c0, 0   /* SCTLR */
        bic     r0, r0, #(1 << 0)       /* M */
        bic     r0, r0, #(1 << 1)       /* A */
        bic     r0, r0, #(1 << 2)       /* C */
        bic     r0, r0, #(1 << 11)      /* Z */
        bic     r0, r0, #(1 << 12)      /* I */
        bic     r0, r0, #(1 << 13)      /* V: vectors at VBAR */
        mcr     p15, 0, r0, c1, c0, 0
        isb

        mov     r0, #0
        mcr     p15, 0, r0, c8, c7, 0   /* TLBIALL */
        mcr     p15, 0, r0, c7, c5, 0   /* ICIALLU */
        mcr     p15, 0, r0, c7, c5, 6   /* BPIALL */
        bl      nn_a9_invalidate_dcache
        dsb
        isb

        /* Is there RAM under the stack? A QEMU run without -m 512M (or a
         * board with less DDR than link.ld assumes) would otherwise die
         * silently at the first call. */
        ldr     r0, =__stack_top
        ldr     r1, =0x5AA5C33C
        str     r1, [r0, #-4]
        dsb
        ldr     r2, [r0, #-4]
        cmp     r1, r2
        bne     nn_a9_no_ram

        ldr     r0, =_vector_table
        mcr     p15, 0, r0, c12, c0, 0  /* VBAR */

        /* One stack per exception mode, then back to SVC for the program. */
        msr     cpsr_c, #(MODE_IRQ | MASK_IF)
        ldr     sp, =__irq_stack_top
        msr     cpsr_c, #(MODE_FIQ | MASK_IF)
        ldr     sp, =__fiq_stack_top
        msr     cpsr_c, #(MODE_ABT | MASK_IF)
        ldr     sp, =__abt_stack_top
        msr     cpsr_c, #(MODE_UND | MASK_IF)
        ldr     sp, =__und_stack_top
        msr     cpsr_c, #(MODE_SVC | MASK_IF)
        ldr     sp, =__stack_top

        /* VFP/NEON: CPACR cp10/cp11 full access, then FPEXC.EN. */
        mrc     p15, 0, r0, c1, c0, 2
        orr     r0, r0, #(0xF << 20)
        mcr     p15, 0, r0, c1, c0, 2
        isb
        mov     r0, #0x40000000
        vmsr    fpexc, r0
        mov     r0, #0
        vmsr    fpscr, r0

        /* Identity map: sections 0..1023 (DDR) normal cacheable, the rest
         * (PL, peripherals, OCM) device. */
        ldr     r0, =nn_a9_mmu_table
        ldr     r1, =SECT_NORMAL
        ldr     r2, =SECT_DEVICE
        mov     r3, #0
1:      cmp     r3, #DDR_SECTIONS
        orrlo   r4, r1, r3, lsl #20
        orrhs   r4, r2, r3, lsl #20
        str     r4, [r0, r3, lsl #2]
        add     r3, r3, #1
        cmp     r3, #4096
        bne     1b
        dsb

        mov     r1, #0
        mcr     p15, 0, r1, c2, c0, 2   /* TTBCR: TTBR0 only, 4 GiB */
        orr     r1, r0, #0x4A           /* TTBR0: walks inner/outer WBWA, shareable */
        mcr     p15, 0, r1, c2, c0, 0
        ldr     r1, =0x55555555         /* DACR: every domain "client" */
        mcr     p15, 0, r1, c3, c0, 0
        mov     r1, #0
        mcr     p15, 0, r1, c8, c7, 0   /* TLBIALL */
        dsb
        isb

        /* ACTLR.SMP: the A9 only caches shareable data with SMP set (QEMU
         * ignores it); FW broadcasts maintenance. Secure-only write, fine
         * after the FSBL, which hands over in the secure state. */
        mrc     p15, 0, r0, c1, c0, 1
        orr     r0, r0, #((1 << 6) | (1 << 0))
        mcr     p15, 0, r0, c1, c0, 1

        mrc     p15, 0, r0, c1, c0, 0
        orr     r0, r0, #(1 << 0)       /* M */
        orr     r0, r0, #(1 << 2)       /* C */
        orr     r0, r0, #(1 << 11)      /* Z */
        orr     r0, r0, #(1 << 12)      /* I */
        mcr     p15, 0, r0, c1, c0, 0
        dsb
        isb

        ldr     r0, =nn_board_c_start
        blx     r0
        b       nn_a9_park
        .size _start, . - _start

nn_a9_park:
        wfe
        b       nn_a9_park

/* No RAM at the stack top: say so on UART0 (no stack, no C) and exit with
 * status 100 through semihosting, else park. */
nn_a9_no_ram:
        ldr     r0, =0xE0000000
        mov     r1, #0x20               /* MR: 8N1 */
        str     r1, [r0, #0x04]
        mov     r1, #0x14               /* CR: TX and RX enabled */
        str     r1, [r0, #0x00]
        ldr     r2, =nn_a9_str_no_ram
1:      ldrb    r1, [r2], #1
        cmp     r1, #0
        beq     3f
2:      ldr     r3, [r0, #0x2C]         /* SR: wait while TX FIFO full */
        tst     r3, #(1 << 4)
        bne     2b
        str     r1, [r0, #0x30]
        b       1b
3:      ldr     r3, [r0, #0x2C]         /* drain */
        tst     r3, #(1 << 3)
        beq     3b
#if NN_BOARD_SEMIHOSTING
        mov     r0, #0x20               /* SYS_EXIT_EXTENDED */
        ldr     r1, =nn_a9_no_ram_exit
        svc     0x123456
#endif
        b       nn_a9_park

/* Invalidate (without cleaning) every data/unified cache level up to the
 * level of coherency by set/way: whatever a boot loader left is stale once
 * the identity map is rebuilt. Clobbers r0-r9. */
        .type nn_a9_invalidate_dcache, %function
nn_a9_invalidate_dcache:
        mrc     p15, 1, r0, c0, c0, 1   /* CLIDR */
        ands    r3, r0, #0x07000000
        mov     r3, r3, lsr #23         /* LoC * 2 */
        beq     5f
        mov     r9, #0                  /* cache level * 2 */
1:      add     r2, r9, r9, lsr #1
        mov     r1, r0, lsr r2
        and     r1, r1, #7              /* cache type of this level */
        cmp     r1, #2
        blt     4f                      /* no data cache here */
        mcr     p15, 2, r9, c0, c0, 0   /* CSSELR */
        isb
        mrc     p15, 1, r1, c0, c0, 0   /* CCSIDR */
        and     r2, r1, #7
        add     r2, r2, #4              /* log2(line bytes) */
        ldr     r4, =0x3FF
        ands    r4, r4, r1, lsr #3      /* ways - 1 */
        clz     r5, r4                  /* way shift */
        ldr     r7, =0x7FFF
        ands    r7, r7, r1, lsr #13     /* sets - 1 */
2:      mov     r6, r4
3:      orr     r8, r9, r6, lsl r5
        orr     r8, r8, r7, lsl r2
        mcr     p15, 0, r8, c7, c6, 2   /* DCISW */
        subs    r6, r6, #1
        bge     3b
        subs    r7, r7, #1
        bge     2b
4:      add     r9, r9, #2
        cmp     r3, r9
        bgt     1b
5:      mov     r9, #0
        mcr     p15, 2, r9, c0, c0, 0
        dsb
        isb
        bx      lr
        .size nn_a9_invalidate_dcache, . - nn_a9_invalidate_dcache

/* Exceptions the image does not expect: report and exit. The abort modes
 * have their own stacks; r0-r3 = what, syndrome (FSR), pc, address (FAR). */
nn_a9_undef:
        ldr     r0, =nn_a9_str_undef
        mov     r1, #0
        mrs     r3, spsr                /* the faulting instruction's state */
        tst     r3, #0x20               /* T: Thumb, lr = pc + 2 */
        subeq   r2, lr, #4
        subne   r2, lr, #2
        mov     r3, #0
        b       nn_a9_fault_common
nn_a9_svc:
        ldr     r0, =nn_a9_str_svc
        mov     r1, #0
        sub     r2, lr, #4
        mov     r3, #0
        b       nn_a9_fault_common
nn_a9_pabt:
        ldr     r0, =nn_a9_str_pabt
        mrc     p15, 0, r1, c5, c0, 1   /* IFSR */
        sub     r2, lr, #4
        mrc     p15, 0, r3, c6, c0, 2   /* IFAR */
        b       nn_a9_fault_common
nn_a9_dabt:
        ldr     r0, =nn_a9_str_dabt
        mrc     p15, 0, r1, c5, c0, 0   /* DFSR */
        sub     r2, lr, #8
        mrc     p15, 0, r3, c6, c0, 0   /* DFAR */
        b       nn_a9_fault_common
nn_a9_irq:
        ldr     r0, =nn_a9_str_irq
        b       nn_a9_fault_noregs
nn_a9_fiq:
        ldr     r0, =nn_a9_str_fiq
nn_a9_fault_noregs:
        mov     r1, #0
        sub     r2, lr, #4
        mov     r3, #0
nn_a9_fault_common:
        /* nn_a9_fault(const char *, uint32_t fsr, uint32_t pc, uint32_t far) */
        ldr     r4, =nn_a9_fault
        blx     r4
        b       nn_a9_park

        .section .rodata.nn_a9_fault_names, "a"
        .align 2
nn_a9_no_ram_exit: .word 0x20026, 100  /* ApplicationExit, NN_BOARD_FAULT_STATUS */
nn_a9_str_no_ram:
        .ascii "\r\nfatal: no RAM at the stack top (__stack_top): QEMU needs -m 512M; "
        .asciz "a board with less DDR links with -Wl,--defsym=__ddr_size=...\r\n"
nn_a9_str_undef: .asciz "undefined instruction"
nn_a9_str_svc:   .asciz "unexpected SVC"
nn_a9_str_pabt:  .asciz "prefetch abort"
nn_a9_str_dabt:  .asciz "data abort"
nn_a9_str_irq:   .asciz "unexpected IRQ"
nn_a9_str_fiq:   .asciz "unexpected FIQ"

/* The translation table: 4096 x 4 bytes, 16 KiB aligned, not in .bss (it is
 * written before .bss is cleared). */
        .section .nn_mmu, "aw", %nobits
        .align 14
        .global nn_a9_mmu_table
nn_a9_mmu_table:
        .space 16384
