#include "news/slug.h"

#include <array>
#include <utility>

namespace broadsheet::news {
namespace {

// Two-byte UTF-8 Latin-1 letters (C3 xx) folded to ASCII. Enough for the names newsrooms type
// most; anything else becomes a word break.
char FoldLatin1(unsigned char second) {
  static constexpr std::array<std::pair<unsigned char, char>, 52> kFold = {{
      {0x80, 'a'}, {0x81, 'a'}, {0x82, 'a'}, {0x83, 'a'}, {0x84, 'a'}, {0x85, 'a'}, {0x87, 'c'},
      {0x88, 'e'}, {0x89, 'e'}, {0x8a, 'e'}, {0x8b, 'e'}, {0x8c, 'i'}, {0x8d, 'i'}, {0x8e, 'i'},
      {0x8f, 'i'}, {0x91, 'n'}, {0x92, 'o'}, {0x93, 'o'}, {0x94, 'o'}, {0x95, 'o'}, {0x96, 'o'},
      {0x98, 'o'}, {0x99, 'u'}, {0x9a, 'u'}, {0x9b, 'u'}, {0x9c, 'u'}, {0x9d, 'y'}, {0x9f, 's'},
      {0xa0, 'a'}, {0xa1, 'a'}, {0xa2, 'a'}, {0xa3, 'a'}, {0xa4, 'a'}, {0xa5, 'a'}, {0xa7, 'c'},
      {0xa8, 'e'}, {0xa9, 'e'}, {0xaa, 'e'}, {0xab, 'e'}, {0xac, 'i'}, {0xad, 'i'}, {0xae, 'i'},
      {0xaf, 'i'}, {0xb1, 'n'}, {0xb2, 'o'}, {0xb3, 'o'}, {0xb4, 'o'}, {0xb5, 'o'}, {0xb6, 'o'},
      {0xb8, 'o'}, {0xb9, 'u'}, {0xba, 'u'},
  }};
  for (const auto& [byte, ascii] : kFold) {
    if (byte == second) return ascii;
  }
  return 0;
}

}  // namespace

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
    } else if (c == '\'' ) {
      // "council's" reads better as "councils" than "council-s".
    } else if (c == 0xc3 && i + 1 < text.size()) {
      const char folded = FoldLatin1(static_cast<unsigned char>(text[i + 1]));
      ++i;
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
