// Latin letters (U+00C0-U+017F) folded to lowercase ASCII: the one table behind slugs
// (news/slug.cpp) and search words (news/search_text.cpp). Private to news/. Pure constexpr
// data and functions; thread-safe.
#pragma once

#include <string_view>

namespace broadsheet::news {

// A run of code points that all fold to the same lowercase ASCII text.
struct LatinFold {
  char32_t first;
  char32_t last;
  std::string_view ascii;
  // Slugs fold only the letters they folded when the first categories and tags were stored:
  // stores find a category or tag again by Slugify(name), so a newly folded letter would give
  // an old name a new slug and split it in two. Search has no such history and folds them all.
  bool in_slugs;
};

// Sorted by code point. Where capitals and small letters alternate, one run covers both.
inline constexpr LatinFold kLatinFolds[] = {
    {0x00C0, 0x00C5, "a", true},    // À-Å
    {0x00C6, 0x00C6, "ae", false},  // Æ
    {0x00C7, 0x00C7, "c", true},    // Ç
    {0x00C8, 0x00CB, "e", true},    // È-Ë
    {0x00CC, 0x00CF, "i", true},    // Ì-Ï
    {0x00D0, 0x00D0, "d", false},   // Ð
    {0x00D1, 0x00D1, "n", true},    // Ñ
    {0x00D2, 0x00D6, "o", true},    // Ò-Ö (U+00D7 × is not a letter)
    {0x00D8, 0x00D8, "o", true},    // Ø
    {0x00D9, 0x00DC, "u", true},    // Ù-Ü
    {0x00DD, 0x00DD, "y", true},    // Ý
    {0x00DE, 0x00DE, "th", false},  // Þ
    {0x00DF, 0x00DF, "ss", true},   // ß (slugs keep the first letter only)
    {0x00E0, 0x00E5, "a", true},    // à-å
    {0x00E6, 0x00E6, "ae", false},  // æ
    {0x00E7, 0x00E7, "c", true},    // ç
    {0x00E8, 0x00EB, "e", true},    // è-ë
    {0x00EC, 0x00EF, "i", true},    // ì-ï
    {0x00F0, 0x00F0, "d", false},   // ð
    {0x00F1, 0x00F1, "n", true},    // ñ
    {0x00F2, 0x00F6, "o", true},    // ò-ö (U+00F7 ÷ is not a letter)
    {0x00F8, 0x00F8, "o", true},    // ø
    {0x00F9, 0x00FA, "u", true},    // ù ú
    {0x00FB, 0x00FC, "u", false},   // û ü (never in the slug table; see in_slugs)
    {0x00FD, 0x00FD, "y", false},   // ý
    {0x00FE, 0x00FE, "th", false},  // þ
    {0x00FF, 0x00FF, "y", false},   // ÿ
    {0x0100, 0x0105, "a", false},   // Ā ā Ă ă Ą ą
    {0x0106, 0x010D, "c", false},   // Ć ć Ĉ ĉ Ċ ċ Č č
    {0x010E, 0x0111, "d", false},   // Ď ď Đ đ
    {0x0112, 0x011B, "e", false},   // Ē ē Ĕ ĕ Ė ė Ę ę Ě ě
    {0x011C, 0x0123, "g", false},   // Ĝ ĝ Ğ ğ Ġ ġ Ģ ģ
    {0x0124, 0x0127, "h", false},   // Ĥ ĥ Ħ ħ
    {0x0128, 0x0131, "i", false},   // Ĩ ĩ Ī ī Ĭ ĭ Į į İ ı
    {0x0132, 0x0133, "ij", false},  // Ĳ ĳ
    {0x0134, 0x0135, "j", false},   // Ĵ ĵ
    {0x0136, 0x0138, "k", false},   // Ķ ķ ĸ
    {0x0139, 0x0142, "l", false},   // Ĺ ĺ Ļ ļ Ľ ľ Ŀ ŀ Ł ł
    {0x0143, 0x014B, "n", false},   // Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ
    {0x014C, 0x0151, "o", false},   // Ō ō Ŏ ŏ Ő ő
    {0x0152, 0x0153, "oe", false},  // Œ œ
    {0x0154, 0x0159, "r", false},   // Ŕ ŕ Ŗ ŗ Ř ř
    {0x015A, 0x0161, "s", false},   // Ś ś Ŝ ŝ Ş ş Š š
    {0x0162, 0x0167, "t", false},   // Ţ ţ Ť ť Ŧ ŧ
    {0x0168, 0x0173, "u", false},   // Ũ ũ Ū ū Ŭ ŭ Ů ů Ű ű Ų ų
    {0x0174, 0x0175, "w", false},   // Ŵ ŵ
    {0x0176, 0x0178, "y", false},   // Ŷ ŷ Ÿ
    {0x0179, 0x017E, "z", false},   // Ź ź Ż ż Ž ž
    {0x017F, 0x017F, "s", false},   // ſ
};

// The table row holding `code_point`, or nullptr for any code point outside the table.
constexpr const LatinFold* FindLatinFold(char32_t code_point) {
  for (const LatinFold& fold : kLatinFolds) {
    if (code_point < fold.first) return nullptr;
    if (code_point <= fold.last) return &fold;
  }
  return nullptr;
}

// Lowercase ASCII for a Latin letter ("É" -> "e", "ß" -> "ss", "ł" -> "l"), or an empty view.
constexpr std::string_view FoldLatinLetter(char32_t code_point) {
  const LatinFold* fold = FindLatinFold(code_point);
  return fold ? fold->ascii : std::string_view();
}

// The one lowercase ASCII letter a slug uses for `code_point`, or 0 when slugs treat it as a
// word break (every letter outside the frozen slug set; see LatinFold::in_slugs).
constexpr char FoldLatinLetterForSlug(char32_t code_point) {
  const LatinFold* fold = FindLatinFold(code_point);
  return fold && fold->in_slugs ? fold->ascii.front() : 0;
}

}  // namespace broadsheet::news
