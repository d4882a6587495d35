#include "render/markdown.h"

#include <gtest/gtest.h>

namespace broadsheet::render {
namespace {

TEST(Markdown, RendersGfm) {
  const std::string html = RenderMarkdown("# T\n\n**b** ~~s~~ https://example.org\n\n|a|b|\n|-|-|\n|1|2|\n");
  EXPECT_NE(html.find("<h1>T</h1>"), std::string::npos);
  EXPECT_NE(html.find("<strong>b</strong>"), std::string::npos);
  EXPECT_NE(html.find("<del>s</del>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://example.org\">"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
}

TEST(Markdown, OmitsRawHtmlAndDangerousLinks) {
  const std::string html = RenderMarkdown(
      "hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
      "[y](VBScript:x) [z](data:text/html;base64,xx)\n\n<div onclick=\"e()\">d</div>\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("onclick"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("VBScript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text"), std::string::npos) << html;
}

TEST(Markdown, TableAlignmentIsAClassNotAnInlineStyle) {
  // The pages' Content-Security-Policy refuses inline styles (issue 9).
  const std::string html = RenderMarkdown("|a|b|c|\n|:-|:-:|-:|\n|1|2|3|\n");
  EXPECT_EQ(html.find("style="), std::string::npos) << html;
  EXPECT_NE(html.find("<th class=\"align-left\">a</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"align-center\">2</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"align-right\">3</td>"), std::string::npos) << html;
}

TEST(Markdown, CountsWords) {
  EXPECT_EQ(CountWords("one two\n\nthree  four"), 4);
  EXPECT_EQ(CountWords(""), 0);
}

}  // namespace
}  // namespace broadsheet::render
