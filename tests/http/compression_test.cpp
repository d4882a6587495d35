// Issue 12: pages in gzip, compressed once per cached page and stitched around the live
// numbers per request. A gzip response inflates to exactly the plain page with the same live
// numbers, and a reader's view is counted the same either way.
#include <gtest/gtest.h>

#include "http/harness/http_client.h"
#include "http/harness/page_text.h"
#include "http/harness/server_process.h"
#include "support/gunzip.h"

namespace broadsheet::testing {
namespace {

const Headers kCrawler = {{"User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)"}};
const Headers kCrawlerGzip = {{"User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)"},
                              {"Accept-Encoding", "gzip, deflate, br"}};

TEST(Compression, AGzipPageInflatesToExactlyThePlainPage) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo", "--set", "cache.max_age_s=3600"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  // A crawler's requests are not counted, so both answers carry the same live numbers.
  const std::string category = "/" + site.OpenStore()->FindArticle(2)->category.slug + "/";
  for (const std::string& path : {ArticlePathOf(site, 2), std::string("/"), category}) {
    const HttpResponse plain = client.Get(path, kCrawler);
    ASSERT_EQ(plain.status, 200) << path;
    EXPECT_EQ(plain.Header("content-encoding"), "") << path;
    EXPECT_EQ(plain.Header("vary"), "Accept-Encoding") << path;
    for (int round = 0; round < 2; ++round) {  // rendered for this request, then cached
      const HttpResponse zipped = client.Get(path, kCrawlerGzip);
      ASSERT_EQ(zipped.status, 200) << path;
      EXPECT_EQ(zipped.Header("content-encoding"), "gzip") << path;
      EXPECT_EQ(zipped.Header("vary"), "Accept-Encoding") << path;
      EXPECT_EQ(zipped.Header("x-cache"), "hit") << path;
      EXPECT_LT(zipped.body.size(), plain.body.size()) << path;
      const auto inflated = Gunzip(zipped.body);
      ASSERT_TRUE(inflated) << path << ": not a valid gzip stream";
      EXPECT_EQ(*inflated, plain.body) << path;
    }
  }
}

TEST(Compression, AReadersViewIsCountedAndShownTheSameInGzip) {
  TestSite site;
  ServerProcess server(site.StoreArgs(), {"--demo"});
  ASSERT_TRUE(server.started());
  HttpClient client(server.port());
  const std::string path = ArticlePathOf(site, 3);
  const std::int64_t first = ViewsShown(client.Get(path).body);
  ASSERT_GT(first, 0);
  const HttpResponse zipped = client.Get(path, {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(zipped.Header("content-encoding"), "gzip");
  const auto inflated = Gunzip(zipped.body);
  ASSERT_TRUE(inflated);
  EXPECT_EQ(ViewsShown(*inflated), first + 1) << "the gzip reader's own view, spliced in";
  EXPECT_EQ(ViewsShown(client.Get(path).body), first + 2);
  // A client that refuses gzip gets the plain page.
  EXPECT_EQ(
      client.Get(path, {{"Accept-Encoding", "gzip;q=0, identity"}}).Header("content-encoding"), "");
}

}  // namespace
}  // namespace broadsheet::testing
