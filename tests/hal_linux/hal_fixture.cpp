// hal_fixture.cpp - see hal_fixture.h.
#include "hal_fixture.h"

#include <cstring>

#include "fake_accel.h"
extern "C" {
#include "nn_crc32.h"  // private driver header without C++ guards
}
#include "nndriver/nn_nnw_format.h"

namespace hal_test {

nn_model_desc TestModel() {
  nn_model_desc m{};
  m.desc_version = NN_MODEL_DESC_VERSION;
  m.name = "testnet";
  m.signature = kSignature;
  m.bus_format = NN_BUS_FLOAT32;
  m.input_size = 20;
  m.output_size = 5;
  m.weight_words = 37;
  m.max_batch = 8;
  m.input_rank = 1;
  m.input_shape[0] = 20;
  m.regs = TestRegs();
  return m;
}

static void Put32(std::vector<uint8_t>& b, size_t off, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[off + i] = uint8_t(v >> (8 * i));
}

std::vector<uint8_t> BuildNnw(uint32_t signature, uint32_t words, uint32_t seed) {
  // One tensor "w"; the layout of nndriver/nn_nnw_format.h (docs/nnw-format.md).
  const size_t payload_off = 192;  // header 64 + one 96-byte entry, rounded up to 64
  std::vector<uint8_t> b(payload_off + 4 * size_t(words), 0);
  b[0] = NNW_MAGIC_0;
  b[1] = NNW_MAGIC_1;
  b[2] = NNW_MAGIC_2;
  b[3] = NNW_MAGIC_3;
  b[NNW_OFF_VERSION_MAJOR] = NNW_VERSION_MAJOR;
  Put32(b, NNW_OFF_HEADER_SIZE, NNW_HEADER_SIZE);
  Put32(b, NNW_OFF_SIGNATURE, signature);
  Put32(b, NNW_OFF_BUS_FORMAT, NN_BUS_FLOAT32);
  Put32(b, NNW_OFF_TENSOR_COUNT, 1);
  Put32(b, NNW_OFF_ENTRY_SIZE, NNW_ENTRY_SIZE);
  Put32(b, NNW_OFF_PAYLOAD_OFFSET, uint32_t(payload_off));
  Put32(b, NNW_OFF_PAYLOAD_SIZE, 4 * words);
  b[NNW_HEADER_SIZE + NNW_ENT_OFF_NAME] = 'w';
  Put32(b, NNW_HEADER_SIZE + NNW_ENT_OFF_COUNT, words);
  Put32(b, NNW_HEADER_SIZE + NNW_ENT_OFF_RANK, 1);
  Put32(b, NNW_HEADER_SIZE + NNW_ENT_OFF_DIMS, words);
  for (uint32_t i = 0; i < words; ++i) {
    float f = 0.25f * float(i + seed) - 4.0f;
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    Put32(b, payload_off + 4 * i, bits);
  }
  Put32(b, NNW_OFF_PAYLOAD_CRC, nn_crc32(0, b.data() + payload_off, 4 * size_t(words)));
  Put32(b, NNW_OFF_HEADER_CRC, nn_crc32(0, b.data(), payload_off));
  return b;
}

std::vector<float> NnwWords(const std::vector<uint8_t>& blob) {
  std::vector<float> w((blob.size() - 192) / 4);
  std::memcpy(w.data(), blob.data() + 192, 4 * w.size());
  return w;
}

void AddStandardBoard(const FakeTree& t, uint64_t dma_size) {
  t.AddUio(0, "digits_accel", kUioAddr, kUioSize);
  t.AddUdmabuf("udmabuf0", kDmaPhys, dma_size);
}

nn_uio_config UioConfig(const FakeTree& t, const nn_reg_map* regs, int irq_fd) {
  nn_uio_config c;
  nn_uio_config_init(&c);
  c.sysfs_root = t.sys().c_str();
  c.dev_root = t.dev().c_str();
  c.uio_name = "digits_accel";
  c.regs = regs;
  c.use_irq = irq_fd >= 0 ? 1 : 0;
  c.irq_fd_override = irq_fd;
  return c;
}

static uint64_t ParseU(const std::string& s) { return std::stoull(s, nullptr, 0); }

void SyncRecorder::Hook(void* user, int for_device) {
  auto* self = static_cast<SyncRecorder*>(user);
  std::string d = "sys/class/u-dma-buf/" + self->name_ + "/";
  SyncRecord r;
  r.for_device = for_device != 0;
  r.offset = ParseU(self->tree_.Read(d + "sync_offset"));
  r.size = ParseU(self->tree_.Read(d + "sync_size"));
  r.direction = int(ParseU(self->tree_.Read(d + "sync_direction")));
  r.trigger = self->tree_.Read(d + (for_device ? "sync_for_device" : "sync_for_cpu"));
  std::lock_guard<std::mutex> l(self->mu_);
  self->records_.push_back(r);
}

}  // namespace hal_test
