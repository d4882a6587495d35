#include "http/request_target.h"

#include <gtest/gtest.h>

#include "http/request.h"

namespace broadsheet::http {
namespace {

TEST(RequestTarget, SplitsAndDecodes) {
  const auto target = ParseTarget("/town-hall/12-caf%C3%A9?page=2&x=%20");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/town-hall/12-café");
  EXPECT_EQ(target->query, "page=2&x=%20");
}

TEST(RequestTarget, RefusesTricks) {
  for (const char* bad : {"", "x", "http://a/b", "/../etc/passwd", "/a/./b", "/a/%2e%2e/b",
                          "/%zz", "/%4", "/%", "/a%00b", "/a%0Ab", "/a\\b"}) {
    EXPECT_FALSE(ParseTarget(bad)) << bad;
  }
  EXPECT_TRUE(ParseTarget("/a/..b/c"));
}

TEST(RequestTarget, QueryParametersDecodePlusAndPercent) {
  Request request;
  request.query = "q=a+b%21&page=3&empty&page=4";
  EXPECT_EQ(request.QueryParam("q"), "a b!");
  EXPECT_EQ(request.QueryParam("page"), "3");
  EXPECT_EQ(request.QueryParam("empty"), "");
  EXPECT_FALSE(request.QueryParam("none"));
}

}  // namespace
}  // namespace broadsheet::http
