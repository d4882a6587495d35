#include "news/crawler.h"

#include <gtest/gtest.h>

namespace broadsheet::news {
namespace {

TEST(Crawler, RecognisesSearchFeedAndAiCrawlers) {
  for (const char* agent :
       {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)", "GPTBot/1.0", "ClaudeBot/1.0", "CCBot/2.0",
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko; "
        "compatible; Bytespider; spider-feedback@bytedance.com)",
        "Feedly/1.0", "facebookexternalhit/1.1", "curl/8.4.0", "python-requests/2.31", ""}) {
    EXPECT_TRUE(IsCrawler(agent)) << agent;
  }
}

TEST(Crawler, LetsBrowsersThrough) {
  for (const char* agent :
       {"Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Safari/537.36 Edg/120.0"}) {
    EXPECT_FALSE(IsCrawler(agent)) << agent;
  }
}

}  // namespace
}  // namespace broadsheet::news
