#include "site/page_response.h"

namespace broadsheet::site {

namespace {

std::string_view OutcomeText(CacheOutcome outcome) {
  switch (outcome) {
    case CacheOutcome::kHit: return "hit";
    case CacheOutcome::kMiss: return "miss";
    case CacheOutcome::kStale: return "stale";
  }
  return "miss";
}

}  // namespace

http::Response PageResponse(const render::CachedPage& page, CacheOutcome outcome,
                            const LiveValues& live) {
  http::Response response;
  response.headers.reserve(4);
  response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Cache", std::string(OutcomeText(outcome)));
  page.page.Fill(response.body, [&](std::string& out, render::SlotKind kind,
                                    std::int64_t article_id) {
    using render::SlotKind;
    switch (kind) {
      case SlotKind::kViews:
        render::AppendReadTimesText(out, article_id == live.counted_article
                                             ? live.counted_total
                                             : live.views.Displayed(article_id));
        return;
      case SlotKind::kRatedNotice:
        if (live.notice) render::AppendRatingNotice(out, *live.notice);
        return;
      case SlotKind::kCommentNotice:
        if (live.comment_notice) out += *live.comment_notice;
        return;
      case SlotKind::kRating:
      case SlotKind::kCardRating:
      case SlotKind::kRatingJsonLd: {
        const store::RatingTotals totals = live.ratings.Of(article_id);
        if (kind == SlotKind::kRating) render::AppendRatingSummary(out, totals.sum, totals.count);
        if (kind == SlotKind::kCardRating) render::AppendCardRating(out, totals.sum, totals.count);
        if (kind == SlotKind::kRatingJsonLd) {
          render::AppendAggregateRatingJson(out, totals.sum, totals.count);
        }
        return;
      }
    }
  });
  return response;
}

}  // namespace broadsheet::site
