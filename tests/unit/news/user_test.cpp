// Roles, e-mail addresses as account keys, tags and publication times: pure rules.
#include "news/user.h"

#include <gtest/gtest.h>

#include "news/article.h"
#include "news/calendar.h"
#include "news/front_matter.h"

namespace broadsheet::news {
namespace {

TEST(Email, IsTrimmedLowerCasedAndChecked) {
  EXPECT_EQ(NormalizeEmail("  Ed.Itor@Example.ORG \n"), "ed.itor@example.org");
  EXPECT_FALSE(NormalizeEmail(""));
  EXPECT_FALSE(NormalizeEmail("no-at-sign"));
  EXPECT_FALSE(NormalizeEmail("@example.org"));
  EXPECT_FALSE(NormalizeEmail("ed@"));
  EXPECT_FALSE(NormalizeEmail("ed itor@example.org"));
  EXPECT_FALSE(NormalizeEmail("a@b@c"));
  EXPECT_FALSE(NormalizeEmail(std::string(300, 'a') + "@example.org"));
}

TEST(Roles, DecideWhoMayPublishAndWhoMayEdit) {
  EXPECT_TRUE(MaySetStatus(Role::kContributor, ArticleStatus::kDraft, true));
  EXPECT_FALSE(MaySetStatus(Role::kContributor, ArticleStatus::kReview, true));
  EXPECT_FALSE(MaySetStatus(Role::kContributor, ArticleStatus::kPublished, true));
  EXPECT_TRUE(MaySetStatus(Role::kAuthor, ArticleStatus::kReview, false));
  EXPECT_FALSE(MaySetStatus(Role::kAuthor, ArticleStatus::kPublished, false));
  EXPECT_FALSE(MaySetStatus(Role::kAuthor, ArticleStatus::kScheduled, false));
  EXPECT_TRUE(MaySetStatus(Role::kAuthor, ArticleStatus::kPublished, true));
  EXPECT_TRUE(MaySetStatus(Role::kEditor, ArticleStatus::kScheduled, false));
  EXPECT_FALSE(MaySetStatus(Role::kAdmin, ArticleStatus::kTrashed, true));
  EXPECT_TRUE(MayEditArticle(Role::kAuthor, 7, 7));
  EXPECT_FALSE(MayEditArticle(Role::kAuthor, 7, 8));
  EXPECT_FALSE(MayEditArticle(Role::kContributor, 0, 0)) << "no profile owns nothing";
  EXPECT_TRUE(MayEditArticle(Role::kEditor, 7, 8));
  EXPECT_EQ(ParseRole("editor"), Role::kEditor);
  EXPECT_FALSE(ParseRole("Editor"));
}

TEST(Tags, AreSplitTrimmedAndDeduplicatedBySlug) {
  EXPECT_EQ(SplitTags(" Ferry, river ,,Ferry, RIVER, Café "),
            (std::vector<std::string>{"Ferry", "river", "Café"}));
  EXPECT_EQ(JoinTags({"a", "b"}), "a, b");
  ArticleInput input{.title = "T", .category = "News", .author = "A", .tags = {"one, two", "Two"}};
  EXPECT_TRUE(NormalizeAndValidate(input).empty());
  EXPECT_EQ(input.tags, (std::vector<std::string>{"one", "two"}));
  input.tags = {"!!!"};
  EXPECT_FALSE(NormalizeAndValidate(input).empty());
  input.tags.assign(kMaxTags + 1, "");
  for (std::size_t i = 0; i < input.tags.size(); ++i) input.tags[i] = "t" + std::to_string(i);
  EXPECT_FALSE(NormalizeAndValidate(input).empty());
}

TEST(Categories, MayNotTakeAReservedName) {
  ArticleInput input{.title = "T", .category = "Admin", .author = "A"};
  const auto errors = NormalizeAndValidate(input, {"admin", "static"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "category");
  EXPECT_NE(errors[0].message.find("/admin/"), std::string::npos);
  const auto parsed =
      ParseArticleFile("---\ntitle: T\ncategory: Static\nauthor: A\n---\nx", {"admin", "static"});
  EXPECT_FALSE(parsed.errors.empty());
}

TEST(FrontMatter, ReadsTags) {
  const auto parsed = ParseArticleFile(
      "---\ntitle: T\ncategory: News\nauthor: A\ntags: ferry, river\nstatus: review\n---\nx");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  EXPECT_EQ(parsed.input.tags, (std::vector<std::string>{"ferry", "river"}));
  EXPECT_EQ(parsed.input.status, ArticleStatus::kReview);
}

TEST(Publication, TimeFollowsTheStatus) {
  ArticleInput input;
  input.status = ArticleStatus::kScheduled;
  input.published_at = 900;
  EXPECT_EQ(PublicationTime(input, 0, 500), 900);
  input.status = ArticleStatus::kPublished;
  input.published_at = 0;
  EXPECT_EQ(PublicationTime(input, 0, 500), 500) << "first publication: now";
  EXPECT_EQ(PublicationTime(input, 300, 500), 300) << "republished: the first time stays";
  input.published_at = 200;
  EXPECT_EQ(PublicationTime(input, 300, 500), 200) << "an editor's explicit time";
  input.status = ArticleStatus::kDraft;
  input.published_at = 0;
  EXPECT_EQ(PublicationTime(input, 300, 500), 300);
  input.status = ArticleStatus::kScheduled;
  EXPECT_FALSE(NormalizeAndValidate(input).empty()) << "a schedule needs a time";
}

TEST(LocalDateTime, RoundTripsInTheProcessZone) {
  ASSERT_TRUE(SetProcessTimeZone("UTC"));
  EXPECT_EQ(ParseLocalDateTime("2026-12-24T09:30"), 1798104600);
  EXPECT_EQ(ParseLocalDateTime("2026-12-24T09:30:15"), 1798104615);
  EXPECT_EQ(LocalDateTimeInput(1798104600), "2026-12-24T09:30");
  EXPECT_FALSE(ParseLocalDateTime("2026-02-31T09:30")) << "no 31 February";
  EXPECT_FALSE(ParseLocalDateTime("2026-12-24 9:30"));
  EXPECT_FALSE(ParseLocalDateTime("yesterday"));
  EXPECT_FALSE(ParseLocalDateTime("1969-12-31T23:59"));
}

}  // namespace
}  // namespace broadsheet::news
