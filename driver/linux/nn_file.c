/* nn_file.c - bounded whole-file read (nn_rt_read_file, see nn_runtime.h).
 *
 * The file is opened non-blocking (a FIFO swapped in cannot hang us), then
 * the opened descriptor is checked and sized, so there is no stat-then-open
 * race; the read stops one byte after the size fstat reported, so a file
 * that changes while read is refused instead of read without bound. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn_rt_internal.h"

int nn_rt_read_file(const char *path, size_t limit, char **data, size_t *size, char *err,
                    size_t errlen) {
  *data = NULL;
  *size = 0;
  const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    nn_rt_errf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return NN_RT_E_FILE;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    nn_rt_errf(err, errlen, "%s: not a regular file", path);
    close(fd);
    return NN_RT_E_FILE;
  }
  if ((unsigned long long)st.st_size > (unsigned long long)limit) {
    nn_rt_errf(err, errlen, "%s: %lld bytes, more than the %zu allowed here", path,
               (long long)st.st_size, limit);
    close(fd);
    return NN_RT_E_FILE;
  }
  /* Sized by what the opened file holds now; one byte more is requested so a
   * file that grows meanwhile is noticed rather than silently cut. */
  const size_t expect = (size_t)st.st_size;
  char *buf = malloc(expect + 2u);
  if (buf == NULL) {
    nn_rt_errf(err, errlen, "%s: out of memory for %zu bytes", path, expect);
    close(fd);
    return NN_RT_E_FILE;
  }
  size_t have = 0;
  while (have <= expect) {
    const ssize_t n = read(fd, buf + have, expect + 1u - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      nn_rt_errf(err, errlen, "%s: read failed: %s", path, strerror(errno));
      free(buf);
      close(fd);
      return NN_RT_E_FILE;
    }
    if (n == 0) break;
    have += (size_t)n;
  }
  close(fd);
  if (have != expect) {
    nn_rt_errf(err, errlen, "%s: changed size while being read (%zu bytes, then %zu)", path, expect,
               have);
    free(buf);
    return NN_RT_E_FILE;
  }
  buf[have] = '\0';
  *data = buf;
  *size = have;
  return NN_OK;
}
