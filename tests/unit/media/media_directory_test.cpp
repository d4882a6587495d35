#include "media/media_directory.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "media/media_name.h"

namespace broadsheet::media {
namespace {

namespace fs = std::filesystem;

class MediaDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "bs-media-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path root_;
  const std::string name_ = VariantFileName(ContentHash("picture"), 480, "webp");
};

TEST_F(MediaDirectoryTest, WritesReadsAndRemoves) {
  const MediaDirectory media((root_ / "not" / "yet").string());  // created on first write
  EXPECT_EQ(media.Read(name_), std::nullopt);
  const std::string bytes("RIFF\0\x01\x02webp", 12);
  media.Write(name_, bytes);
  EXPECT_EQ(media.Read(name_), bytes);
  media.Write(name_, "replaced");
  EXPECT_EQ(media.Read(name_), "replaced");
  // Only the file itself: no temp file left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(media.path()), fs::directory_iterator()), 1);
  media.Remove(name_);
  EXPECT_EQ(media.Read(name_), std::nullopt);
  EXPECT_NO_THROW(media.Remove(name_));  // already gone is fine
}

TEST_F(MediaDirectoryTest, RefusesNamesThatAreNotVariants) {
  const MediaDirectory media(root_.string());
  EXPECT_THROW(media.Write("../escape.jpg", "x"), std::invalid_argument);
  EXPECT_THROW(media.Read("../../etc/passwd"), std::invalid_argument);
  EXPECT_THROW(media.Remove(".hidden"), std::invalid_argument);
  EXPECT_FALSE(fs::exists(root_.parent_path() / "escape.jpg"));
}

TEST_F(MediaDirectoryTest, ReportsAFolderItCannotCreate) {
  const fs::path file = root_ / "a-file";
  MediaDirectory(root_.string()).Write(name_, "x");
  fs::rename(root_ / name_, file);
  const MediaDirectory media((file / "sub").string());  // a folder under a regular file
  EXPECT_THROW(media.Write(name_, "x"), std::runtime_error);
}

}  // namespace
}  // namespace broadsheet::media
