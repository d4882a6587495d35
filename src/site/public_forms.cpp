#include "site/public_forms.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <charconv>

#include "http/cookies.h"
#include "security/cross_site.h"

namespace broadsheet::site {
namespace {

constexpr int kReaderCookieMaxAgeS = 365 * 24 * 3600;

}  // namespace

std::int64_t ArticleIdBefore(const std::string& path, std::string_view suffix) {
  if (!path.ends_with(suffix) || path.size() < 2) return 0;
  const std::string_view article = std::string_view(path).substr(0, path.size() - suffix.size());
  const auto category_end = article.find('/', 1);
  if (category_end == std::string_view::npos || category_end == 1) return 0;
  const std::string_view segment = article.substr(category_end + 1);
  if (segment.find('/') != std::string_view::npos) return 0;
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
  if (error != std::errc() || id <= 0) return 0;
  if (end != segment.data() + segment.size() && *end != '-') return 0;
  return id;
}

bool WantsJson(const http::Request& request) {
  return request.Header("Accept").find("application/json") != std::string_view::npos;
}

bool IsCrossSite(const SiteContext& context, const http::Request& request) {
  return security::IsCrossSiteRequest(request.Header("Origin"), request.Header("Sec-Fetch-Site"),
                                      request.Header("Referer"),
                                      SiteOrigin(context.settings, request));
}

Reader IdentifyReader(const SiteContext& context, const http::Request& request) {
  const auto value = http::CookieValue(request.Header("Cookie"), security::kReaderCookieName);
  if (value) {
    if (auto id = context.guards.readers.Verify(*value)) return Reader{std::move(*id), ""};
  }
  // Missing, forged or tampered: a new reader, never the id the cookie claimed.
  auto issued = context.guards.readers.Issue();
  const bool secure = request.https;  // [site] url is https, or a trusted proxy said so
  return Reader{std::move(issued.reader_id),
                http::SetCookieValue(security::kReaderCookieName, issued.value,
                                     {.max_age_s = kReaderCookieMaxAgeS, .secure = secure})};
}

void FinishFormResponse(http::Response& response, const Reader& reader) {
  if (!reader.set_cookie.empty()) response.headers.emplace_back("Set-Cookie", reader.set_cookie);
  response.SetHeader("Cache-Control", "no-store");
}

std::string AddressKey(const SiteContext& context, const http::Request& request) {
  // The request gate resolved the client behind trusted proxies; otherwise it is the peer.
  return context.guards.addresses.RateLimitKey(
      request.client_address.empty() ? request.remote_address : request.client_address);
}

std::string RetryAfterSeconds(std::chrono::seconds retry_after) {
  return std::to_string(std::max<std::int64_t>(1, retry_after.count()));
}

http::Response JsonError(int status, const std::string& message) {
  boost::json::object body{{"error", message}};
  http::Response response;
  response.status = status;
  response.body = boost::json::serialize(body) + "\n";
  response.SetHeader("Content-Type", "application/json");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

ParsedForm ParseFormBody(const http::Request& request) {
  const std::string_view type = request.Header("Content-Type");
  if (!type.empty() && !type.starts_with("application/x-www-form-urlencoded")) {
    return {{}, "The form must be sent as application/x-www-form-urlencoded."};
  }
  auto parsed = http::ParseUrlEncodedForm(request.body);
  if (!parsed.error.empty()) return {{}, "The form could not be read: " + parsed.error};
  return {std::move(parsed.form), ""};
}

}  // namespace broadsheet::site
