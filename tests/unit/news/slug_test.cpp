#include "news/slug.h"

#include <gtest/gtest.h>

namespace broadsheet::news {
namespace {

TEST(Slug, LowercasesAndJoinsWordsWithSingleHyphens) {
  EXPECT_EQ(Slugify("Council Approves  Budget!"), "council-approves-budget");
  EXPECT_EQ(Slugify("  --Hello--World--  "), "hello-world");
  EXPECT_EQ(Slugify("The council's plan"), "the-councils-plan");
}

TEST(Slug, FoldsLatinAccentsAndDropsOtherScripts) {
  EXPECT_EQ(Slugify("Tomás Reyes"), "tomas-reyes");
  EXPECT_EQ(Slugify("Café Über"), "cafe-uber");
  EXPECT_EQ(Slugify("日本 news"), "news");
  EXPECT_EQ(Slugify("日本"), "");
}

TEST(Slug, IsCappedAndNeverEndsWithAHyphen) {
  const std::string slug = Slugify(std::string(200, 'a') + " b");
  EXPECT_EQ(slug.size(), kMaxSlugLength);
  EXPECT_TRUE(IsValidSlug(slug));
  EXPECT_TRUE(IsValidSlug(Slugify(std::string(79, 'a') + " bcd")));
}

TEST(Slug, ValidatesShape) {
  EXPECT_TRUE(IsValidSlug("a-b-1"));
  EXPECT_FALSE(IsValidSlug(""));
  EXPECT_FALSE(IsValidSlug("-a"));
  EXPECT_FALSE(IsValidSlug("a--b"));
  EXPECT_FALSE(IsValidSlug("A"));
  EXPECT_FALSE(IsValidSlug("a/b"));
}

}  // namespace
}  // namespace broadsheet::news
