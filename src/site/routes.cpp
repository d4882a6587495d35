#include "site/routes.h"

#include <charconv>
#include <optional>
#include <string_view>

#include "site/admin/desk_routes.h"
#include "site/archive_page.h"
#include "site/article_page.h"
#include "site/captcha_routes.h"
#include "site/comment_action.h"
#include "site/error_pages.h"
#include "site/feeds.h"
#include "site/listing_facts.h"
#include "site/listing_pages.h"
#include "site/media_route.h"
#include "site/old_address_route.h"
#include "site/rating_action.h"
#include "site/read_api.h"
#include "site/search_page.h"
#include "site/sitemaps.h"
#include "site/static_files.h"

namespace broadsheet::site {
namespace {

using http::Method;
using http::Request;
using http::Response;

// "/{category}/{id}-{slug}" (or "/{category}/{id}"): the article id, else 0.
std::int64_t ArticleIdIn(std::string_view segment) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
  if (error != std::errc() || id <= 0) return 0;
  if (end != segment.data() + segment.size() && *end != '-') return 0;
  return id;
}

// The pages below "/": the front page, categories and articles.
Response ServeContentPath(const SiteContext& context, const Request& request) {
  const std::string& path = request.path;
  if (path == "/") {
    // WordPress's "/?p=ID" of an imported site.
    if (!request.query.empty()) {
      if (auto moved = RedirectOldAddress(context, request)) return std::move(*moved);
      if (IsImportedSitesAddress(context, request)) return NotFoundPage(context, request);
    }
    return ServeFrontPage(context, request);
  }
  const auto second_slash = path.find('/', 1);
  if (second_slash == std::string::npos) {
    // "/town-hall" -> "/town-hall/" when such a category exists.
    if (context.listings.Current()->FindCategory(path.substr(1))) {
      return Response::Redirect(301, path + "/");
    }
    return NotFoundPage(context, request);
  }
  const std::string_view rest = std::string_view(path).substr(second_slash + 1);
  if (rest.empty()) return ServeCategoryPage(context, request, path.substr(1, second_slash - 1));
  if (FeedFormat format; FeedFormatOf(rest, format)) {
    return ServeFeed(context, request, format, FeedSource::kCategory,
                     path.substr(1, second_slash - 1));
  }
  if (rest.find('/') == std::string_view::npos) {
    // K2's "/item/N-alias" of an imported site is its item N, not our article N.
    if (path.starts_with("/item/")) {
      if (auto moved = RedirectOldAddress(context, request)) return std::move(*moved);
      if (IsImportedSitesAddress(context, request)) return NotFoundPage(context, request);
    }
    if (const auto id = ArticleIdIn(rest)) return ServeArticlePage(context, request, id);
  }
  return NotFoundPage(context, request);
}

// "/tag/{slug}/" and "/author/{slug}/" ("/tag/{slug}" is sent to the address with the
// slash), and their feeds, "/tag/{slug}/feed/" and "/tag/{slug}/atom/".
template <typename Serve>
Response ServeNamedListing(const SiteContext& context, const Request& request,
                           std::string_view prefix, FeedSource source, Serve serve) {
  const std::string_view rest = std::string_view(request.path).substr(prefix.size());
  const auto slash = rest.find('/');
  const std::string slug(rest.substr(0, slash));
  if (slug.empty()) return NotFoundPage(context, request);
  if (slash == std::string_view::npos) return Response::Redirect(301, request.path + "/");
  const std::string_view tail = rest.substr(slash + 1);
  if (tail.empty()) return serve(context, request, slug);
  if (FeedFormat format; FeedFormatOf(tail, format)) {
    return ServeFeed(context, request, format, source, slug);
  }
  return NotFoundPage(context, request);
}

// A number of exactly `digits` digits, else -1.
int FixedDigits(std::string_view text, std::size_t digits) {
  int value = 0;
  if (text.size() != digits) return -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : -1;
}

// "/archive/" (every month) and "/archive/{yyyy}/{mm}/".
Response ServeArchivePath(const SiteContext& context, const Request& request) {
  const std::string_view rest = std::string_view(request.path).substr(std::size("/archive/") - 1);
  if (rest.empty()) return ServeArchiveIndex(context, request);
  // "yyyy/mm/" or "yyyy/mm"
  if (rest.size() == 7 || (rest.size() == 8 && rest.back() == '/')) {
    const int year = FixedDigits(rest.substr(0, 4), 4);
    const int month = rest[4] == '/' ? FixedDigits(rest.substr(5, 2), 2) : -1;
    if (year > 0 && month > 0) {
      if (rest.size() == 7) return Response::Redirect(301, request.path + "/");
      return ServeArchiveMonth(context, request, year, month);
    }
  }
  return NotFoundPage(context, request);
}

// Registers every route; the handlers dereference `site` and `desk` only when called, so
// null pointers give a router that can list its routes but never answer.
void AddRoutes(http::Router& router, const SiteContext* site, const admin::DeskContext* desk) {
  admin::RegisterDeskRoutes(router, desk);
  router.Exact(Method::kGet, "/healthz", [site](const Request& request) {
    return Guarded(*site, request, [&] {
      site->store.ContentVersion();  // the database answers
      auto response = Response::Text(200, "ok\n");
      response.SetHeader("Cache-Control", "no-store");
      return response;
    });
  });
  router.Exact(Method::kGet, "/robots.txt",
               [site](const Request& request) { return ServeRobotsTxt(*site, request); });
  router.Exact(Method::kGet, "/sitemap.xml", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeSitemapIndex(*site, request); });
  });
  router.Exact(Method::kGet, "/sitemap-sections.xml", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeSectionsSitemap(*site, request); });
  });
  router.Exact(Method::kGet, "/sitemap-news.xml", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeNewsSitemap(*site, request); });
  });
  router.Prefix(Method::kGet, "/sitemap-articles-", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeArticleSitemap(*site, request); });
  });
  router.Exact(Method::kGet, "/favicon.ico", [site](const Request&) {
    return Response::Redirect(301, site->static_files.VersionedUrl("favicon.svg"));
  });
  router.Prefix(Method::kGet, "/tag/", [site](const Request& request) {
    return Guarded(*site, request, [&] {
      return ServeNamedListing(*site, request, "/tag/", FeedSource::kTag, ServeTagPage);
    });
  });
  router.Prefix(Method::kGet, "/author/", [site](const Request& request) {
    return Guarded(*site, request, [&] {
      return ServeNamedListing(*site, request, "/author/", FeedSource::kAuthor, ServeAuthorPage);
    });
  });
  router.Prefix(Method::kGet, "/api/v1/", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeReadApi(*site, request); });
  });
  router.Prefix(Method::kOptions, "/api/v1/",
                [](const Request& request) { return ServeReadApiPreflight(request); });
  for (const Method method : {Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    router.Prefix(method, "/api/v1/",
                  [](const Request& request) { return ServeReadApiWrongMethod(request); });
  }
  router.Exact(Method::kGet, "/search", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeSearchPage(*site, request); });
  });
  router.Exact(Method::kGet, "/feed/", [site](const Request& request) {
    return Guarded(*site, request,
                   [&] { return ServeFeed(*site, request, FeedFormat::kRss, FeedSource::kSite); });
  });
  router.Exact(Method::kGet, "/atom/", [site](const Request& request) {
    return Guarded(*site, request,
                   [&] { return ServeFeed(*site, request, FeedFormat::kAtom, FeedSource::kSite); });
  });
  router.Exact(Method::kGet, "/archive",
               [](const Request&) { return Response::Redirect(301, "/archive/"); });
  router.Prefix(Method::kGet, "/archive/", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeArchivePath(*site, request); });
  });
  router.Prefix(Method::kGet, "/static/", [site](const Request& request) {
    return site->static_files.Serve(request);
  });
  router.Prefix(Method::kGet, "/media/", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeMedia(*site, request); });
  });
  router.Exact(Method::kGet, "/captcha/new", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeNewCaptcha(*site, request); });
  });
  router.Exact(Method::kGet, "/captcha/image", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeCaptchaImage(*site, request); });
  });
  router.Exact(Method::kGet, "/captcha/audio", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeCaptchaAudio(*site, request); });
  });
  // A report and a comment check their security code and write durably: on the worker pool.
  router.Suffix(Method::kPost, "/report", [site](const Request& request) {
    return Guarded(*site, request, [&] {
      return Response::Deferred(
          [site, copy = http::CopyRequest(request)] { return ServeCommentReport(*site, *copy); });
    });
  });
  router.Suffix(Method::kPost, "/comments", [site](const Request& request) {
    return Guarded(*site, request, [&] {
      return Response::Deferred(
          [site, copy = http::CopyRequest(request)] { return ServeCommentPost(*site, *copy); });
    });
  });
  router.Suffix(Method::kGet, "/comments", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeCommentsPage(*site, request); });
  });
  router.Suffix(Method::kGet, "/comment", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeCommentFormPage(*site, request); });
  });
  router.Suffix(Method::kPost, "/rating", [site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeRatingPost(*site, request); });
  });
  router.Fallback([site](const Request& request) {
    return Guarded(*site, request, [&] { return ServeContentPath(*site, request); });
  });
}

}  // namespace

void RegisterRoutes(http::Router& router, const SiteContext& context,
                    const admin::DeskContext& desk) {
  AddRoutes(router, &context, &desk);
}

std::vector<std::string> ReservedNames() {
  http::Router router;
  AddRoutes(router, nullptr, nullptr);
  return router.ReservedNames();
}

}  // namespace broadsheet::site
