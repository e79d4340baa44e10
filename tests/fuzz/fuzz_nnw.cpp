// fuzz_nnw - arbitrary bytes as a .nnw weight blob through the driver's nn_load_weights (the .nnw
// check of driver/src/nn_nnw.c, the copy to the weight buffer and the load-weights run) on a
// device opened against the mock HAL, with the driver tests' board (tests/driver). A status
// code is the expected answer to a bad blob; a crash, a sanitizer report or a broken invariant
// is a finding.
//
// Each input is loaded twice:
//  1. as it is, against a fixed model: every structural check, and the refusals of weights made
//     for another model;
//  2. with both CRCs recomputed (when its offsets allow it), against a model taking signature
//     and size from the blob's own header: mutations of the tensor table and the sizes get past
//     the CRC and model checks to the entry checks, the copy and the load.
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "driver_fixture.h"
#include "fuzz_check.h"
#include "nndriver/nn_driver.h"
#include "nndriver/nn_nnw_format.h"
#include "nnw_builder.h"
#include "test_device.h"

namespace {

// Small simulated DDR: the buffers of these models need a few KiB.
void small_ddr(nn_mock_config& cfg) { cfg.ddr_size = size_t{1} << 20; }

// The model of pass 2: the header's signature and payload size when the test device can hold
// that many words (the fixed model's size otherwise).
nn_model_desc model_from_header(const std::vector<uint8_t>& blob) {
  nn_model_desc m = nn_test::TestModel();
  if (blob.size() < NNW_HEADER_SIZE) return m;
  m.signature = nnw_test::GetU32(blob, NNW_OFF_SIGNATURE);
  const uint32_t words = nnw_test::GetU32(blob, NNW_OFF_PAYLOAD_SIZE) / 4u;
  if (words >= 1u && words <= TEST_DEVICE_MAX_WORDS) m.weight_words = words;
  return m;
}

bool is_weights_status(int st) {
  return st == NN_E_WEIGHTS_TRUNCATED || st == NN_E_WEIGHTS_FOREIGN || st == NN_E_WEIGHTS_VERSION ||
         st == NN_E_WEIGHTS_CORRUPT || st == NN_E_WEIGHTS_MODEL || st == NN_E_WEIGHTS_SIZE;
}

void load(const std::vector<uint8_t>& blob, const nn_model_desc& model) {
  nn_test::Board board(model, NN_MOCK_ISR_TOGGLE_ON_WRITE, 0x10000000u, small_ddr);
  nn_options opt = board.Options(false);
  nn_device dev{};
  FUZZ_CHECK(nn_open(&dev, &board.model(), board.hal(), &opt) == NN_OK, "nn_open");
  const int st = nn_load_weights(&dev, blob.data(), blob.size());
  if (st == NN_OK) {
    // Accepted: the device received exactly the payload, and the blob is what the header says.
    const uint32_t words = board.model().weight_words;
    const uint32_t offset = nnw_test::GetU32(blob, NNW_OFF_PAYLOAD_OFFSET);
    FUZZ_CHECK(nnw_test::GetU32(blob, NNW_OFF_PAYLOAD_SIZE) == 4u * words, "payload size");
    FUZZ_CHECK(uint64_t{offset} + 4u * words <= blob.size(), "payload inside the blob");
    FUZZ_CHECK(board.device().weights_loaded == words, "words loaded");
    FUZZ_CHECK(std::memcmp(board.device().weights, blob.data() + offset, 4u * words) == 0,
               "device weights equal the payload");
  } else {
    // Refused: with a weights status (an empty blob is a truncated one), and said why.
    FUZZ_CHECK(is_weights_status(st), "refusal status");
    FUZZ_CHECK(!board.log.lines.empty(), "a refusal is logged");
  }
  for (const auto& line : board.log.lines) FUZZ_CHECK(line.second.size() < 192u, "log length");
  nn_close(&dev);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An exact-size heap copy: ASan sees any read past the end.
  std::vector<uint8_t> blob(data, data + size);
  load(blob, nn_test::TestModel());
  try {
    nnw_test::RefreshPayloadCrc(blob);
  } catch (const std::out_of_range&) {
    // payload outside the blob: the header CRC can still be made right
  }
  try {
    nnw_test::RefreshHeaderCrc(blob);
  } catch (const std::out_of_range&) {
    return 0;  // no header CRC to fix: pass 1 covered this input
  }
  load(blob, model_from_header(blob));
  return 0;
}
