// Generated documents other than pages (feeds and sitemaps, issue 13): their text, type and
// validators, a conditional GET answered from them (ETag / If-None-Match and Last-Modified /
// If-Modified-Since give 304), and a small cache of them that lives in one ListingSnapshot,
// so every document goes with the content it was made from. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/request.h"
#include "http/response.h"

namespace broadsheet::site {

struct Document {
  std::string body;
  std::string content_type;        // "application/rss+xml; charset=utf-8"
  std::string etag;                // quoted, from the body
  std::int64_t last_modified = 0;  // unix seconds; 0: no Last-Modified
  std::chrono::steady_clock::time_point expires_at;
};

// A document of `body` with its ETag computed.
std::shared_ptr<Document> MakeDocument(std::string body, std::string content_type,
                                       std::int64_t last_modified);

// 200 with the document, or 304 when the request's validators match it (If-None-Match wins
// over If-Modified-Since, as RFC 9110 says). Cacheable by browsers and proxies for
// `max_age_s`, then revalidated.
http::Response DocumentResponse(const Document& document, const http::Request& request,
                                std::int64_t max_age_s);

// "Tue, 01 Dec 2026 04:29:00 GMT" (also RSS's RFC 822 date), and back (nullopt if not one).
std::string HttpDate(std::int64_t unix_seconds);
std::optional<std::int64_t> ParseHttpDate(std::string_view text);

class DocumentCache {
 public:
  // Documents kept at most; past it the cache is emptied (a crawler asking for every tag's
  // feed cannot grow it without bound).
  static constexpr std::size_t kMaxDocuments = 4096;

  // The document under `key` when cached and not expired, else made by `make` (nullptr: no
  // such document, not cached) and kept.
  std::shared_ptr<const Document> FindOrMake(
      const std::string& key, const std::function<std::shared_ptr<Document>()>& make);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Document>> documents_;  // by mutex_
};

}  // namespace broadsheet::site
