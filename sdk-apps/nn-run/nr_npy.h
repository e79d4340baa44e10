/* nr_npy.h - the small .npy reader/writer of nn-run: float32 little-endian
 * ('<f4'), C order, at most NR_NPY_MAX_RANK dimensions. Everything else is
 * refused with a message saying what the file holds and how to convert it. */
#ifndef NN_RUN_NR_NPY_H
#define NN_RUN_NR_NPY_H

#include <stddef.h>
#include <stdint.h>

#define NR_NPY_MAX_RANK 8

typedef struct nr_array {
  size_t rank;
  uint64_t shape[NR_NPY_MAX_RANK];
  size_t count; /* product of shape */
  float *data;  /* malloc'ed, count values */
} nr_array;

/* Reads PATH (at most `limit` bytes). 0, or -1 with "PATH: what" in err. */
int nr_npy_read(const char *path, size_t limit, nr_array *out, char *err, size_t errlen);

/* Parses an in-memory .npy (for tests and the reader). Values are copied. */
int nr_npy_parse(const char *name, const unsigned char *bytes, size_t len, nr_array *out, char *err,
                 size_t errlen);

/* Writes shape [n, cols] atomically (PATH.tmp-XXXXXX + rename), byte for byte
 * as numpy.save (and NAME-sim) writes it. 0, or -1 with a message. */
int nr_npy_write_2d(const char *path, const float *data, uint64_t n, uint64_t cols, char *err,
                    size_t errlen);

void nr_array_free(nr_array *a);

/* "(2, 8, 8)" into buf. */
void nr_shape_text(const nr_array *a, char *buf, size_t cap);

#endif
