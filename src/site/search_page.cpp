#include "site/search_page.h"

#include <algorithm>
#include <charconv>

#include "http/form.h"
#include "news/calendar.h"
#include "news/search_text.h"
#include "render/live_numbers.h"
#include "site/document_cache.h"
#include "site/listing_facts.h"
#include "site/page_data.h"
#include "site/pagination.h"
#include "site/public_forms.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

constexpr int kResultsPerPage = 10;
// Ranked results are paged by OFFSET: deeper pages are refused (shown as the last one).
constexpr int kMaxPages = 50;

// True for an element that starts or ends a block (its text is separate from the next).
bool IsBlockTag(std::string_view tag) {
  if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
  const std::string_view name = tag.substr(0, tag.find_first_of(" \t\n/"));
  static constexpr std::string_view kBlocks[] = {
      "p",  "br", "li", "ul", "ol", "div",        "h1",  "h2",     "h3", "h4",
      "h5", "h6", "tr", "td", "th", "blockquote", "pre", "figure", "hr"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

// The text of an article's rendered body, for its snippet: tags dropped (blocks apart by a
// space), blanks collapsed, the entities the Markdown renderer writes decoded (the snippet
// escapes everything again).
std::string PlainText(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  const auto add = [&text](char c) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank && (text.empty() || text.back() == ' ')) return;
    text += blank ? ' ' : c;
  };
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') {
      const auto close = html.find('>', i);
      if (close == std::string_view::npos) break;
      if (IsBlockTag(html.substr(i + 1, close - i - 1))) add(' ');
      i = close;
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool decoded = false;
      for (const auto& [entity, character] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          add(character);
          i += entity.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    add(c);
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

int PageNumber(const http::Request& request) {
  const auto text = request.QueryParam("page");
  int page = 1;
  if (text) std::from_chars(text->data(), text->data() + text->size(), page);
  return std::clamp(page, 1, kMaxPages);
}

std::string RenderResults(const SiteContext& context, const std::string& origin,
                          const news::SearchQuery& query, int page) {
  const store::SearchResults found =
      context.store.SearchPublished(query, (page - 1) * kResultsPerPage, kResultsPerPage);
  TemplateData results{TemplateData::type::list};
  for (const std::int64_t id : found.ids) {
    const auto article = context.store.FindArticle(id);
    if (!article) continue;
    TemplateData item;
    item.set("url", ArticlePath(*article));
    item.set("title_html",
             news::HighlightedSnippet(article->title, query, article->title.size() + 1));
    item.set("category_name", article->category.name);
    item.set("date_iso", news::IsoTimestamp(article->published_at));
    item.set("date_human", news::HumanDate(article->published_at));
    item.set("snippet_html",
             news::HighlightedSnippet(article->summary.empty()
                                          ? PlainText(article->body_html)
                                          : article->summary + " " + PlainText(article->body_html),
                                      query));
    results << item;
  }
  const std::string base_path = "/search?q=" + http::PercentEncode(query.normalised);
  const int pages = static_cast<int>(std::clamp<std::int64_t>(
      (found.total + kResultsPerPage - 1) / kResultsPerPage, 1, kMaxPages));
  TemplateData content;
  content.set("query", query.normalised);
  content.set("searched", true);
  content.set("none", found.total == 0);
  content.set("count_text", std::string(found.more_than_total ? "More than " : "") +
                                render::GroupThousands(found.total) +
                                (found.total == 1 ? " result" : " results") + " for “" +
                                query.normalised + "”");
  content.set("results", results);
  content.set("pagination_html",
              pages > 1 ? context.templates.Render(
                              "pagination", PaginationData(base_path, std::min(page, pages), pages))
                        : std::string());
  PageMeta meta{.title = "Search: " + query.normalised,
                .description = "Search results for " + query.normalised + ".",
                .canonical_path = PageUrl(base_path, page),
                // Result pages are for readers, not for search engines' indexes.
                .head_extra = "<meta name=\"robots\" content=\"noindex\">"};
  return RenderPage(context, origin, meta, "search", content);
}

std::string RenderForm(const SiteContext& context, const std::string& origin,
                       const std::string& raw_query) {
  TemplateData content;
  content.set("query", raw_query);
  content.set("searched", !raw_query.empty());
  content.set("none", true);
  content.set("count_text", std::string("No results"));
  content.set("results", TemplateData{TemplateData::type::list});
  content.set("pagination_html", std::string());
  PageMeta meta{.title = "Search",
                .description = "Search the site's articles.",
                .canonical_path = "/search",
                .head_extra = "<meta name=\"robots\" content=\"noindex\">"};
  return RenderPage(context, origin, meta, "search", content);
}

http::Response SearchResponse(const SiteContext& context, const http::Request& request) {
  std::string raw = request.QueryParam("q").value_or("");
  // Blanks alone are no query: the form.
  if (raw.find_first_not_of(" \t\r\n") == std::string::npos) raw.clear();
  const news::SearchQuery query = news::ParseSearchQuery(raw);
  const std::string origin = SiteOrigin(context.settings, request);
  http::Response response;
  if (query.terms.empty()) {
    // Nothing to search for: the form, or for a query of signs alone "No results" with it.
    response = http::Response::Html(
        200, RenderForm(context, origin, raw.substr(0, news::kMaxSearchQueryBytes)));
  } else {
    const int page = PageNumber(request);
    const auto listings = context.listings.Current();
    std::string key;
    AppendCacheKeyPrefix(key, context.settings, request);
    key += "search:" + query.normalised + ":" + std::to_string(page);
    const auto document = listings->documents.FindOrMake(key, [&] {
      auto made =
          MakeDocument(RenderResults(context, origin, query, page), "text/html; charset=utf-8", 0);
      made->expires_at = std::chrono::steady_clock::now() + context.settings.search_cache;
      return made;
    });
    response = http::Response::Html(200, document->body);
  }
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

}  // namespace

http::Response ServeSearchPage(const SiteContext& context, const http::Request& request) {
  const security::RateDecision decision =
      context.guards.searches_per_address.Allow(AddressKey(context, request));
  if (!decision.allowed) {
    const std::string wait = RetryAfterSeconds(decision.retry_after);
    auto response = http::Response::Html(
        429, RenderPage(context, SiteOrigin(context.settings, request),
                        PageMeta{.title = "Too many searches",
                                 .canonical_path = "/search",
                                 .head_extra = "<meta name=\"robots\" content=\"noindex\">"},
                        "search_limited", [&] {
                          TemplateData content;
                          content.set("wait", wait);
                          return content;
                        }()));
    response.SetHeader("Retry-After", wait);
    response.SetHeader("Cache-Control", "no-store");
    return response;
  }
  // Searching reads the store: on the worker pool, never on an I/O thread.
  return http::Response::Deferred(
      [&context, copy = http::CopyRequest(request)] { return SearchResponse(context, *copy); });
}

}  // namespace broadsheet::site
