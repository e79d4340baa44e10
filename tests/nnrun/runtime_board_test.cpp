// The runtime's board paths without a board: nn_rt_open with --hal uio and devmem on the fake
// /sys + /dev tree of tests/hal_linux, a fake accelerator thread behind it, a project folder
// holding the descriptor and weights of the test model, and .hwh files made by tests/hwh's
// maker (by-address lookup from the .hwh, a mismatching .hwh refused with its report).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "fake_accel.h"
#include "fake_tree.h"
#include "hal_fixture.h"
#include "hwh_maker.h"
#include "nndriver/nn_runtime.h"

namespace fs = std::filesystem;

namespace {

using namespace hal_test;

constexpr uint64_t kCtrlBase = 0x40000;
constexpr uint32_t kCtrlSize = 0x1000;
constexpr uint64_t kCoBase = 0x100000;
constexpr uint64_t kCoSize = 0x10000;

void write_file(const std::string& path, const void* data, size_t n) {
  std::ofstream f(path, std::ios::binary);
  f.write(static_cast<const char*>(data), std::streamsize(n));
}

// The descriptor file of `m` (docs/model-desc.md), written here rather than by nngen so this test
// needs only the C libraries.
std::string DescText(const nn_model_desc& m) {
  const nn_reg_map& r = m.regs;
  auto hex = [](uint32_t v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%02x", v);
    return std::string(b);
  };
  std::string t = "nnaccel-model 1\nname " + std::string(m.name) + "\ntop " + m.name +
                  "_accel\nvlnv nnaccel.org:hls:" + m.name + "_accel:1.0\nsignature " +
                  hex(m.signature) + "\nbus_format float32\ninput_size " +
                  std::to_string(m.input_size) + "\noutput_size " + std::to_string(m.output_size) +
                  "\nweight_words " + std::to_string(m.weight_words) + "\nmax_batch " +
                  std::to_string(m.max_batch) + "\ninput_shape " +
                  std::to_string(m.input_shape[0]) + "\nm_axi_addr_width 64\n";
  const std::pair<const char*, uint32_t> regs[] = {{"ap_ctrl", r.ap_ctrl},
                                                   {"gie", r.gie},
                                                   {"ier", r.ier},
                                                   {"isr", r.isr},
                                                   {"ap_return", r.ap_return},
                                                   {"in_lo", r.in_lo},
                                                   {"in_hi", r.in_hi},
                                                   {"out_lo", r.out_lo},
                                                   {"out_hi", r.out_hi},
                                                   {"weights_lo", r.weights_lo},
                                                   {"weights_hi", r.weights_hi},
                                                   {"batch", r.batch},
                                                   {"mode", r.mode}};
  for (const auto& [name, off] : regs) t += std::string("reg ") + name + " " + hex(off) + "\n";
  return t + "weights weights/testnet.nnw\n";
}

class RuntimeBoard : public ::testing::Test {
 protected:
  void SetUp() override {
    // The project folder: descriptor of the test model + its weights.
    dir_ = tree_.Path("prj");
    fs::create_directories(dir_ + "/weights");
    const std::string text = DescText(model_);
    write_file(dir_ + "/nnaccel-model.desc", text.data(), text.size());
    blob_ = BuildNnw(kSignature, model_.weight_words, 5);
    write_file(dir_ + "/weights/testnet.nnw", blob_.data(), blob_.size());
    char err[256];
    ASSERT_EQ(nn_rt_read_desc(dir_.c_str(), &desc_, err, sizeof err), NN_OK) << err;
  }

  void StartAccel(const std::string& file, uint64_t reg_off, uint64_t reg_size, uint64_t mem_off,
                  uint64_t mem_phys, uint64_t mem_size, const std::string& mem_file) {
    FakeAccelConfig fc;
    fc.reg_path = file;
    fc.reg_file_offset = reg_off;
    fc.reg_size = reg_size;
    fc.mem_path = mem_file;
    fc.mem_file_offset = mem_off;
    fc.mem_phys = mem_phys;
    fc.mem_size = mem_size;
    fc.signature = kSignature;
    fc.input_size = model_.input_size;
    fc.output_size = model_.output_size;
    fc.weight_words = model_.weight_words;
    accel_ = std::make_unique<FakeAccel>(fc);
  }

  nn_rt_options Options() {
    nn_rt_options o;
    nn_rt_options_init(&o);
    o.sysfs_root = tree_.sys().c_str();
    o.dev_root = tree_.dev().c_str();
    o.use_irq = 0;  // the fake tree's uio node is a regular file: poll AP_CTRL
    o.timeout_us = 2000000;
    return o;
  }

  std::string Hwh(const hwhtest::HwhSpec& s) {
    const std::string path = tree_.Path("design.hwh");
    const std::string text = hwhtest::make_hwh(s);
    write_file(path, text.data(), text.size());
    return path;
  }

  // Two samples through the device; the fake model computes 2 * in + w.
  void ExpectPredicts(nn_rt_device* dev) {
    ASSERT_EQ(nn_rt_load_weights_file(dev, nullptr), NN_OK) << nn_rt_last_error(dev);
    std::vector<float> in(2 * model_.input_size), out(2 * model_.output_size);
    for (size_t i = 0; i < in.size(); ++i) in[i] = float(i) * 0.25f;
    ASSERT_EQ(nn_rt_predict(dev, in.data(), out.data(), 2), NN_OK) << nn_rt_last_error(dev);
    const std::vector<float> w = NnwWords(blob_);
    for (uint32_t s = 0; s < 2; ++s)
      for (uint32_t j = 0; j < model_.output_size; ++j)
        EXPECT_EQ(out[s * model_.output_size + j],
                  2.0f * in[s * model_.input_size + j % model_.input_size] + w[j % w.size()]);
  }

  FakeTree tree_;
  nn_model_desc model_ = TestModel();
  std::string dir_;
  std::vector<uint8_t> blob_;
  nn_model_text desc_;
  std::unique_ptr<FakeAccel> accel_;
};

TEST_F(RuntimeBoard, UioByName) {
  AddStandardBoard(tree_);
  StartAccel(tree_.Path("dev/uio0"), 0, kUioSize, 0, kDmaPhys, kDmaSize,
             tree_.Path("dev/udmabuf0"));
  nn_rt_options o = Options();
  o.hal = "uio";
  o.uio_name = "digits_accel";
  nn_rt_device* dev = nullptr;
  char err[2048] = "";
  ASSERT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_OK) << err;
  EXPECT_STREQ(nn_rt_hal_name(dev), "uio");
  ExpectPredicts(dev);
  nn_rt_close(dev);
}

// The descriptor's `coherent` line (nngen --dma-port hpc/acp) reaches nn_options.coherent: the
// driver then asks the u-dma-buf for no cache maintenance; without the line (or with 0) it does.
std::string ReadSysfs(const std::string& path) {
  std::ifstream f(path);
  return {std::istreambuf_iterator<char>(f), {}};
}

TEST_F(RuntimeBoard, CoherentDescriptorSkipsCacheMaintenance) {
  for (const bool coherent : {false, true}) {
    SCOPED_TRACE(coherent ? "coherent 1" : "no coherent line");
    FakeTree tree;
    AddStandardBoard(tree);
    std::string text = DescText(model_);
    if (coherent) text += "coherent 1\n";
    write_file(dir_ + "/nnaccel-model.desc", text.data(), text.size());
    StartAccel(tree.Path("dev/uio0"), 0, kUioSize, 0, kDmaPhys, kDmaSize,
               tree.Path("dev/udmabuf0"));
    nn_rt_options o = Options();
    o.sysfs_root = tree.sys().c_str();
    o.dev_root = tree.dev().c_str();
    o.hal = "uio";
    o.uio_name = "digits_accel";
    nn_rt_device* dev = nullptr;
    char err[2048] = "";
    ASSERT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_OK) << err;
    EXPECT_EQ(nn_rt_model(dev)->coherent, coherent ? 1u : 0u);
    ExpectPredicts(dev);
    nn_rt_close(dev);
    accel_.reset();
    const std::string sync = ReadSysfs(tree.sys() + "/class/u-dma-buf/udmabuf0/sync_for_device");
    if (coherent) {
      EXPECT_EQ(sync, kUntouched);
    } else {
      EXPECT_NE(sync, kUntouched);
    }
  }
}

TEST_F(RuntimeBoard, UioByAddressFromTheHwh) {
  AddStandardBoard(tree_);
  StartAccel(tree_.Path("dev/uio0"), 0, kUioSize, 0, kDmaPhys, kDmaSize,
             tree_.Path("dev/udmabuf0"));
  hwhtest::HwhSpec s = hwhtest::spec_from_desc(desc_);
  s.base = kUioAddr;
  nn_rt_options o = Options();
  o.hal = "uio";
  const std::string hwh = Hwh(s);
  o.hwh_path = hwh.c_str();
  nn_rt_device* dev = nullptr;
  char err[8192] = "";
  ASSERT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_OK) << err;
  ExpectPredicts(dev);
  nn_rt_close(dev);
  // --ctrl-base that disagrees with the .hwh is refused
  o.ctrl_base = kUioAddr + 0x10000;
  EXPECT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_RT_E_USAGE);
  EXPECT_NE(std::string(err).find("--ctrl-base 0x43c10000 differs from the base 0x43c00000"),
            std::string::npos)
      << err;
}

TEST_F(RuntimeBoard, MismatchingHwhIsRefusedWithTheReport) {
  AddStandardBoard(tree_);
  hwhtest::HwhSpec s = hwhtest::spec_from_desc(desc_);
  s.base = kUioAddr;
  s.offset_override["batch"] = 0x40;
  nn_rt_options o = Options();
  o.hal = "uio";
  const std::string hwh = Hwh(s);
  o.hwh_path = hwh.c_str();
  nn_rt_device* dev = nullptr;
  char err[8192] = "";
  EXPECT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_RT_E_HWH);
  EXPECT_EQ(dev, nullptr);
  EXPECT_NE(std::string(err).find("does not match the project's register map"), std::string::npos)
      << err;
  EXPECT_NE(std::string(err).find("batch"), std::string::npos) << err;
  // Another design altogether: our IP is not there.
  s = hwhtest::spec_from_desc(desc_);
  s.vlnv = "xilinx.com:hls:other_accel:1.0";
  s.top = "other_accel";
  s.instance = "other_accel_0";
  const std::string other = Hwh(s);
  o.hwh_path = other.c_str();
  EXPECT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_RT_E_HWH);
  EXPECT_NE(std::string(err).find("no IP 'nnaccel.org:hls:testnet_accel:1.0'"), std::string::npos)
      << err;
}

TEST_F(RuntimeBoard, Devmem) {
  tree_.MakeFile("dev/mem", kCoBase + kCoSize);
  StartAccel(tree_.Path("dev/mem"), kCtrlBase, kCtrlSize, kCoBase, kCoBase, kCoSize,
             tree_.Path("dev/mem"));
  nn_rt_options o = Options();
  o.hal = "devmem";
  const std::string mem = tree_.Path("dev/mem");
  o.mem_path = mem.c_str();
  o.ctrl_base = kCtrlBase;
  o.ctrl_size = kCtrlSize;
  o.carveout_base = kCoBase;
  o.carveout_size = kCoSize;
  nn_rt_device* dev = nullptr;
  char err[2048] = "";
  ASSERT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_OK) << err;
  EXPECT_STREQ(nn_rt_hal_name(dev), "devmem");
  ExpectPredicts(dev);
  nn_rt_close(dev);
}

TEST_F(RuntimeBoard, WaitTimeoutKeepsTheJobInFlight) {
  tree_.MakeFile("dev/mem", kCoBase + kCoSize);
  StartAccel(tree_.Path("dev/mem"), kCtrlBase, kCtrlSize, kCoBase, kCoBase, kCoSize,
             tree_.Path("dev/mem"));
  nn_rt_options o = Options();
  o.hal = "devmem";
  const std::string mem = tree_.Path("dev/mem");
  o.mem_path = mem.c_str();
  o.ctrl_base = kCtrlBase;
  o.ctrl_size = kCtrlSize;
  o.carveout_base = kCoBase;
  o.carveout_size = kCoSize;
  nn_rt_device* dev = nullptr;
  char err[2048] = "";
  ASSERT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_OK) << err;
  ASSERT_EQ(nn_rt_load_weights_file(dev, nullptr), NN_OK) << nn_rt_last_error(dev);
  accel_->hang = true;
  std::vector<float> in(model_.input_size, 1.0f), out(model_.output_size);
  ASSERT_EQ(nn_rt_start(dev, in.data(), 1), NN_OK) << nn_rt_last_error(dev);
  EXPECT_EQ(nn_rt_wait(dev, out.data(), 2000), NN_E_TIMEOUT);
  EXPECT_EQ(std::string(nn_rt_last_error(dev)).rfind("nn_wait: ", 0), 0u) << nn_rt_last_error(dev);
  // Still in flight: other jobs are refused, and waiting again times out again.
  EXPECT_EQ(nn_rt_predict(dev, in.data(), out.data(), 1), NN_E_BUSY);
  EXPECT_EQ(nn_rt_load_weights_file(dev, nullptr), NN_E_BUSY);
  EXPECT_EQ(nn_rt_wait(dev, out.data(), 2000), NN_E_TIMEOUT);
  nn_rt_close(dev);  // returns although the device never finished
}

TEST_F(RuntimeBoard, HalErrorsNameTheirCause) {
  nn_rt_options o = Options();
  nn_rt_device* dev = nullptr;
  char err[2048] = "";
  o.hal = "uio";
  o.uio_name = "nosuch";
  EXPECT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_RT_E_HAL);
  EXPECT_EQ(std::string(err).rfind("uio: ", 0), 0u) << err;
  o = Options();
  o.hal = "devmem";
  const std::string missing = tree_.Path("dev/nomem");
  o.mem_path = missing.c_str();
  o.ctrl_base = kCtrlBase;
  o.carveout_base = kCoBase;
  o.carveout_size = kCoSize;
  EXPECT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_RT_E_HAL);
  EXPECT_NE(std::string(err).find("nomem"), std::string::npos) << err;
  // A device that never answers: nn_open's identify times out, named with the HAL.
  tree_.MakeFile("dev/mem", kCoBase + kCoSize);
  const std::string mem = tree_.Path("dev/mem");
  o.mem_path = mem.c_str();
  o.ctrl_size = kCtrlSize;
  o.timeout_us = 2000;
  EXPECT_EQ(nn_rt_open(&dev, dir_.c_str(), &o, err, sizeof err), NN_E_TIMEOUT);
  EXPECT_NE(std::string(err).find("nn_open: "), std::string::npos) << err;
  EXPECT_NE(std::string(err).find("(HAL devmem"), std::string::npos) << err;
}

}  // namespace
