#include "news/crawler.h"

#include <array>
#include <cctype>

namespace broadsheet::news {
namespace {

// Lowercase fragments. Generic words first (they catch most), then named agents whose
// User-Agent string does not contain one of them.
constexpr std::array<std::string_view, 40> kCrawlerFragments = {
    "bot",          "crawl",        "spider",       "slurp",        "scrape",
    "fetch",        "feed",         "rss",          "preview",      "monitor",
    "gptbot",       "chatgpt",      "claude",       "anthropic",    "ccbot",
    "bytespider",   "perplexity",   "google-extended", "facebookexternalhit", "meta-external",
    "ia_archiver",  "archive.org",  "yandex",       "baiduspider",  "duckduckgo",
    "applebot",     "petalbot",     "semrush",      "ahrefs",       "mj12",
    "curl/",        "wget/",        "python-requests", "python-urllib", "go-http-client",
    "java/",        "okhttp",       "libwww",       "httpclient",   "headlesschrome",
};

bool ContainsLowercase(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() &&
           std::tolower(static_cast<unsigned char>(haystack[i + j])) == needle[j]) {
      ++j;
    }
    if (j == needle.size()) return true;
  }
  return false;
}

}  // namespace

bool IsCrawler(std::string_view user_agent) {
  if (user_agent.empty()) return true;
  for (std::string_view fragment : kCrawlerFragments) {
    if (ContainsLowercase(user_agent, fragment)) return true;
  }
  return false;
}

}  // namespace broadsheet::news
