#include "render/comment_text.h"

#include <gtest/gtest.h>

namespace broadsheet::render {
namespace {

TEST(CommentText, EscapesEverythingTheReaderTyped) {
  EXPECT_EQ(CommentHtml("<script>alert('x')</script> & \"q\""),
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST(CommentText, BlankLinesMakeParagraphsAndNewlinesBreaks) {
  EXPECT_EQ(CommentHtml("one\ntwo\n\n\nthree"), "<p>one<br>two</p><p>three</p>");
  EXPECT_EQ(CommentHtml(""), "");
}

TEST(CommentText, WebAddressesBecomeNofollowLinksWithoutTrailingPunctuation) {
  EXPECT_EQ(CommentHtml("see https://example.org/a?b=1&c=2."),
            "<p>see <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc\">"
            "https://example.org/a?b=1&amp;c=2</a>.</p>");
  EXPECT_EQ(CommentHtml("javascript:alert(1) and xhttp://no.example"),
            "<p>javascript:alert(1) and xhttp://no.example</p>");
  EXPECT_EQ(CommentHtml("http://a.example\"onmouseover=\"x"),
            "<p><a href=\"http://a.example\" rel=\"nofollow ugc\">http://a.example</a>"
            "&quot;onmouseover=&quot;x</p>");
}

}  // namespace
}  // namespace broadsheet::render
