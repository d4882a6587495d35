// Issue 12, on both stores: what a node's poll reads. The content change log says what each
// move of the content version changed (an article's comments, an article's text where it
// stays, or everything), and the counts poll reads only articles whose views or rating totals
// changed since the last look: nothing at all when nothing changed.
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <vector>

#include "render/markdown.h"
#include "store/store_contract.h"
#include "support/article_edit.h"
#include "support/latch.h"

namespace broadsheet::store {
namespace {

std::set<std::int64_t> ArticlesIn(const CountsChanges& changes) {
  std::set<std::int64_t> ids;
  for (const CountsRow& row : changes.rows) ids.insert(row.article_id);
  return ids;
}

TEST_P(StoreContract, ACountsPollReadsOnlyTheArticlesWhoseNumbersChanged) {
  const auto voted = Add("Voted on", "Town Hall", kPublished, 1000);
  const auto read = Add("Read a lot", "Sport", kPublished, 1001);
  const auto quiet = Add("Quiet", "Sport", kPublished, 1002);
  const std::int64_t start = store_->CountsCursor();
  ASSERT_TRUE(store_->RecordVote(voted, "reader-1", 4, 2000));
  store_->AddViews({{read, "2026-11-30", 3, 0}});

  const CountsChanges first = store_->CountsChangedSince(start);
  const auto seen = ArticlesIn(first);
  EXPECT_TRUE(seen.count(voted) && seen.count(read)) << "both changes are read";
  EXPECT_FALSE(seen.count(quiet)) << "an article whose numbers did not change is not read";
  for (const CountsRow& row : first.rows) {
    if (row.article_id == voted) {
      EXPECT_EQ(row.rating_sum, 4);
    }
    if (row.article_id == read) {
      EXPECT_EQ(row.views, 3);
    }
  }

  // Nothing changes: a poll reads no article at all. (On PostgreSQL the cursor is the oldest
  // transaction still running anywhere on the cluster, so a poll may see recent changes again
  // while other tests' transactions run: it settles to nothing.)
  std::int64_t cursor = first.cursor;
  EXPECT_TRUE(testing::Eventually([&] {
    const CountsChanges idle = store_->CountsChangedSince(cursor);
    cursor = idle.cursor;
    return idle.rows.empty();
  })) << "a poll with no changes kept reading articles";

  ASSERT_TRUE(store_->RecordVote(quiet, "reader-2", 2, 3000));
  const CountsChanges next = store_->CountsChangedSince(cursor);
  EXPECT_TRUE(ArticlesIn(next).count(quiet)) << "a vote after the last poll is read";
}

TEST_P(StoreContract, TheChangeLogSaysWhatEachContentChangeTouched) {
  const auto first = Add("First", "Town Hall", kPublished, 1000);
  const auto second = Add("Second", "Sport", kPublished, 1001);
  const std::int64_t version = store_->ContentVersion();

  CommentRow comment;
  comment.article_id = second;
  comment.reader_id = "reader";
  comment.name = "Wren";
  comment.body = "Well put.";
  comment.status = news::CommentStatus::kApproved;
  comment.created_at = 2000;
  ASSERT_TRUE(store_->AddComment(comment));

  const news::ArticleInput edit =
      testing::RetitledInPlace(*store_->FindArticle(first), "First, corrected");
  ASSERT_EQ(store_->UpdateArticle(first, edit, render::RenderMarkdown(edit.body_markdown), 3000, {},
                                  "saved"),
            SaveOutcome::kSaved);
  Add("Third", "Sport", kPublished, 4000);  // a publication: every listing moves

  const auto changes = store_->ContentChangesSince(version, 100);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].version, version + 1) << "versions move one at a time";
  EXPECT_EQ(changes[0].scope, ContentScope::kComments);
  EXPECT_EQ(changes[0].article_id, second);
  EXPECT_EQ(changes[1].scope, ContentScope::kArticle);
  EXPECT_EQ(changes[1].article_id, first);
  EXPECT_EQ(changes[2].scope, ContentScope::kAll);
  EXPECT_EQ(store_->ContentVersion(), changes[2].version);
  EXPECT_TRUE(store_->ContentChangesSince(changes[2].version, 100).empty());
}

// PostgreSQL's notifications carry what changed, so a node can update what it holds without a
// query: a view flush's totals, a vote's totals, and each move of the content version with its
// scope. (SQLite has no signals; its nodes are processes on one machine that poll.)
TEST_P(StoreContract, ChangeSignalsSayWhatChanged) {
  if (!GetParam().needs_postgres) GTEST_SKIP() << "only PostgreSQL signals changes";
  const auto id = Add("Signalled", "Town Hall", kPublished, 1000);
  auto listening = Open();
  std::mutex mutex;
  std::vector<ChangeNotice> notices;
  const auto seen = [&] {
    std::lock_guard lock(mutex);
    return notices;
  };
  listening->SetChangeCallback([&](const ChangeNotice& notice) {
    std::lock_guard lock(mutex);
    notices.push_back(notice);
  });
  // On connecting, the listener reports a notice that says nothing (changes may have been
  // missed before it listened): after that it is listening.
  ASSERT_TRUE(testing::Eventually([&] { return !seen().empty(); }));
  EXPECT_EQ(seen().front().kind, ChangeNotice::Kind::kUnknown);
  const std::int64_t version = store_->ContentVersion();

  store_->AddViews({{id, "2026-12-01", 3, 0}});
  const auto vote = store_->RecordVote(id, "reader-1", 4, 2000);
  ASSERT_TRUE(vote);
  const news::ArticleInput edit =
      testing::RetitledInPlace(*store_->FindArticle(id), "Signalled, corrected");
  ASSERT_EQ(store_->UpdateArticle(id, edit, "<p>Corrected.</p>", 3000, {}, "saved"),
            SaveOutcome::kSaved);

  ASSERT_TRUE(testing::Eventually([&] { return seen().size() >= 4; })) << seen().size();
  const std::vector<ChangeNotice> got = seen();
  ASSERT_EQ(got.size(), 4u);
  ASSERT_EQ(got[1].kind, ChangeNotice::Kind::kViews);
  ASSERT_EQ(got[1].views.size(), 1u);
  EXPECT_EQ(got[1].views[0].article_id, id);
  EXPECT_EQ(got[1].views[0].views, 3);
  ASSERT_EQ(got[2].kind, ChangeNotice::Kind::kRating);
  EXPECT_EQ(got[2].rating.article_id, id);
  EXPECT_EQ(got[2].rating.sum, 4);
  EXPECT_EQ(got[2].rating.count, 1);
  EXPECT_EQ(got[2].rating.revision, vote->totals.revision);
  ASSERT_EQ(got[3].kind, ChangeNotice::Kind::kContent);
  EXPECT_EQ(got[3].content.version, version + 1);
  EXPECT_EQ(got[3].content.scope, ContentScope::kArticle);
  EXPECT_EQ(got[3].content.article_id, id);
  listening->SetChangeCallback({});
}

}  // namespace
}  // namespace broadsheet::store
