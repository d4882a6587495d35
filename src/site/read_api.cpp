#include "site/read_api.h"

#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <variant>

#include "news/calendar.h"
#include "security/base64url.h"
#include "site/document_cache.h"
#include "site/listing_facts.h"
#include "site/page_data.h"
#include "site/public_forms.h"

namespace broadsheet::site {
namespace {

namespace json = boost::json;

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 100;
constexpr const char* kJsonType = "application/json; charset=utf-8";

// A refusal: {"error": "..."} with its status.
struct ApiError {
  int status;
  std::string message;
};

void AllowAnyOrigin(http::Response& response) {
  response.SetHeader("Access-Control-Allow-Origin", "*");
  response.SetHeader("Access-Control-Expose-Headers", "ETag, Last-Modified, Retry-After");
}

// The site's JSON error, with the API's charset and CORS headers.
http::Response ErrorResponse(const ApiError& error) {
  http::Response response = JsonError(error.status, error.message);
  response.SetHeader("Content-Type", kJsonType);
  AllowAnyOrigin(response);
  return response;
}

json::object ArticleJson(const store::ArticleRow& article, const std::string& origin,
                         bool with_body) {
  json::array tags;
  for (const store::Tag& tag : article.tags) {
    tags.push_back(
        json::object{{"slug", tag.slug}, {"name", tag.name}, {"url", origin + TagPath(tag)}});
  }
  json::value image = nullptr;
  if (const render::ImageFacts facts = SocialImage(article.featured, origin); !facts.url.empty()) {
    image = json::object{{"url", facts.url},
                         {"width", facts.width},
                         {"height", facts.height},
                         {"alt", article.featured.alt}};
  }
  json::object object{
      {"id", article.id},
      {"url", origin + ArticlePath(article)},
      {"title", article.title},
      {"summary", article.summary},
      {"published_at", news::IsoTimestamp(article.published_at)},
      {"updated_at", news::IsoTimestamp(std::max(article.updated_at, article.published_at))},
      {"category", json::object{{"slug", article.category.slug},
                                {"name", article.category.name},
                                {"url", origin + CategoryPath(article.category)}}},
      {"author", json::object{{"slug", article.author.slug},
                              {"name", article.author.name},
                              {"url", origin + AuthorPath(article.author)}}},
      {"tags", std::move(tags)},
      {"image", std::move(image)},
  };
  if (with_body) object["body_html"] = article.body_html;
  return object;
}

// The cursor is the key of the last article of a page, sealed in base64url: opaque to
// clients, and a page after it continues from it whatever was published meanwhile.
std::string CursorOf(const store::ListingKey& key) {
  const std::string text = "v1:" + std::to_string(key.published_at) + ":" + std::to_string(key.id);
  return security::Base64UrlEncode(reinterpret_cast<const unsigned char*>(text.data()),
                                   text.size());
}

std::optional<store::ListingKey> KeyOfCursor(std::string_view cursor) {
  const auto text = security::Base64UrlDecode(cursor, 64);
  if (!text || !text->starts_with("v1:")) return std::nullopt;
  const std::string_view rest = std::string_view(*text).substr(3);
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  store::ListingKey key;
  const auto parse = [](std::string_view digits, std::int64_t& value) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return error == std::errc() && end == digits.data() + digits.size() && value >= 0;
  };
  if (!parse(rest.substr(0, colon), key.published_at) || !parse(rest.substr(colon + 1), key.id)) {
    return std::nullopt;
  }
  return key;
}

using Made = std::variant<std::shared_ptr<Document>, ApiError>;

std::shared_ptr<Document> JsonDocument(const json::value& value, std::int64_t last_modified) {
  return MakeDocument(json::serialize(value) + "\n", kJsonType, last_modified);
}

Made ArticleList(const SiteContext& context, const ListingSnapshot& listings,
                 const http::Request& request, const std::string& origin) {
  const auto category = request.QueryParam("category");
  const auto tag = request.QueryParam("tag");
  const auto author = request.QueryParam("author");
  if (int{category.has_value()} + int{tag.has_value()} + int{author.has_value()} > 1) {
    return ApiError{400, "give at most one of category, tag and author"};
  }
  store::ListingScope scope;
  if (category) {
    const auto found = listings.FindCategory(*category);
    if (!found) return ApiError{404, "no category has the slug '" + category->substr(0, 80) + "'"};
    scope = store::ListingScope(found->id);
  } else if (tag) {
    const auto found = context.store.FindTagBySlug(*tag);
    if (!found) return ApiError{404, "no tag has the slug '" + tag->substr(0, 80) + "'"};
    scope = store::ListingScope::Tag(found->id);
  } else if (author) {
    const auto found = context.store.FindAuthorBySlug(*author);
    if (!found) return ApiError{404, "no author has the slug '" + author->substr(0, 80) + "'"};
    scope = store::ListingScope::Author(found->id);
  }
  std::int64_t since = 0;
  if (const auto text = request.QueryParam("since")) {
    const auto parsed = news::ParseRfc3339(*text);
    if (!parsed)
      return ApiError{400, "since must be an RFC 3339 time, such as 2026-11-30T09:00:00Z"};
    since = *parsed;
  }
  int limit = kDefaultLimit;
  if (const auto text = request.QueryParam("limit")) {
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (error != std::errc() || end != text->data() + text->size() || limit < 1 ||
        limit > kMaxLimit) {
      return ApiError{400, "limit must be a whole number from 1 to 100"};
    }
  }
  std::optional<store::ListingKey> after;
  if (const auto text = request.QueryParam("next")) {
    after = KeyOfCursor(*text);
    if (!after) return ApiError{400, "next must be a cursor this API gave"};
  }
  // One more than asked says whether there is a next page.
  auto rows = context.store.ListPublished(scope, after, limit + 1);
  bool more = rows.size() > static_cast<std::size_t>(limit);
  if (more) rows.pop_back();
  json::array articles;
  std::int64_t newest = 0;
  std::optional<store::ListingKey> last;
  for (const auto& row : rows) {
    if (row.published_at < since) {
      more = false;  // newest first: every later row is older still
      break;
    }
    // Listing rows carry no tags; the article's own row does.
    const auto full = context.store.FindArticle(row.id);
    if (!full) continue;
    newest = std::max({newest, full->updated_at, full->published_at});
    articles.push_back(ArticleJson(*full, origin, false));
    last = store::ListingKeyOf(row);
  }
  json::value next = nullptr;
  if (more && last) next = CursorOf(*last);
  return JsonDocument(json::object{{"articles", std::move(articles)}, {"next", std::move(next)}},
                      newest);
}

Made OneArticle(const SiteContext& context, std::string_view id_text, const std::string& origin) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (error != std::errc() || end != id_text.data() + id_text.size() || id <= 0) {
    return ApiError{404, "no such article"};
  }
  const auto article = context.store.FindArticle(id);
  if (!article || article->status != news::ArticleStatus::kPublished) {
    return ApiError{404, "no such article"};
  }
  return JsonDocument(json::object{{"article", ArticleJson(*article, origin, true)}},
                      std::max(article->updated_at, article->published_at));
}

Made Categories(const ListingSnapshot& listings, const std::string& origin) {
  json::array categories;
  for (const store::Category& category : listings.navigation) {
    categories.push_back(json::object{{"slug", category.slug},
                                      {"name", category.name},
                                      {"url", origin + CategoryPath(category)},
                                      {"published", listings.CountPublished(category.id)}});
  }
  return JsonDocument(json::object{{"categories", std::move(categories)}}, 0);
}

Made Tags(const SiteContext& context, const std::string& origin) {
  json::array tags;
  for (const store::Tag& tag : context.store.ListTags()) {
    const std::int64_t published = context.store.CountPublished(store::ListingScope::Tag(tag.id));
    if (published == 0) continue;  // only on drafts: not public
    tags.push_back(json::object{{"slug", tag.slug},
                                {"name", tag.name},
                                {"url", origin + TagPath(tag)},
                                {"published", published}});
  }
  return JsonDocument(json::object{{"tags", std::move(tags)}}, 0);
}

Made Authors(const SiteContext& context, const std::string& origin) {
  json::array authors;
  for (const store::Author& author : context.store.ListAuthors()) {
    const std::int64_t published =
        context.store.CountPublished(store::ListingScope::Author(author.id));
    if (published == 0) continue;
    authors.push_back(json::object{{"slug", author.slug},
                                   {"name", author.name},
                                   {"bio", author.bio},
                                   {"url", origin + AuthorPath(author)},
                                   {"published", published}});
  }
  return JsonDocument(json::object{{"authors", std::move(authors)}}, 0);
}

Made Answer(const SiteContext& context, const ListingSnapshot& listings,
            const http::Request& request, const std::string& origin) {
  const std::string_view path = std::string_view(request.path).substr(std::size("/api/v1") - 1);
  if (path == "/articles") return ArticleList(context, listings, request, origin);
  if (path.starts_with("/articles/")) {
    return OneArticle(context, path.substr(std::size("/articles/") - 1), origin);
  }
  if (path == "/categories") return Categories(listings, origin);
  if (path == "/tags") return Tags(context, origin);
  if (path == "/authors") return Authors(context, origin);
  return ApiError{404, "no such endpoint: see docs/API.md"};
}

http::Response Serve(const SiteContext& context, const http::Request& request) {
  const auto listings = context.listings.Current();
  const std::string origin = SiteOrigin(context.settings, request);
  std::string key;
  AppendCacheKeyPrefix(key, context.settings, request);
  key += "api:" + request.path + "?" + request.query;
  std::optional<ApiError> refused;
  const auto document = listings->documents.FindOrMake(key, [&]() -> std::shared_ptr<Document> {
    Made made = Answer(context, *listings, request, origin);
    if (auto* error = std::get_if<ApiError>(&made)) {
      refused = *error;
      return nullptr;
    }
    auto ready = std::get<std::shared_ptr<Document>>(std::move(made));
    ready->expires_at = std::chrono::steady_clock::now() + context.settings.cache_max_age;
    return ready;
  });
  if (!document) return ErrorResponse(refused.value_or(ApiError{404, "no such resource"}));
  http::Response response =
      DocumentResponse(*document, request, context.settings.cache_max_age.count());
  AllowAnyOrigin(response);
  return response;
}

}  // namespace

http::Response ServeReadApi(const SiteContext& context, const http::Request& request) {
  const security::RateDecision decision =
      context.guards.api_per_address.Allow(AddressKey(context, request));
  if (!decision.allowed) {
    const std::string wait = RetryAfterSeconds(decision.retry_after);
    http::Response response =
        ErrorResponse({429, "too many requests from your address: try again in " + wait + " s"});
    response.SetHeader("Retry-After", wait);
    return response;
  }
  // Answers read the store: on the worker pool, never on an I/O thread.
  return http::Response::Deferred(
      [&context, copy = http::CopyRequest(request)] { return Serve(context, *copy); });
}

http::Response ServeReadApiWrongMethod(const http::Request&) {
  http::Response response = ErrorResponse({405, "the read API answers GET, HEAD and OPTIONS only"});
  response.SetHeader("Allow", "GET, HEAD, OPTIONS");
  return response;
}

http::Response ServeReadApiPreflight(const http::Request&) {
  http::Response response;
  response.status = 204;
  AllowAnyOrigin(response);
  response.SetHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
  response.SetHeader("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since");
  response.SetHeader("Access-Control-Max-Age", "86400");
  return response;
}

}  // namespace broadsheet::site
