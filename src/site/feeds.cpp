#include "site/feeds.h"

#include <algorithm>
#include <optional>

#include "news/calendar.h"
#include "render/comment_text.h"
#include "render/xml_text.h"
#include "site/document_cache.h"
#include "site/document_route.h"
#include "site/error_pages.h"
#include "site/listing_facts.h"
#include "site/page_data.h"

namespace broadsheet::site {
namespace {

using render::XmlEscape;

// What a feed follows, found from its address.
struct FeedListing {
  store::ListingScope scope;
  std::string title;  // "The Gazette", "The Gazette: Ferries"
  std::string description;
  std::string html_path;  // the listing page the feed follows
};

std::optional<FeedListing> FindFeedListing(const SiteContext& context,
                                           const ListingSnapshot& listings, FeedSource source,
                                           const std::string& slug) {
  const SiteIdentity site = IdentityOf(context.settings, listings);
  switch (source) {
    case FeedSource::kSite:
      return FeedListing{{}, site.name, site.tagline.empty() ? site.name : site.tagline, "/"};
    case FeedSource::kCategory: {
      const auto category = listings.FindCategory(slug);
      if (!category) return std::nullopt;
      return FeedListing{store::ListingScope(category->id), site.name + ": " + category->name,
                         "The latest " + category->name + " news from " + site.name + ".",
                         CategoryPath(*category)};
    }
    case FeedSource::kTag: {
      const auto tag = context.store.FindTagBySlug(slug);
      if (!tag) return std::nullopt;
      return FeedListing{store::ListingScope::Tag(tag->id), site.name + ": " + tag->name,
                         "Articles tagged “" + tag->name + "” on " + site.name + ".",
                         TagPath(*tag)};
    }
    case FeedSource::kAuthor: {
      const auto author = context.store.FindAuthorBySlug(slug);
      if (!author) return std::nullopt;
      return FeedListing{store::ListingScope::Author(author->id), site.name + ": " + author->name,
                         "Articles by " + author->name + " on " + site.name + ".",
                         AuthorPath(*author)};
    }
  }
  return std::nullopt;
}

// Feed readers show a body away from the site: its own addresses ("/media/...") made absolute.
std::string AbsoluteLinks(const std::string& html, const std::string& origin) {
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    out += html[i];
    const bool attribute_start = html[i] == '"' && i >= 1 && html[i - 1] == '=';
    if (attribute_start && i + 1 < html.size() && html[i + 1] == '/' &&
        (i + 2 >= html.size() || html[i + 2] != '/')) {
      out += origin;
    }
  }
  return out;
}

// The feed's articles with their bodies and tags (listings carry neither).
std::vector<store::ArticleRow> FeedArticles(const SiteContext& context,
                                            const store::ListingScope& scope) {
  std::vector<store::ArticleRow> articles;
  for (const auto& row :
       context.store.ListPublished(scope, std::nullopt, context.settings.feed_items)) {
    if (auto full = context.store.FindArticle(row.id)) articles.push_back(std::move(*full));
  }
  return articles;
}

std::int64_t NewestChange(const std::vector<store::ArticleRow>& articles) {
  std::int64_t newest = 0;
  for (const auto& article : articles) {
    newest = std::max({newest, article.updated_at, article.published_at});
  }
  return newest;
}

std::string RssDocument(const SiteContext& context, const FeedListing& listing,
                        const std::vector<store::ArticleRow>& articles, const std::string& origin,
                        const std::string& self_url, const std::string& lang) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
      " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n";
  xml += "<title>" + XmlEscape(listing.title) + "</title>\n";
  xml += "<link>" + XmlEscape(origin + listing.html_path) + "</link>\n";
  xml += "<description>" + XmlEscape(listing.description) + "</description>\n";
  xml += "<language>" + XmlEscape(lang) + "</language>\n";
  xml += "<generator>Broadsheet</generator>\n";
  if (!articles.empty()) {
    xml += "<lastBuildDate>" + HttpDate(NewestChange(articles)) + "</lastBuildDate>\n";
  }
  xml += "<atom:link href=\"" + XmlEscape(self_url) +
         "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  for (const auto& article : articles) {
    const std::string url = origin + ArticlePath(article);
    xml += "<item>\n<title>" + XmlEscape(article.title) + "</title>\n";
    xml += "<link>" + XmlEscape(url) + "</link>\n";
    xml += "<guid isPermaLink=\"true\">" + XmlEscape(url) + "</guid>\n";
    xml += "<pubDate>" + HttpDate(article.published_at) + "</pubDate>\n";
    xml += "<dc:creator>" + XmlEscape(article.author.name) + "</dc:creator>\n";
    xml += "<category>" + XmlEscape(article.category.name) + "</category>\n";
    for (const auto& tag : article.tags)
      xml += "<category>" + XmlEscape(tag.name) + "</category>\n";
    xml += "<description>" + XmlEscape(article.summary) + "</description>\n";
    if (context.settings.feed_full_text) {
      xml += "<content:encoded>" + XmlEscape(AbsoluteLinks(article.body_html, origin)) +
             "</content:encoded>\n";
    }
    xml += "</item>\n";
  }
  xml += "</channel>\n</rss>\n";
  return xml;
}

std::string AtomDocument(const SiteContext& context, const FeedListing& listing,
                         const std::vector<store::ArticleRow>& articles, const std::string& origin,
                         const std::string& self_url, const std::string& lang) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xml:lang=\"" +
      XmlEscape(lang) + "\">\n";
  xml += "<title>" + XmlEscape(listing.title) + "</title>\n";
  xml += "<subtitle>" + XmlEscape(listing.description) + "</subtitle>\n";
  xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" +
         XmlEscape(origin + listing.html_path) + "\"/>\n";
  xml +=
      "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + XmlEscape(self_url) + "\"/>\n";
  xml += "<id>" + XmlEscape(self_url) + "</id>\n";
  // An empty feed still needs a time: the epoch says "never".
  xml += "<updated>" + news::IsoTimestamp(NewestChange(articles)) + "</updated>\n";
  xml += "<generator>Broadsheet</generator>\n";
  for (const auto& article : articles) {
    const std::string url = origin + ArticlePath(article);
    xml += "<entry>\n<title>" + XmlEscape(article.title) + "</title>\n";
    xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(url) + "\"/>\n";
    xml += "<id>" + XmlEscape(url) + "</id>\n";
    xml += "<published>" + news::IsoTimestamp(article.published_at) + "</published>\n";
    xml += "<updated>" + news::IsoTimestamp(std::max(article.updated_at, article.published_at)) +
           "</updated>\n";
    xml += "<author><name>" + XmlEscape(article.author.name) + "</name><uri>" +
           XmlEscape(origin + AuthorPath(article.author)) + "</uri></author>\n";
    xml += "<category term=\"" + XmlEscape(article.category.slug) + "\" label=\"" +
           XmlEscape(article.category.name) + "\"/>\n";
    for (const auto& tag : article.tags) {
      xml += "<category term=\"" + XmlEscape(tag.slug) + "\" label=\"" + XmlEscape(tag.name) +
             "\"/>\n";
    }
    xml += "<summary>" + XmlEscape(article.summary) + "</summary>\n";
    if (context.settings.feed_full_text) {
      xml += "<content type=\"html\">" + XmlEscape(AbsoluteLinks(article.body_html, origin)) +
             "</content>\n";
    }
    xml += "</entry>\n";
  }
  xml += "</feed>\n";
  return xml;
}

std::shared_ptr<Document> MakeFeed(const SiteContext& context, const ListingSnapshot& listings,
                                   const http::Request& request, FeedFormat format,
                                   FeedSource source, const std::string& slug) {
  const auto listing = FindFeedListing(context, listings, source, slug);
  if (!listing) return nullptr;
  const std::string origin = SiteOrigin(context.settings, request);
  const std::string self_url = origin + request.path;
  const std::string lang = IdentityOf(context.settings, listings).lang;
  const auto articles = FeedArticles(context, listing->scope);
  auto document =
      format == FeedFormat::kRss
          ? MakeDocument(RssDocument(context, *listing, articles, origin, self_url, lang),
                         "application/rss+xml; charset=utf-8", NewestChange(articles))
          : MakeDocument(AtomDocument(context, *listing, articles, origin, self_url, lang),
                         "application/atom+xml; charset=utf-8", NewestChange(articles));
  return document;
}

}  // namespace

bool FeedFormatOf(std::string_view segment, FeedFormat& format) {
  if (segment == "feed/") {
    format = FeedFormat::kRss;
    return true;
  }
  if (segment == "atom/") {
    format = FeedFormat::kAtom;
    return true;
  }
  return false;
}

http::Response ServeFeed(const SiteContext& context, const http::Request& request,
                         FeedFormat format, FeedSource source, const std::string& slug) {
  if (source != FeedSource::kSite && slug.empty()) return NotFoundPage(context, request);
  return ServeDocument(context, request,
                       [&context, format, source, slug](const ListingSnapshot& listings,
                                                        const http::Request& asked) {
                         return MakeFeed(context, listings, asked, format, source, slug);
                       });
}

std::string FeedLinks(const std::string& site_name, const std::string& listing_path,
                      const std::string& listing_name) {
  const auto links = [](const std::string& path, const std::string& title) {
    const std::string escaped = render::EscapeHtml(title);
    return "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"" + escaped +
           " (RSS)\" href=\"" + render::EscapeHtml(path) + "feed/\">\n" +
           "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + escaped +
           " (Atom)\" href=\"" + render::EscapeHtml(path) + "atom/\">\n";
  };
  std::string html = links("/", site_name);
  if (!listing_path.empty() && listing_path != "/") {
    html += links(listing_path, site_name + ": " + listing_name);
  }
  return html;
}

}  // namespace broadsheet::site
