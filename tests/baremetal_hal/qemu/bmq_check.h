/* bmq_check.h - the test image's check helpers: each check prints one
 * "bmq: ok ..." or "bmq: FAIL ..." line; any failure makes the image exit 1. */
#ifndef BMQ_CHECK_H
#define BMQ_CHECK_H

#include <stdint.h>

#include "bt_console.h"

/* Prints "bmq: ok <what>" or "bmq: FAIL <what>"; returns ok. */
int bmq_check(int ok, const char *what);
/* Equality of two counts, printing both on failure. */
int bmq_check_u64(uint64_t got, uint64_t want, const char *what);
int bmq_failures(void);
/* "bmq: <text>" without a verdict. */
void bmq_note(const char *text);

/* The sections, in bmq_hal.c, bmq_cache.c and bmq_time.c. */
void bmq_test_init(void);
void bmq_test_mmio(void);
void bmq_test_dma(void);
void bmq_test_cache(void);
void bmq_test_time(void);
void bmq_test_driver(void);

#endif
