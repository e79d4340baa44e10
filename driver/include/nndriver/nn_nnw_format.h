/*
 * nn_nnw_format.h - layout of the `.nnw` weight file (format version 1).
 *
 * One definition shared by the writer (nngen, C++) and the reader (libnndriver,
 * C). All integers are little-endian; readers must decode byte by byte (the
 * blob may be unaligned and the host may be big-endian). See docs/nnw-format.md.
 *
 *   [0, 64)                      header
 *   [64, 64 + 96 * tensor_count) tensor table
 *   [payload_offset, +payload_size) payload: float32 words in exactly the
 *                                order the accelerator's load-weights mode reads them
 */
#ifndef NNDRIVER_NN_NNW_FORMAT_H
#define NNDRIVER_NN_NNW_FORMAT_H

/* Magic: the four bytes 'N' 'N' 'W' 'F' at offset 0. */
#define NNW_MAGIC_0 'N'
#define NNW_MAGIC_1 'N'
#define NNW_MAGIC_2 'W'
#define NNW_MAGIC_3 'F'

#define NNW_VERSION_MAJOR 1u /* readers refuse another major */
#define NNW_VERSION_MINOR 0u /* readers accept any minor */

#define NNW_HEADER_SIZE 64u
#define NNW_ENTRY_SIZE 96u
#define NNW_NAME_SIZE 64u /* NUL-padded, always NUL-terminated */
#define NNW_MAX_RANK 4u

/* Header field byte offsets. */
#define NNW_OFF_MAGIC 0u          /* 4 bytes */
#define NNW_OFF_VERSION_MAJOR 4u  /* u16 */
#define NNW_OFF_VERSION_MINOR 6u  /* u16 */
#define NNW_OFF_HEADER_SIZE 8u    /* u32, = NNW_HEADER_SIZE */
#define NNW_OFF_SIGNATURE 12u     /* u32, model signature (nn_model_desc.signature) */
#define NNW_OFF_BUS_FORMAT 16u    /* u32, enum nn_bus_format of the payload */
#define NNW_OFF_TENSOR_COUNT 20u  /* u32 */
#define NNW_OFF_ENTRY_SIZE 24u    /* u32, = NNW_ENTRY_SIZE */
#define NNW_OFF_PAYLOAD_OFFSET 28u /* u32, byte offset of the payload, 64-byte aligned */
#define NNW_OFF_PAYLOAD_SIZE 32u  /* u32, bytes = 4 * nn_model_desc.weight_words */
#define NNW_OFF_PAYLOAD_CRC 36u   /* u32, CRC-32 (IEEE 802.3, zlib's crc32) of the payload */
#define NNW_OFF_HEADER_CRC 40u    /* u32, CRC-32 of bytes [0, payload_offset) with this field zero */
/* bytes 44..63 reserved, zero */

/* Tensor table entry field byte offsets (relative to the entry). */
#define NNW_ENT_OFF_NAME 0u    /* char[64] */
#define NNW_ENT_OFF_OFFSET 64u /* u32, first word of this tensor in the payload */
#define NNW_ENT_OFF_COUNT 68u  /* u32, words */
#define NNW_ENT_OFF_RANK 72u   /* u32, <= NNW_MAX_RANK */
#define NNW_ENT_OFF_DIMS 76u   /* u32[4], in the on-chip order */
/* bytes 92..95 reserved, zero */

#endif /* NNDRIVER_NN_NNW_FORMAT_H */
