/*
 * nn_sysfs.c - bounded reads and writes of sysfs attribute files.
 *
 * Attributes are tiny (a number or a name); anything longer than the caller's
 * buffer is refused rather than cut, and files are opened non-blocking and must
 * be regular, so a FIFO or device put in their place cannot hang the HAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn_linux_internal.h"

int nn_sysfs_read_text(const char *what, const char *path, char *buf, size_t cap, char *err,
                       size_t errlen) {
  if (cap < 2) {
    nn_lx_errf(err, errlen, "%s: internal: buffer too small for %s", what, path);
    return -1;
  }
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    nn_lx_errf(err, errlen, "%s: cannot open %s: %s", what, path, strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    nn_lx_errf(err, errlen, "%s: %s is not a regular (attribute) file", what, path);
    close(fd);
    return -1;
  }
  size_t len = 0;
  for (;;) {
    /* Read one byte more than fits, to tell "exactly full" from "too long". */
    char extra;
    char *dst = len < cap - 1 ? buf + len : &extra;
    size_t room = len < cap - 1 ? cap - 1 - len : 1;
    ssize_t n = read(fd, dst, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      nn_lx_errf(err, errlen, "%s: cannot read %s: %s", what, path, strerror(errno));
      close(fd);
      return -1;
    }
    if (n == 0) break;
    if (dst == &extra) {
      nn_lx_errf(err, errlen, "%s: %s is longer than %zu bytes: not an attribute we know", what,
                 path, cap - 1);
      close(fd);
      return -1;
    }
    len += (size_t)n;
  }
  close(fd);
  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' ' || buf[len - 1] == '\t' ||
                     buf[len - 1] == '\r'))
    --len;
  buf[len] = '\0';
  if (memchr(buf, '\0', len) != NULL) {
    nn_lx_errf(err, errlen, "%s: %s holds a NUL byte", what, path);
    return -1;
  }
  return 0;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int nn_sysfs_parse_u64(const char *text, uint64_t *out) {
  const char *p = text;
  unsigned base = 10;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
  }
  if (*p == '\0') return -1;
  uint64_t v = 0;
  for (; *p != '\0'; ++p) {
    int d = hex_digit(*p);
    if (d < 0 || (unsigned)d >= base) break;
    /* Refuse overflow instead of wrapping: a wrapped address is a wrong one. */
    if (v > (UINT64_MAX - (uint64_t)d) / base) return -1;
    v = v * base + (uint64_t)d;
  }
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  if (*p != '\0') return -1;
  *out = v;
  return 0;
}

int nn_sysfs_read_u64(const char *what, const char *path, uint64_t *out, char *err, size_t errlen) {
  char text[64];
  if (nn_sysfs_read_text(what, path, text, sizeof text, err, errlen) != 0) return -1;
  if (nn_sysfs_parse_u64(text, out) != 0) {
    nn_lx_errf(err, errlen, "%s: %s: expected a 64-bit number (0x<hex> or decimal), found '%s'",
               what, path, text);
    return -1;
  }
  return 0;
}

int nn_sysfs_write_text(const char *what, const char *path, const char *text, char *err,
                        size_t errlen) {
  int fd = open(path, O_WRONLY | O_TRUNC | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    nn_lx_errf(err, errlen, "%s: cannot open %s for writing: %s", what, path, strerror(errno));
    return -1;
  }
  size_t len = strlen(text);
  ssize_t n;
  do {
    n = write(fd, text, len);
  } while (n < 0 && errno == EINTR);
  /* sysfs takes an attribute in one write(); a short write is a failure. */
  if (n != (ssize_t)len) {
    nn_lx_errf(err, errlen, "%s: cannot write '%s' to %s: %s", what, text, path,
               n < 0 ? strerror(errno) : "short write");
    close(fd);
    return -1;
  }
  if (close(fd) != 0) {
    nn_lx_errf(err, errlen, "%s: writing %s failed on close: %s", what, path, strerror(errno));
    return -1;
  }
  return 0;
}

int nn_sysfs_check_writable(const char *what, const char *path, char *err, size_t errlen) {
  /* access() would answer for the real uid; opening answers for us. No
   * O_TRUNC and no write: opening a sysfs attribute does not trigger it. */
  int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    nn_lx_errf(err, errlen, "%s: cannot open %s for writing: %s%s", what, path, strerror(errno),
               errno == EACCES ? " (see the udev rule in docs/linux.md)" : "");
    return -1;
  }
  close(fd);
  return 0;
}
