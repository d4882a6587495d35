#include "site/admin/dashboard_page.h"

#include <map>

#include "news/calendar.h"
#include "news/comment.h"
#include "render/live_numbers.h"
#include "render/svg_chart.h"
#include "site/admin/desk_session.h"
#include "site/page_data.h"

namespace broadsheet::site::admin {
namespace {

using render::TemplateData;

constexpr int kMostRead = 5;
constexpr int kPendingShown = 5;
constexpr int kReviewShown = 10;
constexpr int kArticleChoices = 50;
constexpr std::size_t kExcerptBytes = 140;

// Views per day for the last kDashboardDays days, zeros included, oldest first.
std::vector<store::DailyViews> DaysOfViews(const std::vector<store::DailyViews>& counted,
                                           std::int64_t now) {
  std::map<std::string, std::int64_t> by_day;
  for (const auto& day : counted) by_day[day.day] += day.views;
  std::vector<store::DailyViews> days;
  for (std::string& day : news::LastDays(now, kDashboardDays)) {
    const auto it = by_day.find(day);
    days.push_back({std::move(day), it == by_day.end() ? 0 : it->second});
  }
  return days;
}

std::string Excerpt(const std::string& text) {
  return text.size() <= kExcerptBytes ? text : news::CutUtf8(text, kExcerptBytes) + "…";
}

TemplateData MostReadList(const DeskContext& desk, const std::string& first,
                          const std::string& last) {
  TemplateData list{TemplateData::type::list};
  for (const store::ReadCount& count : desk.site.store.MostRead(first, last, kMostRead)) {
    const auto article = desk.site.store.FindArticle(count.article_id);
    if (!article) continue;
    TemplateData item;
    item.set("title", article->title);
    item.set("url", ArticlePath(*article));
    item.set("views", render::GroupThousands(count.views));
    list << item;
  }
  return list;
}

void AddChart(const DeskContext& desk, const SignedIn& signed_in, const http::Request& request,
              std::int64_t now, TemplateData& data) {
  const std::int64_t article_id = PositiveId(request.QueryParam("article").value_or(""));
  std::optional<store::ArticleRow> article;
  if (article_id != 0) article = desk.site.store.FindArticle(article_id);
  // Someone else's unpublished article is not this user's to look at (as in the list).
  if (article && !MaySee(signed_in, *article)) article.reset();
  const auto days =
      DaysOfViews(article ? desk.site.store.ViewsByDay(article->id)
                          : desk.site.store.SiteViewsByDay(
                                news::LocalDayBefore(now, kDashboardDays - 1), news::LocalDay(now)),
                  now);
  const std::string subject = article ? "“" + article->title + "”" : std::string("the site");
  std::vector<render::ChartBar> bars;
  TemplateData rows{TemplateData::type::list};
  std::int64_t total = 0;
  for (const auto& day : days) {
    const std::string label = day.day.substr(5);  // "11-30"
    bars.push_back({label, day.day + ": " + std::to_string(day.views) + " views", day.views});
    TemplateData row;
    row.set("day", day.day);
    row.set("views", std::to_string(day.views));
    rows << row;
    total += day.views;
  }
  data.set("chart_subject", subject);
  data.set("chart_total", render::GroupThousands(total));
  data.set("chart_svg", render::BarChartSvg(bars, "views-chart",
                                            "Views per day of " + subject + ", last " +
                                                std::to_string(kDashboardDays) + " days",
                                            "A bar for each day; the table below gives the "
                                            "numbers."));
  data.set("days", rows);
  TemplateData choices{TemplateData::type::list};
  TemplateData everything;
  everything.set("value", "");
  everything.set("label", "The whole site");
  everything.set("selected", !article);
  choices << everything;
  for (const auto& row : desk.site.store.ListPublished(0, std::nullopt, kArticleChoices)) {
    TemplateData choice;
    choice.set("value", std::to_string(row.id));
    choice.set("label", row.title);
    choice.set("selected", article && article->id == row.id);
    choices << choice;
  }
  data.set("article_choices", choices);
}

}  // namespace

http::Response ServeDashboard(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
    const std::int64_t now = news::UnixNow();
    TemplateData data;
    AddChart(desk, signed_in, request, now, data);
    const std::string today = news::LocalDay(now);
    data.set("most_read_today", MostReadList(desk, today, today));
    data.set("most_read_week", MostReadList(desk, news::LocalDayBefore(now, 6), today));

    const bool moderates = signed_in.user.role >= news::Role::kEditor;
    data.set("moderates", moderates);
    if (moderates) {
      TemplateData pending{TemplateData::type::list};
      for (const auto& comment :
           desk.site.store.ListComments(store::CommentFilter::kPending, kPendingShown)) {
        TemplateData item;
        item.set("name", comment.name);
        item.set("excerpt", Excerpt(comment.body));
        item.set("reason", comment.hold_reason);
        item.set("when", news::HumanDate(comment.created_at));
        pending << item;
      }
      data.set("pending", pending);
    }
    store::ArticleQuery query;
    query.status = "review";
    query.limit = kReviewShown;
    // Authors and contributors see their own drafts in review; editors see everyone's.
    if (signed_in.user.role < news::Role::kEditor) query.author_id = signed_in.user.author.id;
    TemplateData review{TemplateData::type::list};
    for (const auto& article : desk.site.store.ListArticles(query).rows) {
      TemplateData item;
      item.set("title", article.title);
      item.set("edit_url", "/admin/articles/" + std::to_string(article.id));
      item.set("author", article.author.name);
      item.set("when", news::HumanDate(article.updated_at));
      review << item;
    }
    data.set("review", review);
    return DeskHtml(200, RenderDesk(desk, &signed_in, "Dashboard", "dashboard", data));
  });
}

}  // namespace broadsheet::site::admin
