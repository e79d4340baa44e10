/*
 * nn_nnw.c - .nnw validation. The blob is untrusted input (a file copied to
 * the board): every offset is bounds-checked before use, integers are decoded
 * byte by byte (nn_le.h), and arithmetic on header values is done in 64 bits
 * so that no header can make a bound wrap around.
 */
#include "nn_nnw.h"

#include "nn_crc32.h"
#include "nn_le.h"
#include "nn_log.h"
#include "nndriver/nn_nnw_format.h"

#define WHO "nn_load_weights"

static int check_magic_and_version(const nn_device *dev, const unsigned char *b, size_t size,
                                   nn_nnw_view *v) {
  /* Magic first when at least its 4 bytes exist: a short file of another kind
   * is reported as foreign, not as a truncated .nnw. */
  if (size < 4u) {
    nn_log(dev, NN_LOG_ERROR, WHO ": blob of %u bytes is shorter than the magic",
           (uint32_t)size);
    return NN_E_WEIGHTS_TRUNCATED;
  }
  if (b[0] != NNW_MAGIC_0 || b[1] != NNW_MAGIC_1 || b[2] != NNW_MAGIC_2 || b[3] != NNW_MAGIC_3) {
    nn_log(dev, NN_LOG_ERROR, WHO ": magic is %x, not 'NNWF' (not a .nnw file)", nn_le32(b));
    return NN_E_WEIGHTS_FOREIGN;
  }
  if (size < NNW_HEADER_SIZE) {
    nn_log(dev, NN_LOG_ERROR, WHO ": blob of %u bytes is shorter than the %u-byte header",
           (uint32_t)size, (uint32_t)NNW_HEADER_SIZE);
    return NN_E_WEIGHTS_TRUNCATED;
  }
  v->version_major = nn_le16(b + NNW_OFF_VERSION_MAJOR);
  v->version_minor = nn_le16(b + NNW_OFF_VERSION_MINOR);
  if (v->version_major != NNW_VERSION_MAJOR) {
    nn_log(dev, NN_LOG_ERROR, WHO ": format version %u.%u, this driver reads %u.x",
           v->version_major, v->version_minor, (uint32_t)NNW_VERSION_MAJOR);
    return NN_E_WEIGHTS_VERSION;
  }
  return NN_OK;
}

static int check_layout(const nn_device *dev, const unsigned char *b, nn_nnw_view *v) {
  uint32_t header_size = nn_le32(b + NNW_OFF_HEADER_SIZE);
  uint32_t entry_size = nn_le32(b + NNW_OFF_ENTRY_SIZE);
  v->signature = nn_le32(b + NNW_OFF_SIGNATURE);
  v->bus_format = nn_le32(b + NNW_OFF_BUS_FORMAT);
  v->tensor_count = nn_le32(b + NNW_OFF_TENSOR_COUNT);
  v->payload_offset = nn_le32(b + NNW_OFF_PAYLOAD_OFFSET);
  v->payload_size = nn_le32(b + NNW_OFF_PAYLOAD_SIZE);
  v->payload_crc = nn_le32(b + NNW_OFF_PAYLOAD_CRC);
  if (header_size != NNW_HEADER_SIZE) {
    nn_log(dev, NN_LOG_ERROR, WHO ": header_size is %u, expected %u", header_size,
           (uint32_t)NNW_HEADER_SIZE);
    return NN_E_WEIGHTS_CORRUPT;
  }
  if (entry_size != NNW_ENTRY_SIZE) {
    nn_log(dev, NN_LOG_ERROR, WHO ": entry_size is %u, expected %u", entry_size,
           (uint32_t)NNW_ENTRY_SIZE);
    return NN_E_WEIGHTS_CORRUPT;
  }
  uint64_t table_end = (uint64_t)NNW_HEADER_SIZE + (uint64_t)NNW_ENTRY_SIZE * v->tensor_count;
  if (table_end > v->payload_offset) {
    nn_log(dev, NN_LOG_ERROR, WHO ": tensor table of %u entries overlaps payload_offset %u",
           v->tensor_count, v->payload_offset);
    return NN_E_WEIGHTS_CORRUPT;
  }
  if ((v->payload_offset & 63u) != 0u) {
    nn_log(dev, NN_LOG_ERROR, WHO ": payload_offset %u is not 64-byte aligned",
           v->payload_offset);
    return NN_E_WEIGHTS_CORRUPT;
  }
  return NN_OK;
}

static int check_header_crc(const nn_device *dev, const unsigned char *b, size_t size,
                            const nn_nnw_view *v) {
  if (size < v->payload_offset) {
    nn_log(dev, NN_LOG_ERROR, WHO ": blob of %u bytes ends before payload_offset %u",
           (uint32_t)size, v->payload_offset);
    return NN_E_WEIGHTS_TRUNCATED;
  }
  /* CRC over [0, payload_offset) with the header_crc field taken as zero. */
  static const unsigned char zero4[4] = {0, 0, 0, 0};
  uint32_t crc = nn_crc32(0u, b, NNW_OFF_HEADER_CRC);
  crc = nn_crc32(crc, zero4, 4u);
  crc = nn_crc32(crc, b + NNW_OFF_HEADER_CRC + 4u, v->payload_offset - (NNW_OFF_HEADER_CRC + 4u));
  uint32_t stored = nn_le32(b + NNW_OFF_HEADER_CRC);
  if (crc != stored) {
    nn_log(dev, NN_LOG_ERROR, WHO ": header_crc is %x, computed %x (header corrupt)", stored,
           crc);
    return NN_E_WEIGHTS_CORRUPT;
  }
  return NN_OK;
}

/* Entries are not needed to load the payload, but a table that contradicts
 * the payload means the writer was broken: refuse rather than guess. */
static int check_entries(const nn_device *dev, const unsigned char *b, const nn_nnw_view *v) {
  uint64_t payload_words = v->payload_size / 4u;
  for (uint32_t i = 0; i < v->tensor_count; ++i) {
    const unsigned char *e = b + NNW_HEADER_SIZE + (size_t)NNW_ENTRY_SIZE * i;
    int terminated = 0;
    for (uint32_t k = 0; k < NNW_NAME_SIZE; ++k) terminated |= e[NNW_ENT_OFF_NAME + k] == 0u;
    uint32_t offset = nn_le32(e + NNW_ENT_OFF_OFFSET);
    uint32_t count = nn_le32(e + NNW_ENT_OFF_COUNT);
    uint32_t rank = nn_le32(e + NNW_ENT_OFF_RANK);
    if (!terminated) {
      nn_log(dev, NN_LOG_ERROR, WHO ": tensor entry %u name is not NUL-terminated", i);
      return NN_E_WEIGHTS_CORRUPT;
    }
    if (rank > NNW_MAX_RANK) {
      nn_log(dev, NN_LOG_ERROR, WHO ": tensor entry %u rank %u exceeds %u", i, rank,
             (uint32_t)NNW_MAX_RANK);
      return NN_E_WEIGHTS_CORRUPT;
    }
    if ((uint64_t)offset + count > payload_words) {
      nn_log(dev, NN_LOG_ERROR, WHO ": tensor entry %u words [%u, +%u) exceed the payload", i,
             offset, count);
      return NN_E_WEIGHTS_CORRUPT;
    }
  }
  return NN_OK;
}

static int check_model_fit(const nn_device *dev, const nn_model_desc *m, const nn_nnw_view *v) {
  if (v->signature != m->signature) {
    nn_log(dev, NN_LOG_ERROR, WHO ": file signature %x, model %s has %x (weights for another model)",
           v->signature, m->name, m->signature);
    return NN_E_WEIGHTS_MODEL;
  }
  if (v->bus_format != m->bus_format) {
    nn_log(dev, NN_LOG_ERROR, WHO ": file bus_format %u, model has %u", v->bus_format,
           m->bus_format);
    return NN_E_WEIGHTS_SIZE;
  }
  if ((uint64_t)v->payload_size != (uint64_t)m->weight_words * 4u) {
    nn_log(dev, NN_LOG_ERROR, WHO ": payload_size %u bytes, model needs %u words (x4 bytes)",
           v->payload_size, m->weight_words);
    return NN_E_WEIGHTS_SIZE;
  }
  return NN_OK;
}

int nn_nnw_check(const nn_device *dev, const nn_model_desc *model, const void *blob, size_t size,
                 nn_nnw_view *view) {
  /* An empty blob (an empty file; its buffer may well be NULL) is a truncated
   * .nnw, not a programming error. */
  if (size == 0u) {
    nn_log(dev, NN_LOG_ERROR, WHO ": blob is empty (0 bytes): truncated or empty weight file");
    return NN_E_WEIGHTS_TRUNCATED;
  }
  if (blob == NULL) {
    nn_log(dev, NN_LOG_ERROR, WHO ": blob is NULL");
    return NN_E_INVAL;
  }
  const unsigned char *b = (const unsigned char *)blob;
  nn_nnw_view v = {0};
  int st = check_magic_and_version(dev, b, size, &v);
  if (st == NN_OK) st = check_layout(dev, b, &v);
  if (st == NN_OK) st = check_header_crc(dev, b, size, &v);
  if (st == NN_OK) st = check_entries(dev, b, &v);
  if (st != NN_OK) return st;

  uint64_t end = (uint64_t)v.payload_offset + v.payload_size;
  if ((uint64_t)size < end) {
    nn_log(dev, NN_LOG_ERROR, WHO ": blob of %u bytes, header says payload ends at %u (truncated)",
           (uint32_t)size, (uint32_t)end);
    return NN_E_WEIGHTS_TRUNCATED;
  }
  st = check_model_fit(dev, model, &v);
  if (st != NN_OK) return st;
  v.payload = b + v.payload_offset;
  uint32_t crc = nn_crc32(0u, v.payload, v.payload_size);
  if (crc != v.payload_crc) {
    nn_log(dev, NN_LOG_ERROR, WHO ": payload_crc is %x, computed %x (payload corrupt)",
           v.payload_crc, crc);
    return NN_E_WEIGHTS_CORRUPT;
  }
  if ((uint64_t)size > end) {
    nn_log(dev, NN_LOG_WARN, WHO ": ignoring %u bytes after the payload", (uint32_t)(size - end));
  }
  *view = v;
  return NN_OK;
}
