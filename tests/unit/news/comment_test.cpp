#include "news/comment.h"

#include <gtest/gtest.h>

namespace broadsheet::news {
namespace {

std::string ErrorFor(const FieldErrors& errors, const std::string& field) {
  for (const auto& error : errors) {
    if (error.field == field) return error.message;
  }
  return {};
}

TEST(CommentForm, AValidFormIsTrimmedAndPasses) {
  CommentForm form{"  Ada  ", " ada@example.org ", "https://ada.example/", "  Hello\r\nthere \x07 "};
  EXPECT_TRUE(NormalizeAndValidate(form).empty());
  EXPECT_EQ(form.name, "Ada");
  EXPECT_EQ(form.email, "ada@example.org");
  EXPECT_EQ(form.body, "Hello\nthere");
}

TEST(CommentForm, EachFieldGetsItsOwnError) {
  CommentForm form{"", "not-an-address", "javascript:alert(1)", ""};
  const FieldErrors errors = NormalizeAndValidate(form);
  EXPECT_NE(ErrorFor(errors, "name"), "");
  EXPECT_NE(ErrorFor(errors, "email"), "");
  EXPECT_NE(ErrorFor(errors, "url"), "");
  EXPECT_NE(ErrorFor(errors, "comment"), "");
  for (const char* url : {"ftp://x.example", "http://", "https://a b.example", "data:text/html,x",
                          "http://x.example/\"onmouseover=1"}) {
    CommentForm with_url{"A", "", url, "b"};
    EXPECT_NE(ErrorFor(NormalizeAndValidate(with_url), "url"), "") << url;
  }
  for (const char* email : {"a@b", "@b.example", "a@@b.example", "<a>@b.example", "a b@c.example"}) {
    CommentForm with_email{"A", email, "", "b"};
    EXPECT_NE(ErrorFor(NormalizeAndValidate(with_email), "email"), "") << email;
  }
}

TEST(CommentForm, TheLimitIsCountedInCharactersAndNeverTruncates) {
  CommentForm at_limit{"A", "", "", std::string(kMaxCommentBodyLength, 'x')};
  EXPECT_TRUE(NormalizeAndValidate(at_limit).empty());
  // 5,000 two-byte characters are 10,000 bytes but within the limit.
  std::string accented;
  for (std::size_t i = 0; i < kMaxCommentBodyLength; ++i) accented += "é";
  CommentForm wide{"A", "", "", accented};
  EXPECT_TRUE(NormalizeAndValidate(wide).empty());
  CommentForm over{"A", "", "", std::string(6000, 'x')};
  EXPECT_NE(ErrorFor(NormalizeAndValidate(over), "comment").find("6000"), std::string::npos);
  EXPECT_EQ(over.body.size(), 6000u);
}

TEST(CommentForm, LinksAndBlockedWordsAreFound) {
  EXPECT_EQ(CountLinks("see http://a.example and HTTPS://b.example and www.c.example"), 3);
  EXPECT_EQ(CountLinks("no links here"), 0);
  const auto blocklist = ParseBlocklist("# comment\n\nCasino\n  cheap pills \n");
  ASSERT_EQ(blocklist.size(), 2u);
  EXPECT_EQ(FindBlockedWord({"A", "", "", "Visit our CASINO"}, blocklist), "casino");
  EXPECT_EQ(FindBlockedWord({"A", "", "", "A fair point"}, blocklist), "");
}

TEST(CommentForm, ModesAndStatusesRoundTripThroughText) {
  EXPECT_EQ(ParseModerationMode("known"), ModerationMode::kKnown);
  EXPECT_FALSE(ParseModerationMode("sometimes"));
  EXPECT_EQ(ParseCommentStatus(ToString(CommentStatus::kSpam)), CommentStatus::kSpam);
}

}  // namespace
}  // namespace broadsheet::news
