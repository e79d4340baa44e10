/*
 * nn_hwh.h - reader for Vivado's hardware handoff file (.hwh, XML).
 *
 * A .hwh describes one block design: the part, every IP instance, the
 * processing system's (PS) address map, the IPs' register blocks, their
 * interrupt wiring and their AXI master ports (docs/hwh.md). nngen uses this
 * library to inspect a design and to check that the bitstream's IP has the
 * register map the project was generated for; the Linux runtime uses it to
 * take the control base address from the design.
 *
 * The file is untrusted input: it is read once into memory (at most
 * NN_HWH_MAX_FILE_BYTES), parsed without network access, DTD loading or entity
 * substitution, and a file with a DOCTYPE is refused. Every error message
 * names the file and the line.
 *
 * Everything a loaded nn_hwh hands out (structs, arrays, strings) stays valid
 * until nn_hwh_free(). Strings are never NULL unless documented ("NULL when
 * absent"); an absent attribute reads as "".
 *
 * Threads: a loaded design is read-only and may be shared. The first load
 * initialises libxml2 (xmlInitParser), which libxml2 2.9 does not guard
 * against a concurrent first call: load once before starting threads that load.
 */
#ifndef NNHAL_NN_HWH_H
#define NNHAL_NN_HWH_H

#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_reg_map.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest .hwh accepted (real ones are a few MB). */
#define NN_HWH_MAX_FILE_BYTES (256u * 1024u * 1024u)

typedef struct nn_hwh nn_hwh; /* one parsed design (opaque) */

/* SYSTEMINFO and the root's VIVADOVERSION. */
typedef struct nn_hwh_system {
  const char *vivado_version; /* "2022.1" */
  const char *arch;           /* "zynq" (Zynq-7000) or "zynquplus" (ZynqMP) */
  const char *device;         /* "7z020", "xczu7ev", "xck26" */
  const char *package;        /* "clg400" */
  const char *speed_grade;    /* "-1" */
  const char *board;          /* "tul.com.tw:pynq-z2:part0:1.0"; "" if absent */
  const char *design;         /* the block design's name */
} nn_hwh_system;

typedef struct nn_hwh_field {
  const char *name;
  uint32_t bit_offset, bit_width;
} nn_hwh_field;

/* One REGISTER of an IP's control address block. */
typedef struct nn_hwh_reg {
  const char *name;        /* as the tool wrote it: "CTRL", "in_r_1", ... */
  uint32_t offset;         /* byte offset in the block (decimal or hex in the file) */
  uint32_t size;           /* bits; 0 when the file gives none */
  const char *access;      /* "read-write", "read-only", ... */
  const char *description; /* may be "" */
  const nn_hwh_field *fields;
  size_t n_fields;
  long line; /* of the REGISTER element */
} nn_hwh_reg;

/* Where one interrupt output of an IP goes. */
typedef struct nn_hwh_irq {
  const char *port;    /* the IP's port, e.g. "interrupt" */
  int connected;       /* the port has at least one connection */
  int reaches_ps;      /* the line arrives at a PS interrupt input */
  const char *ps_port; /* "IRQ_F2P", "pl_ps_irq0"; NULL unless reaches_ps */
  int ps_irq_index;    /* bit of ps_port the line drives; -1 if unknown */
  const char *intc;    /* axi_intc instance on the way; NULL if none */
  int intc_input;      /* input of that axi_intc; -1 if unknown or no intc */
  const char *path;    /* "a.interrupt -> b.In1 | b.dout -> ps.IRQ_F2P[1]"; "" if unconnected */
} nn_hwh_irq;

/* An address window one master sees (from a MEMORYMAP's MEMRANGE). */
typedef struct nn_hwh_window {
  uint64_t base, high;     /* inclusive */
  const char *block;       /* ADDRESSBLOCK, e.g. "HP0_DDR_LOW" */
  const char *slave_port;  /* SLAVEBUSINTERFACE */
  const char *master_port; /* MASTERBUSINTERFACE */
} nn_hwh_window;

/* One AXI4 memory-mapped master port of an IP (an HLS m_axi bundle). */
typedef struct nn_hwh_maxi {
  const char *interface;     /* "m_axi_gmem" */
  const char *bundle;        /* "gmem" */
  uint32_t addr_width;       /* C_M_AXI_<BUNDLE>_ADDR_WIDTH (or the port's ADDR_WIDTH); 0 unknown */
  const char *cache_value;   /* "0011" (quotes removed); NULL when absent */
  const char *user_value;    /* "0x00000000"; NULL when absent */
  const char *ps_slave_port; /* PS port it reaches, e.g. "S_AXI_HP0"; NULL if none */
  const nn_hwh_window *windows; /* the PS windows it reaches (its own MEMORYMAP) */
  size_t n_windows;
} nn_hwh_maxi;

/* One MODULE (IP instance) of the design. */
typedef struct nn_hwh_ip {
  const char *instance; /* MODULE INSTANCE (flattened name, also used by MEMRANGEs) */
  const char *fullname; /* "/hier/ip_0" */
  const char *vlnv;     /* "xilinx.com:hls:conv_kernel:1.0" */
  const char *modtype;  /* "conv_kernel", "processing_system7", ... */
  long line;            /* of the MODULE element */
  int is_ps;            /* the processing system itself */
  /* CPU view, ONLY from the PS's MEMORYMAP (never from other masters' maps). */
  int has_base;
  uint64_t base, range;         /* the control window (or the first window) */
  const char *ps_master;        /* PS master port of that window, e.g. "M_AXI_GP0"; NULL if none */
  const nn_hwh_window *windows; /* every PS window of this instance */
  size_t n_windows;
  /* The control register block: s_axi_control (Vitis HLS), s_axi_AXILiteS
   * (Vivado HLS) or else the first block that lists registers. */
  const char *ctrl_interface; /* NULL when the IP has no register list */
  const nn_hwh_reg *regs;     /* in file order */
  size_t n_regs;
  const nn_hwh_irq *irq;  /* the main interrupt output ("interrupt" if any); NULL if none */
  const nn_hwh_irq *irqs; /* every interrupt output */
  size_t n_irqs;
  const nn_hwh_maxi *m_axi;
  size_t n_m_axi;
} nn_hwh_ip;

/* Reads and parses `path`. 0 on success (*out owns everything; free with
 * nn_hwh_free), -1 on error with "<path>:<line>: <what>" in err. */
int nn_hwh_load(const char *path, nn_hwh **out, char *err, size_t errlen);
/* The same from memory; `name` is used in messages (as the file name). */
int nn_hwh_load_memory(const char *name, const void *data, size_t len, nn_hwh **out, char *err,
                       size_t errlen);
void nn_hwh_free(nn_hwh *h);

const char *nn_hwh_file(const nn_hwh *h);
const nn_hwh_system *nn_hwh_system_info(const nn_hwh *h);
size_t nn_hwh_ip_count(const nn_hwh *h);
const nn_hwh_ip *nn_hwh_ip_at(const nn_hwh *h, size_t i); /* NULL when out of range */
const nn_hwh_ip *nn_hwh_ps(const nn_hwh *h);              /* the PS module; NULL if none */
/* By instance name, then VLNV, then VLNV name part (e.g. "digits_accel");
 * the first match in file order; NULL if none. */
const nn_hwh_ip *nn_hwh_find_ip(const nn_hwh *h, const char *what);
/* Register of `ip` by name (ASCII case-insensitive); NULL if none. */
const nn_hwh_reg *nn_hwh_find_reg(const nn_hwh_ip *ip, const char *name);

/* Compares the IP's control registers with `regs` (names per
 * docs/register-map.md: in_r_1/in_r_2, out_r_*, weights_1/_2, batch, mode,
 * also the _V suffixes of Vivado HLS; a 32-bit pointer is one register), its
 * m_axi address widths with m_axi_addr_width, that its interrupt reaches the
 * PS and that the PS maps its control block. Returns 0 when every check
 * passes, 1 otherwise. `report` gets one line per check (OK/FAIL) and, on a
 * mismatch, both maps side by side; it is always NUL-terminated (truncated
 * with "...\n" when report_len is too small). */
int nn_hwh_check_ip(const nn_hwh_ip *ip, const nn_reg_map *regs, uint32_t m_axi_addr_width,
                    char *report, size_t report_len);

#ifdef __cplusplus
}
#endif

#endif /* NNHAL_NN_HWH_H */
