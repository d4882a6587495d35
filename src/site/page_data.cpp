#include "site/page_data.h"

#include "news/calendar.h"
#include "render/live_numbers.h"
#include "render/slotted_page.h"
#include "site/comment_section.h"
#include "site/listing_facts.h"
#include "site/static_files.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

constexpr int kMostReadLength = 5;

TemplateData MostReadList(const SiteContext& context, const std::string& first_day,
                          const std::string& last_day) {
  TemplateData list{TemplateData::type::list};
  for (const store::ReadCount& count : context.store.MostRead(first_day, last_day,
                                                              kMostReadLength)) {
    const auto article = context.store.FindArticle(count.article_id);
    if (!article) continue;
    TemplateData item;
    item.set("title", article->title);
    item.set("url", ArticlePath(*article));
    item.set("count_text", render::GroupThousands(count.views) +
                               (count.views == 1 ? " read" : " reads"));
    list << item;
  }
  return list;
}

}  // namespace

std::string ArticlePath(const store::ArticleRow& article) {
  return "/" + article.category.slug + "/" + std::to_string(article.id) + "-" + article.slug;
}

std::string CategoryPath(const store::Category& category) { return "/" + category.slug + "/"; }

TemplateData ArticleCard(const store::ArticleRow& article) {
  TemplateData card;
  card.set("title", article.title);
  card.set("url", ArticlePath(article));
  card.set("summary", article.summary);
  card.set("category_name", article.category.name);
  card.set("category_url", CategoryPath(article.category));
  card.set("author_name", article.author.name);
  card.set("date_iso", news::IsoTimestamp(article.published_at));
  card.set("date_human", news::HumanDate(article.published_at));
  card.set("views_text", render::ViewsSlot(article.id));
  card.set("card_rating", render::Slot(render::SlotKind::kCardRating, article.id));
  card.set("comment_count_text", CommentCountText(article.comment_count));
  return card;
}

void AddBestRated(const SiteContext& context, TemplateData& data) {
  TemplateData list{TemplateData::type::list};
  for (const store::RatingTotals& totals :
       context.store.BestRated(context.settings.rating_prior_votes, kMostReadLength)) {
    const auto article = context.store.FindArticle(totals.article_id);
    if (!article) continue;
    TemplateData item;
    item.set("title", article->title);
    item.set("url", ArticlePath(*article));
    item.set("card_rating", render::Slot(render::SlotKind::kCardRating, article->id));
    list << item;
  }
  data.set("best_rated", list);
}

void AddMostRead(const SiteContext& context, TemplateData& data) {
  const auto now = news::UnixNow();
  const std::string today = news::LocalDay(now);
  data.set("most_read_today", MostReadList(context, today, today));
  data.set("most_read_week", MostReadList(context, news::LocalDayBefore(now, 6), today));
}

std::string RenderPage(const SiteContext& context, const std::string& origin,
                       const PageMeta& meta, const std::string& content_template,
                       const TemplateData& content) {
  const SiteSettings& settings = context.settings;
  TemplateData layout;
  layout.set("lang", settings.lang);
  layout.set("title", meta.title.empty() ? settings.name + " — " + settings.tagline
                                         : meta.title + " — " + settings.name);
  layout.set("description", meta.description.empty() ? settings.tagline : meta.description);
  layout.set("canonical", origin + meta.canonical_path);
  layout.set("site_name", settings.name);
  layout.set("site_tagline", settings.tagline);
  layout.set("css_url", context.static_files.VersionedUrl("css/site.css"));
  layout.set("favicon_url", context.static_files.VersionedUrl("favicon.svg"));
  layout.set("home_current", meta.home);
  TemplateData nav{TemplateData::type::list};
  const auto listings =
      meta.navigation ? context.listings.Current() : std::make_shared<const ListingSnapshot>();
  for (const store::Category& category : listings->navigation) {
    TemplateData item;
    item.set("name", category.name);
    item.set("url", CategoryPath(category));
    item.set("current", category.slug == meta.current_category_slug);
    nav << item;
  }
  layout.set("nav", nav);
  layout.set("head_extra", meta.head_extra);
  layout.set("content", context.templates.Render(content_template, content));
  layout.set("year", news::LocalDay(news::UnixNow()).substr(0, 4));
  return context.templates.Render("layout", layout);
}

}  // namespace broadsheet::site
