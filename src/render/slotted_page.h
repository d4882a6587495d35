// A rendered page with holes for live numbers. Templates are rendered once with slot markers
// (\x1e, a kind letter, an article id, \x1f) where a live number belongs; Parse() cuts the page
// there, and Fill() writes it out with today's numbers, so a cache hit costs a copy and a
// few counter reads instead of a render. Stored text never holds \x1e or \x1f (news/article.h
// strips control characters), so markers cannot be forged by content. Immutable after Parse:
// thread-safe to Fill from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::render {

// What a slot holds; the letter is what the marker carries.
enum class SlotKind : char {
  kViews = 'v',          // "Read N times"
  kRating = 'r',         // the article page's stars and "Rated 4.2 out of 5 (17 votes)"
  kCardRating = 'c',     // a listing card's small stars, empty without votes
  kRatingJsonLd = 'j',   // `,"aggregateRating":{...}` inside JSON-LD, empty without votes
  kRatedNotice = 'n',    // the confirmation after a vote without JavaScript; usually empty
  kCommentNotice = 'm',  // the confirmation after a comment without JavaScript; usually empty
  kCardComments = 'k',   // a listing card's "N comments"
};

// The marker for one slot.
std::string Slot(SlotKind kind, std::int64_t article_id);
inline std::string ViewsSlot(std::int64_t article_id) {
  return Slot(SlotKind::kViews, article_id);
}

class SlottedPage {
 public:
  struct SlotRef {
    SlotKind kind;
    std::int64_t article_id;
  };

  static SlottedPage Parse(std::string rendered);

  const std::vector<SlotRef>& slots() const { return slots_; }

  // Appends the page to `out`, calling fill(out, kind, article_id) at each slot.
  template <typename FillSlot>
  void Fill(std::string& out, FillSlot&& fill) const {
    out.reserve(out.size() + text_.size() + slots_.size() * 48);
    std::size_t from = 0;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      out.append(text_, from, cut_at_[i] - from);
      fill(out, slots_[i].kind, slots_[i].article_id);
      from = cut_at_[i];
    }
    out.append(text_, from, std::string::npos);
  }

  // Walks the page in order: text(std::string_view) for each run of stored text (a view of
  // this page, valid while it lives) and slot(kind, article_id) for each slot between them.
  template <typename Text, typename SlotFn>
  void Walk(Text&& text, SlotFn&& slot) const {
    std::size_t from = 0;
    const std::string_view all = text_;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (cut_at_[i] > from) text(all.substr(from, cut_at_[i] - from));
      slot(slots_[i].kind, slots_[i].article_id);
      from = cut_at_[i];
    }
    if (from < all.size()) text(all.substr(from));
  }

  std::size_t text_size() const { return text_.size(); }

  // The text between slot i-1 and slot i: segment 0 is before the first slot, segment
  // slots().size() after the last. Requires: i <= slots().size(). Valid while this page lives.
  std::string_view Segment(std::size_t i) const {
    const std::size_t from = i == 0 ? 0 : cut_at_[i - 1];
    const std::size_t to = i < cut_at_.size() ? cut_at_[i] : text_.size();
    return std::string_view(text_).substr(from, to - from);
  }

 private:
  std::string text_;                 // the page without markers
  std::vector<std::size_t> cut_at_;  // offsets in text_ where slot i goes
  std::vector<SlotRef> slots_;
};

}  // namespace broadsheet::render
