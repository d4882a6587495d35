// Issue 13: numbered pagination, the feeds' and sitemaps' XML escaping, and the dates of
// conditional GET and the read API's `since`.
#include "site/pagination.h"

#include <gtest/gtest.h>

#include "news/calendar.h"
#include "render/xml_text.h"
#include "site/document_cache.h"

namespace broadsheet::site {
namespace {

// The page links as text: "1 … 4 5 [6] 7 8 … 40".
std::string Links(int page, int pages) {
  const std::string base = "/tag/x/";
  auto data = PaginationData(base, page, pages);
  std::string text;
  const auto& links = data.get("page_links")->list_value();
  for (const auto& link : links) {
    if (!text.empty()) text += ' ';
    if (link.get("gap")->is_true()) text += "… ";
    const std::string number = link.get("number")->string_value();
    text += link.get("current")->is_true() ? "[" + number + "]" : number;
  }
  return text;
}

TEST(Pagination, issue_0013_ShowsFirstLastAndTwoEitherSideWithGaps) {
  EXPECT_EQ(Links(1, 1), "[1]");
  EXPECT_EQ(Links(1, 3), "[1] 2 3");
  EXPECT_EQ(Links(6, 40), "1 … 4 5 [6] 7 8 … 40");
  EXPECT_EQ(Links(1, 40), "[1] 2 3 … 40");
  EXPECT_EQ(Links(40, 40), "1 … 38 39 [40]");
  EXPECT_EQ(Links(4, 7), "1 2 3 [4] 5 6 7");
  EXPECT_EQ(PageUrl("/tag/x/", 1), "/tag/x/");
  EXPECT_EQ(PageUrl("/tag/x/", 3), "/tag/x/?page=3");
  EXPECT_EQ(PageUrl("/search?q=cafe", 2), "/search?q=cafe&page=2");
}

TEST(XmlText, issue_0013_EscapesMarkupAndDropsWhatXmlForbids) {
  EXPECT_EQ(render::XmlEscape("a & <b> \"c\" 'd'"), "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;");
  EXPECT_EQ(render::XmlEscape(std::string("x\x01y\tz\n\x1f")), "xy\tz\n");
  EXPECT_EQ(render::XmlEscape("café"), "café");
}

TEST(Dates, issue_0013_HttpDatesAndRfc3339RoundTrip) {
  EXPECT_EQ(HttpDate(1743940800), "Sun, 06 Apr 2025 12:00:00 GMT");
  EXPECT_EQ(ParseHttpDate("Sun, 06 Apr 2025 12:00:00 GMT"), 1743940800);
  EXPECT_FALSE(ParseHttpDate("yesterday"));
  EXPECT_FALSE(ParseHttpDate(""));
  EXPECT_EQ(news::ParseRfc3339("2025-04-06T12:00:00Z"), 1743940800);
  EXPECT_EQ(news::ParseRfc3339("2025-04-06T13:00:00+01:00"), 1743940800);
  EXPECT_EQ(news::ParseRfc3339("2025-04-06T07:30:00.250-04:30"), 1743940800);
  for (const char* bad : {"2025-04-06", "2025-04-06T12:00:00", "2025-13-06T12:00:00Z",
                          "2025-04-06 12:00:00Z", "2025-04-06T12:00:00+1:00", "x",
                          "2025-04-06T12:00:00Z trailing", "2025-04-06T12:00:00.Z"}) {
    EXPECT_FALSE(news::ParseRfc3339(bad)) << bad;
  }
}

}  // namespace
}  // namespace broadsheet::site
