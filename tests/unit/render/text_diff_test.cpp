// The revisions page's difference: paragraphs kept, added, removed or changed word by word,
// and everything escaped.
#include "render/text_diff.h"

#include <gtest/gtest.h>

namespace broadsheet::render {
namespace {

TEST(TextDiff, MarksParagraphsAndWords) {
  const std::string html =
      DiffHtml("Kept.\n\nThe old ferry sails.\n\nGone.", "Kept.\n\nThe new ferry sails.\n\nAdded.");
  EXPECT_NE(html.find("<p class=\"diff-same\">Kept.</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<del>old </del><ins>new </ins>"), std::string::npos) << html;
  EXPECT_NE(html.find("<del>Gone.</del>"), std::string::npos) << html;
  EXPECT_NE(html.find("<ins>Added.</ins>"), std::string::npos) << html;
}

TEST(TextDiff, EscapesWhatItShows) {
  const std::string html = DiffHtml("<b>a</b>", "<script>x</script>");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

TEST(TextDiff, HugeTextsFallBackWithoutBlowingUp) {
  std::string a, b;
  for (int i = 0; i < 3000; ++i) {
    a += "para " + std::to_string(i) + "\n\n";
    b += "other " + std::to_string(i) + "\n\n";
  }
  const std::string html = DiffHtml(a, b);
  // 9 million paragraph pairs: not compared, every old paragraph set against a new one.
  EXPECT_NE(html.find("<del>para </del><ins>other </ins>0</p>"), std::string::npos);
  EXPECT_NE(html.find("<del>para </del><ins>other </ins>2999</p>"), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::render
