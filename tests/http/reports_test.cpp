// Issue 9, defect 2: anyone could hide any comment with three cookie-less reports, and hide it
// again after an editor approved it. A report now counts once per reader and once per address
// key, reports are rate limited per address, an editor's approval stands, and stored address
// keys are forgotten after [privacy] address_days. Runs on both stores.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/harness/comment_forms.h"
#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "news/calendar.h"
#include "security/client_address.h"
#include "security/site_key.h"

namespace broadsheet::testing {
namespace {

// Posts one comment and returns its id.
std::string PostedCommentId(HttpClient& client, const TestSite& site, const std::string& path,
                            const std::string& text) {
  const HttpResponse posted = Post(client, path, Comment(client, site, "Target", text));
  EXPECT_EQ(posted.status, 201) << posted.body;
  return std::to_string(boost::json::parse(posted.body).at("id").as_int64());
}

HttpResponse Report(HttpClient& client, const std::string& id, const Headers& extra = {}) {
  Headers headers = {{"Accept", "application/json"}};
  headers.insert(headers.end(), extra.begin(), extra.end());
  return client.Request("POST", "/comments/" + id + "/report", headers);
}

TEST(Reports, issue_0009_ThreeCookielessReportsFromOneMachineDoNotHideAComment) {
  TestSite site;
  // Only keys older builds know, so this test can be run against them too.
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "comments.min_fill_ms=0"});
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 4);
  HttpClient client(server.port());
  const std::string id = PostedCommentId(client, site, path, "Nothing wrong with this.");
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Report(client, id).status, 200);
  const auto comment = site.OpenStore()->FindComment(std::stoll(id));
  EXPECT_EQ(comment->reports, 1);
  EXPECT_EQ(comment->status, news::CommentStatus::kApproved);
  EXPECT_NE(client.Get(path).body.find("Nothing wrong with this."), std::string::npos);
}

TEST(Reports, issue_0009_AnEditorsApprovalStandsAgainstLaterReports) {
  TestSite site;
  // Behind a trusted proxy, so each report can come from an address of its own.
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "comments.min_fill_ms=0", "--set",
                                          "server.trusted_proxies=127.0.0.1"});
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 6);
  HttpClient client(server.port());
  const std::string id = PostedCommentId(client, site, path, "A fair point, fairly made.");
  for (int i = 1; i <= 3; ++i) {
    Report(client, id, {{"X-Forwarded-For", "198.51.100." + std::to_string(i)}});
  }
  ASSERT_EQ(site.OpenStore()->FindComment(std::stoll(id))->status, news::CommentStatus::kPending);
  ASSERT_EQ(site.Cli({"comments", "approve", id}).exit_code, 0);
  ASSERT_TRUE(PollUntil(
      [&] { return client.Get(path).body.find("A fair point, fairly made.") != std::string::npos; },
      std::chrono::seconds(20)));

  // As many reports again, from three more readers and addresses: recorded, never hiding it.
  for (int i = 4; i <= 6; ++i) {
    EXPECT_EQ(Report(client, id, {{"X-Forwarded-For", "198.51.100." + std::to_string(i)}}).status,
              200);
  }
  const auto comment = site.OpenStore()->FindComment(std::stoll(id));
  EXPECT_EQ(comment->status, news::CommentStatus::kApproved);
  EXPECT_EQ(comment->reports, 3);  // recorded for the editor, counted from the approval
  EXPECT_NE(site.Cli({"comments", "list", "--reported"}).out.find("Target"), std::string::npos);
  EXPECT_NE(client.Get(path).body.find("A fair point, fairly made."), std::string::npos);
}

TEST(Reports, AreLimitedPerAddress) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "comments.min_fill_ms=0", "--set",
                                          "comments.reports_per_address=2"});
  ASSERT_TRUE(server.started());
  const std::string path = ArticlePathOf(site, 7);
  HttpClient client(server.port());
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i)
    ids.push_back(PostedCommentId(client, site, path, "Comment " + std::to_string(i)));
  EXPECT_EQ(Report(client, ids[0]).status, 200);
  EXPECT_EQ(Report(client, ids[1]).status, 200);
  const HttpResponse third = Report(client, ids[2]);
  EXPECT_EQ(third.status, 429);
  EXPECT_FALSE(third.Header("retry-after").empty());
  EXPECT_EQ(site.OpenStore()->FindComment(std::stoll(ids[2]))->reports, 0);
}

TEST(Reports, StoredAddressKeysAreForgottenAfterTheRetention) {
  TestSite site;
  std::string id;
  {
    ServerProcess seed(site.StoreArgs(), {"--demo", "--set", "comments.min_fill_ms=0"});
    ASSERT_TRUE(seed.started());
    HttpClient client(seed.port());
    id = PostedCommentId(client, site, ArticlePathOf(site, 9), "Reported long ago.");
  }
  // A report from 127.0.0.1 made 40 days ago, stored as the server stores it: under the
  // address's keyed hash.
  const security::ClientAddresses addresses("", security::ForwardedHeader::kXForwardedFor,
                                            security::SiteKey::Load(site.File("site.key")));
  const auto old = site.OpenStore()->ReportComment(std::stoll(id), "a-reader-of-long-ago",
                                                   addresses.RateLimitKey("127.0.0.1"), 3,
                                                   news::UnixNow() - 40 * 86400);
  ASSERT_TRUE(old.counted);
  {
    // Kept for ten years: a new reader from that address does not count again.
    ServerProcess keeping(site.StoreArgs(), {"--set", "privacy.address_days=3650"});
    ASSERT_TRUE(keeping.started());
    HttpClient client(keeping.port());
    EXPECT_NE(Report(client, id).body.find("\"counted\":false"), std::string::npos);
  }
  // Kept for 30 days: the background task forgets the key, and the address may report again.
  // Every poll below is a report: the per-address allowance must not run out first.
  ServerProcess forgetting(site.StoreArgs(), {"--set", "privacy.address_days=30", "--set",
                                              "comments.reports_per_address=1000000"});
  ASSERT_TRUE(forgetting.started());
  HttpClient client(forgetting.port());
  EXPECT_TRUE(PollUntil(
      [&] { return Report(client, id).body.find("\"counted\":true") != std::string::npos; },
      std::chrono::seconds(30)));
}

}  // namespace
}  // namespace broadsheet::testing
