/* bmq_regfile.h - a 64 KiB "register file" in normal (cacheable) RAM that the
 * HAL's base points at: MMIO accesses land in it and the test can look. */
#ifndef BMQ_REGFILE_H
#define BMQ_REGFILE_H

#include <stdint.h>

#define BMQ_REGFILE_WORDS 16384u
extern volatile uint32_t bmq_regfile[BMQ_REGFILE_WORDS];

#endif
