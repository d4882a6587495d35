#include "store/comment_tally.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store {
namespace {

class CommentTallyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bs-tally-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    store_ = std::make_unique<sqlite::SqliteStore>((dir_ / "b.db").string());
    for (const char* title : {"First", "Second"}) {
      news::ArticleInput input{.title = title,
                               .category = "C",
                               .author = "X",
                               .status = news::ArticleStatus::kPublished};
      news::NormalizeAndValidate(input);
      ids_.push_back(store_->AddArticle(input, "", 1, 0));
    }
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::int64_t Comment(std::int64_t article_id, news::CommentStatus status) {
    CommentRow comment;
    comment.article_id = article_id;
    comment.reader_id = "reader";
    comment.name = "Wren";
    comment.body = "A comment";
    comment.status = status;
    comment.created_at = 10;
    return *store_->AddComment(comment);
  }
  std::filesystem::path dir_;
  std::unique_ptr<sqlite::SqliteStore> store_;
  std::vector<std::int64_t> ids_;
};

TEST_F(CommentTallyTest, CountsApprovedCommentsOnlyAndFollowsRecountsAndRereads) {
  Comment(ids_[0], news::CommentStatus::kApproved);
  Comment(ids_[0], news::CommentStatus::kApproved);
  Comment(ids_[1], news::CommentStatus::kPending);
  CommentTally tally;
  tally.ReadAll(*store_);
  EXPECT_EQ(tally.Of(ids_[0]), 2);
  EXPECT_EQ(tally.Of(ids_[1]), 0) << "a comment awaiting moderation is not counted";

  const std::uint64_t changes = tally.changes();
  tally.Recount(*store_, ids_[0]);
  EXPECT_EQ(tally.changes(), changes) << "the same count is no change";
  const std::int64_t third = Comment(ids_[0], news::CommentStatus::kApproved);
  tally.Recount(*store_, ids_[0]);
  EXPECT_EQ(tally.Of(ids_[0]), 3);
  EXPECT_GT(tally.changes(), changes);

  // A reread after everything changed: an article whose comments are all gone shows none.
  ASSERT_TRUE(store_->DeleteComment(third));
  for (const auto& row : store_->ListApprovedComments(ids_[0], 0, 10))
    store_->DeleteComment(row.id);
  tally.ReadAll(*store_);
  EXPECT_EQ(tally.Of(ids_[0]), 0);
}

}  // namespace
}  // namespace broadsheet::store
