#include "render/slotted_page.h"

#include <charconv>

namespace broadsheet::render {
namespace {

constexpr char kSlotOpen = '\x1e';
constexpr char kSlotClose = '\x1f';

bool IsSlotKind(char letter) {
  switch (static_cast<SlotKind>(letter)) {
    case SlotKind::kViews:
    case SlotKind::kRating:
    case SlotKind::kCardRating:
    case SlotKind::kRatingJsonLd:
    case SlotKind::kRatedNotice:
    case SlotKind::kCommentNotice: return true;
    case SlotKind::kCardComments:
      return true;
  }
  return false;
}

}  // namespace

std::string Slot(SlotKind kind, std::int64_t article_id) {
  return std::string(1, kSlotOpen) + static_cast<char>(kind) + std::to_string(article_id) +
         kSlotClose;
}

SlottedPage SlottedPage::Parse(std::string rendered) {
  SlottedPage page;
  page.text_.reserve(rendered.size());
  std::size_t from = 0;
  while (true) {
    const std::size_t open = rendered.find(kSlotOpen, from);
    if (open == std::string::npos) break;
    const std::size_t close = rendered.find(kSlotClose, open);
    std::int64_t id = 0;
    const bool well_formed =
        close != std::string::npos && close > open + 2 && IsSlotKind(rendered[open + 1]) &&
        std::from_chars(rendered.data() + open + 2, rendered.data() + close, id).ptr ==
            rendered.data() + close;
    page.text_.append(rendered, from, open - from);
    if (well_formed) {
      page.cut_at_.push_back(page.text_.size());
      page.slots_.push_back({static_cast<SlotKind>(rendered[open + 1]), id});
      from = close + 1;
    } else {
      from = open + 1;  // a stray marker byte is dropped
    }
  }
  page.text_.append(rendered, from, std::string::npos);
  return page;
}

}  // namespace broadsheet::render
