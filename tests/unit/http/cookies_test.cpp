#include "http/cookies.h"

#include <gtest/gtest.h>

namespace broadsheet::http {
namespace {

TEST(Cookies, FindsANamedCookieAmongOthers) {
  EXPECT_EQ(CookieValue("a=1; bs_reader=xyz.mac; b=2", "bs_reader"), "xyz.mac");
  EXPECT_EQ(CookieValue("bs_reader=first;bs_reader=second", "bs_reader"), "first");
  EXPECT_EQ(CookieValue("xbs_reader=1", "bs_reader"), std::nullopt);
  EXPECT_EQ(CookieValue("", "bs_reader"), std::nullopt);
  EXPECT_EQ(CookieValue("bs_reader", "bs_reader"), std::nullopt);
}

TEST(Cookies, SetCookieCarriesTheSafeAttributes) {
  EXPECT_EQ(SetCookieValue("bs_reader", "v", {.max_age_s = 60}),
            "bs_reader=v; Max-Age=60; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(SetCookieValue("bs_reader", "v", {.max_age_s = 60, .secure = true}),
            "bs_reader=v; Max-Age=60; Path=/; HttpOnly; SameSite=Lax; Secure");
}

}  // namespace
}  // namespace broadsheet::http
