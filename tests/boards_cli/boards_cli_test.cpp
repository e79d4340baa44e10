// nngen boards [--json] against boards/boards.json, and the board options of nngen generate:
// --part (custom board, or another part for a known board) and --dma-port (hp/hpc/acp and what
// it writes: manifest, model descriptor, config header).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "e2e_util.h"
#include "gemm_model.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

// One folder per test: ctest runs every test in its own process, in parallel, so the shared
// e2e::work_dir (one root per test suite) would let them remove each other's files.
fs::path test_dir(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d =
      fs::path(E2E_WORK_DIR) / (std::string(info->test_suite_name()) + "." + info->name()) / name;
  static std::set<fs::path> made;
  if (made.insert(d).second) {
    fs::remove_all(d);
    fs::create_directories(d);
  }
  return d;
}

nlohmann::json boards_json() {
  std::ifstream f(fs::path(NNACCEL_SOURCE_DIR) / "boards/boards.json");
  return nlohmann::json::parse(f);
}

std::string read(const fs::path& p) {
  std::ifstream f(p);
  return {std::istreambuf_iterator<char>(f), {}};
}

fs::path model() { return write_gemm_model(test_dir("models") / "m.onnx", {}); }

// stdout only (stderr dropped) or both, as run() gives them.
Result generate(const std::string& dir, const std::string& options) {
  return run(nngen() + " generate " + q(model()) + " -o " + q(test_dir("gen") / dir) +
             " --name m " + options);
}

nlohmann::json manifest(const std::string& dir) {
  return nlohmann::json::parse(read(test_dir("gen") / dir / "nnaccel-project.json"));
}

}  // namespace

TEST(BoardsList, TableNamesEveryBoardWithItsPartAndPorts) {
  const Result r = run(nngen() + " boards");
  ASSERT_EQ(r.code, 0) << r.output;
  const nlohmann::json db = boards_json();
  ASSERT_EQ(db["boards"].size(), 6u);
  for (const auto& b : db["boards"]) {
    const std::string id = b["id"];
    SCOPED_TRACE(id);
    // The board's row: starts with its id, then holds its part, PS, ports and DDR size.
    const size_t at = r.output.find("\n" + id + " ");
    ASSERT_NE(at, std::string::npos) << r.output;
    const std::string row = r.output.substr(at + 1, r.output.find('\n', at + 1) - at - 1);
    for (const std::string& v : {b["part"].get<std::string>(), b["ps"]["ip"].get<std::string>(),
                                 b["control"]["ps_master_port"].get<std::string>(),
                                 b["memory"]["hp_slave_port"].get<std::string>(),
                                 b["memory"]["coherent_slave_port"].get<std::string>(),
                                 b["display_name"].get<std::string>()}) {
      EXPECT_NE(row.find(v), std::string::npos) << v << " not in: " << row;
    }
  }
  EXPECT_NE(r.output.find("zybo-z7-20"), std::string::npos);
  EXPECT_NE(r.output.find("1 GiB at 0x0"), std::string::npos) << r.output;  // the Zybo's DDR
}

TEST(BoardsList, JsonMatchesBoardsJson) {
  const Result r = run("( " + nngen() + " boards --json 2>/dev/null )");
  ASSERT_EQ(r.code, 0) << r.output;
  const nlohmann::json out = nlohmann::json::parse(r.output);
  const nlohmann::json db = boards_json();
  EXPECT_EQ(out["format"], "nnaccel-board-list");
  ASSERT_EQ(out["boards"].size(), db["boards"].size());
  for (size_t i = 0; i < db["boards"].size(); ++i) {
    const auto &o = out["boards"][i], &b = db["boards"][i];
    SCOPED_TRACE(b["id"].get<std::string>());
    EXPECT_EQ(o["id"], b["id"]);
    EXPECT_EQ(o["display_name"], b["display_name"]);
    EXPECT_EQ(o["part"], b["part"]);
    EXPECT_EQ(o["board_part"], b["board_part"]);
    EXPECT_EQ(o["ps"]["ip"], b["ps"]["ip"]);
    EXPECT_EQ(o["ps"]["cpu"], b["ps"]["cpu"]);
    EXPECT_EQ(o["ps"]["cpu_cores"], b["ps"]["cpu_cores"]);
    for (const char* k : {"ps_master_port", "window_base", "window_size", "default_accel_base"})
      EXPECT_EQ(o["control"][k], b["control"][k]) << k;
    EXPECT_EQ(o["dma_ports"]["hp"], b["memory"]["hp_slave_port"]);
    EXPECT_EQ(o["dma_ports"]["coherent"], b["memory"]["coherent_slave_port"]);
    EXPECT_EQ(o["interrupt"]["ps_irq_port"], b["interrupt"]["ps_irq_port"]);
    EXPECT_EQ(o["interrupt"]["first_pl_irq_gic_id"], b["interrupt"]["first_pl_irq_gic_id"]);
    // Same windows; the writer prints addresses without leading zeros.
    ASSERT_EQ(o["ddr"].size(), b["ddr"].size());
    auto num = [](const nlohmann::json& v) {
      return std::stoull(v.get<std::string>(), nullptr, 16);
    };
    for (size_t w = 0; w < b["ddr"].size(); ++w) {
      EXPECT_EQ(o["ddr"][w]["name"], b["ddr"][w]["name"]);
      EXPECT_EQ(num(o["ddr"][w]["base"]), num(b["ddr"][w]["base"]));
      EXPECT_EQ(num(o["ddr"][w]["size"]), num(b["ddr"][w]["size"]));
    }
  }
}

TEST(BoardsGenerate, DefaultIsPynqZ2OnHpNotCoherent) {
  const Result r = generate("default", "");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(r.output.find("warning"), std::string::npos) << r.output;
  const nlohmann::json m = manifest("default");
  EXPECT_EQ(m["board"], "pynq-z2");
  EXPECT_EQ(m["board_custom"], false);
  EXPECT_EQ(m["part"], "xc7z020clg400-1");
  EXPECT_EQ(m["dma_port"], "hp");
  const fs::path out = test_dir("gen") / "default";
  EXPECT_NE(read(out / "nnaccel-model.desc").find("\ncoherent 0\n"), std::string::npos);
  EXPECT_NE(read(out / "driver/m_config.h").find("#define M_COHERENT 0\n"), std::string::npos);
}

TEST(BoardsGenerate, ZyboZ720IsABoard) {
  const Result r = generate("zybo", "--board zybo-z7-20");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(manifest("zybo")["part"], "xc7z020clg400-1");
  EXPECT_NE(read(test_dir("gen") / "zybo/hls/build_hls.tcl").find("xc7z020clg400-1"),
            std::string::npos);
}

TEST(BoardsGenerate, DmaPortAcpOnZynq7000IsCoherent) {
  const Result r = generate("acp", "--board zybo-z7-20 --dma-port acp");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("DMA port S_AXI_ACP"), std::string::npos) << r.output;
  EXPECT_EQ(manifest("acp")["dma_port"], "acp");
  const fs::path out = test_dir("gen") / "acp";
  EXPECT_NE(read(out / "nnaccel-model.desc").find("\ncoherent 1\n"), std::string::npos);
  EXPECT_NE(read(out / "driver/m_config.h").find("#define M_COHERENT 1\n"), std::string::npos);
}

TEST(BoardsGenerate, DmaPortHpcOnZynqMPIsCoherent) {
  const Result r = generate("hpc", "--board kv260 --dma-port hpc");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("DMA port S_AXI_HPC0_FPD"), std::string::npos) << r.output;
  EXPECT_EQ(manifest("hpc")["dma_port"], "hpc");
  EXPECT_NE(read(test_dir("gen") / "hpc/nnaccel-model.desc").find("\ncoherent 1\n"),
            std::string::npos);
}

TEST(BoardsGenerate, DmaPortTheFamilyLacksIsRefused) {
  expect_error(generate("bad_acp", "--board zcu102 --dma-port acp"), 2,
               "--dma-port acp: board 'zcu102' has a zynq_ultra_ps_e (ZynqMP), whose coherent "
               "port for the accelerator is HPC: use --dma-port hpc");
  expect_error(generate("bad_hpc", "--board pynq-z2 --dma-port hpc"), 2,
               "--dma-port hpc: board 'pynq-z2' has a processing_system7 (Zynq-7000), which has "
               "no HPC ports");
  expect_error(generate("bad_port", "--dma-port gp"), 2,
               "--dma-port 'gp' is not one of hp (default, not coherent), hpc (ZynqMP, coherent), "
               "acp (Zynq-7000, coherent)");
  for (const char* d : {"bad_acp", "bad_hpc", "bad_port"})
    EXPECT_FALSE(fs::exists(test_dir("gen") / d)) << d;
}

TEST(BoardsGenerate, PartAloneMakesACustomZynq7000BoardAndSaysWhatItAssumed) {
  const Result r = generate("custom7", "--part xc7z010clg400-1");
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* s :
       {"warning: --part xc7z010clg400-1 without --board: generating for a custom board; "
        "assumed:",
        "PS: processing_system7, 2x cortex-a9 (as on pynq-z2)", "PL clock: FCLK_CLK0, 10 ns",
        "control: M_AXI_GP0 window 0x40000000 + 0x40000000, accelerator at 0x43C00000",
        "interrupt: IRQ_F2P bit 0 = GIC ID 61", "DMA ports: S_AXI_HP0 (coherent: S_AXI_ACP)",
        "DDR: low 0x0 + 0x20000000", "m_axi addresses: 64-bit",
        "on-chip memory: unknown, so the block-RAM fit check is skipped", "no Vivado board file"}) {
    EXPECT_NE(r.output.find(s), std::string::npos) << s << " not in:\n" << r.output;
  }
  const nlohmann::json m = manifest("custom7");
  EXPECT_EQ(m["board"], "custom");
  EXPECT_EQ(m["board_custom"], true);
  EXPECT_EQ(m["part"], "xc7z010clg400-1");
  EXPECT_NE(read(test_dir("gen") / "custom7/hls/build_hls.tcl").find("xc7z010clg400-1"),
            std::string::npos);
}

TEST(BoardsGenerate, PartAloneMakesACustomZynqMPBoardWithTheLowDdrOnly) {
  const Result r = generate("custommp", "--part xczu5ev-sfvc784-1-e --dma-port hpc");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("PS: zynq_ultra_ps_e, 4x cortex-a53 (as on zcu102)"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("DDR: low 0x0 + 0x80000000 (only the low window"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("0x800000000"), std::string::npos) << r.output;
  EXPECT_EQ(manifest("custommp")["dma_port"], "hpc");
}

TEST(BoardsGenerate, PartOfAnotherFamilyIsRefusedNamingTheSupportedOnes) {
  expect_error(generate("artix", "--part xc7a35tcpg236-1"), 2,
               "--part 'xc7a35tcpg236-1': only Zynq-7000 (xc7z*) and Zynq UltraScale+ MPSoC "
               "(xczu*, xck*) parts are supported");
  expect_error(generate("versal", "--part xcvc1902-vsva2197-2MP-e-S"), 2,
               "only Zynq-7000 (xc7z*) and Zynq UltraScale+ MPSoC");
  expect_error(generate("blank", "--part 'xc7z020 clg400'"), 2,
               "--part 'xc7z020 clg400' is not an AMD part name");
  expect_error(generate("semicolon", "--part 'xc7z020;exit'"), 2, "is not an AMD part name");
  for (const char* d : {"artix", "versal", "blank", "semicolon"})
    EXPECT_FALSE(fs::exists(test_dir("gen") / d)) << d;
}

TEST(BoardsGenerate, PartWithBoardOverridesThePartWithAWarning) {
  const Result r = generate("override", "--board pynq-z2 --part xc7z020clg400-2");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: --part xc7z020clg400-2 overrides the part of board 'pynq-z2' "
                          "(xc7z020clg400-1)"),
            std::string::npos)
      << r.output;
  const nlohmann::json m = manifest("override");
  EXPECT_EQ(m["board"], "pynq-z2");
  EXPECT_EQ(m["board_custom"], true);
  EXPECT_EQ(m["part"], "xc7z020clg400-2");
  // The same part as the board's: nothing to override, no warning.
  const Result same = generate("same", "--board pynq-z2 --part xc7z020clg400-1");
  ASSERT_EQ(same.code, 0) << same.output;
  EXPECT_EQ(same.output.find("warning"), std::string::npos) << same.output;
  EXPECT_EQ(manifest("same")["board_custom"], false);
}

TEST(BoardsGenerate, PartWithBoardOfAnotherFamilyIsRefused) {
  expect_error(generate("mismatch", "--board zcu104 --part xc7z020clg400-1"), 2,
               "--part xc7z020clg400-1 has a processing_system7, but board 'zcu104' has a "
               "zynq_ultra_ps_e (part xczu7ev-ffvc1156-2-e)");
  EXPECT_FALSE(fs::exists(test_dir("gen") / "mismatch"));
}

// Manifests written before --part/--dma-port lack board_custom, part and dma_port: still read
// (nngen weights works); a dma_port that is not hp/hpc/acp is refused naming the field.
TEST(BoardsGenerate, ManifestFieldsAreOptionalButChecked) {
  ASSERT_EQ(generate("old", "").code, 0);
  const fs::path prj = test_dir("gen") / "old";
  nlohmann::ordered_json m = nlohmann::ordered_json::parse(read(prj / "nnaccel-project.json"));
  for (const char* k : {"board_custom", "part", "dma_port"}) m.erase(k);
  std::ofstream(prj / "nnaccel-project.json") << m.dump(2);
  const std::string weights = nngen() + " weights " + q(model()) + " --project " + q(prj) + " -o " +
                              q(test_dir("gen") / "w.nnw");
  const Result ok = run(weights);
  EXPECT_EQ(ok.code, 0) << ok.output;
  m["dma_port"] = "gp0";
  std::ofstream(prj / "nnaccel-project.json") << m.dump(2);
  expect_error(run(weights), 3, "field 'dma_port' ('gp0') is not hp, hpc or acp");
}
