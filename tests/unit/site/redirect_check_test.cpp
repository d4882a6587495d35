// site::CheckRedirect, the one set of rules `broadsheet redirect add|delete` and the back
// office's redirects page apply to what an editor types.
#include <gtest/gtest.h>

#include "site/old_links.h"

namespace broadsheet::site {
namespace {

std::string Fields(const CheckedRedirect& checked) {
  std::string fields;
  for (const news::FieldError& error : checked.errors) fields += error.field + ";";
  return fields;
}

TEST(RedirectCheck, APathOrAFullUrlGivesTheKeyOfItsPathAndQuery) {
  EXPECT_EQ(CheckRedirect("/old/page/", "/new/").key, "/old/page/");
  EXPECT_EQ(CheckRedirect("https://old.example/shop?item=3", "https://shop.example/").key,
            "/shop?item=3");
  EXPECT_EQ(CheckRedirect("http://old.example", "/new/").key, "/");
  EXPECT_EQ(CheckRedirect("/caf%C3%A9/", "/new/").key, "/café/") << "decoded, as requests are";
  EXPECT_TRUE(CheckRedirect("/old/", "https://new.example/x").errors.empty());
  EXPECT_TRUE(CheckRedirectSource("/100%25/").errors.empty());
}

TEST(RedirectCheck, EachMistakeNamesItsField) {
  EXPECT_EQ(Fields(CheckRedirect("not a path", "/x/")), "old;");
  EXPECT_EQ(Fields(CheckRedirect("", "/x/")), "old;");
  EXPECT_EQ(Fields(CheckRedirect("https://old.example?p=1", "/x/")), "old;") << "no path";
  EXPECT_EQ(Fields(CheckRedirect("/x/", "javascript:alert(1)")), "target;");
  EXPECT_EQ(Fields(CheckRedirect("/x/", "//evil.example/")), "target;");
  // Browsers read a backslash after the first slash as a second slash: another host.
  EXPECT_EQ(Fields(CheckRedirect("/x/", "/\\evil.example/")), "target;");
  EXPECT_EQ(Fields(CheckRedirect("/x/", "/a b")), "target;");
  EXPECT_EQ(Fields(CheckRedirect("/x/", "")), "target;");
  EXPECT_EQ(Fields(CheckRedirect("nope", "javascript:x")), "old;target;");
  EXPECT_EQ(Fields(CheckRedirectSource("nope")), "old;");
}

TEST(RedirectCheck, ARedirectToItselfIsRefusedHoweverItIsWritten) {
  for (const auto& [old, target] :
       std::vector<std::pair<std::string, std::string>>{{"/loop/", "/loop/"},
                                                        {"https://old.example/loop/", "/loop/"},
                                                        {"/loop/", "https://old.example/loop/"},
                                                        {"/caf%C3%A9/", "/café/"},
                                                        {"/shop?item=3", "/shop?item=3"}}) {
    SCOPED_TRACE(old + " -> " + target);
    const auto checked = CheckRedirect(old, target);
    ASSERT_EQ(Fields(checked), "target;");
    EXPECT_NE(checked.errors[0].message.find("its own old address"), std::string::npos);
  }
  EXPECT_TRUE(CheckRedirect("/shop?item=3", "/shop?item=4").errors.empty());
}

TEST(RedirectCheck, LongValuesAreRefusedAndNeverRepeatedWhole) {
  const std::string longest = "/" + std::string(kMaxRedirectLength - 1, 'a');
  EXPECT_TRUE(CheckRedirect(longest, "/x/").errors.empty());
  EXPECT_TRUE(CheckRedirect("/x/", longest).errors.empty());
  const auto too_long = CheckRedirect(longest + "a", longest + "b");
  ASSERT_EQ(Fields(too_long), "old;target;");
  for (const auto& error : too_long.errors) {
    EXPECT_NE(error.message.find("longer than 2000 characters"), std::string::npos);
  }
  // A refused value is shown shortened, cut between characters, with control characters
  // replaced: the message is safe on a terminal.
  const std::string message =
      CheckRedirect("x\x1b" + std::string(77, 'e') + "é" + std::string(200, 'e'), "/x/")
          .errors.at(0)
          .message;
  EXPECT_LT(message.size(), 200u);
  EXPECT_NE(message.find("eé…"), std::string::npos) << message;
  EXPECT_NE(message.find("\"x?eee"), std::string::npos) << message;
  EXPECT_EQ(message.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace broadsheet::site
