/* nn_model_text.c - parser of nnaccel-model.desc (see nn_model_text.h, docs/model-desc.md).
 *
 * Validate everything once, here: the runtime then trusts the descriptor as
 * it trusts a compiled-in one. One pass over the lines, each copied into a
 * bounded buffer and split into at most NN_TEXT_MAX_TOKENS tokens; cross-field
 * checks (shape product, register map consistency) run after the last line.
 */
#include "nndriver/nn_model_text.h"

#include <string.h>

#include "nndriver/nn_driver.h"

#define NN_TEXT_MAX_TOKENS 8u

/* ---- bounded error messages (no printf: the driver's libraries stay libc-light) ---- */

typedef struct nn_text_err {
  char *out;
  size_t cap;
  size_t len;
} nn_text_err;

static void err_str(nn_text_err *e, const char *s) {
  while (*s != '\0') {
    if (e->len + 1u < e->cap) e->out[e->len++] = *s;
    ++s;
  }
  if (e->cap > 0u) e->out[e->len < e->cap ? e->len : e->cap - 1u] = '\0';
}

static void err_u32(nn_text_err *e, uint32_t v) {
  char digits[11];
  unsigned n = 0;
  do {
    digits[n++] = (char)('0' + v % 10u);
    v /= 10u;
  } while (v != 0u);
  char s[11];
  unsigned k = 0;
  while (n > 0u) s[k++] = digits[--n];
  s[k] = '\0';
  err_str(e, s);
}

static void err_hex(nn_text_err *e, uint32_t v) {
  static const char hex[] = "0123456789abcdef";
  char s[11] = "0x";
  unsigned k = 2;
  int started = 0;
  for (int shift = 28; shift >= 0; shift -= 4) {
    unsigned d = (v >> shift) & 0xFu;
    if (d != 0u || started || shift < 8) {
      s[k++] = hex[d];
      started = 1;
    }
  }
  s[k] = '\0';
  err_str(e, s);
}

/* Starts a message "line N: ". */
static void err_line(nn_text_err *e, uint32_t line) {
  e->len = 0;
  if (e->cap > 0u) e->out[0] = '\0';
  err_str(e, "line ");
  err_u32(e, line);
  err_str(e, ": ");
}

/* ---- fields ---- */

enum nn_text_field {
  F_VERSION,
  F_NAME,
  F_TOP,
  F_VLNV,
  F_SIGNATURE,
  F_BUS_FORMAT,
  F_INPUT_SIZE,
  F_OUTPUT_SIZE,
  F_WEIGHT_WORDS,
  F_MAX_BATCH,
  F_INPUT_SHAPE,
  F_ADDR_WIDTH,
  F_COHERENT,
  F_WEIGHTS,
  F_SIM_LIBRARY,
  F_COUNT
};

typedef struct nn_text_key {
  const char *key;
  unsigned min_values, max_values;
  int required;
} nn_text_key;

static const nn_text_key kKeys[F_COUNT] = {
    [F_VERSION] = {"nnaccel-model", 1, 1, 1},
    [F_NAME] = {"name", 1, 1, 1},
    [F_TOP] = {"top", 1, 1, 1},
    [F_VLNV] = {"vlnv", 1, 1, 1},
    [F_SIGNATURE] = {"signature", 1, 1, 1},
    [F_BUS_FORMAT] = {"bus_format", 1, 1, 1},
    [F_INPUT_SIZE] = {"input_size", 1, 1, 1},
    [F_OUTPUT_SIZE] = {"output_size", 1, 1, 1},
    [F_WEIGHT_WORDS] = {"weight_words", 1, 1, 1},
    [F_MAX_BATCH] = {"max_batch", 1, 1, 1},
    [F_INPUT_SHAPE] = {"input_shape", 1, NN_MAX_RANK, 1},
    [F_ADDR_WIDTH] = {"m_axi_addr_width", 1, 1, 1},
    /* optional: descriptors written before --dma-port existed are not coherent */
    [F_COHERENT] = {"coherent", 1, 1, 0},
    [F_WEIGHTS] = {"weights", 1, 1, 1},
    /* optional: a board package may ship without the host device library */
    [F_SIM_LIBRARY] = {"sim_library", 1, 1, 0},
};

/* Registers, in nn_reg_map order. `can_be_none`: only the high address words
 * (absent when the IP was built with 32-bit m_axi addresses). */
typedef struct nn_text_reg {
  const char *name;
  size_t offset; /* offsetof(nn_reg_map, ...) */
  int is_hi;
} nn_text_reg;

#define NN_REG(field, hi) \
  { #field, offsetof(nn_reg_map, field), hi }
static const nn_text_reg kRegs[] = {NN_REG(ap_ctrl, 0),    NN_REG(gie, 0),        NN_REG(ier, 0),
                                    NN_REG(isr, 0),        NN_REG(ap_return, 0),  NN_REG(in_lo, 0),
                                    NN_REG(in_hi, 1),      NN_REG(out_lo, 0),     NN_REG(out_hi, 1),
                                    NN_REG(weights_lo, 0), NN_REG(weights_hi, 1), NN_REG(batch, 0),
                                    NN_REG(mode, 0)};
#undef NN_REG
#define NN_REG_COUNT (sizeof kRegs / sizeof kRegs[0])

/* The HLS block registers sit at fixed offsets (docs/hardware-notes.md). */
static const uint32_t kBlockOffsets[] = {0x00u, 0x04u, 0x08u, 0x0Cu};

typedef struct nn_text_state {
  nn_model_text *out;
  nn_text_err err;
  uint32_t field_line[F_COUNT]; /* 0: not seen */
  uint32_t reg_line[NN_REG_COUNT];
  uint32_t last_line;
} nn_text_state;

static uint32_t *reg_slot(nn_model_text *m, size_t i) {
  return (uint32_t *)((char *)&m->desc.regs + kRegs[i].offset);
}

/* ---- token checks ---- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int is_identifier(const char *s) {
  if (*s == '\0' || is_digit(*s)) return 0;
  for (; *s != '\0'; ++s) {
    if (!is_alpha(*s) && !is_digit(*s) && *s != '_') return 0;
  }
  return 1;
}

/* vendor:library:name:version, each part non-empty [A-Za-z0-9_.-]. */
static int is_vlnv(const char *s) {
  unsigned parts = 1, part_len = 0;
  for (; *s != '\0'; ++s) {
    if (*s == ':') {
      if (part_len == 0u) return 0;
      ++parts;
      part_len = 0;
    } else if (is_alpha(*s) || is_digit(*s) || *s == '_' || *s == '.' || *s == '-') {
      ++part_len;
    } else {
      return 0;
    }
  }
  return parts == 4u && part_len > 0u;
}

/* Decimal or 0x hex, no sign, fits 32 bits. */
static int parse_u32(const char *s, uint32_t *v) {
  uint64_t acc = 0;
  unsigned base = 10, digits = 0;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s += 2;
  }
  for (; *s != '\0'; ++s) {
    unsigned d;
    if (is_digit(*s)) {
      d = (unsigned)(*s - '0');
    } else if (base == 16u && *s >= 'a' && *s <= 'f') {
      d = (unsigned)(*s - 'a' + 10);
    } else if (base == 16u && *s >= 'A' && *s <= 'F') {
      d = (unsigned)(*s - 'A' + 10);
    } else {
      return 0;
    }
    acc = acc * base + d;
    if (acc > 0xFFFFFFFFu) return 0;
    ++digits;
  }
  if (digits == 0u) return 0;
  *v = (uint32_t)acc;
  return 1;
}

static int fail_value(nn_text_state *st, uint32_t line, const char *key, const char *tok,
                      const char *why) {
  err_line(&st->err, line);
  err_str(&st->err, key);
  err_str(&st->err, " '");
  err_str(&st->err, tok);
  err_str(&st->err, "' ");
  err_str(&st->err, why);
  return NN_E_INVAL;
}

static int number_in(nn_text_state *st, uint32_t line, const char *key, const char *tok,
                     uint32_t lo, uint32_t hi, uint32_t *v) {
  if (!parse_u32(tok, v))
    return fail_value(st, line, key, tok, "is not a 32-bit number (decimal or 0x hex)");
  if (*v < lo || *v > hi) {
    fail_value(st, line, key, tok, "is out of range ");
    err_u32(&st->err, lo);
    err_str(&st->err, "..");
    err_u32(&st->err, hi);
    return NN_E_INVAL;
  }
  return NN_OK;
}

static int copy_text(nn_text_state *st, uint32_t line, const char *key, const char *tok, char *dst,
                     size_t cap) {
  size_t n = strlen(tok);
  if (n >= cap) {
    err_line(&st->err, line);
    err_str(&st->err, key);
    err_str(&st->err, " is longer than ");
    err_u32(&st->err, (uint32_t)(cap - 1u));
    err_str(&st->err, " characters");
    return NN_E_INVAL;
  }
  memcpy(dst, tok, n + 1u);
  return NN_OK;
}

/* Relative, inside the descriptor's folder: no leading '/', no ".." part. */
static int check_path(nn_text_state *st, uint32_t line, const char *key, const char *tok) {
  if (tok[0] == '/')
    return fail_value(st, line, key, tok,
                      "is an absolute path (paths are relative to the descriptor's folder)");
  for (const char *p = tok; *p != '\0';) {
    const char *end = p;
    while (*end != '\0' && *end != '/') ++end;
    if (end - p == 2 && p[0] == '.' && p[1] == '.')
      return fail_value(st, line, key, tok, "leaves the descriptor's folder ('..')");
    p = *end == '/' ? end + 1 : end;
  }
  if (tok[strlen(tok) - 1u] == '/') return fail_value(st, line, key, tok, "names a folder");
  return NN_OK;
}

/* ---- one line ---- */

static int set_field(nn_text_state *st, uint32_t line, int f, char **tok, unsigned n) {
  nn_model_text *m = st->out;
  nn_model_desc *d = &m->desc;
  const char *key = kKeys[f].key;
  uint32_t v = 0;
  int rc = NN_OK;
  switch (f) {
    case F_VERSION:
      if (!parse_u32(tok[0], &v) || v != NN_MODEL_TEXT_VERSION) {
        err_line(&st->err, line);
        err_str(&st->err, "unsupported descriptor format version '");
        err_str(&st->err, tok[0]);
        err_str(&st->err, "' (this reader knows version 1)");
        return NN_E_INVAL;
      }
      return NN_OK;
    case F_NAME:
      if (!is_identifier(tok[0])) return fail_value(st, line, key, tok[0], "is not a C identifier");
      return copy_text(st, line, key, tok[0], m->name, sizeof m->name);
    case F_TOP:
      if (!is_identifier(tok[0])) return fail_value(st, line, key, tok[0], "is not a C identifier");
      return copy_text(st, line, key, tok[0], m->top, sizeof m->top);
    case F_VLNV:
      if (!is_vlnv(tok[0]))
        return fail_value(st, line, key, tok[0],
                          "is not vendor:library:name:version of [A-Za-z0-9_.-]");
      return copy_text(st, line, key, tok[0], m->vlnv, sizeof m->vlnv);
    case F_SIGNATURE:
      return number_in(st, line, key, tok[0], 0u, 0xFFFFFFFFu, &d->signature);
    case F_BUS_FORMAT:
      if (strcmp(tok[0], "float32") != 0)
        return fail_value(st, line, key, tok[0], "is not supported (this reader knows float32)");
      d->bus_format = NN_BUS_FLOAT32;
      return NN_OK;
    case F_INPUT_SIZE:
      return number_in(st, line, key, tok[0], 1u, NN_MODEL_TEXT_MAX_SAMPLE_SIZE, &d->input_size);
    case F_OUTPUT_SIZE:
      return number_in(st, line, key, tok[0], 1u, NN_MODEL_TEXT_MAX_SAMPLE_SIZE, &d->output_size);
    case F_WEIGHT_WORDS:
      return number_in(st, line, key, tok[0], 0u, NN_MODEL_TEXT_MAX_WEIGHT_WORDS, &d->weight_words);
    case F_MAX_BATCH:
      return number_in(st, line, key, tok[0], 1u, NN_MODEL_TEXT_MAX_BATCH, &d->max_batch);
    case F_INPUT_SHAPE:
      d->input_rank = n;
      for (unsigned i = 0; i < n && rc == NN_OK; ++i)
        rc =
            number_in(st, line, key, tok[i], 1u, NN_MODEL_TEXT_MAX_SAMPLE_SIZE, &d->input_shape[i]);
      return rc;
    case F_ADDR_WIDTH:
      rc = number_in(st, line, key, tok[0], 32u, 64u, &m->m_axi_addr_width);
      if (rc == NN_OK && m->m_axi_addr_width != 32u && m->m_axi_addr_width != 64u)
        return fail_value(st, line, key, tok[0], "must be 32 or 64");
      return rc;
    case F_COHERENT:
      if (strcmp(tok[0], "0") != 0 && strcmp(tok[0], "1") != 0)
        return fail_value(st, line, key, tok[0], "must be 0 or 1");
      m->coherent = tok[0][0] == '1' ? 1u : 0u;
      return NN_OK;
    case F_WEIGHTS:
      rc = check_path(st, line, key, tok[0]);
      return rc != NN_OK
                 ? rc
                 : copy_text(st, line, key, tok[0], m->weights_path, sizeof m->weights_path);
    case F_SIM_LIBRARY:
      rc = check_path(st, line, key, tok[0]);
      return rc != NN_OK ? rc
                         : copy_text(st, line, key, tok[0], m->sim_library, sizeof m->sim_library);
    default:
      return NN_E_INVAL;
  }
}

static int set_reg(nn_text_state *st, uint32_t line, char **tok, unsigned n) {
  if (n != 2u) {
    err_line(&st->err, line);
    err_str(&st->err, "'reg' takes a register name and an offset (or none), got ");
    err_u32(&st->err, n);
    err_str(&st->err, " values");
    return NN_E_INVAL;
  }
  size_t i = 0;
  while (i < NN_REG_COUNT && strcmp(kRegs[i].name, tok[0]) != 0) ++i;
  if (i == NN_REG_COUNT) {
    err_line(&st->err, line);
    err_str(&st->err, "unknown register '");
    err_str(&st->err, tok[0]);
    err_str(&st->err, "'");
    return NN_E_INVAL;
  }
  if (st->reg_line[i] != 0u) {
    err_line(&st->err, line);
    err_str(&st->err, "duplicate 'reg ");
    err_str(&st->err, kRegs[i].name);
    err_str(&st->err, "' (first on line ");
    err_u32(&st->err, st->reg_line[i]);
    err_str(&st->err, ")");
    return NN_E_INVAL;
  }
  st->reg_line[i] = line;
  uint32_t *slot = reg_slot(st->out, i);
  if (strcmp(tok[1], "none") == 0) {
    if (!kRegs[i].is_hi)
      return fail_value(st, line, kRegs[i].name, tok[1],
                        "is not allowed: only the high address words may be absent");
    *slot = NN_REG_NONE;
    return NN_OK;
  }
  int rc = number_in(st, line, kRegs[i].name, tok[1], 0u, NN_MODEL_TEXT_MAX_REG_OFFSET, slot);
  if (rc == NN_OK && (*slot & 3u) != 0u)
    return fail_value(st, line, kRegs[i].name, tok[1], "is not a multiple of 4");
  return rc;
}

/* `line` is NUL-terminated, checked for bytes already. */
static int parse_line(nn_text_state *st, uint32_t line_no, char *line) {
  const char *first = line;
  while (*first == ' ' || *first == '\t') ++first;
  if (*first == '\0' || *first == '#') return NN_OK; /* blank or comment: any text */
  char *tok[NN_TEXT_MAX_TOKENS];
  unsigned n = 0;
  for (char *p = line; *p != '\0';) {
    while (*p == ' ' || *p == '\t') *p++ = '\0';
    if (*p == '\0') break;
    if (n == NN_TEXT_MAX_TOKENS) {
      err_line(&st->err, line_no);
      err_str(&st->err, "too many values");
      return NN_E_INVAL;
    }
    tok[n++] = p;
    while (*p != '\0' && *p != ' ' && *p != '\t') ++p;
  }
  if (st->field_line[F_VERSION] == 0u && strcmp(tok[0], kKeys[F_VERSION].key) != 0) {
    err_line(&st->err, line_no);
    err_str(&st->err, "expected 'nnaccel-model 1' before '");
    err_str(&st->err, tok[0]);
    err_str(&st->err, "' (not an nnaccel model descriptor?)");
    return NN_E_INVAL;
  }
  if (strcmp(tok[0], "reg") == 0) return set_reg(st, line_no, tok + 1, n - 1u);
  int f = 0;
  while (f < F_COUNT && strcmp(kKeys[f].key, tok[0]) != 0) ++f;
  if (f == F_COUNT) {
    err_line(&st->err, line_no);
    err_str(&st->err, "unknown key '");
    err_str(&st->err, tok[0]);
    err_str(&st->err, "'");
    return NN_E_INVAL;
  }
  if (st->field_line[f] != 0u) {
    err_line(&st->err, line_no);
    err_str(&st->err, "duplicate '");
    err_str(&st->err, tok[0]);
    err_str(&st->err, "' (first on line ");
    err_u32(&st->err, st->field_line[f]);
    err_str(&st->err, ")");
    return NN_E_INVAL;
  }
  const unsigned values = n - 1u;
  if (values < kKeys[f].min_values || values > kKeys[f].max_values) {
    err_line(&st->err, line_no);
    err_str(&st->err, "'");
    err_str(&st->err, tok[0]);
    err_str(&st->err, "' takes ");
    err_u32(&st->err, kKeys[f].min_values);
    if (kKeys[f].max_values != kKeys[f].min_values) {
      err_str(&st->err, "..");
      err_u32(&st->err, kKeys[f].max_values);
    }
    err_str(&st->err, " value(s), got ");
    err_u32(&st->err, values);
    return NN_E_INVAL;
  }
  st->field_line[f] = line_no;
  return set_field(st, line_no, f, tok + 1, values);
}

/* ---- after the last line ---- */

static int check_complete(nn_text_state *st) {
  const uint32_t end = st->last_line;
  for (int f = 0; f < F_COUNT; ++f) {
    if (kKeys[f].required && st->field_line[f] == 0u) {
      err_line(&st->err, end);
      err_str(&st->err, "end of descriptor: required key '");
      err_str(&st->err, kKeys[f].key);
      err_str(&st->err, "' is missing");
      return NN_E_INVAL;
    }
  }
  for (size_t i = 0; i < NN_REG_COUNT; ++i) {
    if (st->reg_line[i] == 0u) {
      err_line(&st->err, end);
      err_str(&st->err, "end of descriptor: 'reg ");
      err_str(&st->err, kRegs[i].name);
      err_str(&st->err, "' is missing");
      return NN_E_INVAL;
    }
  }
  return NN_OK;
}

static int check_consistent(nn_text_state *st) {
  nn_model_text *m = st->out;
  nn_model_desc *d = &m->desc;

  uint64_t per_sample = 1;
  for (uint32_t i = 0; i < d->input_rank; ++i) per_sample *= d->input_shape[i];
  if (per_sample != d->input_size) {
    err_line(&st->err, st->field_line[F_INPUT_SHAPE]);
    err_str(&st->err, "input_shape holds ");
    err_u32(&st->err, per_sample > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)per_sample);
    err_str(&st->err, per_sample > 0xFFFFFFFFu ? "+ values" : " values");
    err_str(&st->err, " per sample but input_size (line ");
    err_u32(&st->err, st->field_line[F_INPUT_SIZE]);
    err_str(&st->err, ") is ");
    err_u32(&st->err, d->input_size);
    return NN_E_INVAL;
  }

  for (size_t i = 0; i < sizeof kBlockOffsets / sizeof kBlockOffsets[0]; ++i) {
    if (*reg_slot(m, i) != kBlockOffsets[i]) {
      err_line(&st->err, st->reg_line[i]);
      err_str(&st->err, "reg ");
      err_str(&st->err, kRegs[i].name);
      err_str(&st->err, " must be ");
      err_hex(&st->err, kBlockOffsets[i]);
      err_str(&st->err, " (fixed by the HLS control block)");
      return NN_E_INVAL;
    }
  }

  /* A 64-bit pointer is a low word followed by its high word
   * (docs/hardware-notes.md "HLS control registers"; source: UG1399); with
   * 32-bit m_axi addresses the high words do not exist. */
  const int wide = m->m_axi_addr_width == 64u;
  for (size_t i = 0; i < NN_REG_COUNT; ++i) {
    if (!kRegs[i].is_hi) continue;
    const uint32_t hi = *reg_slot(m, i), lo = *reg_slot(m, i - 1u);
    if (wide && hi != lo + 4u) {
      err_line(&st->err, st->reg_line[i]);
      err_str(&st->err, "reg ");
      err_str(&st->err, kRegs[i].name);
      err_str(&st->err, " must be ");
      err_hex(&st->err, lo + 4u);
      err_str(&st->err, " (the word after ");
      err_str(&st->err, kRegs[i - 1u].name);
      err_str(&st->err, ") with m_axi_addr_width 64 (line ");
      err_u32(&st->err, st->field_line[F_ADDR_WIDTH]);
      err_str(&st->err, ")");
      return NN_E_INVAL;
    }
    if (!wide && hi != NN_REG_NONE) {
      err_line(&st->err, st->reg_line[i]);
      err_str(&st->err, "reg ");
      err_str(&st->err, kRegs[i].name);
      err_str(&st->err, " must be none with m_axi_addr_width 32 (line ");
      err_u32(&st->err, st->field_line[F_ADDR_WIDTH]);
      err_str(&st->err, ")");
      return NN_E_INVAL;
    }
  }

  /* Two registers at one offset would make the driver write one argument over another. */
  for (size_t i = 0; i < NN_REG_COUNT; ++i) {
    const uint32_t a = *reg_slot(m, i);
    if (a == NN_REG_NONE) continue;
    for (size_t j = i + 1u; j < NN_REG_COUNT; ++j) {
      if (*reg_slot(m, j) == a) {
        err_line(&st->err, st->reg_line[j]);
        err_str(&st->err, "reg ");
        err_str(&st->err, kRegs[j].name);
        err_str(&st->err, " has the offset of reg ");
        err_str(&st->err, kRegs[i].name);
        err_str(&st->err, " (line ");
        err_u32(&st->err, st->reg_line[i]);
        err_str(&st->err, ")");
        return NN_E_INVAL;
      }
    }
  }
  return NN_OK;
}

/* ---- entry ---- */

int nn_model_text_parse(const char *text, size_t len, nn_model_text *out, char *err,
                        size_t errlen) {
  char dummy[1];
  nn_text_state st;
  memset(&st, 0, sizeof st);
  st.err.out = err != NULL && errlen > 0u ? err : dummy;
  st.err.cap = err != NULL && errlen > 0u ? errlen : sizeof dummy;
  st.err.out[0] = '\0';
  if (out == NULL || (text == NULL && len > 0u)) {
    err_line(&st.err, 0);
    err_str(&st.err, "nn_model_text_parse: NULL argument");
    return NN_E_INVAL;
  }
  memset(out, 0, sizeof *out);
  st.out = out;
  out->desc.desc_version = NN_MODEL_DESC_VERSION;
  out->desc.name = out->name;

  char line[NN_MODEL_TEXT_MAX_LINE + 1u];
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos < len) {
    if (line_no == 0xFFFFFFFFu) {
      err_line(&st.err, line_no);
      err_str(&st.err, "too many lines");
      return NN_E_INVAL;
    }
    ++line_no;
    size_t n = 0;
    for (; pos < len && text[pos] != '\n'; ++pos, ++n) {
      const unsigned char c = (unsigned char)text[pos];
      if (n == NN_MODEL_TEXT_MAX_LINE) {
        err_line(&st.err, line_no);
        err_str(&st.err, "longer than 1024 characters");
        return NN_E_INVAL;
      }
      if (c == '\r') {
        err_line(&st.err, line_no);
        err_str(&st.err, "carriage return (the descriptor must use LF line endings)");
        return NN_E_INVAL;
      }
      if ((c < 0x20u && c != '\t') || c >= 0x7Fu) {
        err_line(&st.err, line_no);
        err_str(&st.err, "byte ");
        err_hex(&st.err, c);
        err_str(&st.err, " is not printable ASCII");
        return NN_E_INVAL;
      }
      line[n] = (char)c;
    }
    line[n] = '\0';
    if (pos < len) ++pos; /* the LF */
    const int rc = parse_line(&st, line_no, line);
    if (rc != NN_OK) return rc;
  }
  st.last_line = line_no;
  if (st.field_line[F_VERSION] == 0u) {
    err_line(&st.err, line_no > 0u ? line_no : 1u);
    err_str(&st.err, "no 'nnaccel-model 1' line (empty or not an nnaccel model descriptor)");
    return NN_E_INVAL;
  }
  int rc = check_complete(&st);
  if (rc == NN_OK) rc = check_consistent(&st);
  return rc;
}
