/*
 * nn_hwh_load.c - reading a .hwh: bounded file read, refusal of DTDs, one
 * libxml2 parse (no network, no entity substitution), then the extraction
 * steps of the other nn_hwh_*.c files.
 */
#define _POSIX_C_SOURCE 200809L
/* 64-bit off_t on armhf: a huge file gets the size-limit message, not EOVERFLOW. */
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <fcntl.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn_hwh_internal.h"

static int fail_plain(char *err, size_t errlen, const char *fmt, const char *file,
                      const char *what) {
  if (err && errlen) snprintf(err, errlen, fmt, file, what);
  return -1;
}

/* Reads the whole regular file, refusing more than NN_HWH_MAX_FILE_BYTES. */
static int read_file(const char *path, char **data, size_t *len, char *err, size_t errlen) {
  /* O_NONBLOCK: a FIFO given as the .hwh must not hang the open; it is
   * refused below as not a regular file. */
  const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return fail_plain(err, errlen, "%s: cannot open: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return fail_plain(err, errlen, "%s: %s", path,
                      "not a regular file (a .hwh must be a file, not a directory or device)");
  }
  if ((uint64_t)st.st_size > NN_HWH_MAX_FILE_BYTES) {
    close(fd);
    if (err && errlen)
      snprintf(err, errlen, "%s: %lld bytes: larger than the %u MiB limit for a .hwh", path,
               (long long)st.st_size, NN_HWH_MAX_FILE_BYTES >> 20);
    return -1;
  }
  /* One byte more than the limit, so that a file growing while read is caught. */
  const size_t cap = (size_t)st.st_size + 1;
  char *buf = malloc(cap);
  if (!buf) {
    close(fd);
    return fail_plain(err, errlen, "%s: %s", path, "out of memory");
  }
  size_t got = 0;
  while (got < cap) {
    const ssize_t r = read(fd, buf + got, cap - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      const int e = errno;
      free(buf);
      close(fd);
      return fail_plain(err, errlen, "%s: read error: %s", path, strerror(e));
    }
    if (r == 0) break;
    got += (size_t)r;
  }
  close(fd);
  if (got == cap) {
    free(buf);
    return fail_plain(err, errlen, "%s: %s", path, "the file grew while it was read");
  }
  *data = buf;
  *len = got;
  return 0;
}

int nn_hwh_load(const char *path, nn_hwh **out, char *err, size_t errlen) {
  *out = NULL;
  char *data = NULL;
  size_t len = 0;
  if (read_file(path, &data, &len, err, errlen) != 0) return -1;
  const int rc = nn_hwh_load_memory(path, data, len, out, err, errlen);
  free(data);
  return rc;
}

/* Line (1-based) of byte `at`. */
static long line_of(const char *s, size_t at) {
  long line = 1;
  for (size_t i = 0; i < at; ++i)
    if (s[i] == '\n') ++line;
  return line;
}

static const char kDoctypeRefused[] =
    "DOCTYPE declarations are refused (a Vivado .hwh has none, and a DTD can declare entities "
    "that expand without bound)";

/* A Vivado .hwh has no DTD. A DOCTYPE could declare entities (exponential
 * expansion, external files), so any "<!DOCTYPE" is refused before libxml2
 * sees the bytes; -1 if none, else its offset. */
static long find_doctype(const char *s, size_t len) {
  static const char kTag[] = "<!DOCTYPE";
  const size_t n = sizeof kTag - 1;
  for (size_t i = 0; i + n <= len; ++i) {
    const char *p = memchr(s + i, '<', len - i);
    if (!p) return -1;
    i = (size_t)(p - s);
    if (i + n <= len && memcmp(p, kTag, n) == 0) return (long)i;
  }
  return -1;
}

/* The first error libxml2 reports is the cause; later ones are consequences
 * (a mismatched tag is followed by "premature end of data" at the end). */
typedef struct first_error {
  int set;
  long line;
  char msg[256];
  long doctype_line; /* > 0: a DOCTYPE reached the parser (see refuse_dtd) */
} first_error;

static void on_xml_error(void *data, xmlErrorPtr e) {
  xmlParserCtxtPtr ctxt = data;
  first_error *f = ctxt ? ctxt->_private : NULL;
  if (!f || f->set || !e || e->level < XML_ERR_ERROR) return;
  f->set = 1;
  f->line = e->line;
  snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "unknown libxml2 error");
}

/* The byte scan for "<!DOCTYPE" sees only ASCII-compatible text: a document
 * declared as UTF-16 or UTF-7 (libxml2 converts both) spells it differently.
 * libxml2 reports every DOCTYPE through this callback before it reads the
 * internal subset, so the parse stops here whatever the encoding. */
static void refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id) {
  (void)name;
  (void)external_id;
  (void)system_id;
  xmlParserCtxtPtr ctxt = ctx;
  first_error *f = ctxt->_private;
  if (f && f->doctype_line == 0) f->doctype_line = ctxt->input ? ctxt->input->line : 1;
  if (f && f->doctype_line <= 0) f->doctype_line = 1;
  xmlStopParser(ctxt);
}

static void copy_xml_error(hwh_ctx *c, xmlParserCtxtPtr ctxt, first_error *f) {
  if (f->doctype_line > 0) {
    if (c->err && c->errlen)
      snprintf(c->err, c->errlen, "%s:%ld: %s", c->file, f->doctype_line, kDoctypeRefused);
    return;
  }
  if (!f->set) {
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    f->line = e ? e->line : 0;
    snprintf(f->msg, sizeof f->msg, "%s", e && e->message ? e->message : "unknown libxml2 error");
  }
  size_t n = strlen(f->msg);
  while (n && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' ')) f->msg[--n] = '\0';
  if (c->err && c->errlen) {
    if (f->line > 0)
      snprintf(c->err, c->errlen, "%s:%ld: not well-formed XML: %s", c->file, f->line, f->msg);
    else
      snprintf(c->err, c->errlen, "%s: not well-formed XML: %s", c->file, f->msg);
  }
}

/* libxml2 stores element line numbers in 16 bits (65535 = "or more") and
 * only text nodes carry bigger ones; with blank text dropped (NOBLANKS) an
 * element past line 65535 would have no exact line. So every element gets its
 * line in the otherwise unused psvi field as it is created (hwh_line reads it). */
static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
  xmlParserCtxtPtr ctxt = ctx;
  xmlNodePtr parent = ctxt->node;
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                        nb_defaulted, attributes);
  if (ctxt->node && ctxt->node != parent && ctxt->input)
    ctxt->node->psvi = (void *)(intptr_t)ctxt->input->line;
}

static int extract(hwh_ctx *c, xmlDocPtr doc) {
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!root) return hwh_fail(c, NULL, "no root element: not a .hwh");
  if (hwh_read_modules(c, root) != 0) return -1;
  /* Registers first: the PS map picks each IP's window by its control interface. */
  for (size_t i = 0; i < c->h->n_ips; ++i)
    if (hwh_read_regs(c, c->ip_nodes[i], &c->h->ips[i]) != 0) return -1;
  if (hwh_read_ps_memmap(c) != 0) return -1;
  for (size_t i = 0; i < c->h->n_ips; ++i)
    if (hwh_read_maxi(c, c->ip_nodes[i], &c->h->ips[i]) != 0 ||
        hwh_read_irqs(c, c->ip_nodes[i], &c->h->ips[i]) != 0)
      return -1;
  return c->oom ? hwh_oom(c) : 0;
}

int nn_hwh_load_memory(const char *name, const void *data, size_t len, nn_hwh **out, char *err,
                       size_t errlen) {
  *out = NULL;
  if (err && errlen) err[0] = '\0';
  const char *s = data;
  if (len == 0) return fail_plain(err, errlen, "%s: %s", name, "empty file: not a .hwh");
  if (len > NN_HWH_MAX_FILE_BYTES || len > INT_MAX)
    return fail_plain(err, errlen, "%s: %s", name, "larger than the 256 MiB limit for a .hwh");
  /* Vivado writes a UTF-8 byte-order mark; skipping it keeps line numbers. */
  if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
    s += 3;
    len -= 3;
  }
  const long doctype = find_doctype(s, len);
  if (doctype >= 0) {
    if (err && errlen)
      snprintf(err, errlen, "%s:%ld: %s", name, line_of(s, (size_t)doctype), kDoctypeRefused);
    return -1;
  }

  nn_hwh *h = calloc(1, sizeof *h);
  if (!h) return fail_plain(err, errlen, "%s: %s", name, "out of memory");
  hwh_ctx c = {.h = h, .file = name, .err = err, .errlen = errlen};
  h->file = hwh_strdup(h, name);
  xmlInitParser();
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!h->file || !ctxt) {
    if (ctxt) xmlFreeParserCtxt(ctxt);
    nn_hwh_free(h);
    return fail_plain(err, errlen, "%s: %s", name, "out of memory");
  }
  /* No NOENT/DTDLOAD/DTDATTR: nothing is substituted or fetched. */
  const int options =
      XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  ctxt->sax->startElementNs = start_element;
  first_error first = {0};
  ctxt->_private = &first;
  ctxt->sax->serror = on_xml_error;
  ctxt->sax->internalSubset = refuse_dtd;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, s, (int)len, NULL, NULL, options);
  int rc = -1;
  if (!doc || !ctxt->wellFormed || first.doctype_line > 0)
    copy_xml_error(&c, ctxt, &first);
  else
    rc = extract(&c, doc);
  if (doc) xmlFreeDoc(doc);
  xmlFreeParserCtxt(ctxt);
  if (rc != 0) {
    nn_hwh_free(h);
    return -1;
  }
  *out = h;
  return 0;
}

void nn_hwh_free(nn_hwh *h) {
  if (!h) return;
  hwh_arena_free(h);
  free(h);
}
