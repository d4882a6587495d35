#include "news/front_matter.h"

#include <gtest/gtest.h>

namespace broadsheet::news {
namespace {

bool HasError(const ParsedArticleFile& parsed, const std::string& field) {
  for (const auto& error : parsed.errors) {
    if (error.field == field) return true;
  }
  return false;
}

TEST(FrontMatter, ReadsKeysAndBody) {
  const auto parsed = ParseArticleFile(
      "---\ntitle: Harbour Opens\nsummary: Boats return.\ncategory: Town Hall\n"
      "author: Ada Quill\nstatus: published\n---\nFirst paragraph.\n\nSecond.\n");
  ASSERT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.input.title, "Harbour Opens");
  EXPECT_EQ(parsed.input.slug, "harbour-opens");
  EXPECT_EQ(parsed.input.summary, "Boats return.");
  EXPECT_EQ(parsed.input.category, "Town Hall");
  EXPECT_EQ(parsed.input.status, ArticleStatus::kPublished);
  EXPECT_EQ(parsed.input.body_markdown, "First paragraph.\n\nSecond.\n");
}

TEST(FrontMatter, DefaultsToDraftAndKeepsAnExplicitSlug) {
  const auto parsed =
      ParseArticleFile("---\ntitle: T\nslug: my-slug\ncategory: C\nauthor: A\n---\nx");
  ASSERT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.input.status, ArticleStatus::kDraft);
  EXPECT_EQ(parsed.input.slug, "my-slug");
}

TEST(FrontMatter, ReportsEveryProblemAsAFieldError) {
  EXPECT_TRUE(HasError(ParseArticleFile("no front matter"), "front matter"));
  EXPECT_TRUE(HasError(ParseArticleFile("---\ntitle: x\n"), "front matter"));
  const auto parsed = ParseArticleFile("---\ntitle:\ncolour: red\nstatus: maybe\nslug: Bad Slug\n---\n");
  EXPECT_TRUE(HasError(parsed, "title"));
  EXPECT_TRUE(HasError(parsed, "front matter"));  // unknown key
  EXPECT_TRUE(HasError(parsed, "status"));
  EXPECT_TRUE(HasError(parsed, "slug"));
  EXPECT_TRUE(HasError(parsed, "category"));
  EXPECT_TRUE(HasError(parsed, "author"));
}

TEST(FrontMatter, EnforcesLengthLimits) {
  const auto parsed = ParseArticleFile("---\ntitle: " + std::string(kMaxTitleLength + 1, 'x') +
                                       "\ncategory: C\nauthor: A\n---\n");
  EXPECT_TRUE(HasError(parsed, "title"));
}

TEST(FrontMatter, StripsControlCharactersThatCouldForgeSlots) {
  const auto parsed =
      ParseArticleFile("---\ntitle: A\x1ev1\x1f B\ncategory: C\nauthor: A\n---\nbody\x1e\x1f");
  ASSERT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.input.title, "Av1 B");
  EXPECT_EQ(parsed.input.body_markdown, "body");
}

}  // namespace
}  // namespace broadsheet::news
