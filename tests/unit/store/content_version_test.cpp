// Issue 9, defect 7: the two stores drifted on what moves the content version (PostgreSQL
// dropped every node's cache for a held or spam comment; SQLite for every report). One
// sequence of events, the same written table, on both stores: under-invalidating hides news,
// over-invalidating empties every node's cache for nothing, and both fail here.
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace broadsheet::store {

// What readers can see changes (yes) or not (no), event by event.
struct VersionEvent {
  const char* event;
  bool moves;
  std::function<void(Store&, std::int64_t& article, std::int64_t& comment)> run;
};

TEST_P(StoreContract, issue_0009_OnlyWhatReadersSeeMovesTheContentVersion) {
  const auto draft_input = [](const std::string& title) {
    news::ArticleInput input{.title = title,
                             .category = "Town Hall",
                             .author = "Ada Quill",
                             .status = news::ArticleStatus::kDraft,
                             .body_markdown = "Draft."};
    news::NormalizeAndValidate(input);
    return input;
  };
  const auto comment = [](std::int64_t article, news::CommentStatus status) {
    return CommentRow{.article_id = article,
                      .reader_id = "reader",
                      .name = "Ada",
                      .body = "Words.",
                      .status = status,
                      .created_at = 2000};
  };
  const std::vector<VersionEvent> table = {
      {"draft saved", false,
       [&](Store& s, std::int64_t& a, std::int64_t&) {
         a = s.AddArticle(draft_input("Not yet"), "<p>Draft.</p>", 1000, 0);
       }},
      {"draft edited", false,
       [&](Store& s, std::int64_t& a, std::int64_t&) {
         s.UpdateArticle(a, draft_input("Still not yet"), "<p>Draft.</p>", 1100, {}, "saved");
       }},
      {"article published", true,
       [](Store& s, std::int64_t& a, std::int64_t&) {
         s.SetArticleStatus(a, news::ArticleStatus::kPublished, 1200, 0);
       }},
      {"comment held", false,
       [&](Store& s, std::int64_t& a, std::int64_t& c) {
         c = *s.AddComment(comment(a, news::CommentStatus::kPending));
       }},
      {"comment approved", true,
       [](Store& s, std::int64_t&, std::int64_t& c) {
         s.SetCommentStatus(c, news::CommentStatus::kApproved);
       }},
      {"comment reported", false,
       [](Store& s, std::int64_t&, std::int64_t& c) {
         s.ReportComment(c, "reporter", "address-key", 3, 2100);
       }},
      {"vote", false,
       [](Store& s, std::int64_t& a, std::int64_t&) { s.RecordVote(a, "voter", 4, 2200); }},
      {"spam comment held", false,
       [&](Store& s, std::int64_t& a, std::int64_t& c) {
         c = *s.AddComment(comment(a, news::CommentStatus::kPending));
       }},
      {"held comment marked spam", false,
       [](Store& s, std::int64_t&, std::int64_t& c) {
         s.SetCommentStatus(c, news::CommentStatus::kSpam);
       }},
      {"spam comment deleted", false,
       [](Store& s, std::int64_t&, std::int64_t& c) { s.DeleteComment(c); }},
      {"published comment posted", true,
       [&](Store& s, std::int64_t& a, std::int64_t& c) {
         c = *s.AddComment(comment(a, news::CommentStatus::kApproved));
       }},
      {"published comment deleted", true,
       [](Store& s, std::int64_t&, std::int64_t& c) { s.DeleteComment(c); }},
      {"views flushed", false,
       [](Store& s, std::int64_t& a, std::int64_t&) {
         s.AddViews({{.article_id = a, .day = "2026-11-30", .views = 3}});
       }},
      {"article unpublished", true,
       [](Store& s, std::int64_t& a, std::int64_t&) {
         s.SetArticleStatus(a, news::ArticleStatus::kDraft, 1300, 0);
       }},
  };
  std::int64_t article = 0;
  std::int64_t comment_id = 0;
  for (const VersionEvent& step : table) {
    const std::int64_t before = store_->ContentVersion();
    step.run(*store_, article, comment_id);
    EXPECT_EQ(store_->ContentVersion() != before, step.moves)
        << step.event
        << (step.moves ? ": readers would not see it" : ": caches emptied for nothing");
  }
}

TEST_P(StoreContract, CategoryCountsCountPublishedArticlesOnly) {
  Add("One", "Town Hall", kPublished, 1000);
  Add("Two", "Town Hall", kPublished, 1001);
  Add("Three", "Town Hall", kDraft, 1002);
  Add("Four", "Sport", kDraft, 1003);
  const auto counts = store_->ListCategoryCounts();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].category.name, "Sport");  // by name
  EXPECT_EQ(counts[0].published, 0);
  EXPECT_EQ(counts[1].category.slug, "town-hall");
  EXPECT_EQ(counts[1].published, 2);
  EXPECT_EQ(store_->ListPublished(counts[1].category.id, std::nullopt, 10).size(), 2u);
  EXPECT_EQ(store_->ListPublished(0, store_->ListingKeyAt(0, 0), 10).size(), 1u);
}

}  // namespace broadsheet::store
