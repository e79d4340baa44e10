/*
 * nn_hwh_arena.c - one arena per loaded design: the public structs point into
 * it, and nn_hwh_free releases it in one walk.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "nn_hwh_internal.h"

struct hwh_chunk {
  hwh_chunk *next;
  size_t used, cap;
  alignas(max_align_t) unsigned char data[];
};

enum { HWH_CHUNK_BYTES = 64 * 1024 };

void *hwh_alloc(nn_hwh *h, size_t size) {
  const size_t align = alignof(max_align_t);
  if (size > SIZE_MAX - align) return NULL;
  size = (size + align - 1) / align * align;
  if (size == 0) size = align;
  hwh_chunk *c = h->chunks;
  if (!c || c->cap - c->used < size) {
    /* A request bigger than a chunk gets a chunk of its own. */
    const size_t cap = size > HWH_CHUNK_BYTES ? size : HWH_CHUNK_BYTES;
    if (cap > SIZE_MAX - sizeof(hwh_chunk)) return NULL;
    hwh_chunk *n = malloc(sizeof(hwh_chunk) + cap);
    if (!n) return NULL;
    n->used = 0;
    n->cap = cap;
    n->next = h->chunks;
    h->chunks = n;
    c = n;
  }
  void *p = c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

void *hwh_alloc_array(nn_hwh *h, size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return NULL;
  return hwh_alloc(h, count * size);
}

char *hwh_strdup(nn_hwh *h, const char *s) {
  const size_t n = strlen(s);
  char *p = hwh_alloc(h, n + 1);
  if (p) memcpy(p, s, n + 1);
  return p;
}

void *hwh_calloc(hwh_ctx *c, size_t count, size_t size) {
  void *p = hwh_alloc_array(c->h, count, size);
  if (!p) c->oom = 1;
  return p;
}

const char *hwh_dup(hwh_ctx *c, const char *s) {
  char *p = hwh_strdup(c->h, s);
  if (!p) {
    c->oom = 1;
    return "";
  }
  return p;
}

void hwh_arena_free(nn_hwh *h) {
  hwh_chunk *c = h->chunks;
  while (c) {
    hwh_chunk *next = c->next;
    free(c);
    c = next;
  }
  h->chunks = NULL;
}
