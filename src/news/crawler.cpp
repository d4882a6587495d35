#include "news/crawler.h"

#include <algorithm>
#include <array>
#include <string>

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

// The fragments say what an agent is within its first this many bytes.
constexpr std::size_t kAgentBytesRead = 512;

bool MatchesAFragment(std::string_view user_agent) {
  // Lowercase once, then plain substring searches.
  char lowered[kAgentBytesRead];
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

}  // namespace

bool IsCrawler(std::string_view user_agent) {
  if (user_agent.empty()) return true;
  user_agent = user_agent.substr(0, kAgentBytesRead);
  // This runs on every article view, and a connection (or a busy browser) sends the same agent
  // again and again: each thread remembers its last verdict, one comparison instead of 40
  // searches.
  thread_local std::string last_agent;
  thread_local bool last_verdict = false;
  if (user_agent != last_agent) {
    last_agent.assign(user_agent);
    last_verdict = MatchesAFragment(user_agent);
  }
  return last_verdict;
}

}  // namespace broadsheet::news
