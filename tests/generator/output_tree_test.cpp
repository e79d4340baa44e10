// OutputTree and interrupted runs: leftovers of dead runs are removed and reported, a folder of a
// live run blocks a second run on the same project, a look-alike folder without our marker is
// never touched, and a run killed (SIGKILL, in a forked child) at any step of a regeneration
// leaves every user file where it was and only generated files in the leftovers.
#include "support/output_tree.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
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

TEST_F(OutputTreeTest, SymlinkedOutIsStagedBesideItsTarget) {
  // OUT is a link to the real project folder (on another file system in real use): staging
  // happens next to the real folder, so every move is a rename within one file system (before:
  // next to the link, and each regenerate failed with EXDEV when the target was elsewhere).
  const fs::path real = dir_ / "real" / "prj";
  fs::create_directories(real);
  fs::create_directories(dir_ / "links");
  const fs::path link = dir_ / "links" / "out";
  fs::create_directory_symlink(real, link);
  for (const std::string version : {"1", "2"}) {
    nngen::OutputTree t(link);
    write_project(t, version);
    EXPECT_EQ(t.root(), fs::canonical(real));
    std::vector<std::string> beside_target, beside_link;
    for (const auto& e : fs::directory_iterator(dir_ / "real")) {
      if (e.path().filename().string().starts_with(".prj.nngen-")) {
        beside_target.push_back(e.path().string());
      }
    }
    for (const auto& e : fs::directory_iterator(dir_ / "links")) {
      if (e.path() != link) beside_link.push_back(e.path().string());
    }
    EXPECT_EQ(beside_target.size(), 1u) << "staging is not beside the target";
    EXPECT_TRUE(beside_link.empty()) << beside_link.front();
    t.commit();
  }
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(text(real / "hls/net_accel.cpp"), "// accel 2");
  EXPECT_EQ(text(link / "runtime/driver/nn.c"), "// runtime 2");
  for (const auto& e : fs::directory_iterator(dir_ / "real")) {
    EXPECT_EQ(e.path(), fs::canonical(real)) << "left over: " << e.path();
  }
}

TEST_F(OutputTreeTest, SymlinkToAnotherFileSystemRegenerates) {
  // The real case: OUT links to a folder on another file system (/dev/shm, a tmpfs, when it is
  // one). Before: every move crossed file systems and failed with EXDEV on every run.
  struct stat here, shm;
  if (::stat(dir_.c_str(), &here) != 0 || ::stat("/dev/shm", &shm) != 0 ||
      here.st_dev == shm.st_dev) {
    GTEST_SKIP() << "no second file system at /dev/shm";
  }
  char pattern[] = "/dev/shm/nngen-output-tree-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const fs::path elsewhere = pattern;
  const fs::path link = dir_ / "out";
  fs::create_directory_symlink(elsewhere, link);
  std::string failure;
  try {
    for (const std::string version : {"1", "2"}) {
      nngen::OutputTree t(link);
      write_project(t, version);
      t.commit();
    }
    EXPECT_EQ(text(elsewhere / "hls/net_accel.cpp"), "// accel 2");
    // A folder inside the project that links back to this file system cannot take renames: the
    // message says so.
    fs::remove_all(elsewhere / "hls");
    fs::create_directories(dir_ / "hls-here");
    fs::create_directory_symlink(dir_ / "hls-here", elsewhere / "hls");
    nngen::OutputTree t(link);
    write_project(t, "3");
    t.commit();
    failure = "<no error>";
  } catch (const nngen::Error& e) {
    failure = e.what();
  }
  fs::remove_all(elsewhere);
  EXPECT_NE(failure.find("is on another file system than the staging folder"), std::string::npos)
      << failure;
  EXPECT_NE(failure.find("run nngen generate again"), std::string::npos) << failure;
}

TEST_F(OutputTreeTest, FifoMarkerIsLeftAloneWithoutBlocking) {
  // A FIFO named like the marker: opening it to lock it must not wait for a writer (before: the
  // open blocked and generate hung). Run in a child whose alarm ends a hang.
  const fs::path odd = dir_ / ".prj.nngen-fifo";
  fs::create_directories(odd);
  ASSERT_EQ(::mkfifo((odd / nngen::kStagingMarker).c_str(), 0600), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::alarm(5);
    const std::vector<std::string> notes = nngen::clean_interrupted_runs(root());
    const bool ok = notes.size() == 1 && notes[0].find("left '" + odd.string() + "' alone") == 0;
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_FALSE(WIFSIGNALED(status)) << "blocked on the FIFO (signal " << WTERMSIG(status) << ")";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "wrong note";
  EXPECT_TRUE(fs::exists(odd / nngen::kStagingMarker)) << "a folder that is not ours was touched";
}

TEST_F(OutputTreeTest, FolderOfARunKilledBeforeItsMarkerWasNamedIsRemoved) {
  // A run killed between creating its folder and renaming its locked marker into place leaves
  // only the temporary marker: unlocked, it is a dead run's folder like any other (before: it was
  // "left alone" with a warning on every later run).
  const fs::path dead = dir_ / ".prj.nngen-0badc0de";
  fs::create_directories(dead);
  std::ofstream(dead / (std::string(nngen::kStagingMarker) + ".tmp")) << "pid 1";
  const std::vector<std::string> notes = nngen::clean_interrupted_runs(root());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("removed '" + dead.string() + "', left by an interrupted nngen run"),
            std::string::npos)
      << notes[0];
  EXPECT_FALSE(fs::exists(dead));
  // Killed before it created even the temporary marker: an empty folder, removed (with rmdir,
  // which removes nothing else).
  const fs::path empty = dir_ / ".prj.nngen-e";
  fs::create_directories(empty);
  const std::vector<std::string> empty_notes = nngen::clean_interrupted_runs(root());
  ASSERT_EQ(empty_notes.size(), 1u);
  EXPECT_EQ(empty_notes[0].find("removed '" + empty.string() + "'"), 0u) << empty_notes[0];
  EXPECT_FALSE(fs::exists(empty));
  // Locked, it is a live run's folder.
  fs::create_directories(dead);
  const fs::path tmp = dead / (std::string(nngen::kStagingMarker) + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  try {
    nngen::clean_interrupted_runs(root());
    ADD_FAILURE() << "a live run's folder was not noticed";
  } catch (const nngen::Error& e) {
    EXPECT_NE(std::string(e.what()).find("another nngen run is writing"), std::string::npos)
        << e.what();
  }
  ::close(fd);
  EXPECT_TRUE(fs::exists(tmp));
}

TEST_F(OutputTreeTest, FailedRegenerationReleasesItsBackupFolder) {
  // A regeneration that fails half-way (here: the user replaced hls/ by a file, so nothing can
  // move into it) must release the lock on its backup folder, so the next run can clean it
  // (before: the descriptor leaked and the folder stayed locked for the life of the process).
  {
    nngen::OutputTree t(root());
    write_project(t, "1");
    t.commit();
  }
  fs::remove_all(root() / "hls");
  std::ofstream(root() / "hls") << "user";
  try {
    nngen::OutputTree t(root());
    write_project(t, "2");
    t.commit();
    FAIL() << "moving into a file succeeded";
  } catch (const nngen::Error& e) {
    EXPECT_NE(std::string(e.what()).find("run nngen generate again"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(text(root() / "hls"), "user");
  const std::vector<std::string> notes = nngen::clean_interrupted_runs(root());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find(".prj.nngen-old-"), std::string::npos) << notes[0];
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
