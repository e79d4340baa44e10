// hal_gmock.cpp - see hal_gmock.h.
#include "hal_gmock.h"

#include <cstdlib>

namespace nn_test {
namespace {

HalGmock* Self(void* ctx) { return static_cast<HalGmock*>(ctx); }

uint32_t TReadReg(void* c, uint32_t off) { return Self(c)->RegRead(off); }
void TWriteReg(void* c, uint32_t off, uint32_t v) { Self(c)->RegWrite(off, v); }
int TAlloc(void* c, size_t size, nn_dma_buf* b) { return Self(c)->DmaAlloc(size, b); }
void TFree(void* c, nn_dma_buf* b) { Self(c)->DmaFree(b); }
uint64_t TTime(void* c) { return Self(c)->TimeUs(); }
void TClean(void* c, const nn_dma_buf* b, size_t o, size_t l) { Self(c)->CacheClean(b, o, l); }
void TInval(void* c, const nn_dma_buf* b, size_t o, size_t l) {
  Self(c)->CacheInvalidate(b, o, l);
}
void TFlush(void* c, const nn_dma_buf* b, size_t o, size_t l) { Self(c)->CacheFlush(b, o, l); }
void TBarrier(void* c) { Self(c)->Barrier(); }
int TWaitIrq(void* c, uint32_t t) { return Self(c)->WaitIrq(t); }
void TRelax(void* c) { Self(c)->Relax(); }

const nn_hal_ops kWithIrq = {TReadReg, TWriteReg, TAlloc,  TFree,    TTime,   TClean,
                             TInval,   TFlush,    TBarrier, TWaitIrq, TRelax};
const nn_hal_ops kPolling = {TReadReg, TWriteReg, TAlloc,  TFree,   TTime,  TClean,
                             TInval,   TFlush,    TBarrier, nullptr, TRelax};

}  // namespace

HalGmock::HalGmock() = default;
HalGmock::~HalGmock() = default;

nn_hal HalGmock::Hal(bool with_irq) { return nn_hal{with_irq ? &kWithIrq : &kPolling, this}; }

void HalGmock::UseDefaultActions(std::vector<uint64_t> phys) {
  using ::testing::_;
  using ::testing::Invoke;
  phys_ = std::move(phys);
  ON_CALL(*this, DmaAlloc(_, _)).WillByDefault(Invoke([this](size_t size, nn_dma_buf* b) {
    if (next_ >= phys_.size()) return NN_HAL_NOMEM;
    size_t rounded = (size + 63) / 64 * 64;
    // Over-allocate to place the buffer on a 64-byte boundary.
    arena_.emplace_back(new uint8_t[rounded + 64]());
    uintptr_t p = reinterpret_cast<uintptr_t>(arena_.back().get());
    b->virt = reinterpret_cast<void*>((p + 63) & ~uintptr_t{63});
    b->phys = phys_[next_++];
    b->size = rounded;
    b->priv = nullptr;
    return NN_HAL_OK;
  }));
  // Big steps: a driver that strays from the expected sequence into a poll
  // loop reaches its (1 s) deadline after ~1000 polls instead of running away.
  ON_CALL(*this, TimeUs()).WillByDefault(Invoke([this] { return clock_ += 1000; }));
}

}  // namespace nn_test
