#include "site/error_pages.h"

#include <spdlog/spdlog.h>

#include "site/listing_facts.h"
#include "site/old_address_route.h"
#include "site/page_data.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

// Seconds a reader (or a load balancer) should wait before retrying when the database is down.
constexpr const char* kRetryAfterSeconds = "5";

// Used when even the error template cannot be rendered: no store, no templates.
std::string FallbackPage(int status, const std::string& request_id) {
  return "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Error " +
         std::to_string(status) +
         "</title><h1>Sorry, something went wrong</h1><p>Please try again in a moment.</p>"
         "<p>Reference: " +
         request_id + "</p></html>\n";
}

}  // namespace

http::Response NotFoundPage(const SiteContext& context, const http::Request& request) {
  // An imported site's old address, or one an editor redirected (issue 14).
  if (auto moved = RedirectOldAddress(context, request)) return std::move(*moved);
  TemplateData content;
  content.set("path", request.path);
  // From the listing facts: a flood of 404s costs no store call (issue 9).
  const auto listings = context.listings.Current();
  TemplateData categories{TemplateData::type::list};
  for (const store::Category& category : listings->navigation) {
    TemplateData item;
    item.set("name", category.name);
    item.set("url", CategoryPath(category));
    categories << item;
  }
  content.set("categories", categories);
  TemplateData latest{TemplateData::type::list};
  for (const store::ArticleRow& article : listings->latest) latest << ArticleLink(article);
  content.set("latest", latest);
  PageMeta meta{.title = "Page not found",
                .description = "There is no page at this address.",
                .canonical_path = request.path};
  auto response = http::Response::Html(
      404, RenderPage(context, SiteOrigin(context.settings, request), meta, "not_found", content));
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

http::Response ErrorPage(const SiteContext& context, const http::Request& request, int status) {
  const bool unavailable = status == 503;
  std::string body;
  try {
    TemplateData content;
    content.set("status", std::to_string(status));
    content.set("heading", unavailable ? "We will be back in a moment"
                                       : "Sorry, something went wrong");
    content.set("message", unavailable
                               ? "The newsroom's database is not answering right now. Please "
                                 "try again in a few seconds."
                               : "An error on our side stopped this page. It has been logged.");
    content.set("request_id", request.request_id);
    // Without the navigation, which needs the store: the store may be what failed.
    PageMeta meta{.title = unavailable ? "Temporarily unavailable" : "Error",
                  .canonical_path = request.path,
                  .navigation = false};
    body = RenderPage(context, SiteOrigin(context.settings, request), meta, "error", content);
  } catch (const std::exception&) {
    body = FallbackPage(status, request.request_id);
  }
  auto response = http::Response::Html(status, std::move(body));
  response.SetHeader("Cache-Control", "no-store");
  if (unavailable) response.SetHeader("Retry-After", kRetryAfterSeconds);
  return response;
}

http::Response Guarded(const SiteContext& context, const http::Request& request,
                       const std::function<http::Response()>& handler) {
  try {
    http::Response response = handler();
    if (response.deferred) {
      // The work runs later on the worker pool: guard it there too.
      response.deferred = [&context, copy = http::CopyRequest(request),
                           work = std::move(response.deferred)] {
        return Guarded(context, *copy, work);
      };
    }
    return response;
  } catch (const store::StoreError& error) {
    spdlog::error("request {} {}: store: {}", request.request_id, request.path, error.what());
    return ErrorPage(context, request, error.unavailable() ? 503 : 500);
  } catch (const std::exception& error) {
    spdlog::error("request {} {}: {}", request.request_id, request.path, error.what());
    return ErrorPage(context, request, 500);
  }
}

}  // namespace broadsheet::site
