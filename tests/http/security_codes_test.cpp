// Issue 9, defects 5 and 6: security codes used to be drawn for expired tokens, fetched
// without limit, drawn on the I/O thread, and minted in bulk on one machine to be spent from
// many. Runs on both stores.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/harness/comment_forms.h"
#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"

namespace broadsheet::testing {
namespace {

std::string ImageToken(HttpClient& client, const Headers& headers = {}) {
  const HttpResponse answer = client.Get("/captcha/new?kind=image", headers);
  EXPECT_EQ(answer.status, 200) << answer.body;
  return std::string(boost::json::parse(answer.body).at("token").as_string());
}

TEST(SecurityCodes, issue_0009_AnExpiredCodeIsNeitherDrawnNorSpoken) {
  TestSite site;
  // Every poll below fetches the image: the per-address allowance must not run out first.
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "comments.token_ttl_s=1", "--set",
                                          "captcha.per_address=1000000"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string token = ImageToken(client);
  EXPECT_TRUE(PollUntil([&] { return client.Get("/captcha/image?token=" + token).status == 410; },
                        std::chrono::seconds(30)));
  EXPECT_EQ(client.Get("/captcha/audio?token=" + token).status, 410);
}

TEST(SecurityCodes, issue_0009_AreLimitedPerAddressAcrossNewImageAndAudio) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "captcha.per_address=5"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string token = ImageToken(client);                        // 1
  EXPECT_EQ(client.Get("/captcha/image?token=" + token).status, 200);  // 2
  EXPECT_EQ(client.Get("/captcha/audio?token=" + token).status, 200);  // 3
  EXPECT_EQ(client.Get("/captcha/new").status, 200);                   // 4
  EXPECT_EQ(client.Get("/captcha/image?token=" + token).status, 200);  // 5
  const HttpResponse over = client.Get("/captcha/new");
  EXPECT_EQ(over.status, 429);
  EXPECT_FALSE(over.Header("retry-after").empty());
  EXPECT_EQ(client.Get("/captcha/image?token=" + token).status, 429);
  EXPECT_EQ(client.Get("/").status, 200);  // pages are not affected
}

TEST(SecurityCodes, issue_0009_ACodeWorksOnlyFromTheAddressThatFetchedIt) {
  TestSite site;
  // The test client plays a trusted proxy, so each request can say which address it is from.
  ServerProcess server(site.StoreArgs(), Relaxed({"--set", "server.trusted_proxies=127.0.0.1"}));
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const Headers minted_at = {{"X-Forwarded-For", "198.51.100.1"}};
  const Headers elsewhere = {{"X-Forwarded-For", "203.0.113.50"}};
  const std::string token = ImageToken(client, minted_at);
  EXPECT_EQ(client.Get("/captcha/image?token=" + token, elsewhere).status, 404);
  EXPECT_EQ(client.Get("/captcha/image?token=" + token, minted_at).status, 200);

  const std::string path = ArticlePathOf(site, 5);
  const auto fields = [&](const std::string& spent) {
    const security::CaptchaSealer sealer(security::SiteKey::Load(site.File("site.key")));
    return Fields{{"name", "Far Away"},
                  {"comment", "From another address."},
                  {"captcha_token", spent},
                  {"captcha_answer", sealer.Open(spent)->answer}};
  };
  const HttpResponse moved = Post(client, path, fields(token), elsewhere);
  EXPECT_EQ(moved.status, 422);
  EXPECT_NE(FieldError(moved, "captcha").find("another network address"), std::string::npos)
      << moved.body;
  const HttpResponse home = Post(client, path, fields(ImageToken(client, minted_at)), minted_at);
  EXPECT_EQ(home.status, 201) << home.body;
}

TEST(SecurityCodes, TheProofOfWorkDefaultCostsAPhoneAboutASecond) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo"});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(site.Cli({"settings", "set", "captcha.kind", "pow"}).exit_code, 0);
  HttpClient client(server.port());
  std::int64_t max_number = 0;
  ASSERT_TRUE(PollUntil(
      [&] {
        const auto json = boost::json::parse(client.Get("/captcha/new").body);
        if (json.at("kind").as_string() != "pow") return false;
        max_number = json.at("max_number").as_int64();
        return true;
      },
      std::chrono::seconds(20)));
  // docs/SECURITY.md: a tenth of this machine's Chromium rate (2.7 million hashes a second,
  // bench/pow_rate.mjs) searches 250,000 hashes on average in about a second.
  EXPECT_EQ(max_number, 500'000);
}

}  // namespace
}  // namespace broadsheet::testing
