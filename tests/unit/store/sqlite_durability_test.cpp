// Issue 9, defect 8: what SQLite's durability rests on, each test catching a named breakage.
// A test VFS (counting_vfs.h) counts fsyncs of the write-ahead log, so the tests look at what
// reaches the disk rather than at pragmas:
// - a vote, a comment and a report are fsynced before the store call returns (breakage:
//   synchronous=NORMAL, which syncs WAL commits only at checkpoints);
// - votes queued while the writer is busy commit together (breakage: a group of one).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "news/article.h"
#include "store/counting_vfs.h"
#include "store/sqlite/sqlite_store.h"
#include "support/latch.h"

namespace broadsheet::store::sqlite {
namespace {

class SqliteDurability : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bs-durable-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    vfs_ = std::make_unique<CountingVfs>();  // before the store opens its connections
    store_ = std::make_unique<SqliteStore>((dir_ / "b.db").string());
    news::ArticleInput input{.title = "Durable",
                             .category = "Town Hall",
                             .author = "Ada Quill",
                             .status = news::ArticleStatus::kPublished,
                             .body_markdown = "x"};
    news::NormalizeAndValidate(input);
    article_ = store_->AddArticle(input, "<p>x</p>", 1000, 0);
  }
  void TearDown() override {
    store_.reset();
    vfs_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<CountingVfs> vfs_;
  std::unique_ptr<SqliteStore> store_;
  std::int64_t article_ = 0;
};

TEST_F(SqliteDurability, issue_0009_AVoteACommentAndAReportAreOnDiskBeforeTheCallReturns) {
  int before = vfs_->wal_syncs();
  ASSERT_TRUE(store_->RecordVote(article_, "reader-1", 4, 2000));
  EXPECT_GE(vfs_->wal_syncs(), before + 1) << "the vote was acknowledged before an fsync";

  before = vfs_->wal_syncs();
  CommentRow comment{.article_id = article_,
                     .reader_id = "reader-1",
                     .name = "Ada",
                     .body = "Kept.",
                     .status = news::CommentStatus::kApproved,
                     .created_at = 2000};
  const auto id = store_->AddComment(comment);
  ASSERT_TRUE(id);
  EXPECT_GE(vfs_->wal_syncs(), before + 1) << "the comment was acknowledged before an fsync";

  before = vfs_->wal_syncs();
  EXPECT_TRUE(store_->ReportComment(*id, "reader-2", "key-2", 3, 2001).counted);
  EXPECT_GE(vfs_->wal_syncs(), before + 1) << "the report was acknowledged before an fsync";
}

TEST_F(SqliteDurability, issue_0009_VotesQueuedWhileTheWriterIsBusyCommitTogether) {
  constexpr int kQueued = 20;
  testing::Latch writer_busy;
  std::atomic<bool> hold_next{true};
  // The first vote's commit stops inside its fsync, holding the writer.
  vfs_->SetOnWalSync([&] {
    if (hold_next.exchange(false)) writer_busy.Wait();
  });
  std::thread first([&] { store_->RecordVote(article_, "first", 5, 3000); });
  ASSERT_TRUE(testing::Eventually([&] { return writer_busy.Arrived(); }));

  std::vector<std::thread> voters;
  for (int i = 0; i < kQueued; ++i) {
    voters.emplace_back([&, i] {
      ASSERT_TRUE(store_->RecordVote(article_, "queued-" + std::to_string(i), 1 + i % 5, 3001));
    });
  }
  ASSERT_TRUE(testing::Eventually([&] { return store_->QueuedWrites() == kQueued; }))
      << store_->QueuedWrites() << " queued";
  const int before = vfs_->wal_syncs();
  writer_busy.Release();
  first.join();
  for (auto& voter : voters) voter.join();

  // The first vote's fsync was counted before `before`: what follows is the queued votes' own
  // commits, one (at most two, should one thread queue late) for all twenty.
  const int commits = vfs_->wal_syncs() - before;
  EXPECT_GE(commits, 1);
  EXPECT_LE(commits, 2) << kQueued << " queued votes took " << commits << " commits";
  EXPECT_EQ(store_->ListVotes(article_).size(), static_cast<std::size_t>(kQueued + 1));
}

}  // namespace
}  // namespace broadsheet::store::sqlite
