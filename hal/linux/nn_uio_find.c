/*
 * nn_uio_find.c - finds the accelerator's uioN under <sysfs_root>/class/uio.
 *
 * uio_pdrv_genirq names each device after its device-tree node (`name`) and
 * lists its memory windows in maps/mapN/{addr,size} (docs/hardware-notes.md,
 * "UIO"). We match by name, or by map0's physical address when the
 * name is not known (e.g. taken from the .hwh base address).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_linux_internal.h"

#define NN_UIO_SCAN_MAX 64 /* uio devices listed in a "not found" message */

/* "uio12" -> 12; -1 for anything else. */
static int uio_index_of(const char *entry) {
  if (strncmp(entry, "uio", 3) != 0 || entry[3] == '\0') return -1;
  long v = 0;
  for (const char *p = entry + 3; *p; ++p) {
    if (*p < '0' || *p > '9' || v > 100000) return -1;
    v = v * 10 + (*p - '0');
  }
  return (int)v;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Appends "uioN '<name>' map0 0x..." to the list of what exists. */
static void describe(char *list, size_t cap, const char *root, int idx) {
  char path[NN_LX_PATH_MAX], name[128] = "?", addr[40] = "?";
  char ignored[8];
  uint64_t a;
  if (nn_lx_path(path, sizeof path, NULL, 0, "uio", "%s/uio%d/name", root, idx) == 0)
    (void)nn_sysfs_read_text("uio", path, name, sizeof name, ignored, sizeof ignored);
  if (nn_lx_path(path, sizeof path, NULL, 0, "uio", "%s/uio%d/maps/map0/addr", root, idx) == 0 &&
      nn_sysfs_read_u64("uio", path, &a, ignored, sizeof ignored) == 0)
    snprintf(addr, sizeof addr, "0x%llx", (unsigned long long)a);
  size_t len = strlen(list);
  if (len + 1 >= cap) return;
  snprintf(list + len, cap - len, "%suio%d '%s' at %s", len ? ", " : "", idx, name, addr);
}

/* Is uio<idx> the device asked for? An unreadable attribute means "not ours"
 * (such a device is listed with '?' if nothing matches). */
static int matches(const char *root, int idx, const char *name, uint64_t addr) {
  char path[NN_LX_PATH_MAX], ignored[8];
  if (name != NULL) {
    char text[128];
    return nn_lx_path(path, sizeof path, NULL, 0, "uio", "%s/uio%d/name", root, idx) == 0 &&
           nn_sysfs_read_text("uio", path, text, sizeof text, ignored, sizeof ignored) == 0 &&
           strcmp(text, name) == 0;
  }
  uint64_t a;
  return nn_lx_path(path, sizeof path, NULL, 0, "uio", "%s/uio%d/maps/map0/addr", root, idx) == 0 &&
         nn_sysfs_read_u64("uio", path, &a, ignored, sizeof ignored) == 0 && a == addr;
}

int nn_uio_find(const char *sysfs_root, const char *name, uint64_t addr, int *index, char *err,
                size_t errlen) {
  char root[NN_LX_PATH_MAX];
  if (nn_lx_path(root, sizeof root, err, errlen, "uio", "%s/class/uio", sysfs_root) != 0) return -1;
  /* The paths built below add at most "/uio<int>/maps/map0/addr" to root. */
  if (strlen(root) + 40 >= NN_LX_PATH_MAX) {
    nn_lx_errf(err, errlen, "uio: path too long: %.80s...", root);
    return -1;
  }
  DIR *dir = opendir(root);
  if (dir == NULL) {
    nn_lx_errf(err, errlen,
               "uio: cannot open %s: %s (no UIO devices: is uio_pdrv_genirq loaded with "
               "of_id=generic-uio and the overlay applied? see docs/linux.md)",
               root, strerror(errno));
    return -1;
  }
  /* Every device is tested (a board may have more than the listing shows);
   * the lowest-numbered match wins, since readdir order is arbitrary and the
   * same device must be picked on every run. */
  int listed[NN_UIO_SCAN_MAX];
  int n = 0, total = 0, best = -1;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    int idx = uio_index_of(e->d_name);
    if (idx < 0) continue;
    ++total;
    if (n < NN_UIO_SCAN_MAX) listed[n++] = idx;
    if ((best < 0 || idx < best) && matches(root, idx, name, addr)) best = idx;
  }
  closedir(dir);
  if (best >= 0) {
    *index = best;
    return 0;
  }
  qsort(listed, (size_t)n, sizeof listed[0], cmp_int);
  char list[600] = "";
  for (int i = 0; i < n; ++i) describe(list, sizeof list, root, listed[i]);
  /* The count comes first: a long listing may be cut by the message size. */
  if (name != NULL)
    nn_lx_errf(err, errlen, "uio: no device named '%s' among the %d under %s (found: %s)", name,
               total, root, total ? list : "none");
  else
    nn_lx_errf(err, errlen, "uio: no device with map0 at 0x%llx among the %d under %s (found: %s)",
               (unsigned long long)addr, total, root, total ? list : "none");
  return -1;
}
