// What every public form post on a cached page goes through (DESIGN.md §4a), shared by the
// rating form now and the comment form later: the cross-site check against the site's own
// origin, the reader's identity from the signed cookie (a fresh one when it is missing,
// forged or tampered), the client address's rate-limit key, and the choice between a JSON
// answer (fetch with Accept: application/json) and an HTML one. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "http/form.h"
#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

// The article id in "/{category}/{id}-{slug}{suffix}" (suffix "/rating", "/comments"...), or 0.
std::int64_t ArticleIdBefore(const std::string& path, std::string_view suffix);

// True when the request asks for JSON (Accept names application/json).
bool WantsJson(const http::Request& request);

// True when Origin, Sec-Fetch-Site or Referer shows another site.
bool IsCrossSite(const SiteContext& context, const http::Request& request);

struct Reader {
  std::string id;
  std::string set_cookie;  // a Set-Cookie value when the reader got a fresh identity
};
Reader IdentifyReader(const SiteContext& context, const http::Request& request);
// Adds the reader's Set-Cookie, if any, and marks the answer as never to be cached.
void FinishFormResponse(http::Response& response, const Reader& reader);

// The keyed hash of the client's address (trusted proxies seen through; an IPv6 client by its
// /64): the rate-limit key, and the address key stored with a report.
std::string AddressKey(const SiteContext& context, const http::Request& request);

// What Retry-After says after a 429: the limiter's wait in whole seconds, at least one.
std::string RetryAfterSeconds(std::chrono::seconds retry_after);

// {"error": "..."} with `status`.
http::Response JsonError(int status, const std::string& message);

// The form's body parsed, or why it could not be (the error is for a 400).
struct ParsedForm {
  http::Form form;
  std::string error;
};
ParsedForm ParseFormBody(const http::Request& request);

}  // namespace broadsheet::site
