#include "news/crawler.h"

#include <algorithm>
#include <array>

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

}  // namespace

bool IsCrawler(std::string_view user_agent) {
  if (user_agent.empty()) return true;
  // Lowercase once (bounded: the fragments say what an agent is within its first 512 bytes),
  // then plain substring searches; this runs on every article view.
  char lowered[512];
  const std::size_t length = std::min(user_agent.size(), sizeof lowered);
  for (std::size_t i = 0; i < length; ++i) {
    const char c = user_agent[i];
    lowered[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view agent(lowered, length);
  for (std::string_view fragment : kCrawlerFragments) {
    if (agent.find(fragment) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace broadsheet::news
