// Where nngen qemu finds the bare-metal kit (docs/baremetal.md): the source tree of a build-tree
// nngen, or <prefix>/share/nnaccel/kit of an installed one.
#include "backend/kit_location.h"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;
using nngen::backend::kit_dir_for;
using nngen::backend::kit_from_bin;
using nngen::backend::kKitMarker;

namespace {

fs::path fresh(const std::string& name) {
  const fs::path d = fs::path(KIT_TEST_TMP) / "kit_location" / name;
  fs::remove_all(d);
  fs::create_directories(d / "bin");
  std::ofstream(d / "bin/nngen") << "";
  return d;
}

void touch(const fs::path& file) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "# test\n";
}

void make_kit(const fs::path& dir) { touch(dir / kKitMarker); }

}  // namespace

TEST(KitLocation, BuildTreeUsesItsSourceTree) {
  const fs::path root = fresh("build");
  touch(root / "nnaccelConfig.cmake");
  make_kit(root / "src");
  std::string searched;
  EXPECT_EQ(kit_dir_for(root / "bin/nngen", root / "src", &searched),
            (root / "src").lexically_normal());
  EXPECT_NE(searched.find("source tree"), std::string::npos) << searched;
}

TEST(KitLocation, InstallPrefixHasShareNnaccelKit) {
  const fs::path root = fresh("install");
  const fs::path kit = (root / "bin" / kit_from_bin()).lexically_normal();
  EXPECT_EQ(kit, root / "share/nnaccel/kit");
  make_kit(kit);
  // Not a build tree (no nnaccelConfig.cmake above bin/): a source tree that still exists where
  // the binary was built is not used.
  make_kit(root / "src");
  EXPECT_EQ(kit_dir_for(root / "bin/nngen", root / "src", nullptr), kit);
}

TEST(KitLocation, BuildTreeWithoutKitFallsBackToInstall) {
  const fs::path root = fresh("moved");
  touch(root / "nnaccelConfig.cmake");
  const fs::path kit = (root / "bin" / kit_from_bin()).lexically_normal();
  make_kit(kit);
  EXPECT_EQ(kit_dir_for(root / "bin/nngen", root / "gone", nullptr), kit);
}

TEST(KitLocation, NoneIsEmptyAndNamesWhereItLooked) {
  const fs::path root = fresh("none");
  touch(root / "nnaccelConfig.cmake");
  std::string searched;
  EXPECT_TRUE(kit_dir_for(root / "bin/nngen", root / "src", &searched).empty());
  EXPECT_NE(searched.find((root / "src").string()), std::string::npos) << searched;
  EXPECT_NE(searched.find((root / "share/nnaccel/kit").string()), std::string::npos) << searched;
  // A folder named like the marker file is not the file.
  fs::create_directories(root / "src" / kKitMarker);
  EXPECT_TRUE(kit_dir_for(root / "bin/nngen", root / "src", nullptr).empty());
}
