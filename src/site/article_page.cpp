#include "site/article_page.h"

#include <charconv>

#include "news/calendar.h"
#include "news/crawler.h"
#include "render/json_ld.h"
#include "render/live_numbers.h"
#include "render/markdown.h"
#include "render/slotted_page.h"
#include "site/article_neighbours.h"
#include "site/comment_section.h"
#include "site/error_pages.h"
#include "site/listing_facts.h"
#include "site/page_data.h"
#include "site/page_response.h"
#include "site/static_files.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

// Words per minute for "N min read".
constexpr int kReadingWordsPerMinute = 230;

// The comment section: the first page of approved comments, the count, the form (its
// challenge fetched by script) and the link to the form page for readers without script.
void AddComments(const SiteContext& context, const store::ArticleRow& article,
                 TemplateData& content) {
  const std::string path = ArticlePath(article);
  content.set("comments",
              CommentItems(context.store.ListApprovedComments(article.id, 0, kCommentsPerPage)));
  content.set("comment_count", std::to_string(article.comment_count));
  content.set("comment_count_text", render::CommentCountText(article.comment_count));
  content.set("comments_heading", article.comment_count == 0
                                      ? std::string("Comments")
                                      : render::CommentCountText(article.comment_count));
  content.set("more_comments", article.comment_count > kCommentsPerPage);
  content.set("more_comments_url", path + "/comments?page=2");
  content.set("comment_form_url", path + "/comment");
  content.set("comment_notice", render::Slot(render::SlotKind::kCommentNotice, article.id));
  content.set("comment_form_html",
              RenderCommentForm(context, CommentFormView{.action = path + "/comments"}));
  content.set("comments_js_url", context.static_files.VersionedUrl("js/comments.js"));
  content.set("comments_closed", CommentsClosedNow(context, article));
}

std::shared_ptr<const render::CachedPage> RenderArticle(const SiteContext& context,
                                                        const std::string& origin,
                                                        std::int64_t id) {
  const auto article = context.store.FindArticle(id);
  if (!article || article->status != news::ArticleStatus::kPublished) return nullptr;
  const std::string path = ArticlePath(*article);

  TemplateData content;
  content.set("title", article->title);
  content.set("summary", article->summary);
  content.set("body_html", article->body_html);
  content.set("picture_html",
              PictureHtml(context, article->featured, PicturePlace::kArticle, false));
  content.set("author_name", article->author.name);
  content.set("author_url", AuthorPath(article->author));
  content.set("canonical_path", path);
  TemplateData tags{TemplateData::type::list};
  for (const store::Tag& tag : article->tags) {
    TemplateData item;
    item.set("name", tag.name);
    item.set("url", TagPath(tag));
    tags << item;
  }
  content.set("tags", tags);
  content.set("category_name", article->category.name);
  content.set("category_url", CategoryPath(article->category));
  content.set("date_iso", news::IsoTimestamp(article->published_at));
  content.set("date_human", news::HumanDate(article->published_at));
  const bool updated = news::LocalDay(article->updated_at) != news::LocalDay(article->published_at);
  content.set("was_updated", updated);
  content.set("updated_iso", news::IsoTimestamp(article->updated_at));
  content.set("updated_human", news::HumanDate(article->updated_at));
  content.set("views_text", render::ViewsSlot(article->id));
  content.set("rating_summary", render::Slot(render::SlotKind::kRating, article->id));
  content.set("rating_notice", render::Slot(render::SlotKind::kRatedNotice, article->id));
  content.set("rating_url", path + "/rating");
  content.set("rating_js_url", context.static_files.VersionedUrl("js/rating.js"));
  AddComments(context, *article, content);
  const int words = render::CountWords(article->body_markdown);
  content.set("reading_minutes",
              std::to_string(std::max(1, (words + kReadingWordsPerMinute - 1) /
                                             kReadingWordsPerMinute)));
  // Its comments are part of the page (listing cards show only a live count); the other
  // articles it names are dropped with it when one of them changes.
  std::vector<render::PageShows> shows = {render::PageShows::CommentsOf(article->id)};
  const auto link_list = [&shows](const std::vector<store::ArticleRow>& rows) {
    TemplateData list{TemplateData::type::list};
    for (const store::ArticleRow& other : rows) {
      shows.push_back(render::PageShows::Article(other.id));
      list << ArticleLink(other);
    }
    return list;
  };
  ArticleNeighbours neighbours = FindNeighbours(context, *article);
  content.set("more", link_list(neighbours.in_category));
  content.set("related", link_list(neighbours.related));
  content.set("by_author", link_list(neighbours.by_author));
  std::vector<store::ArticleRow> around;
  if (neighbours.older) {
    content.set("older", ArticleLink(*neighbours.older));
    around.push_back(*neighbours.older);
  }
  if (neighbours.newer) {
    content.set("newer", ArticleLink(*neighbours.newer));
    around.push_back(*neighbours.newer);
  }
  link_list(around);

  const SiteIdentity site = IdentityOf(context.settings, *context.listings.Current());
  std::vector<std::string> tag_names;
  for (const store::Tag& tag : article->tags) tag_names.push_back(tag.name);
  const render::ImageFacts image = SocialImage(article->featured, origin);
  render::NewsArticleFacts facts{
      .headline = article->title,
      .description = article->summary,
      .url = origin + path,
      .date_published = news::IsoTimestamp(article->published_at),
      .date_modified = news::IsoTimestamp(article->updated_at),
      .author_name = article->author.name,
      .author_url = origin + AuthorPath(article->author),
      .section = article->category.name,
      .publisher_name = site.name,
      .publisher_url = origin + "/",
      .publisher_logo = LogoUrl(context.settings, origin),
      .image = image,
      .keywords = tag_names,
  };
  const std::string breadcrumbs = render::BreadcrumbListJsonLd(
      {{"Home", origin + "/"},
       {article->category.name, origin + CategoryPath(article->category)},
       {article->title, origin + path}});
  PageMeta meta{
      .title = article->title,
      .description = article->summary,
      .canonical_path = path,
      .head_extra = "<script type=\"application/ld+json\">" +
                    render::NewsArticleJsonLd(
                        facts, render::Slot(render::SlotKind::kRatingJsonLd, article->id)) +
                    "</script>\n<script type=\"application/ld+json\">" + breadcrumbs + "</script>",
      .current_category_slug = article->category.slug,
      .og_type = "article",
      .image = image,
      .image_alt = article->featured.alt,
      .published_time = facts.date_published,
      .modified_time = facts.date_modified,
      .author_url = facts.author_url,
      .section = article->category.name,
      .tags = tag_names,
  };
  auto page = CachedPageOf(RenderPage(context, origin, meta, "article", content), shows);
  page->canonical_path = path;
  page->article_id = article->id;
  page->expires_at = std::chrono::steady_clock::now() + context.settings.cache_max_age;
  // The page shows the comment form until its comments close by age: keep it no longer.
  if (const std::int64_t close_at = CommentsCloseTime(context, *article);
      close_at > news::UnixNow()) {
    page->expires_at =
        std::min(page->expires_at, std::chrono::steady_clock::now() +
                                       std::chrono::seconds(close_at - news::UnixNow()));
  }
  return page;
}

}  // namespace

bool IsPrefetch(const http::Request& request) {
  const std::string_view purpose = request.Header("Sec-Purpose");
  if (purpose.find("prefetch") != std::string_view::npos) return true;
  return http::EqualsIgnoreCase(request.Header("Purpose"), "prefetch") ||
         http::EqualsIgnoreCase(request.Header("X-Moz"), "prefetch");
}

namespace {

void AppendArticleKey(std::string& key, const SiteContext& context, const http::Request& request,
                      std::int64_t id) {
  AppendCacheKeyPrefix(key, context.settings, request);
  key.append("article:");
  char digits[24];
  key.append(digits, std::to_chars(digits, digits + sizeof digits, id).ptr);
}

std::string ArticleKey(const SiteContext& context, const http::Request& request, std::int64_t id) {
  std::string key;
  AppendArticleKey(key, context, request, id);
  return key;
}

FoundPage FindArticlePage(const SiteContext& context, const http::Request& request,
                          std::int64_t id) {
  return FindOrRender(
      context.pages, ArticleKey(context, request, id), context.settings.cache_max_age.count() > 0,
      [&] { return RenderArticle(context, SiteOrigin(context.settings, request), id); });
}

// ?rated=N after a vote posted without JavaScript: 1..5, else 0.
int RatedStars(const http::Request& request) {
  if (request.query.empty()) return 0;
  const auto rated = request.QueryParam("rated");
  if (!rated || rated->size() != 1 || (*rated)[0] < '1' || (*rated)[0] > '5') return 0;
  return (*rated)[0] - '0';
}

}  // namespace

http::Response ArticlePageWithNotice(const SiteContext& context, const http::Request& request,
                                     std::int64_t id, int status,
                                     const render::RatingNotice& notice,
                                     const std::string* comment_notice) {
  const FoundPage found = FindArticlePage(context, request, id);
  if (!found.page) return NotFoundPage(context, request);
  http::Response response = PageResponse(found.page, found.outcome,
                                         LiveValues{.views = context.views,
                                                    .ratings = context.ratings,
                                                    .comment_counts = context.comment_counts,
                                                    .notice = &notice,
                                                    .comment_notice = comment_notice});
  response.status = status;
  response.SetHeader("Cache-Control", "no-store");  // this reader's notice only
  return response;
}

namespace {

// Answers with the page found (or rendered): the redirect to its one address, a notice after a
// vote or comment, or the page with this reader's view counted.
http::Response ServeFoundArticle(const SiteContext& context, const http::Request& request,
                                 std::int64_t id, const FoundPage& found) {
  if (!found.page) return NotFoundPage(context, request);
  const render::CachedPage* page = found.page.get();
  if (request.path != page->canonical_path) {
    // An old or wrong slug or category: send readers and search engines to the one address.
    return http::Response::Redirect(
        301, page->canonical_path + (request.query.empty() ? "" : "?" + request.query));
  }

  if (const int rated = RatedStars(request)) {
    // The confirmation after a vote: not a new read, so not counted.
    return ArticlePageWithNotice(context, request, id, 200, render::RatingNotice{.stars = rated});
  }
  if (const auto commented = request.query.empty() ? std::nullopt
                                                   : request.QueryParam("commented")) {
    // The confirmation after a comment posted without script; not counted either.
    const std::string notice =
        *commented == "held"
            ? "<p class=\"comment-notice\" role=\"status\">Thank you: your comment is awaiting "
              "moderation and will appear once an editor approves it.</p>"
        : *commented == "reported"
            ? "<p class=\"comment-notice\" role=\"status\">Thank you: an editor will look at "
              "the comment you reported.</p>"
            : "<p class=\"comment-notice\" role=\"status\">Thank you: your comment is "
              "published.</p>";
    return ArticlePageWithNotice(context, request, id, 200, render::RatingNotice{}, &notice);
  }
  std::int64_t counted_total = 0;
  const bool counts = request.method == http::Method::kGet && !IsPrefetch(request);
  if (counts && news::IsCrawler(request.Header("User-Agent"))) {
    context.views.RecordCrawlerHit(id);
  } else if (counts) {
    counted_total = context.views.RecordView(id);
  }
  return PageResponse(found.page, found.outcome,
                      LiveValues{.views = context.views,
                                 .ratings = context.ratings,
                                 .comment_counts = context.comment_counts,
                                 .counted_article = counted_total ? id : 0,
                                 .counted_total = counted_total},
                      AcceptsGzip(request));
}

}  // namespace

http::Response ServeArticlePage(const SiteContext& context, const http::Request& request,
                                std::int64_t id) {
  // The key is written into this thread's buffer: a hit allocates nothing for it.
  thread_local std::string key;
  key.clear();
  AppendArticleKey(key, context, request, id);
  if (auto page = context.pages.Find(key, std::chrono::steady_clock::now())) {
    return ServeFoundArticle(context, request, id, FoundPage{std::move(page), CacheOutcome::kHit});
  }
  // A miss reads the store and renders: on the worker pool, never on an I/O thread.
  return http::Response::Deferred([&context, copy = http::CopyRequest(request), id] {
    return ServeFoundArticle(context, *copy, id, FindArticlePage(context, *copy, id));
  });
}

}  // namespace broadsheet::site
