#include "render/slotted_page.h"

#include <charconv>

namespace broadsheet::render {
namespace {

constexpr char kSlotOpen = '\x1e';
constexpr char kSlotClose = '\x1f';
constexpr char kViewsKind = 'v';

}  // namespace

std::string ViewsSlot(std::int64_t article_id) {
  return std::string(1, kSlotOpen) + kViewsKind + std::to_string(article_id) + kSlotClose;
}

std::string GroupThousands(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  const std::size_t first_group = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i >= first_group && (i - first_group) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

std::string ReadTimesText(std::int64_t views) {
  std::string out;
  AppendReadTimesText(out, views);
  return out;
}

void AppendReadTimesText(std::string& out, std::int64_t views) {
  out.append("Read ");
  out.append(GroupThousands(views));
  out.append(views == 1 ? " time" : " times");
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
        close != std::string::npos && close > open + 2 && rendered[open + 1] == kViewsKind &&
        std::from_chars(rendered.data() + open + 2, rendered.data() + close, id).ptr ==
            rendered.data() + close;
    page.text_.append(rendered, from, open - from);
    if (well_formed) {
      page.cut_at_.push_back(page.text_.size());
      page.slot_articles_.push_back(id);
      from = close + 1;
    } else {
      from = open + 1;  // a stray marker byte is dropped
    }
  }
  page.text_.append(rendered, from, std::string::npos);
  return page;
}

}  // namespace broadsheet::render
