#include "site/page_data.h"

#include <cstdio>

#include "news/calendar.h"
#include "news/site_setting.h"
#include "render/live_numbers.h"
#include "render/slotted_page.h"
#include "site/comment_section.h"
#include "site/feeds.h"
#include "site/listing_facts.h"
#include "site/social_meta.h"
#include "site/static_files.h"

namespace broadsheet::site {
namespace {

using render::TemplateData;

constexpr int kMostReadLength = 5;

std::vector<SideBoxEntry> MostReadEntries(const SiteContext& context, const std::string& first_day,
                                          const std::string& last_day) {
  std::vector<SideBoxEntry> entries;
  for (const store::ReadCount& count :
       context.store.MostRead(first_day, last_day, kMostReadLength)) {
    const auto article = context.store.FindArticle(count.article_id);
    if (!article) continue;
    entries.push_back(
        {article->id, article->title, ArticlePath(*article),
         render::GroupThousands(count.views) + (count.views == 1 ? " read" : " reads")});
  }
  return entries;
}

// The side boxes from the store: ranked, then each entry's article read.
SideBoxLists ComputeSideBoxes(const SiteContext& context) {
  SideBoxLists lists;
  const auto now = news::UnixNow();
  const std::string today = news::LocalDay(now);
  lists.most_read_today = MostReadEntries(context, today, today);
  lists.most_read_week = MostReadEntries(context, news::LocalDayBefore(now, 6), today);
  for (const store::RatingTotals& totals :
       context.store.BestRated(context.settings.rating_prior_votes, kMostReadLength)) {
    const auto article = context.store.FindArticle(totals.article_id);
    if (article)
      lists.best_rated.push_back({article->id, article->title, ArticlePath(*article), ""});
  }
  return lists;
}

std::shared_ptr<const SideBoxLists> SideBoxesNow(const SiteContext& context) {
  return context.listings.Current()->side_boxes.Get(context.settings.side_boxes_max_age,
                                                    [&] { return ComputeSideBoxes(context); });
}

// A side box for the template; adds the articles it names to `shows`.
TemplateData BoxList(const std::vector<SideBoxEntry>& entries, bool stars,
                     std::vector<render::PageShows>& shows) {
  TemplateData list{TemplateData::type::list};
  for (const SideBoxEntry& entry : entries) {
    shows.push_back(render::PageShows::Article(entry.article_id));
    TemplateData item;
    item.set("title", entry.title);
    item.set("url", entry.url);
    if (stars) {
      item.set("card_rating", render::Slot(render::SlotKind::kCardRating, entry.article_id));
    } else {
      item.set("count_text", entry.count_text);
    }
    list << item;
  }
  return list;
}

std::string Resolve(const std::string& configured, bool fixed, const ListingSnapshot& snapshot,
                    std::string_view key) {
  if (fixed) return configured;
  const auto it = snapshot.settings.find(std::string(key));
  return it == snapshot.settings.end() ? configured : it->second;
}

}  // namespace

SiteIdentity IdentityOf(const SiteSettings& settings, const ListingSnapshot& snapshot) {
  SiteIdentity identity;
  identity.name = Resolve(settings.name, settings.name_fixed, snapshot, news::kSiteNameSetting);
  identity.tagline =
      Resolve(settings.tagline, settings.tagline_fixed, snapshot, news::kSiteTaglineSetting);
  identity.lang = Resolve(settings.lang, settings.lang_fixed, snapshot, news::kSiteLangSetting);
  identity.dir = std::string(news::TextDirection(identity.lang));
  return identity;
}

bool FixedByConfiguration(const SiteSettings& settings, std::string_view key) {
  return (key == news::kSiteNameSetting && settings.name_fixed) ||
         (key == news::kSiteTaglineSetting && settings.tagline_fixed) ||
         (key == news::kSiteLangSetting && settings.lang_fixed);
}

std::string EffectiveSetting(const SiteSettings& settings, const ListingSnapshot& snapshot,
                             std::string_view key) {
  const SiteIdentity site = IdentityOf(settings, snapshot);
  if (key == news::kSiteNameSetting) return site.name;
  if (key == news::kSiteTaglineSetting) return site.tagline;
  if (key == news::kSiteLangSetting) return site.lang;
  return snapshot.Setting(key);
}

std::string ArticlePath(const store::ArticleRow& article) {
  return "/" + article.category.slug + "/" + std::to_string(article.id) + "-" + article.slug;
}

std::string CategoryPath(const store::Category& category) { return "/" + category.slug + "/"; }

std::string TagPath(const store::Tag& tag) { return "/tag/" + tag.slug + "/"; }

std::string AuthorPath(const store::Author& author) { return "/author/" + author.slug + "/"; }

std::string ArchiveMonthPath(const news::LocalMonth& month) {
  char path[32];
  std::snprintf(path, sizeof path, "/archive/%04d/%02d/", month.year, month.month);
  return path;
}

std::string MediaUrl(const std::string& hash, int width, const std::string& extension) {
  return "/media/" + hash + "-" + std::to_string(width) + "." + extension;
}

std::string MarkdownImage(const store::MediaRow& media) {
  if (media.widths.empty()) return {};
  std::string alt;
  for (const char c : media.alt) {
    if (c == '\\' || c == '[' || c == ']') alt += '\\';
    alt += c == '\n' ? ' ' : c;
  }
  return "![" + alt + "](" + MediaUrl(media.hash, media.widths[media.widths.size() / 2], "jpg") +
         ")";
}

std::string LogoUrl(const SiteSettings& settings, const std::string& origin) {
  if (settings.logo.empty()) return {};
  return settings.logo.front() == '/' ? origin + settings.logo : settings.logo;
}

render::ImageFacts SocialImage(const store::FeaturedImage& image, const std::string& origin) {
  if (image.media_id == 0 || image.widths.empty() || image.width <= 0) return {};
  const int largest = image.widths.back();
  const auto height = static_cast<std::int64_t>(image.height) * largest / image.width;
  return {origin + MediaUrl(image.hash, largest, "jpg"), largest,
          static_cast<int>(std::max<std::int64_t>(1, height))};
}

std::string PictureHtml(const SiteContext& context, const store::FeaturedImage& image,
                        PicturePlace place, bool lazy) {
  if (image.media_id == 0 || image.widths.empty() || image.width <= 0) return {};
  std::string webp;
  std::string jpg;
  for (const int width : image.widths) {
    const std::string w = " " + std::to_string(width) + "w";
    webp += (webp.empty() ? "" : ", ") + MediaUrl(image.hash, width, "webp") + w;
    jpg += (jpg.empty() ? "" : ", ") + MediaUrl(image.hash, width, "jpg") + w;
  }
  const int largest = image.widths.back();
  const auto height = static_cast<std::int64_t>(image.height) * largest / image.width;
  TemplateData data;
  data.set("class", place == PicturePlace::kArticle ? "article-picture" : "card-picture");
  // The article column is at most about 46rem wide; cards share a two-column grid.
  data.set("sizes", place == PicturePlace::kCard ? std::string("(min-width: 48rem) 23rem, 100vw")
                                                 : std::string("(min-width: 48rem) 46rem, 100vw"));
  data.set("srcset_webp", webp);
  data.set("srcset_jpg", jpg);
  // The middle variant for browsers that ignore srcset.
  data.set("src", MediaUrl(image.hash, image.widths[image.widths.size() / 2], "jpg"));
  data.set("width", std::to_string(largest));
  data.set("height", std::to_string(std::max<std::int64_t>(1, height)));
  data.set("alt", image.alt);
  data.set("lazy", lazy);
  // Only the one picture that is the page's largest paint asks the browser to hurry.
  data.set("priority", !lazy && place != PicturePlace::kCard);
  return context.templates.Render("picture", data);
}

TemplateData ArticleCard(const SiteContext& context, const store::ArticleRow& article,
                         PicturePlace place, bool lazy) {
  TemplateData card;
  card.set("picture_html", PictureHtml(context, article.featured, place, lazy));
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
  // Live, like the views: a new comment changes the number, not the cached listing.
  card.set("comment_count_text", render::Slot(render::SlotKind::kCardComments, article.id));
  return card;
}

TemplateData ArticleLink(const store::ArticleRow& article) {
  TemplateData item;
  item.set("title", article.title);
  item.set("url", ArticlePath(article));
  item.set("date_human", news::HumanDate(article.published_at));
  return item;
}

void AddBestRated(const SiteContext& context, TemplateData& data,
                  std::vector<render::PageShows>& shows) {
  data.set("best_rated", BoxList(SideBoxesNow(context)->best_rated, true, shows));
}

void AddMostRead(const SiteContext& context, TemplateData& data,
                 std::vector<render::PageShows>& shows) {
  const auto lists = SideBoxesNow(context);
  data.set("most_read_today", BoxList(lists->most_read_today, false, shows));
  data.set("most_read_week", BoxList(lists->most_read_week, false, shows));
}

std::shared_ptr<render::CachedPage> CachedPageOf(std::string rendered,
                                                 const std::vector<render::PageShows>& also_shows) {
  auto page = std::make_shared<render::CachedPage>();
  page->page = render::SlottedPage::Parse(std::move(rendered));
  page->gzip = std::make_shared<const render::GzipPage>(page->page);
  for (const auto& slot : page->page.slots()) {
    if (slot.kind == render::SlotKind::kViews) {
      page->shows.push_back(render::PageShows::Article(slot.article_id));
    } else if (slot.kind == render::SlotKind::kCardRating) {
      page->shows.push_back(render::PageShows::Article(slot.article_id));
    }
  }
  page->shows.insert(page->shows.end(), also_shows.begin(), also_shows.end());
  return page;
}

std::string RenderPage(const SiteContext& context, const std::string& origin,
                       const PageMeta& meta, const std::string& content_template,
                       const TemplateData& content) {
  const auto listings =
      meta.navigation ? context.listings.Current() : std::make_shared<const ListingSnapshot>();
  const SiteIdentity site = IdentityOf(context.settings, *listings);
  TemplateData layout;
  layout.set("lang", site.lang);
  layout.set("dir", site.dir);
  layout.set("title", meta.title.empty()
                          ? (site.tagline.empty() ? site.name : site.name + " — " + site.tagline)
                          : meta.title + " — " + site.name);
  layout.set("description", meta.description.empty() ? site.tagline : meta.description);
  layout.set("canonical", origin + meta.canonical_path);
  layout.set("site_name", site.name);
  layout.set("site_tagline", site.tagline);
  layout.set("css_url", context.static_files.VersionedUrl("css/site.css"));
  layout.set("favicon_url", context.static_files.VersionedUrl("favicon.svg"));
  layout.set("home_current", meta.home);
  TemplateData nav{TemplateData::type::list};
  for (const store::Category& category : listings->navigation) {
    TemplateData item;
    item.set("name", category.name);
    item.set("url", CategoryPath(category));
    item.set("current", category.slug == meta.current_category_slug);
    nav << item;
  }
  layout.set("nav", nav);
  layout.set("head_extra", meta.head_extra);
  layout.set("feed_links", FeedLinks(site.name, meta.feed_path, meta.feed_name));
  layout.set("social_meta",
             SocialMetaTags(meta, site.name, meta.title.empty() ? site.name : meta.title,
                            meta.description.empty() ? site.tagline : meta.description,
                            origin + meta.canonical_path));
  layout.set("content", context.templates.Render(content_template, content));
  layout.set("year", news::LocalDay(news::UnixNow()).substr(0, 4));
  return context.templates.Render("layout", layout);
}

}  // namespace broadsheet::site
