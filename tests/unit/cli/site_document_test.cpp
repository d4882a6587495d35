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
  // Pictures come before the articles, where export writes them.
  const std::string picture =
      R"("media": [{"id": 1, "hash": "0123456789abcdef0123456789abcdef", "width": 2000,
      "height": 1000, "widths": WIDTHS, "bytes": 1000, "alt": "Quay", "original_name": "q.jpg",
      "uploaded_by": 0, "uploaded_at": "2026-11-25T21:59:52Z"}],
    )";
  const auto pictured = [&](const std::string& widths) {
    std::string document = base;
    std::string extra = picture;
    extra.replace(extra.find("WIDTHS"), 6, widths);
    document.insert(document.find("\"articles\""), extra);
    return document;
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

std::string RefusalOf(const std::string& document) {
  try {
    ReadSiteDocument(document);
  } catch (const CliError& error) {
    return error.what();
  }
  return "accepted";
}

// Issue 14: the document streams, so its lists must come in the order export writes them
// (every Broadsheet version has written them so); a refusal names the line of the record.
TEST(SiteDocument, issue_0014_ListsComeInExportOrderAndARefusalNamesItsLine) {
  const std::string base = DocumentUpdatedAt("2026-11-25T21:59:52Z");
  std::string reordered = base;
  reordered.erase(reordered.find(",\n    \"daily_views\": []"));
  reordered.insert(reordered.find("\"articles\""), "\"daily_views\": [], ");
  reordered += "}";
  EXPECT_NE(RefusalOf(reordered).find("'articles' must come before 'daily_views'"),
            std::string::npos)
      << RefusalOf(reordered);

  std::string unknown_author = base;
  unknown_author.replace(unknown_author.find("\"author_id\": 1"), 14, "\"author_id\": 9");
  EXPECT_EQ(RefusalOf(unknown_author),
            "line 4, column 18: article 1: names an author or category the document does not "
            "have");

  std::string extra_list = base;
  extra_list.insert(extra_list.rfind('}'), R"(, "from_a_later_build": [{"x": [1, {"y": 2}]}])");
  EXPECT_EQ(RefusalOf(extra_list), "accepted");
  EXPECT_NE(RefusalOf(R"({"authors": [], "format": "broadsheet-site", "version": 4})")
                .find("not a Broadsheet export"),
            std::string::npos);
  EXPECT_NE(RefusalOf(base.substr(0, base.size() - 20)).find("not a JSON document: line 7"),
            std::string::npos)
      << RefusalOf(base.substr(0, base.size() - 20));
}

// Votes are checked one per reader and article without holding every vote: an article's
// votes come together, as export writes them.
TEST(SiteDocument, issue_0014_AnArticlesVotesComeTogetherAndOncePerReader) {
  const auto with_votes = [](const std::string& votes) {
    std::string document = DocumentUpdatedAt("2026-11-25T21:59:52Z");
    const std::string second_article = R"(, {"id": 2, "slug": "quay", "title": "Quay",
      "summary": "", "status": "published", "author_id": 1, "category_id": 1,
      "published_at": null, "updated_at": null, "views": 0, "crawler_hits": 0,
      "body_markdown": "Hi"}])";
    document.replace(document.find("}],\n    \"daily_views\""), 2, "}" + second_article);
    document.insert(document.rfind('}'), ", \"votes\": [" + votes + "]");
    return document;
  };
  const auto vote = [](int article, const char* reader) {
    return "{\"article_id\": " + std::to_string(article) + ", \"reader_id\": \"" + reader +
           "\", \"stars\": 4, \"voted_at\": null}";
  };
  EXPECT_EQ(RefusalOf(with_votes(vote(1, "r1") + "," + vote(1, "r2") + "," + vote(2, "r1"))),
            "accepted");
  EXPECT_NE(RefusalOf(with_votes(vote(1, "r1") + "," + vote(1, "r1"))).find("one vote per reader"),
            std::string::npos);
  EXPECT_NE(RefusalOf(with_votes(vote(1, "r1") + "," + vote(2, "r1") + "," + vote(1, "r2")))
                .find("an article's votes come together"),
            std::string::npos);
}

}  // namespace
}  // namespace broadsheet::cli
