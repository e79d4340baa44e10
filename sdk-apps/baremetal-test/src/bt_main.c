/*
 * bt_main.c - the bare-metal test image: loads the linked weight file, runs
 * every sample of data.h through libnndriver in batches of NN_BATCH, checks
 * each output bit for bit against the host simulation's, and reports
 * (docs/baremetal.md). Ends with PASS or FAIL and an exit status:
 *   0 PASS, 1 FAIL (an output differs), 2 error (a driver call failed, or
 *   data.h does not belong to this model).
 */
#include <stddef.h>
#include <stdint.h>

#include "bt_check.h"
#include "bt_console.h"
#include "bt_hal.h"
#include "bt_model.h"
#include "nn_board.h"
#include "nndriver/nn_driver.h"
#include "nnhal/nn_hal_baremetal.h"

#ifndef NN_BATCH
#define NN_BATCH 8
#endif
#ifndef NN_DUMP_OUTPUTS
#define NN_DUMP_OUTPUTS 0
#endif
#ifndef NN_TIMEOUT_US
#define NN_TIMEOUT_US 2000000u
#endif

#define BT_EXIT_PASS 0
#define BT_EXIT_FAIL 1
#define BT_EXIT_ERROR 2

static float outputs[(size_t)NN_BATCH * BT_DATA_OUTPUT_SIZE];
static nn_device dev;

static void driver_log(void *user, int level, const char *msg) {
  (void)user;
  if (level > 1) return; /* errors and warnings only: the report stays readable */
  bt_str(level == 0 ? "driver error: " : "driver warning: ");
  bt_str(msg);
  bt_nl();
}

static void fail_call(const char *what, int status) {
  bt_str("error: ");
  bt_str(what);
  bt_str(" failed: ");
  bt_str(nn_strerror(status));
  bt_str(" (");
  bt_i32(status);
  bt_str(")\nFAIL\n");
  nn_board_exit(BT_EXIT_ERROR);
}

static void fail_data(const char *what, uint32_t data_value, uint32_t model_value) {
  bt_str("error: data.h does not belong to this model: ");
  bt_str(what);
  bt_str(" is ");
  bt_u32(data_value);
  bt_str(" in data.h, ");
  bt_u32(model_value);
  bt_str(" in the model (regenerate data.h with nngen embed --project)\nFAIL\n");
  nn_board_exit(BT_EXIT_ERROR);
}

static void check_data_matches_model(void) {
  const nn_model_desc *m = BT_DESC;
  if ((uint32_t)BT_DATA_SIGNATURE != m->signature) {
    bt_str("error: data.h was made for signature 0x");
    bt_hex32((uint32_t)BT_DATA_SIGNATURE);
    bt_str(", the model's is 0x");
    bt_hex32(m->signature);
    bt_str(" (regenerate data.h with nngen embed --project)\nFAIL\n");
    nn_board_exit(BT_EXIT_ERROR);
  }
  if (BT_DATA_INPUT_SIZE != m->input_size) {
    fail_data("the input size", (uint32_t)BT_DATA_INPUT_SIZE, m->input_size);
  }
  if (BT_DATA_OUTPUT_SIZE != m->output_size) {
    fail_data("the output size", (uint32_t)BT_DATA_OUTPUT_SIZE, m->output_size);
  }
}

static void print_header(uint32_t count) {
  const nn_model_desc *m = BT_DESC;
  bt_str("nnaccel baremetal-test: model ");
  bt_str(m->name);
  bt_str(" on ");
  bt_str(nn_board_name());
  bt_str(", hal ");
  bt_str(bt_hal_name());
  bt_str("\nmodel: signature 0x");
  bt_hex32(m->signature);
  bt_str(", input ");
  bt_u32(m->input_size);
  bt_str(", output ");
  bt_u32(m->output_size);
  bt_str(", weights ");
  bt_u32(m->weight_words);
  bt_str(" words, samples ");
  bt_u32(count);
  bt_str(", batch ");
  bt_u32((uint32_t)NN_BATCH);
  bt_nl();
}

static void dump_outputs(uint32_t first, uint32_t batch) {
  for (uint32_t s = 0; s < batch; ++s) {
    bt_str("out ");
    bt_u32(first + s);
    for (uint32_t j = 0; j < BT_DATA_OUTPUT_SIZE; ++j) {
      nn_board_putc(' ');
      bt_hex32(bt_float_bits(outputs[(size_t)s * BT_DATA_OUTPUT_SIZE + j]));
    }
    bt_nl();
  }
}

static void print_result(const bt_tally *t, uint64_t predict_us, uint64_t load_us) {
  bt_str("result: samples ");
  bt_u32(t->samples);
  bt_str(", bit-exact ");
  bt_u32(t->exact);
  bt_str("/");
  bt_u32(t->samples);
  bt_str(", accuracy ");
  if (t->labelled) {
    bt_u32(t->correct);
    bt_str("/");
    bt_u32(t->labelled);
  } else {
    bt_str("n/a (no labels)");
  }
  bt_str(", argmax agreement ");
  if (t->referenced) {
    bt_u32(t->agree);
    bt_str("/");
    bt_u32(t->referenced);
  } else {
    bt_str("n/a (no reference)");
  }
  bt_str("\ntime: ");
  bt_u64(t->samples ? predict_us / t->samples : 0u);
  bt_str(" us per sample (batch ");
  bt_u32((uint32_t)NN_BATCH);
  bt_str("), weight load ");
  bt_u64(load_us);
  bt_str(" us\n");
}

int main(void) {
  const uint32_t count = (uint32_t)BT_COUNT;
  print_header(count);
  check_data_matches_model();

  nn_hal hal;
  if (bt_hal_open(&hal) != NN_HAL_OK) {
    bt_str("FAIL\n");
    nn_board_exit(BT_EXIT_ERROR);
  }
  nn_options opt;
  nn_options_init(&opt);
  opt.max_batch = (uint32_t)NN_BATCH;
  opt.timeout_us = NN_TIMEOUT_US;
  opt.log = driver_log;
  int st = nn_open(&dev, BT_DESC, &hal, &opt);
  if (st != NN_OK) fail_call("nn_open", st);

  const size_t weight_bytes = (size_t)(bt_weights_end - bt_weights_start);
  uint64_t t0 = nn_baremetal_time_us();
  st = nn_load_weights(&dev, bt_weights_start, weight_bytes);
  const uint64_t load_us = nn_baremetal_time_us() - t0;
  if (st != NN_OK) fail_call("nn_load_weights", st);
  bt_str("weights: loaded in ");
  bt_u64(load_us);
  bt_str(" us\n");

  bt_tally tally = {0};
  uint64_t predict_us = 0;
  for (uint32_t first = 0; first < count; first += (uint32_t)NN_BATCH) {
    const uint32_t batch = count - first < (uint32_t)NN_BATCH ? count - first : (uint32_t)NN_BATCH;
    t0 = nn_baremetal_time_us();
    st = nn_predict(&dev, &BT_INPUTS[first][0], outputs, batch);
    predict_us += nn_baremetal_time_us() - t0;
    if (st != NN_OK) fail_call("nn_predict", st);
    if (NN_DUMP_OUTPUTS) dump_outputs(first, batch);
    for (uint32_t s = 0; s < batch; ++s) {
      const uint32_t i = first + s;
      const int32_t *label = 0;
      const float *reference = 0;
#if BT_HAS_LABELS
      label = &BT_LABELS[i];
#endif
#if BT_HAS_REFERENCE
      reference = &BT_REFERENCE[i][0];
#endif
      bt_check_sample(&tally, i, &outputs[(size_t)s * BT_DATA_OUTPUT_SIZE], &BT_EXPECTED[i][0],
                      (uint32_t)BT_DATA_OUTPUT_SIZE, label, reference);
    }
  }
  if (tally.mismatches > BT_MAX_MISMATCH_LINES) {
    bt_str("... ");
    bt_u32(tally.mismatches - BT_MAX_MISMATCH_LINES);
    bt_str(" more mismatching outputs not shown\n");
  }
  nn_close(&dev);
  print_result(&tally, predict_us, load_us);
  const int pass = tally.exact == tally.samples && tally.samples == count;
  bt_str(pass ? "PASS\n" : "FAIL\n");
  nn_board_exit(pass ? BT_EXIT_PASS : BT_EXIT_FAIL);
}
