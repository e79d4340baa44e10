/*
 * nn_model_text.h - reads nnaccel-model.desc, the model descriptor as text
 * (docs/model-desc.md), so one program can drive any generated accelerator
 * without being compiled for it (nn-run, the Linux runtime).
 *
 * The text is untrusted: every line is bounded (NN_MODEL_TEXT_MAX_LINE bytes),
 * unknown and repeated keys are refused, every number is range-checked, names
 * must be C identifiers, paths relative and inside the descriptor's folder,
 * and every required key must be present. OS-free, no heap: the caller owns
 * all storage.
 */
#ifndef NNDRIVER_NN_MODEL_TEXT_H
#define NNDRIVER_NN_MODEL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "nndriver/nn_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The format version this reader understands (the `nnaccel-model N` line). */
#define NN_MODEL_TEXT_VERSION 1u
/* Longest line accepted, without its LF. */
#define NN_MODEL_TEXT_MAX_LINE 1024u
/* Limits the reader enforces beyond the fields' own (docs/model-desc.md). */
#define NN_MODEL_TEXT_MAX_SAMPLE_SIZE (1u << 28) /* input/output values per sample */
#define NN_MODEL_TEXT_MAX_WEIGHT_WORDS (1u << 28)
#define NN_MODEL_TEXT_MAX_BATCH (1u << 20)
#define NN_MODEL_TEXT_MAX_REG_OFFSET 0xFFFCu /* the s_axilite window is 64 KiB */

typedef struct nn_model_text {
  nn_model_desc desc; /* desc.name points into name[] */
  char name[64];
  char top[80];
  char vlnv[160];
  uint32_t m_axi_addr_width; /* 32 or 64 */
  /* 1: the masters use a coherent PS port (ACP / HPC), so nn_options.coherent may be set;
   * 0 (also when the descriptor has no `coherent` line): cache maintenance is needed. */
  uint32_t coherent;
  char weights_path[512]; /* as written (relative to the descriptor's folder) */
  char sim_library[512];  /* "" when the descriptor has none (a board package) */
} nn_model_text;

/*
 * Parses `len` bytes of `text` into *out (fully overwritten; on error its
 * contents are unspecified). Returns NN_OK (0) or NN_E_INVAL; on error `err`
 * (errlen bytes, may be NULL/0) gets "line N: <what>".
 * Because desc.name points into the struct itself, a copy of *out must be
 * re-pointed: copy.desc.name = copy.name.
 */
int nn_model_text_parse(const char *text, size_t len, nn_model_text *out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* NNDRIVER_NN_MODEL_TEXT_H */
