/* nr_npy.c - see nr_npy.h. The format: magic "\x93NUMPY", version (1.0: 16-bit
 * header length, 2.0/3.0: 32-bit), then a Python dict literal
 * {'descr': ..., 'fortran_order': ..., 'shape': (...), } padded to 64 bytes,
 * then the data. The header is untrusted: bounded, parsed strictly. */
#include "nr_npy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nndriver/nn_runtime.h"

#define NR_NPY_MAX_HEADER (1u << 20)

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (err != NULL && errlen > 0u) vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

void nr_array_free(nr_array *a) {
  free(a->data);
  a->data = NULL;
}

void nr_shape_text(const nr_array *a, char *buf, size_t cap) {
  size_t at = 0;
  at += (size_t)snprintf(buf, cap, "(");
  for (size_t i = 0; i < a->rank && at < cap; ++i)
    at += (size_t)snprintf(buf + at, cap - at, "%s%llu", i ? ", " : "",
                           (unsigned long long)a->shape[i]);
  if (at < cap) snprintf(buf + at, cap - at, a->rank == 1 ? ",)" : ")");
}

/* Finds 'key': in the dict text and returns a pointer after the colon and blanks. */
static const char *dict_value(const char *dict, const char *key) {
  char quoted[32];
  snprintf(quoted, sizeof quoted, "'%s'", key);
  const char *at = strstr(dict, quoted);
  if (at == NULL) return NULL;
  at += strlen(quoted);
  while (*at == ' ') ++at;
  if (*at != ':') return NULL;
  ++at;
  while (*at == ' ') ++at;
  return at;
}

static int parse_shape(const char *name, const char *v, nr_array *out, char *err, size_t errlen) {
  if (*v != '(') return fail(err, errlen, "%s: .npy header 'shape' is not a tuple", name);
  ++v;
  out->rank = 0;
  uint64_t count = 1;
  for (;;) {
    while (*v == ' ') ++v;
    if (*v == ')') break;
    if (*v < '0' || *v > '9')
      return fail(err, errlen, "%s: .npy header 'shape' holds something other than integers", name);
    uint64_t dim = 0;
    while (*v >= '0' && *v <= '9') {
      dim = dim * 10u + (uint64_t)(*v - '0');
      if (dim > 0x7FFFFFFFu)
        return fail(err, errlen, "%s: a dimension of 'shape' is above 2^31", name);
      ++v;
    }
    if (out->rank == NR_NPY_MAX_RANK)
      return fail(err, errlen, "%s: more than %d dimensions", name, NR_NPY_MAX_RANK);
    out->shape[out->rank++] = dim;
    count *= dim;
    if (count > ((uint64_t)1 << 40))
      return fail(err, errlen, "%s: 'shape' holds more than 2^40 values", name);
    while (*v == ' ') ++v;
    if (*v == ',') {
      ++v;
    } else if (*v != ')') {
      return fail(err, errlen, "%s: .npy header 'shape' is malformed", name);
    }
  }
  out->count = (size_t)count;
  if ((uint64_t)out->count != count)
    return fail(err, errlen, "%s: too large for this system", name);
  return 0;
}

int nr_npy_parse(const char *name, const unsigned char *b, size_t len, nr_array *out, char *err,
                 size_t errlen) {
  memset(out, 0, sizeof *out);
  if (len >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
    return fail(err, errlen,
                "%s is a .npz archive; nn-run reads one .npy array: save it with "
                "numpy.save('x.npy', numpy.load('%s')['NAME'])",
                name, name);
  if (len < 10 || memcmp(b, "\x93NUMPY", 6) != 0)
    return fail(err, errlen, "%s: not a .npy file (no \\x93NUMPY magic)", name);
  const unsigned major = b[6];
  size_t prelude, hlen;
  if (major == 1u) {
    prelude = 10;
    hlen = (size_t)b[8] | (size_t)b[9] << 8;
  } else if (major == 2u || major == 3u) {
    if (len < 12) return fail(err, errlen, "%s: truncated .npy header", name);
    prelude = 12;
    hlen = (size_t)b[8] | (size_t)b[9] << 8 | (size_t)b[10] << 16 | (size_t)b[11] << 24;
  } else {
    return fail(err, errlen, "%s: unsupported .npy format version %u.%u", name, major, b[7]);
  }
  if (hlen > NR_NPY_MAX_HEADER)
    return fail(err, errlen, "%s: .npy header of %zu bytes is over the 1 MiB limit", name, hlen);
  if (len - prelude < hlen)
    return fail(err, errlen, "%s: truncated: the .npy header needs %zu bytes, the file has %zu",
                name, hlen, len - prelude);
  char *dict = malloc(hlen + 1u);
  if (dict == NULL) return fail(err, errlen, "%s: out of memory", name);
  memcpy(dict, b + prelude, hlen);
  dict[hlen] = '\0';
  if (strlen(dict) != hlen) {
    free(dict);
    return fail(err, errlen, "%s: .npy header holds a NUL byte", name);
  }
  int rc = 0;
  const char *descr = dict_value(dict, "descr");
  const char *fortran = dict_value(dict, "fortran_order");
  const char *shape = dict_value(dict, "shape");
  if (descr == NULL || fortran == NULL || shape == NULL) {
    rc = fail(err, errlen, "%s: .npy header lacks 'descr', 'fortran_order' or 'shape'", name);
  } else if (strncmp(descr, "'<f4'", 5) != 0) {
    const char *end = strchr(descr + 1, '\'');
    const int n = end != NULL && *descr == '\'' ? (int)(end - descr - 1) : 8;
    rc = fail(err, errlen,
              "%s: dtype '%.*s', but nn-run needs float32 ('<f4'): convert with "
              "x.astype(numpy.float32)",
              name, n, *descr == '\'' ? descr + 1 : descr);
  } else if (strncmp(fortran, "False", 5) != 0) {
    rc = fail(err, errlen, "%s: Fortran order; nn-run needs C order (numpy.ascontiguousarray(x))",
              name);
  } else {
    rc = parse_shape(name, shape, out, err, errlen);
  }
  free(dict);
  if (rc != 0) return rc;
  const size_t data_at = prelude + hlen;
  const uint64_t need = (uint64_t)out->count * 4u;
  if ((uint64_t)(len - data_at) != need) {
    char s[128];
    nr_shape_text(out, s, sizeof s);
    return fail(err, errlen, "%s: %s: shape %s needs %llu data bytes, the file holds %llu", name,
                (uint64_t)(len - data_at) < need ? "truncated" : "trailing bytes", s,
                (unsigned long long)need, (unsigned long long)(len - data_at));
  }
  out->data = malloc(out->count ? out->count * 4u : 1u);
  if (out->data == NULL) return fail(err, errlen, "%s: out of memory", name);
  /* Little-endian on the wire; assemble so a big-endian host reads it too. */
  for (size_t i = 0; i < out->count; ++i) {
    const unsigned char *p = b + data_at + 4u * i;
    const uint32_t bits =
        (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    memcpy(&out->data[i], &bits, 4);
  }
  return 0;
}

int nr_npy_read(const char *path, size_t limit, nr_array *out, char *err, size_t errlen) {
  char *bytes = NULL;
  size_t len = 0;
  if (nn_rt_read_file(path, limit, &bytes, &len, err, errlen) != NN_OK) return -1;
  const int rc = nr_npy_parse(path, (const unsigned char *)bytes, len, out, err, errlen);
  free(bytes);
  return rc;
}

static int write_all(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n > 0u) {
    const ssize_t w = write(fd, c, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    c += w;
    n -= (size_t)w;
  }
  return 0;
}

int nr_npy_write_2d(const char *path, const float *data, uint64_t n, uint64_t cols, char *err,
                    size_t errlen) {
  /* numpy/lib/format.py: keys sorted, the shape's first axis padded with
   * spaces for 21 digits (room to grow in place), then padding to a multiple
   * of 64 bytes with at least one space, then '\n'. */
  char header[256];
  int hl = snprintf(header, sizeof header,
                    "{'descr': '<f4', 'fortran_order': False, 'shape': (%llu, %llu), }",
                    (unsigned long long)n, (unsigned long long)cols);
  char digits[32];
  const int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
  for (int i = nd; i < 21; ++i) header[hl++] = ' ';
  const size_t padding = 64u - (10u + (size_t)hl + 1u) % 64u;
  for (size_t i = 0; i < padding; ++i) header[hl++] = ' ';
  header[hl++] = '\n';
  unsigned char prelude[10] = {
      0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(hl & 0xFF), (unsigned char)(hl >> 8)};

  char tmp[4200];
  if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp)
    return fail(err, errlen, "%s: path too long", path);
  const int fd = mkstemp(tmp);
  if (fd < 0) return fail(err, errlen, "%s: cannot create %s: %s", path, tmp, strerror(errno));
  int ok = write_all(fd, prelude, sizeof prelude) == 0 && write_all(fd, header, (size_t)hl) == 0;
  unsigned char chunk[4096];
  const uint64_t count = n * cols;
  for (uint64_t i = 0; ok && i < count;) {
    size_t k = 0;
    for (; k + 4u <= sizeof chunk && i < count; ++i, k += 4u) {
      uint32_t bits;
      memcpy(&bits, &data[i], 4);
      chunk[k] = (unsigned char)bits;
      chunk[k + 1] = (unsigned char)(bits >> 8);
      chunk[k + 2] = (unsigned char)(bits >> 16);
      chunk[k + 3] = (unsigned char)(bits >> 24);
    }
    ok = write_all(fd, chunk, k) == 0;
  }
  const int saved = errno;
  if (close(fd) != 0) ok = 0;
  if (!ok) {
    unlink(tmp);
    return fail(err, errlen, "%s: write failed: %s", path, strerror(saved));
  }
  /* mkstemp creates 0600; give the file the usual mode under the umask. */
  const mode_t mask = umask(0);
  umask(mask);
  if (chmod(tmp, 0666 & ~mask) != 0 || rename(tmp, path) != 0) {
    const int e = errno;
    unlink(tmp);
    return fail(err, errlen, "%s: cannot move the output into place: %s", path, strerror(e));
  }
  return 0;
}
