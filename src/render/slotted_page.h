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

// The marker for "Read N times" of one article.
std::string ViewsSlot(std::int64_t article_id);

// "Read 1 time", "Read 2 times", "Read 1,234 times".
std::string ReadTimesText(std::int64_t views);
void AppendReadTimesText(std::string& out, std::int64_t views);
// "1,234"
std::string GroupThousands(std::int64_t value);

class SlottedPage {
 public:
  static SlottedPage Parse(std::string rendered);

  // The article ids of every slot, in page order (one id may appear more than once).
  const std::vector<std::int64_t>& slot_articles() const { return slot_articles_; }

  // Appends the page to `out`, each slot replaced by ReadTimesText(views_of(article_id)).
  template <typename ViewsOf>
  void Fill(std::string& out, ViewsOf&& views_of) const {
    out.reserve(out.size() + text_.size() + slot_articles_.size() * 24);
    std::size_t from = 0;
    for (std::size_t i = 0; i < slot_articles_.size(); ++i) {
      out.append(text_, from, cut_at_[i] - from);
      AppendReadTimesText(out, views_of(slot_articles_[i]));
      from = cut_at_[i];
    }
    out.append(text_, from, std::string::npos);
  }

  std::size_t text_size() const { return text_.size(); }

 private:
  std::string text_;                   // the page without markers
  std::vector<std::size_t> cut_at_;    // offsets in text_ where slot i goes
  std::vector<std::int64_t> slot_articles_;
};

}  // namespace broadsheet::render
