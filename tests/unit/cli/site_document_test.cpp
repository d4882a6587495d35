// Tests for cli/site_document: what `broadsheet import` accepts, and that what `export` writes
// reads back unchanged.
#include "cli/site_document.h"

#include <gtest/gtest.h>

#include <string>

#include "cli/common.h"

namespace broadsheet::cli {
namespace {

// A document with one article whose update time is `updated_at`.
std::string DocumentUpdatedAt(const std::string& updated_at) {
  return R"({"format": "broadsheet-site", "version": 1,
    "authors": [{"id": 1, "name": "Ana"}],
    "categories": [{"id": 1, "slug": "town-hall", "name": "Town Hall"}],
    "articles": [{"id": 1, "slug": "bridge", "title": "Bridge", "summary": "",
      "status": "published", "author_id": 1, "category_id": 1,
      "published_at": "2026-11-25T21:59:52Z", "updated_at": ")" +
         updated_at + R"(", "views": 0, "crawler_hits": 0, "body_markdown": "Hi"}],
    "daily_views": []})";
}

// Found by the site_document fuzz target: a leap second on 9999-12-31 normalised into year
// 10000, which the export writes with five year digits and the import then refused.
TEST(SiteDocument, issue_0009_ATimestampPastYear9999IsRefusedNotExportedUnreadable) {
  EXPECT_THROW(ReadSiteDocument(DocumentUpdatedAt("9999-12-31T23:59:60Z")), CliError);

  const auto site = ReadSiteDocument(DocumentUpdatedAt("9999-12-31T23:59:59Z"));
  const std::string written = WriteSiteDocument(site);
  EXPECT_NE(written.find("\"9999-12-31T23:59:59Z\""), std::string::npos);
  EXPECT_EQ(WriteSiteDocument(ReadSiteDocument(written)), written);
}

// Found while fuzzing: stars were narrowed to int before the 1-5 check, so 4294967299 came
// in as 3.
TEST(SiteDocument, issue_0009_StarsAreCheckedBeforeTheyAreNarrowed) {
  std::string document = DocumentUpdatedAt("2026-11-25T21:59:52Z");
  document.insert(document.rfind('}'), R"(, "votes": [{"article_id": 1, "reader_id": "r1",
    "stars": 4294967299, "voted_at": "2026-11-26T08:00:00Z"}])");
  EXPECT_THROW(ReadSiteDocument(document), CliError);
  document.replace(document.find("4294967299"), 10, "3");
  EXPECT_EQ(ReadSiteDocument(document).votes.at(0).stars, 3);
}

// Version 3 (issue 11): a document's settings follow the settings page's rules, and its
// pictures name only files the site could have written; what passes reads back unchanged.
TEST(SiteDocument, SettingsAndPicturesFollowTheSameRulesAsTheDesk) {
  const std::string base = DocumentUpdatedAt("2026-11-25T21:59:52Z");
  const auto with = [&](const std::string& extra) {
    std::string document = base;
    document.insert(document.rfind('}'), extra);
    return document;
  };
  const std::string picture =
      R"(, "media": [{"id": 1, "hash": "0123456789abcdef0123456789abcdef", "width": 2000,
      "height": 1000, "widths": WIDTHS, "bytes": 1000, "alt": "Quay", "original_name": "q.jpg",
      "uploaded_by": 0, "uploaded_at": "2026-11-25T21:59:52Z"}])";
  const auto pictured = [&](const std::string& widths) {
    std::string extra = picture;
    extra.replace(extra.find("WIDTHS"), 6, widths);
    return with(extra);
  };
  for (const char* refused : {R"(, "settings": [{"key": "site.lang", "value": "not a tag!"}])",
                              R"(, "settings": [{"key": "comments.moderation", "value": "x"}])",
                              R"(, "settings": [{"key": "no.such.key", "value": "1"}])"}) {
    SCOPED_TRACE(refused);
    EXPECT_THROW(ReadSiteDocument(with(refused)), CliError);
  }
  for (const char* widths : {"[960, 480]", "[480, 480]", "[480, 2400]", "[]", "[0]"}) {
    SCOPED_TRACE(widths);
    EXPECT_THROW(ReadSiteDocument(pictured(widths)), CliError);
  }
  const auto site = ReadSiteDocument(pictured("[480, 960, 1600]"));
  ASSERT_EQ(site.media.size(), 1u);
  EXPECT_EQ(site.media[0].widths, (std::vector<int>{480, 960, 1600}));
  const auto settings =
      ReadSiteDocument(with(R"(, "settings": [{"key": "site.name", "value": "The Quay Courier"},
      {"key": "comments.close_after_days", "value": "14"}])"));
  EXPECT_EQ(settings.settings.size(), 2u);
  const std::string written = WriteSiteDocument(site);
  EXPECT_EQ(WriteSiteDocument(ReadSiteDocument(written)), written);
}

}  // namespace
}  // namespace broadsheet::cli
