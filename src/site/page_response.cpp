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
    case SlotKind::kCardComments:
      render::AppendCommentCountText(out, live.comment_counts.Of(article_id));
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

// A page with more pieces than the server gathers (a listing: two slots per card) is sent from
// its last stitched body while its numbers have not moved.
bool HasManySlots(const render::SlottedPage& page) {
  return 2 * page.slots().size() + 1 > http::Response::kMaxGatherPieces;
}

// Each slot's live text followed by '\0', in page order: what a stitched body is keyed by.
std::string SlotTexts(const render::SlottedPage& page, const LiveValues& live) {
  std::string texts;
  texts.reserve(page.slots().size() * 32);
  for (const render::SlottedPage::SlotRef& slot : page.slots()) {
    FillSlot(texts, slot.kind, slot.article_id, live);
    texts.push_back('\0');
  }
  return texts;
}

// The whole body of `page` with `slot_texts` (from SlotTexts) in its slots, gzip or plain.
std::shared_ptr<const render::LastStitchedBody::Body> Stitch(const render::CachedPage& page,
                                                             std::string slot_texts, bool gzip) {
  auto body = std::make_shared<render::LastStitchedBody::Body>();
  std::string_view rest = slot_texts;
  const auto next_text = [&](std::string& out, render::SlotKind, std::int64_t) {
    const std::size_t end = rest.find('\0');
    out.append(rest.substr(0, end));
    rest.remove_prefix(end + 1);
  };
  if (gzip) {
    body->bytes = page.gzip->Write(next_text);
  } else {
    page.page.Fill(body->bytes, next_text);
  }
  body->slot_texts = std::move(slot_texts);
  return body;
}

// The page's body as one piece, the last one stitched when its numbers are the same.
http::Response StitchedResponse(const render::CachedPage& page, CacheOutcome outcome,
                                const LiveValues& live, bool gzip) {
  const render::LastStitchedBody& last = gzip ? page.last_gzip : page.last_plain;
  // Read before the numbers are: a change while they are read shows as a later count.
  const std::uint64_t changes =
      live.views.changes() + live.ratings.changes() + live.comment_counts.changes();
  const bool same_for_everyone = live.counted_article == 0 && !live.notice && !live.comment_notice;
  std::shared_ptr<const render::LastStitchedBody::Body> body = last.Load();
  if (!(same_for_everyone && body && body->current_at.load(std::memory_order_acquire) == changes)) {
    std::string texts = SlotTexts(page.page, live);
    if (!body || body->slot_texts != texts) {
      body = Stitch(page, std::move(texts), gzip);
      last.Store(body);
    }
    body->current_at.store(same_for_everyone ? changes : render::LastStitchedBody::kNever,
                           std::memory_order_release);
  }
  http::Response response;
  response.prepared_headers = HeadersFor(outcome, gzip);
  response.pieces.push_back({body->bytes, 0, 0});
  response.keeps_alive = std::move(body);
  return response;
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
  gzip = gzip && page->gzip;
  if (HasManySlots(page->page)) return StitchedResponse(*page, outcome, live, gzip);
  http::Response response;
  response.keeps_alive = page;
  response.body = http::TakeSpareString();  // the server gives it back once the page is sent
  if (gzip) {
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
