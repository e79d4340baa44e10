/*
 * nn_hwh_internal.h - what the nnhwh sources share: the design object, its
 * allocation arena, the error context and small libxml2 helpers.
 */
#ifndef NNHWH_INTERNAL_H
#define NNHWH_INTERNAL_H

#include <libxml/tree.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "nnhal/nn_hwh.h"

/* Everything of a loaded design lives in chunks of one arena, so that the
 * public structs can hand out plain pointers and nn_hwh_free is one walk. */
typedef struct hwh_chunk hwh_chunk;

struct nn_hwh {
  hwh_chunk *chunks;
  const char *file;
  nn_hwh_system system;
  nn_hwh_ip *ips;
  size_t n_ips;
  const nn_hwh_ip *ps;
};

/* An instance name and its index in nn_hwh.ips (sorted by name for lookups). */
typedef struct hwh_name_index {
  const char *name;
  size_t index;
} hwh_name_index;

/* One extraction run: where errors go and which file they name. */
typedef struct hwh_ctx {
  nn_hwh *h;
  const char *file;
  char *err;
  size_t errlen;
  xmlNodePtr ps_node;      /* the PS MODULE element, NULL if none */
  xmlNodePtr *ip_nodes;    /* MODULE element of h->ips[i] */
  hwh_name_index *by_name; /* every instance, sorted by name */
  int oom;                 /* an allocation failed: the load fails at the end */
} hwh_ctx;

/* Arena (nn_hwh_arena.c). Zeroed memory, suitably aligned; NULL when out of memory. */
void *hwh_alloc(nn_hwh *h, size_t size);
void *hwh_alloc_array(nn_hwh *h, size_t count, size_t size);
char *hwh_strdup(nn_hwh *h, const char *s);
/* The same on a context: failures set c->oom (and return NULL / ""). */
void *hwh_calloc(hwh_ctx *c, size_t count, size_t size);
const char *hwh_dup(hwh_ctx *c, const char *s);
void hwh_arena_free(nn_hwh *h);

/* Errors: "<file>:<line>: <what>" (line of `node`, omitted when node is NULL). Always -1. */
int hwh_fail(hwh_ctx *c, xmlNodePtr node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int hwh_oom(hwh_ctx *c);

/* XML helpers (nn_hwh_xml.c). */
int hwh_is(xmlNodePtr n, const char *name);            /* element named `name` */
xmlNodePtr hwh_child(xmlNodePtr n, const char *name);  /* first child element `name` */
xmlNodePtr hwh_next(xmlNodePtr n, const char *name);   /* next sibling element `name` */
size_t hwh_count(xmlNodePtr parent, const char *name); /* child elements named `name` */
/* Attribute copied into the arena; "" when absent (and on out of memory, which
 * sets c->oom so the load fails): never NULL. */
const char *hwh_attr(hwh_ctx *c, xmlNodePtr n, const char *name);
int hwh_has_attr(xmlNodePtr n, const char *name);
/* Attribute compared without copying; 0 when absent. */
int hwh_attr_eq(xmlNodePtr n, const char *name, const char *value);
/* The child element `elem` (PROPERTY, PARAMETER) whose NAME is `name`; NULL if none. */
xmlNodePtr hwh_named_child(xmlNodePtr parent, const char *elem, const char *name);
/* Its VALUE attribute copied into the arena; NULL when there is no such child
 * (or out of memory, c->oom). */
const char *hwh_named_value(hwh_ctx *c, xmlNodePtr parent, const char *elem, const char *name);
/* Unsigned number: decimal or 0x-hex, whole string, no sign; 0 ok, -1 bad. */
int hwh_parse_u64(const char *s, uint64_t *out);
int hwh_strcaseeq(const char *a, const char *b);
long hwh_line(xmlNodePtr n);

/* Extraction steps, in order (each 0 ok, -1 error in c->err). */
int hwh_read_modules(hwh_ctx *c, xmlNodePtr root);               /* nn_hwh_modules.c */
int hwh_read_ps_memmap(hwh_ctx *c);                              /* nn_hwh_memmap.c */
int hwh_read_maxi(hwh_ctx *c, xmlNodePtr module, nn_hwh_ip *ip); /* nn_hwh_memmap.c */
int hwh_read_regs(hwh_ctx *c, xmlNodePtr module, nn_hwh_ip *ip); /* nn_hwh_regs.c */
int hwh_read_irqs(hwh_ctx *c, xmlNodePtr module, nn_hwh_ip *ip); /* nn_hwh_irq.c */

/* Module lookup by INSTANCE for the interrupt walk; -1 if none. */
long hwh_module_index(const hwh_ctx *c, const char *instance);

#endif /* NNHWH_INTERNAL_H */
