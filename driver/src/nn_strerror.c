/* nn_strerror.c - one static English sentence per nn_status. */
#include "nndriver/nn_driver.h"

const char *nn_strerror(int status) {
  switch ((nn_status)status) {
    case NN_OK: return "success";
    case NN_E_INVAL: return "invalid argument or model descriptor";
    case NN_E_NOMEM: return "the HAL could not allocate a DMA buffer";
    case NN_E_HAL: return "a HAL operation failed";
    case NN_E_TIMEOUT: return "the accelerator did not finish within the timeout";
    case NN_E_SIGNATURE: return "the accelerator was built for another model (signature mismatch)";
    case NN_E_WEIGHTS_TRUNCATED: return "weight file is shorter than its header says (truncated)";
    case NN_E_WEIGHTS_FOREIGN: return "not a .nnw weight file (bad magic)";
    case NN_E_WEIGHTS_VERSION: return "unsupported .nnw format version";
    case NN_E_WEIGHTS_CORRUPT: return "weight file is corrupt (CRC mismatch or inconsistent header)";
    case NN_E_WEIGHTS_MODEL: return "weight file was made for another model (signature mismatch)";
    case NN_E_WEIGHTS_SIZE: return "weight file payload size or format differs from the model's";
    case NN_E_WEIGHTS_TRANSFER:
      return "weights were corrupted on the way to the accelerator (checksum mismatch)";
    case NN_E_BATCH: return "batch size is 0 or exceeds the buffer capacity";
    case NN_E_STATE: return "call not valid in the current state (not open, or no weights loaded)";
    case NN_E_DEVICE: return "the accelerator returned an unexpected result";
    case NN_E_BUSY: return "the accelerator is busy with another run";
  }
  return "unknown nn_status code";
}
