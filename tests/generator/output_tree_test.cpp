// OutputTree and interrupted runs: leftovers of dead runs are removed and reported, a folder of a
// live run blocks a second run on the same project, a look-alike folder without our marker is
// never touched, and a run killed (SIGKILL, in a forked child) at any step of a regeneration
// leaves every user file where it was and only generated files in the leftovers.
#include "support/output_tree.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "support/error.h"

namespace fs = std::filesystem;

namespace {

class OutputTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(GEN_TEST_TMP) / "output_tree" / info->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  fs::path root() const { return dir_ / "prj"; }

  // A complete (small) project: the manifest, a source, nngen's runtime folder.
  static void write_project(nngen::OutputTree& t, const std::string& version) {
    t.write("hls/net_accel.cpp", "// accel " + version);
    t.write("runtime/driver/nn.c", "// runtime " + version);
    t.write("hls/lib/nn_hls.h", "// lib " + version);
    t.write(nngen::kProjectManifest, "{\"v\": \"" + version + "\"}");
  }

  static std::string text(const fs::path& p) {
    std::ifstream f(p);
    return std::string(std::istreambuf_iterator<char>(f), {});
  }

  // Hidden siblings of the project (staging and backup folders).
  std::vector<fs::path> hidden() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir_)) {
      if (e.path().filename().string()[0] == '.') out.push_back(e.path());
    }
    return out;
  }

  fs::path dir_;
};

TEST_F(OutputTreeTest, LiveRunBlocksASecondRunAndADeadOnesFolderIsRemoved) {
  {
    nngen::OutputTree first(root());
    first.write("a.txt", "a");
    try {
      nngen::OutputTree second(root());
      FAIL() << "a second run started while the first was staging";
    } catch (const nngen::Error& e) {
      EXPECT_EQ(e.code(), nngen::ExitCode::kIo);
      EXPECT_NE(std::string(e.what()).find("another nngen run is writing"), std::string::npos)
          << e.what();
    }
    EXPECT_EQ(hidden().size(), 1u) << "the refused run left its own staging folder";
  }
  // A dead run's folder: our name and marker, nobody holding the lock.
  const fs::path dead = dir_ / ".prj.nngen-0123abcd";
  fs::create_directories(dead / "hls");
  std::ofstream(dead / nngen::kStagingMarker) << "pid 1";
  std::ofstream(dead / "hls/x.cpp") << "generated";
  nngen::OutputTree next(root());
  ASSERT_EQ(next.notes().size(), 1u);
  EXPECT_NE(
      next.notes()[0].find("removed '" + dead.string() + "', left by an interrupted nngen run"),
      std::string::npos)
      << next.notes()[0];
  EXPECT_FALSE(fs::exists(dead));
}

TEST_F(OutputTreeTest, LookalikeWithoutMarkerIsLeftAlone) {
  const fs::path mine = dir_ / ".prj.nngen-mine";
  fs::create_directories(mine);
  std::ofstream(mine / "notes.txt") << "user data";
  const std::vector<std::string> notes = nngen::clean_interrupted_runs(root());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("left '" + mine.string() + "' alone"), std::string::npos) << notes[0];
  EXPECT_EQ(text(mine / "notes.txt"), "user data");
}

TEST_F(OutputTreeTest, KilledAtEveryStepUserFilesStayAndTheNextRunCleansUp) {
  for (const char* point : {"staged", "old-moved", "half-moved", "moved"}) {
    SCOPED_TRACE(point);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    {
      nngen::OutputTree t(root());
      write_project(t, "1");
      t.commit();
    }
    fs::create_directories(root() / "build");
    std::ofstream(root() / "build/cache") << "user";
    std::ofstream(root() / "hls/run.log") << "user";
    std::ofstream(root() / "mine.txt") << "user";

    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::setenv("NNGEN_TEST_KILL_AT", point, 1);
      try {
        nngen::OutputTree t(root());
        write_project(t, "2");
        t.commit();
      } catch (...) {
      }
      ::_exit(0);  // not reached when the kill point works
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child was not killed at '" << point << "'";
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    // User files never moved; the folder is still a project (old or new manifest).
    EXPECT_EQ(text(root() / "build/cache"), "user");
    EXPECT_EQ(text(root() / "hls/run.log"), "user");
    EXPECT_EQ(text(root() / "mine.txt"), "user");
    EXPECT_TRUE(fs::exists(root() / nngen::kProjectManifest));
    // Leftovers hold only generated files.
    const std::set<std::string> generated = {nngen::kStagingMarker, "net_accel.cpp", "nn.c",
                                             "nn_hls.h", nngen::kProjectManifest};
    ASSERT_FALSE(hidden().empty());
    for (const fs::path& left : hidden()) {
      for (const auto& e : fs::recursive_directory_iterator(left)) {
        if (e.is_regular_file()) {
          EXPECT_TRUE(generated.count(e.path().filename().string())) << e.path();
        }
      }
    }

    const size_t leftovers = hidden().size();
    nngen::OutputTree again(root());
    EXPECT_EQ(again.notes().size(), leftovers) << "each leftover is reported";
    write_project(again, "3");
    again.commit();
    EXPECT_TRUE(hidden().empty()) << hidden().front();
    EXPECT_EQ(text(root() / "hls/net_accel.cpp"), "// accel 3");
    EXPECT_EQ(text(root() / "runtime/driver/nn.c"), "// runtime 3");
    EXPECT_EQ(text(root() / "mine.txt"), "user");
  }
}

TEST_F(OutputTreeTest, KilledFreshRunLeavesNoProjectAndIsCleaned) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::setenv("NNGEN_TEST_KILL_AT", "staged", 1);
    try {
      nngen::OutputTree t(root());
      write_project(t, "1");
      t.commit();
    } catch (...) {
    }
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_FALSE(fs::exists(root()));
  ASSERT_EQ(hidden().size(), 1u);
  const std::vector<std::string> notes = nngen::clean_interrupted_runs(root());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("left by an interrupted nngen run"), std::string::npos) << notes[0];
  EXPECT_TRUE(hidden().empty());
}

TEST_F(OutputTreeTest, EmptyPathIsAUsageError) {
  try {
    nngen::OutputTree t("");
    FAIL() << "an empty path was accepted";
  } catch (const nngen::Error& e) {
    EXPECT_EQ(e.code(), nngen::ExitCode::kUsage);
  }
}

}  // namespace
