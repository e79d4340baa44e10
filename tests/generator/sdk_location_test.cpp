// Where nngen finds its SDK (the default hint of generated projects, docs/sdk.md): next to a
// build tree's bin/, or in an install prefix's package folder.
#include "backend/sdk_location.h"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;
using nngen::backend::sdk_config_dir_for;
using nngen::backend::sdk_config_from_bin;

namespace {

fs::path fresh(const std::string& name) {
  const fs::path d = fs::path(GEN_TEST_TMP) / "sdk_location" / name;
  fs::remove_all(d);
  fs::create_directories(d / "bin");
  std::ofstream(d / "bin/nngen") << "";
  return d;
}

void touch_config(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "nnaccelConfig.cmake") << "# test\n";
}

}  // namespace

TEST(SdkLocation, BuildTreeIsTheFolderAboveBin) {
  const fs::path root = fresh("build");
  touch_config(root);
  EXPECT_EQ(sdk_config_dir_for(root / "bin/nngen"), root.lexically_normal());
}

TEST(SdkLocation, InstallPrefixHasThePackageFolder) {
  const fs::path root = fresh("install");
  const fs::path pkg = (root / "bin" / sdk_config_from_bin()).lexically_normal();
  touch_config(pkg);
  EXPECT_EQ(sdk_config_dir_for(root / "bin/nngen"), pkg);
}

TEST(SdkLocation, BuildTreeWinsWhenBothExist) {
  const fs::path root = fresh("both");
  touch_config(root);
  touch_config((root / "bin" / sdk_config_from_bin()).lexically_normal());
  EXPECT_EQ(sdk_config_dir_for(root / "bin/nngen"), root.lexically_normal());
}

TEST(SdkLocation, NoneIsEmpty) {
  const fs::path root = fresh("none");
  EXPECT_TRUE(sdk_config_dir_for(root / "bin/nngen").empty());
  // A folder named like the file is not the file.
  fs::create_directories(root / "nnaccelConfig.cmake");
  EXPECT_TRUE(sdk_config_dir_for(root / "bin/nngen").empty());
}
