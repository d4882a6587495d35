#include "render/json_ld.h"

#include <gtest/gtest.h>

namespace broadsheet::render {
namespace {

TEST(JsonLd, EscapesWhatCouldEndTheScriptElement) {
  const std::string json = NewsArticleJsonLd(
      {.headline = "</script><script>alert(1)</script> & \xE2\x80\xA8 \xE2\x80\xA9",
       .author_name = "Tomás"});
  EXPECT_EQ(json.find('<'), std::string::npos) << json;
  EXPECT_EQ(json.find('>'), std::string::npos) << json;
  EXPECT_EQ(json.find('&'), std::string::npos) << json;
  EXPECT_EQ(json.find("\xE2\x80\xA8"), std::string::npos) << json;
  EXPECT_NE(json.find("\\u003c/script\\u003e"), std::string::npos) << json;
  EXPECT_NE(json.find("\\u2028"), std::string::npos) << json;
  EXPECT_NE(json.find("\"@type\":\"NewsArticle\""), std::string::npos) << json;
  EXPECT_NE(json.find("Tomás"), std::string::npos) << json;
}

}  // namespace
}  // namespace broadsheet::render
