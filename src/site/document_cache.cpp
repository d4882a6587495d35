#include "site/document_cache.h"

#include <cstdio>
#include <ctime>

namespace broadsheet::site {
namespace {

// FNV-1a, 64 bits: an ETag only has to change when the body does.
std::uint64_t Fingerprint(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// True when the If-None-Match list names `etag` (or is "*"), weak or strong.
bool NoneMatchNames(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::shared_ptr<Document> MakeDocument(std::string body, std::string content_type,
                                       std::int64_t last_modified) {
  auto document = std::make_shared<Document>();
  char etag[24];
  std::snprintf(etag, sizeof etag, "\"%016llx\"",
                static_cast<unsigned long long>(Fingerprint(body)));
  document->etag = etag;
  document->body = std::move(body);
  document->content_type = std::move(content_type);
  document->last_modified = last_modified;
  return document;
}

std::string HttpDate(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[40];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return text;
}

std::optional<std::int64_t> ParseHttpDate(std::string_view text) {
  if (text.size() > 40) return std::nullopt;
  std::tm tm{};
  const std::string copy(text);
  const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

http::Response DocumentResponse(const Document& document, const http::Request& request,
                                std::int64_t max_age_s) {
  const std::string_view none_match = request.Header("If-None-Match");
  bool not_modified = false;
  if (!none_match.empty()) {
    not_modified = NoneMatchNames(none_match, document.etag);
  } else if (document.last_modified > 0) {
    const auto since = ParseHttpDate(request.Header("If-Modified-Since"));
    not_modified = since && document.last_modified <= *since;
  }
  http::Response response;
  if (not_modified) {
    response.status = 304;
  } else {
    response.status = 200;
    response.body = document.body;
    response.SetHeader("Content-Type", document.content_type);
  }
  response.SetHeader("ETag", document.etag);
  if (document.last_modified > 0) {
    response.SetHeader("Last-Modified", HttpDate(document.last_modified));
  }
  response.SetHeader("Cache-Control", "public, max-age=" + std::to_string(max_age_s));
  return response;
}

std::shared_ptr<const Document> DocumentCache::FindOrMake(
    const std::string& key, const std::function<std::shared_ptr<Document>()>& make) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    const auto it = documents_.find(key);
    if (it != documents_.end() && it->second->expires_at > now) return it->second;
  }
  // Made outside the lock: two requests may both make it, and both results are right.
  std::shared_ptr<const Document> made = make();
  if (!made) return nullptr;
  std::lock_guard lock(mutex_);
  if (documents_.size() >= kMaxDocuments) documents_.clear();
  documents_.insert_or_assign(key, made);
  return made;
}

}  // namespace broadsheet::site
