#include "news/slug.h"

#include "news/latin_fold.h"

namespace broadsheet::news {

std::string Slugify(std::string_view text) {
  std::string slug;
  bool pending_hyphen = false;
  auto append = [&](char c) {
    if (pending_hyphen && !slug.empty()) slug.push_back('-');
    pending_hyphen = false;
    slug.push_back(c);
  };
  for (std::size_t i = 0; i < text.size() && slug.size() < kMaxSlugLength; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      append(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      append(static_cast<char>(c - 'A' + 'a'));
    } else if (c == '\'') {
      // "council's" reads better as "councils" than "council-s".
    } else if (c == 0xc3 && i + 1 < text.size()) {
      // C3 80-BF encodes U+00C0-U+00FF. The byte after C3 is always consumed, valid or not:
      // slugs of stored names must not change (see LatinFold::in_slugs).
      const auto second = static_cast<unsigned char>(text[++i]);
      const char folded =
          (second & 0xc0) == 0x80 ? FoldLatinLetterForSlug(0xc0 + (second & 0x3f)) : 0;
      if (folded) {
        append(folded);
      } else {
        pending_hyphen = true;
      }
    } else {
      pending_hyphen = true;
    }
  }
  while (slug.size() > kMaxSlugLength || (!slug.empty() && slug.back() == '-')) slug.pop_back();
  return slug;
}

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlugLength) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (char c : slug) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

}  // namespace broadsheet::news
