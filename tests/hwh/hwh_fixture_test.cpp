// The four real Vivado designs: exactly the IPs, CPU bases, ranges and
// register offsets tests/fixtures/hwh/README.md lists; MEMRANGEs of DMA and
// HLS masters are never taken for CPU addresses.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "hwh_test_util.h"

using namespace hwhtest;

namespace {

using Regs = std::vector<std::pair<std::string, uint32_t>>;
struct Window {
  uint64_t base, range;
  std::string master;
};

std::vector<std::string> instances(const nn_hwh* h) {
  std::vector<std::string> v;
  for (size_t i = 0; i < nn_hwh_ip_count(h); ++i) v.push_back(nn_hwh_ip_at(h, i)->instance);
  return v;
}

// Every IP the PS maps, with its window: nothing more, nothing less.
std::map<std::string, Window> cpu_windows(const nn_hwh* h) {
  std::map<std::string, Window> m;
  for (size_t i = 0; i < nn_hwh_ip_count(h); ++i) {
    const nn_hwh_ip* ip = nn_hwh_ip_at(h, i);
    if (ip->has_base) m[ip->instance] = {ip->base, ip->range, ip->ps_master};
  }
  return m;
}

Regs registers(const nn_hwh_ip* ip) {
  Regs r;
  for (size_t i = 0; i < ip->n_regs; ++i) r.emplace_back(ip->regs[i].name, ip->regs[i].offset);
  return r;
}

void expect_windows(const nn_hwh* h, const std::map<std::string, Window>& want) {
  const auto got = cpu_windows(h);
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [name, w] : want) {
    ASSERT_TRUE(got.count(name)) << name;
    EXPECT_EQ(got.at(name).base, w.base) << name;
    EXPECT_EQ(got.at(name).range, w.range) << name;
    EXPECT_EQ(got.at(name).master, w.master) << name;
  }
}

const Regs kHlsBlock = {{"CTRL", 0}, {"GIER", 4}, {"IP_IER", 8}, {"IP_ISR", 12}};

Regs with_block(Regs args) {
  Regs r = kHlsBlock;
  r.insert(r.end(), args.begin(), args.end());
  return r;
}

}  // namespace

TEST(HwhFixtures, PynqZ2HlsMaxi) {
  const HwhPtr h = load(fixture("pynq-z2_hls_m_axi_vivado2020.1.hwh"));
  ASSERT_TRUE(h);
  const nn_hwh_system* s = nn_hwh_system_info(h.get());
  EXPECT_STREQ(s->vivado_version, "2020.1");
  EXPECT_STREQ(s->arch, "zynq");
  EXPECT_STREQ(s->device, "7z020");
  EXPECT_STREQ(s->package, "clg400");
  EXPECT_STREQ(s->speed_grade, "-1");
  EXPECT_STREQ(s->board, "tul.com.tw:pynq-z2:part0:1.0");
  EXPECT_EQ(instances(h.get()), (std::vector<std::string>{"axi_intc_0", "axi_mem_intercon",
                                                          "example_0", "processing_system7_0",
                                                          "ps7_0_axi_periph", "rst_ps7_0_100M"}));
  expect_windows(h.get(), {{"example_0", {0x44A00000, 0x10000, "M_AXI_GP0"}},
                           {"axi_intc_0", {0x41200000, 0x10000, "M_AXI_GP0"}}});
  ASSERT_TRUE(nn_hwh_ps(h.get()));
  EXPECT_STREQ(nn_hwh_ps(h.get())->instance, "processing_system7_0");

  const nn_hwh_ip* ip = nn_hwh_find_ip(h.get(), "example_0");
  ASSERT_TRUE(ip);
  EXPECT_STREQ(ip->vlnv, "Xilinx:HLS:example:1.0");
  EXPECT_STREQ(ip->ctrl_interface, "s_axi_control");
  EXPECT_EQ(registers(ip),
            with_block({{"a_1", 16}, {"a_2", 20}, {"length_r", 28}, {"value_r", 36}}));
  EXPECT_EQ(ip->regs[0].size, 32u);
  EXPECT_STREQ(ip->regs[0].access, "read-write");
  // CTRL's fields: AP_START bit 0 ... AUTO_RESTART bit 7.
  ASSERT_GE(ip->regs[0].n_fields, 6u);
  EXPECT_STREQ(ip->regs[0].fields[0].name, "AP_START");
  EXPECT_EQ(ip->regs[0].fields[0].bit_offset, 0u);
  EXPECT_EQ(ip->regs[0].fields[0].bit_width, 1u);
  EXPECT_STREQ(ip->regs[0].fields[5].name, "AUTO_RESTART");
  EXPECT_EQ(ip->regs[0].fields[5].bit_offset, 7u);

  ASSERT_EQ(ip->n_m_axi, 1u);
  EXPECT_STREQ(ip->m_axi[0].interface, "m_axi_gmem");
  EXPECT_STREQ(ip->m_axi[0].bundle, "gmem");
  EXPECT_EQ(ip->m_axi[0].addr_width, 64u);
  EXPECT_STREQ(ip->m_axi[0].cache_value, "0011");
  EXPECT_STREQ(ip->m_axi[0].user_value, "0x00000000");
  EXPECT_STREQ(ip->m_axi[0].ps_slave_port, "S_AXI_HP0");
  ASSERT_EQ(ip->m_axi[0].n_windows, 1u);
  EXPECT_EQ(ip->m_axi[0].windows[0].base, 0u);
  EXPECT_EQ(ip->m_axi[0].windows[0].high, 0x1FFFFFFFu);

  // interrupt -> axi_intc_0.intr, axi_intc_0.irq -> IRQ_F2P[0]
  ASSERT_TRUE(ip->irq);
  EXPECT_STREQ(ip->irq->port, "interrupt");
  EXPECT_TRUE(ip->irq->connected);
  EXPECT_TRUE(ip->irq->reaches_ps);
  EXPECT_STREQ(ip->irq->ps_port, "IRQ_F2P");
  EXPECT_EQ(ip->irq->ps_irq_index, 0);
  EXPECT_STREQ(ip->irq->intc, "axi_intc_0");
  EXPECT_EQ(ip->irq->intc_input, 0);
  EXPECT_STREQ(ip->irq->path,
               "example_0.interrupt -> axi_intc_0.intr; axi_intc_0.irq -> "
               "processing_system7_0.IRQ_F2P[0]");
}

TEST(HwhFixtures, PynqZ2ResizerOldBundleNameAndDmaDecoys) {
  const HwhPtr h = load(fixture("pynq-z2_resizer_axis_dma_vivado2019.1.hwh"));
  ASSERT_TRUE(h);
  EXPECT_STREQ(nn_hwh_system_info(h.get())->vivado_version, "2019.1");
  EXPECT_STREQ(nn_hwh_system_info(h.get())->arch, "zynq");
  EXPECT_STREQ(nn_hwh_system_info(h.get())->board, "");
  EXPECT_EQ(instances(h.get()),
            (std::vector<std::string>{"axi_dma_0", "axi_interconnect_0", "axi_interconnect_1",
                                      "axis_dwidth_converter_0", "axis_dwidth_converter_1",
                                      "processing_system7_0", "resize_accel_0", "rst_ps7_0_100M"}));
  // The DMA's own MEMRANGEs (its masters -> processing_system7_0 at 0x0) are
  // another address space: the PS itself gets no CPU window from them.
  expect_windows(h.get(), {{"resize_accel_0", {0x43C00000, 0x10000, "M_AXI_GP0"}},
                           {"axi_dma_0", {0x40400000, 0x10000, "M_AXI_GP0"}}});
  EXPECT_FALSE(nn_hwh_ps(h.get())->has_base);
  const nn_hwh_ip* ip = nn_hwh_find_ip(h.get(), "resize_accel");  // by VLNV name part
  ASSERT_TRUE(ip);
  EXPECT_STREQ(ip->instance, "resize_accel_0");
  EXPECT_STREQ(ip->ctrl_interface, "s_axi_AXILiteS");
  EXPECT_EQ(registers(ip),
            with_block({{"src_rows", 16}, {"src_cols", 24}, {"dst_rows", 32}, {"dst_cols", 40}}));
  ASSERT_TRUE(ip->irq);
  EXPECT_FALSE(ip->irq->connected);
  EXPECT_FALSE(ip->irq->reaches_ps);
  EXPECT_EQ(ip->n_m_axi, 0u);                                                   // AXI-stream IP
  const nn_hwh_ip* dma = nn_hwh_find_ip(h.get(), "xilinx.com:ip:axi_dma:7.1");  // by VLNV
  ASSERT_TRUE(dma);
  EXPECT_STREQ(dma->instance, "axi_dma_0");
  EXPECT_EQ(dma->n_irqs, 2u);
  ASSERT_EQ(dma->n_m_axi, 2u);
  EXPECT_STREQ(dma->m_axi[0].ps_slave_port, "S_AXI_HP0");
  // Xilinx IP writes ADDRESS_OFFSET in hex ("0x58" for S2MM_LENGTH).
  const nn_hwh_reg* len = nn_hwh_find_reg(dma, "S2MM_LENGTH");
  ASSERT_TRUE(len);
  EXPECT_EQ(len->offset, 0x58u);
}

TEST(HwhFixtures, Zcu104ResizerZynqMP) {
  const HwhPtr h = load(fixture("zcu104_resizer_axis_dma_vivado2019.1.hwh"));
  ASSERT_TRUE(h);
  EXPECT_STREQ(nn_hwh_system_info(h.get())->arch, "zynquplus");
  EXPECT_STREQ(nn_hwh_system_info(h.get())->device, "xczu7ev");
  EXPECT_EQ(instances(h.get()),
            (std::vector<std::string>{"axi_dma_0", "axi_interconnect_0", "axis_dwidth_converter_0",
                                      "axis_dwidth_converter_1", "ps8_0_axi_periph",
                                      "resize_accel_0", "rst_clk_wiz_100M", "zynq_ultra_ps_e_0"}));
  // The DMA's decoys (0x0-0x7FFFFFFF and 0xFF000000-0xFFFFFFFF on S_AXI_HP0_FPD) are not taken.
  expect_windows(h.get(), {{"resize_accel_0", {0xA0010000, 0x10000, "M_AXI_HPM0_FPD"}},
                           {"axi_dma_0", {0xA0000000, 0x1000, "M_AXI_HPM0_FPD"}}});
  EXPECT_FALSE(nn_hwh_ps(h.get())->has_base);
  EXPECT_STREQ(nn_hwh_ps(h.get())->modtype, "zynq_ultra_ps_e");
  const nn_hwh_ip* ip = nn_hwh_find_ip(h.get(), "resize_accel_0");
  ASSERT_TRUE(ip);
  EXPECT_EQ(registers(ip),
            with_block({{"src_rows", 16}, {"src_cols", 24}, {"dst_rows", 32}, {"dst_cols", 40}}));
  const nn_hwh_ip* dma = nn_hwh_find_ip(h.get(), "axi_dma_0");
  ASSERT_EQ(dma->n_m_axi, 2u);
  EXPECT_EQ(dma->m_axi[0].n_windows, 2u);  // DDR low and the LPD OCM, both via S_AXI_HP0_FPD
  EXPECT_STREQ(dma->m_axi[0].ps_slave_port, "S_AXI_HP0_FPD");
}

TEST(HwhFixtures, Kv260BaseFromMemrangeNotFromPortName) {
  const HwhPtr h = load(fixture("kv260_conv_kernel_vivado2022.1.hwh"));
  ASSERT_TRUE(h);
  const nn_hwh_system* s = nn_hwh_system_info(h.get());
  EXPECT_STREQ(s->vivado_version, "2022.1");
  EXPECT_STREQ(s->arch, "zynquplus");
  EXPECT_STREQ(s->device, "xck26");
  EXPECT_STREQ(s->package, "sfvc784");
  EXPECT_STREQ(s->speed_grade, "-2LV");
  EXPECT_STREQ(s->board, "xilinx.com:kv260_som:part0:1.3");
  EXPECT_EQ(instances(h.get()),
            (std::vector<std::string>{"axi_smc", "conv_kernel_0", "ps8_0_axi_periph",
                                      "rst_ps8_0_249M", "zynq_ultra_ps_e_0"}));
  // 0xA0000000 although the PS port is M_AXI_HPM1_FPD (whose usual window starts at 0xB0000000).
  expect_windows(h.get(), {{"conv_kernel_0", {0xA0000000, 0x10000, "M_AXI_HPM1_FPD"}}});
  const nn_hwh_ip* ip = nn_hwh_find_ip(h.get(), "xilinx.com:hls:conv_kernel:1.0");
  ASSERT_TRUE(ip);
  EXPECT_EQ(registers(ip), with_block({{"act_mem_1", 16},
                                       {"act_mem_2", 20},
                                       {"act_in_1", 28},
                                       {"act_in_2", 32},
                                       {"act_out_1", 40},
                                       {"act_out_2", 44},
                                       {"weight_mem_1", 52},
                                       {"weight_mem_2", 56},
                                       {"bn_weight_mem_1", 64},
                                       {"bn_weight_mem_2", 68},
                                       {"start_layer_1", 76},
                                       {"start_layer_2", 80},
                                       {"end_layer_1", 88},
                                       {"end_layer_2", 92}}));
  ASSERT_EQ(ip->n_m_axi, 1u);
  EXPECT_STREQ(ip->m_axi[0].interface, "m_axi_gmem0");
  EXPECT_EQ(ip->m_axi[0].addr_width, 64u);
  EXPECT_STREQ(ip->m_axi[0].ps_slave_port, "S_AXI_HP0_FPD");
  // The HLS master's MEMRANGEs (DDR low, QSPI, DDR high) stay its own view.
  ASSERT_EQ(ip->m_axi[0].n_windows, 3u);
  EXPECT_EQ(ip->m_axi[0].windows[2].base, 0x800000000ull);
  EXPECT_EQ(ip->m_axi[0].windows[2].high, 0xFFFFFFFFFull);
  ASSERT_TRUE(ip->irq);
  EXPECT_FALSE(ip->irq->connected);
  EXPECT_STREQ(ip->irq->path, "");
}

TEST(HwhFixtures, FindIpOrder) {
  const HwhPtr h = load(fixture("kv260_conv_kernel_vivado2022.1.hwh"));
  ASSERT_TRUE(h);
  EXPECT_EQ(nn_hwh_find_ip(h.get(), "conv_kernel_0"), nn_hwh_find_ip(h.get(), "conv_kernel"));
  EXPECT_EQ(nn_hwh_find_ip(h.get(), "nope"), nullptr);
  EXPECT_EQ(nn_hwh_find_ip(h.get(), ""), nullptr);
  EXPECT_EQ(nn_hwh_find_ip(h.get(), "xilinx.com:hls"), nullptr);
  EXPECT_EQ(nn_hwh_ip_at(h.get(), nn_hwh_ip_count(h.get())), nullptr);
}
