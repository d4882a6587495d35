#include "site/page_response.h"

#include "http/accept_encoding.h"
#include "http/request.h"

namespace broadsheet::site {

namespace {

// The header lines every rendered page shares, one block per cache outcome (hit, miss,
// stale) and coding, written once: browsers revalidate (no-cache) so every read is counted.
constexpr std::string_view kPlainHeaders[] = {
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\n"
    "Vary: Accept-Encoding\r\nX-Cache: hit\r\n",
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\n"
    "Vary: Accept-Encoding\r\nX-Cache: miss\r\n",
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\n"
    "Vary: Accept-Encoding\r\nX-Cache: stale\r\n"};
constexpr std::string_view kGzipHeaders[] = {
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\n"
    "Vary: Accept-Encoding\r\nContent-Encoding: gzip\r\nX-Cache: hit\r\n",
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\n"
    "Vary: Accept-Encoding\r\nContent-Encoding: gzip\r\nX-Cache: miss\r\n",
    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-cache\r\n"
    "Vary: Accept-Encoding\r\nContent-Encoding: gzip\r\nX-Cache: stale\r\n"};

std::string_view HeadersFor(CacheOutcome outcome, bool gzip) {
  const auto index = outcome == CacheOutcome::kHit ? 0 : outcome == CacheOutcome::kMiss ? 1 : 2;
  return gzip ? kGzipHeaders[index] : kPlainHeaders[index];
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

bool AcceptsGzip(const http::Request& request) {
  const std::string_view header = request.Header("Accept-Encoding");
  if (header.empty()) return false;
  const http::AcceptedCodings accepted = http::ParseAcceptEncoding(header);
  return http::ChooseCoding(accepted, {.gzip = true, .br = false}) == http::ContentCoding::kGzip;
}

http::Response PageResponse(const std::shared_ptr<const render::CachedPage>& page,
                            CacheOutcome outcome, const LiveValues& live, bool gzip) {
  http::Response response;
  response.keeps_alive = page;
  if (gzip && page->gzip) {
    // The compressed segments by reference, the live numbers as stored blocks (gzip_page.h).
    response.prepared_headers = HeadersFor(outcome, true);
    response.body.reserve(page->page.slots().size() * 56 + 32);
    for (const auto& piece : page->gzip->WritePieces(
             response.body, [&](std::string&out, render::SlotKind kind, std::int64_t id) {
               FillSlot(out, kind, id, live);
             })) {
      response.pieces.push_back({piece.cached, piece.live_offset, piece.live_size});
    }
    return response;
  }
  response.prepared_headers = HeadersFor(outcome, false);
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
  return response;
}

}  // namespace broadsheet::site
