#include "backend/testbench_writer.h"

#include <algorithm>
#include <cstring>

#include "nndriver/nn_driver.h"
#include "support/text.h"

namespace nngen::backend {
namespace {

// The inputs: a fixed-seed xorshift32 stream mapped to multiples of 1/128 in
// [-4, 4], exact in float32, so the same project always gets the same data.
std::vector<uint32_t> testbench_inputs(size_t count) {
  std::vector<uint32_t> bits(count);
  uint32_t x = 0x6E6E6163u;  // "nnac"
  for (auto& b : bits) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    const float v = static_cast<float>(static_cast<int>((x >> 8) % 1025u) - 512) / 128.0f;
    std::memcpy(&b, &v, sizeof b);
  }
  return bits;
}

std::string word_table(const std::string& decl, const std::vector<uint32_t>& words) {
  std::string s = decl + " = {";
  for (size_t k = 0; k < words.size(); ++k)
    s += (k % 6 == 0 ? "\n  " : " ") + hex32_literal(words[k]) + ",";
  if (words.empty()) s += "0u";
  return s + "\n};\n";
}

std::string tb_data(const passes::Design& d, const std::string& name, const std::string& ban,
                    const std::vector<uint32_t>& words, uint32_t checksum) {
  const std::string N = to_upper(name);
  std::string s = ban +
                  "// Testbench data: the project's weight image as the bus carries it (float32\n"
                  "// bits), its checksum, and the deterministic input samples (float32 bits).\n";
  s += "#ifndef " + N + "_TB_DATA_H\n#define " + N +
       "_TB_DATA_H\n\n#include <stdint.h>\n\n#include \"" + name + "_accel.h\"\n\n";
  s += "#define " + N + "_TB_SAMPLES " + std::to_string(kTestbenchSamples) + "u\n";
  s += "#define " + N + "_TB_WEIGHT_CHECKSUM " + hex32_literal(checksum) + "\n\n";
  s += word_table("static const uint32_t " + name + "_tb_weights[" +
                      std::to_string(std::max<size_t>(words.size(), 1)) + "]",
                  words);
  s += word_table(
      "static const uint32_t " + name + "_tb_inputs[" + N + "_TB_SAMPLES * " + N + "_INPUT_SIZE]",
      testbench_inputs(size_t{kTestbenchSamples} * d.input_size));
  return s + "\n#endif\n";
}

std::string tb_main(const std::string& name, const std::string& ban) {
  std::string s =
      ban + R"code(// Vitis HLS C-simulation testbench (also compiled and run on the host by the
// project's tests): identify, load the weights (checksum), infer the samples of
// @NAME@_tb_data.h in batches of 1, 3 and 4 and compare every output bit for bit
// with @NAME@_tb_expected.h (the host simulation's results), then check that
// the top refuses batch 0, batches above its maximum and unknown modes without
// writing any output. Exit status 0 and "PASS" when everything matches.
#include <stdio.h>
#include <string.h>

#include "@NAME@_accel.h"
#include "@NAME@_tb_data.h"
#if defined(__has_include)
#if !__has_include("@NAME@_tb_expected.h")
#error "@NAME@_tb_expected.h is missing: build the project's virtual board first (cmake -S . -B build && cmake --build build in the project folder); that build computes the expected outputs"
#endif
#endif
#include "@NAME@_tb_expected.h"

static_assert(@NAME_U@_TB_EXPECTED_SIGNATURE == @NAME_U@_SIGNATURE,
              "@NAME@_tb_expected.h was computed for another design: rebuild the virtual board");
static_assert(@NAME_U@_TB_EXPECTED_CHECKSUM == @NAME_U@_TB_WEIGHT_CHECKSUM,
              "@NAME@_tb_expected.h was computed with other weights: rebuild the virtual board");

// C/RTL co-simulation sizes every m_axi buffer from its `depth`, so every call
// passes buffers of the full depth, also for pointers a mode ignores.
static float in[@NAME_U@_MAX_BATCH * @NAME_U@_INPUT_SIZE];
static float out[@NAME_U@_MAX_BATCH * @NAME_U@_OUTPUT_SIZE];

static uint32_t bits_of(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static int mismatches_shown = 0;

// Runs samples [first, first + n) as one batch and compares the outputs.
static int infer_and_compare(unsigned first, unsigned n, unsigned batch_size) {
  memcpy(in, &@NAME@_tb_inputs[first * @NAME_U@_INPUT_SIZE], sizeof(float) * n * @NAME_U@_INPUT_SIZE);
  const uint32_t r = @NAME@_accel(in, out, @NAME@_tb_weights, n, 0);
  if (r != n) {
    printf("FAIL batch size %u: samples %u..%u: returned %u, expected %u\n", batch_size, first,
           first + n - 1, (unsigned)r, n);
    return 1;
  }
  int errors = 0;
  for (unsigned s = 0; s < n; s++) {
    for (unsigned k = 0; k < @NAME_U@_OUTPUT_SIZE; k++) {
      const uint32_t got = bits_of(out[s * @NAME_U@_OUTPUT_SIZE + k]);
      const uint32_t want = @NAME@_tb_expected[(first + s) * @NAME_U@_OUTPUT_SIZE + k];
      if (got == want) continue;
      errors++;
      if (mismatches_shown++ < 20) {
        printf("FAIL batch size %u: sample %u output %u: got 0x%08x, expected 0x%08x\n", batch_size,
               first + s, k, (unsigned)got, (unsigned)want);
      }
    }
  }
  return errors;
}

// A refused call must return `want` and leave every output word as it was.
static int check_refused(uint32_t batch, uint32_t mode, uint32_t want, const char *what) {
  const uint32_t sentinel = 0x7FA5A5A5u;  // a NaN the top never produces
  for (unsigned i = 0; i < sizeof out / sizeof out[0]; i++) memcpy(&out[i], &sentinel, sizeof sentinel);
  const uint32_t r = @NAME@_accel(in, out, @NAME@_tb_weights, batch, mode);
  int errors = 0;
  if (r != want) {
    printf("FAIL %s: returned 0x%08x, expected 0x%08x\n", what, (unsigned)r, (unsigned)want);
    errors++;
  }
  for (unsigned i = 0; i < sizeof out / sizeof out[0]; i++) {
    if (bits_of(out[i]) != sentinel) {
      printf("FAIL %s: output word %u was written\n", what, i);
      return errors + 1;
    }
  }
  return errors;
}

int main() {
  int errors = 0;
  if (@NAME@_accel(in, out, @NAME@_tb_weights, 0, 2) != @NAME_U@_SIGNATURE) {
    printf("FAIL identify: wrong signature\n");
    errors++;
  }
  if (@NAME@_accel(in, out, @NAME@_tb_weights, 0, 1) != @NAME_U@_TB_WEIGHT_CHECKSUM) {
    printf("FAIL load weights: wrong checksum\n");
    errors++;
  }
  static const unsigned batch_sizes[3] = {1, 3, 4};
  for (unsigned b = 0; b < 3; b++) {
    const unsigned size = batch_sizes[b] < @NAME_U@_MAX_BATCH ? batch_sizes[b] : @NAME_U@_MAX_BATCH;
    for (unsigned first = 0; first < @NAME_U@_TB_SAMPLES; first += size) {
      const unsigned left = @NAME_U@_TB_SAMPLES - first;
      errors += infer_and_compare(first, left < size ? left : size, size);
    }
  }
  errors += check_refused(0, 0, @NAME_U@_BAD_BATCH, "batch 0");
  errors += check_refused(@NAME_U@_MAX_BATCH + 1u, 0, @NAME_U@_BAD_BATCH, "batch max+1");
  errors += check_refused(0xFFFFFFFFu, 0, @NAME_U@_BAD_BATCH, "batch 0xFFFFFFFF");
  errors += check_refused(1, 3, @NAME_U@_BAD_MODE, "mode 3");
  errors += check_refused(1, 0xFFFFFFFFu, @NAME_U@_BAD_MODE, "mode 0xFFFFFFFF");
  printf("%s: %d error(s)\n", errors ? "FAIL" : "PASS", errors);
  return errors ? 1 : 0;
}
)code";
  return replace_all(replace_all(s, "@NAME_U@", to_upper(name)), "@NAME@", name);
}

std::string tb_expected_tool(const std::string& name, const std::string& ban) {
  std::string s =
      ban + R"code(// Host tool run by the project's CMake build: writes hls/@NAME@_tb_expected.h,
// the outputs of the generated top on the host's bit-exact fixed-point
// emulation (the host simulation) for the testbench's inputs, one sample per
// call. Usage: @NAME@-tb-expected OUTPUT.h
#include <stdio.h>
#include <string.h>

#include <string>

#include "@NAME@_accel.h"
#include "@NAME@_tb_data.h"

static float in[@NAME_U@_INPUT_SIZE], out[@NAME_U@_OUTPUT_SIZE];

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTPUT.h\n", argv[0]);
    return 2;
  }
  if (@NAME@_accel(in, out, @NAME@_tb_weights, 0, 1) != @NAME_U@_TB_WEIGHT_CHECKSUM) {
    fprintf(stderr, "error: the top loaded the weights with the wrong checksum\n");
    return 1;
  }
  const std::string path = argv[1], tmp = path + ".tmp";
  FILE *f = fopen(tmp.c_str(), "w");
  if (!f) {
    perror(tmp.c_str());
    return 1;
  }
  fprintf(f, "// Written by the project's build (@NAME@-tb-expected) - do not edit.\n"
             "// Expected outputs of the testbench samples: the host simulation of this design.\n"
             "#ifndef @NAME_U@_TB_EXPECTED_H\n#define @NAME_U@_TB_EXPECTED_H\n\n#include <stdint.h>\n\n"
             "#define @NAME_U@_TB_EXPECTED_SIGNATURE 0x%08Xu\n#define @NAME_U@_TB_EXPECTED_CHECKSUM 0x%08Xu\n\n"
             "static const uint32_t @NAME@_tb_expected[@NAME_U@_TB_SAMPLES * @NAME_U@_OUTPUT_SIZE] = {",
          (unsigned)@NAME_U@_SIGNATURE, (unsigned)@NAME_U@_TB_WEIGHT_CHECKSUM);
  for (unsigned s = 0; s < @NAME_U@_TB_SAMPLES; s++) {
    memcpy(in, &@NAME@_tb_inputs[s * @NAME_U@_INPUT_SIZE], sizeof in);
    if (@NAME@_accel(in, out, @NAME@_tb_weights, 1, 0) != 1u) {
      fprintf(stderr, "error: the top refused sample %u\n", s);
      fclose(f);
      remove(tmp.c_str());
      return 1;
    }
    fprintf(f, "\n  // sample %u\n ", s);
    for (unsigned k = 0; k < @NAME_U@_OUTPUT_SIZE; k++) {
      uint32_t b;
      memcpy(&b, &out[k], sizeof b);
      fprintf(f, " 0x%08Xu,", (unsigned)b);
    }
  }
  fprintf(f, "\n};\n\n#endif\n");
  if (fclose(f) != 0 || rename(tmp.c_str(), path.c_str()) != 0) {
    perror(path.c_str());
    remove(tmp.c_str());
    return 1;
  }
  return 0;
}
)code";
  return replace_all(replace_all(s, "@NAME_U@", to_upper(name)), "@NAME@", name);
}

}  // namespace

std::map<std::string, std::string> write_testbench(const passes::Design& d, const std::string& name,
                                                   const Provenance& prov) {
  const std::string ban = banner(prov, "//");
  const std::vector<uint32_t> words = passes::weight_image_words(d);
  const uint32_t checksum = nn_weight_checksum(words.data(), words.size());
  return {{"hls/" + name + "_tb.cpp", tb_main(name, ban)},
          {"hls/" + name + "_tb_data.h", tb_data(d, name, ban, words, checksum)},
          {"sim/" + name + "_tb_expected.cpp", tb_expected_tool(name, ban)}};
}

}  // namespace nngen::backend
