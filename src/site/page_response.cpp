#include "site/page_response.h"

namespace broadsheet::site {

namespace {

// The header lines every rendered page shares, one block per cache outcome, written once:
// browsers revalidate (no-cache) so every read is counted.
constexpr std::string_view kHitHeaders =
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\nX-Cache: hit\r\n";
constexpr std::string_view kMissHeaders =
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\nX-Cache: miss\r\n";
constexpr std::string_view kStaleHeaders =
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\nX-Cache: stale\r\n";

std::string_view HeadersFor(CacheOutcome outcome) {
  switch (outcome) {
    case CacheOutcome::kHit:
      return kHitHeaders;
    case CacheOutcome::kMiss:
      return kMissHeaders;
    case CacheOutcome::kStale:
      return kStaleHeaders;
  }
  return kMissHeaders;
}

// Appends one slot's live text to `out`.
void FillSlot(std::string& out, render::SlotKind kind, std::int64_t article_id,
              const LiveValues& live) {
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
}

}  // namespace

http::Response PageResponse(const std::shared_ptr<const render::CachedPage>& page,
                            CacheOutcome outcome, const LiveValues& live) {
  http::Response response;
  response.prepared_headers = HeadersFor(outcome);
  // The page's text goes out by reference (the response keeps the entry alive while it is
  // written); only the live numbers are written here, into the body.
  const auto& slots = page->page.slots();
  response.pieces.reserve(2 * slots.size() + 1);
  response.body.reserve(slots.size() * 48);
  page->page.Walk(
      [&](std::string_view text) {
        response.pieces.push_back({text, 0, 0});
      },
      [&](render::SlotKind kind, std::int64_t article_id) {
        const std::size_t offset = response.body.size();
        FillSlot(response.body, kind, article_id, live);
        if (response.body.size() > offset) {
          response.pieces.push_back({{}, offset, response.body.size() - offset});
        }
      });
  response.keeps_alive = page;
  return response;
}

}  // namespace broadsheet::site
