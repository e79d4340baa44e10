/*
 * nn_hwh_xml.c - small libxml2 helpers (element lookup, attributes copied into
 * the arena, numbers as Vivado writes them) and the error formatter.
 */
#include <ctype.h>
#include <errno.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_hwh_internal.h"

static const xmlChar *X(const char *s) { return (const xmlChar *)s; }

long hwh_line(xmlNodePtr n) {
  if (!n) return 0;
  /* The exact line nn_hwh_load_memory recorded (see start_element there). */
  if (n->type == XML_ELEMENT_NODE && n->psvi) return (long)(intptr_t)n->psvi;
  return xmlGetLineNo(n);
}

int hwh_fail(hwh_ctx *c, xmlNodePtr node, const char *fmt, ...) {
  if (!c->err || c->errlen == 0) return -1;
  int k;
  const long line = hwh_line(node);
  if (line > 0)
    k = snprintf(c->err, c->errlen, "%s:%ld: ", c->file, line);
  else
    k = snprintf(c->err, c->errlen, "%s: ", c->file);
  if (k < 0 || (size_t)k >= c->errlen) return -1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->err + k, c->errlen - (size_t)k, fmt, ap);
  va_end(ap);
  return -1;
}

int hwh_oom(hwh_ctx *c) { return hwh_fail(c, NULL, "out of memory while reading the design"); }

int hwh_is(xmlNodePtr n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, X(name));
}

xmlNodePtr hwh_next(xmlNodePtr n, const char *name) {
  for (n = n ? n->next : NULL; n; n = n->next)
    if (hwh_is(n, name)) return n;
  return NULL;
}

xmlNodePtr hwh_child(xmlNodePtr n, const char *name) {
  if (!n) return NULL;
  for (xmlNodePtr k = n->children; k; k = k->next)
    if (hwh_is(k, name)) return k;
  return NULL;
}

size_t hwh_count(xmlNodePtr parent, const char *name) {
  size_t count = 0;
  for (xmlNodePtr k = hwh_child(parent, name); k; k = hwh_next(k, name)) ++count;
  return count;
}

int hwh_has_attr(xmlNodePtr n, const char *name) { return xmlHasProp(n, X(name)) != NULL; }

const char *hwh_attr(hwh_ctx *c, xmlNodePtr n, const char *name) {
  xmlChar *v = xmlGetProp(n, X(name));
  if (!v) {
    /* Absent, or libxml2 itself ran out of memory on a present one. */
    if (xmlHasProp(n, X(name))) c->oom = 1;
    return "";
  }
  const char *copy = hwh_dup(c, (const char *)v);
  xmlFree(v);
  return copy;
}

int hwh_attr_eq(xmlNodePtr n, const char *name, const char *value) {
  xmlChar *v = xmlGetProp(n, X(name));
  if (!v) return 0;
  const int eq = xmlStrEqual(v, X(value));
  xmlFree(v);
  return eq;
}

xmlNodePtr hwh_named_child(xmlNodePtr parent, const char *elem, const char *name) {
  for (xmlNodePtr k = hwh_child(parent, elem); k; k = hwh_next(k, elem))
    if (hwh_attr_eq(k, "NAME", name)) return k;
  return NULL;
}

const char *hwh_named_value(hwh_ctx *c, xmlNodePtr parent, const char *elem, const char *name) {
  xmlNodePtr k = hwh_named_child(parent, elem, name);
  return k ? hwh_attr(c, k, "VALUE") : NULL;
}

int hwh_parse_u64(const char *s, uint64_t *out) {
  /* HLS IP writes offsets in decimal ("16"), Xilinx IP and MEMRANGEs in hex
   * ("0x0", "0x800000000"): accept both, nothing else (no sign, no spaces). */
  int base = 10;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s += 2;
  }
  if (!*s) return -1;
  for (const char *p = s; *p; ++p)
    if (base == 16 ? !isxdigit((unsigned char)*p) : !isdigit((unsigned char)*p)) return -1;
  errno = 0;
  char *end = NULL;
  const unsigned long long v = strtoull(s, &end, base);
  if (errno == ERANGE || !end || *end) return -1;
  *out = (uint64_t)v;
  return 0;
}

int hwh_strcaseeq(const char *a, const char *b) {
  for (; *a && *b; ++a, ++b)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
  return *a == *b;
}
