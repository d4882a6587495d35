#include "site/sitemaps.h"

#include <charconv>

#include "news/calendar.h"
#include "render/xml_text.h"
#include "site/document_cache.h"
#include "site/document_route.h"
#include "site/error_pages.h"
#include "site/listing_facts.h"
#include "site/page_data.h"

namespace broadsheet::site {
namespace {

using render::XmlEscape;

constexpr const char* kXmlType = "application/xml; charset=utf-8";
constexpr const char* kUrlsetOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
// Google News lists articles of the last two days, at most 1,000 of them.
constexpr std::int64_t kNewsWindowSeconds = 2 * 24 * 3600;
constexpr int kNewsMaxArticles = 1000;

std::int64_t FileCount(const SiteContext& context, const ListingSnapshot& listings) {
  const std::int64_t per_file = context.settings.sitemap_urls_per_file;
  return std::max<std::int64_t>(1, (listings.published_total + per_file - 1) / per_file);
}

std::string UrlEntry(const std::string& location, std::int64_t lastmod) {
  std::string entry = "<url><loc>" + XmlEscape(location) + "</loc>";
  if (lastmod > 0) entry += "<lastmod>" + news::IsoTimestamp(lastmod) + "</lastmod>";
  return entry + "</url>\n";
}

}  // namespace

http::Response ServeSitemapIndex(const SiteContext& context, const http::Request& request) {
  return ServeDocument(
      context, request, [&context](const ListingSnapshot& listings, const http::Request& asked) {
        const std::string origin = SiteOrigin(context.settings, asked);
        std::string xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
        const std::int64_t newest =
            listings.latest.empty() ? 0 : listings.latest.front().published_at;
        xml += "<sitemap><loc>" + XmlEscape(origin + "/sitemap-sections.xml") + "</loc>";
        if (newest > 0) xml += "<lastmod>" + news::IsoTimestamp(newest) + "</lastmod>";
        xml += "</sitemap>\n";
        const std::int64_t files = listings.published_total == 0 ? 0 : FileCount(context, listings);
        for (std::int64_t file = 1; file <= files; ++file) {
          // A file's lastmod is its newest publication: the index's own key walk finds it.
          const std::int64_t position = (file - 1) * context.settings.sitemap_urls_per_file;
          const auto first = context.store.ListingKeyAt(store::ListingScope(), position);
          xml += "<sitemap><loc>" +
                 XmlEscape(origin + "/sitemap-articles-" + std::to_string(file) + ".xml") +
                 "</loc>";
          if (first) xml += "<lastmod>" + news::IsoTimestamp(first->published_at) + "</lastmod>";
          xml += "</sitemap>\n";
        }
        xml += "</sitemapindex>\n";
        return MakeDocument(std::move(xml), kXmlType, newest);
      });
}

http::Response ServeSectionsSitemap(const SiteContext& context, const http::Request& request) {
  return ServeDocument(context, request,
                       [&context](const ListingSnapshot& listings, const http::Request& asked) {
                         const std::string origin = SiteOrigin(context.settings, asked);
                         const std::int64_t newest =
                             listings.latest.empty() ? 0 : listings.latest.front().published_at;
                         std::string xml = kUrlsetOpen;
                         xml += UrlEntry(origin + "/", newest);
                         for (const store::Category& category : listings.navigation) {
                           xml += UrlEntry(origin + CategoryPath(category), 0);
                         }
                         xml += UrlEntry(origin + "/archive/", newest);
                         xml += "</urlset>\n";
                         return MakeDocument(std::move(xml), kXmlType, newest);
                       });
}

http::Response ServeArticleSitemap(const SiteContext& context, const http::Request& request) {
  // "/sitemap-articles-12.xml" -> 12
  constexpr std::string_view kPrefix = "/sitemap-articles-";
  const std::string_view path = request.path;
  std::int64_t file = 0;
  const char* digits = path.data() + kPrefix.size();
  const char* end = path.data() + path.size();
  const auto [number_end, error] = std::from_chars(digits, end, file);
  if (error != std::errc() || file < 1 ||
      std::string_view(number_end, end - number_end) != ".xml" || *digits == '0') {
    return NotFoundPage(context, request);
  }
  return ServeDocument(
      context, request,
      [&context, file](const ListingSnapshot& listings,
                       const http::Request& asked) -> std::shared_ptr<Document> {
        const std::string origin = SiteOrigin(context.settings, asked);
        if (listings.published_total == 0 || file > FileCount(context, listings)) {
          return nullptr;
        }
        const std::int64_t per_file = context.settings.sitemap_urls_per_file;
        std::optional<store::ListingKey> after;
        if (file > 1) {
          after = context.store.ListingKeyAt(store::ListingScope(), (file - 1) * per_file - 1);
          if (!after) return nullptr;
        }
        std::string xml = kUrlsetOpen;
        std::int64_t newest = 0;
        for (const auto& article : context.store.ListPublished(store::ListingScope(), after,
                                                               static_cast<int>(per_file))) {
          const std::int64_t changed = std::max(article.updated_at, article.published_at);
          newest = std::max(newest, changed);
          xml += UrlEntry(origin + ArticlePath(article), changed);
        }
        xml += "</urlset>\n";
        return MakeDocument(std::move(xml), kXmlType, newest);
      });
}

http::Response ServeNewsSitemap(const SiteContext& context, const http::Request& request) {
  return ServeDocument(
      context, request, [&context](const ListingSnapshot& listings, const http::Request& asked) {
        const std::string origin = SiteOrigin(context.settings, asked);
        const std::int64_t now = news::UnixNow();
        const SiteIdentity site = IdentityOf(context.settings, listings);
        std::string xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
        std::int64_t newest = 0;
        for (const auto& article : context.store.ListPublished(
                 store::ListingScope::Period(now - kNewsWindowSeconds, now + 1), std::nullopt,
                 kNewsMaxArticles)) {
          newest = std::max(newest, article.published_at);
          xml += "<url><loc>" + XmlEscape(origin + ArticlePath(article)) +
                 "</loc><news:news><news:publication><news:name>" + XmlEscape(site.name) +
                 "</news:name><news:language>" + XmlEscape(site.lang) +
                 "</news:language></news:publication><news:publication_date>" +
                 news::IsoTimestamp(article.published_at) + "</news:publication_date><news:title>" +
                 XmlEscape(article.title) + "</news:title></news:news></url>\n";
        }
        xml += "</urlset>\n";
        auto document = MakeDocument(std::move(xml), kXmlType, newest);
        return document;
      });
}

http::Response ServeRobotsTxt(const SiteContext& context, const http::Request& request) {
  const std::string origin = SiteOrigin(context.settings, request);
  auto response = http::Response::Text(200,
                                       "User-agent: *\nAllow: /\nDisallow: /admin/\n\n"
                                       "Sitemap: " +
                                           origin +
                                           "/sitemap.xml\n"
                                           "Sitemap: " +
                                           origin + "/sitemap-news.xml\n");
  response.SetHeader("Cache-Control", "public, max-age=86400");
  return response;
}

}  // namespace broadsheet::site
