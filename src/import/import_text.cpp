#include "import/import_text.h"

#include <fmt/core.h>

#include <array>
#include <charconv>
#include <ctime>
#include <stdexcept>
#include <utility>

namespace broadsheet::import {
namespace {

// Decodes the entity at `html[i]` ('&') into `out`, returning the bytes it took (0: none).
std::size_t DecodeEntity(std::string_view html, std::size_t i, std::string& out) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kEntities = {{
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&#39;", "'"},
      {"&#039;", "'"},
      {"&apos;", "'"},
      {"&nbsp;", " "},
      {"&#8217;", "\u2019"},
      {"&#8216;", "\u2018"},
      {"&#8220;", "\u201c"},
      {"&#8221;", "\u201d"},
  }};
  for (const auto& [entity, text] : kEntities) {
    if (html.substr(i, entity.size()) == entity) {
      out += text;
      return entity.size();
    }
  }
  return 0;
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The tag's name at html[i] ('<'), lowercased, without '/'.
std::string TagName(std::string_view tag) {
  std::string name;
  std::size_t i = 1;
  if (i < tag.size() && tag[i] == '/') ++i;
  for (; i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z') ||
                            (tag[i] >= '0' && tag[i] <= '9'));
       ++i) {
    name += static_cast<char>(tag[i] | 0x20);
  }
  return name;
}

}  // namespace

std::string StripMarkup(std::string_view html) {
  std::string text;
  const auto add = [&text](char c) {
    if (IsBlank(c)) {
      if (!text.empty() && text.back() != ' ') text += ' ';
      return;
    }
    text += c;
  };
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      const auto close = html.find('>', i);
      if (close == std::string_view::npos) break;
      add(' ');
      i = close;
      continue;
    }
    if (html[i] == '&') {
      std::string decoded;
      if (const std::size_t used = DecodeEntity(html, i, decoded)) {
        for (const char c : decoded) add(c);
        i += used - 1;
        continue;
      }
    }
    add(html[i]);
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (!text.empty() && text.front() == ' ') text.erase(0, 1);
  return text;
}

std::string PlainParagraphs(std::string_view html) {
  // Tags that end a line or a paragraph become newlines; the rest is StripMarkup line by line.
  std::string lines;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      const auto close = html.find('>', i);
      if (close == std::string_view::npos) break;
      const std::string name = TagName(html.substr(i, close - i));
      if (name == "br") lines += '\n';
      if (name == "p" || name == "div" || name == "li" || name == "blockquote") lines += "\n\n";
      i = close;
      continue;
    }
    lines += html[i] == '\r' ? '\n' : html[i];
  }
  std::string text;
  std::size_t start = 0;
  int blank_run = 0;
  while (start <= lines.size()) {
    const auto end = std::min(lines.find('\n', start), lines.size());
    const std::string line = StripMarkup(std::string_view(lines).substr(start, end - start));
    if (line.empty()) {
      ++blank_run;
    } else {
      if (!text.empty()) text += blank_run > 0 ? "\n\n" : "\n";
      text += line;
      blank_run = 0;
    }
    start = end + 1;
  }
  return text;
}

std::string Shortened(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t end = max;
  // Back off continuation bytes (10xxxxxx) so the cut falls before a whole character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::string ShortenedAtWord(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  const std::string_view ellipsis = "\u2026";
  std::string cut = Shortened(text, max - ellipsis.size());
  if (const auto blank = cut.rfind(' '); blank != std::string::npos && blank > cut.size() / 2) {
    cut.resize(blank);
  }
  return cut + std::string(ellipsis);
}

std::int64_t UtcDateTime(std::string_view text, std::string_view field) {
  if (text.empty() || text == "0000-00-00 00:00:00") return 0;
  int parts[6] = {};
  const char separators[6] = {'-', '-', ' ', ':', ':', '\0'};
  const char* at = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 6; ++i) {
    const auto [next, error] = std::from_chars(at, end, parts[i]);
    if (error != std::errc() || (i < 5 && (next == end || *next != separators[i])) ||
        (i == 5 && next != end)) {
      at = nullptr;
      break;
    }
    at = i < 5 ? next + 1 : next;
  }
  if (at == nullptr || parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 ||
      parts[3] > 23 || parts[4] > 59 || parts[5] > 60 || parts[0] < 1970 || parts[0] > 9999) {
    throw std::runtime_error(fmt::format("{} \"{}\" is not a time (YYYY-MM-DD HH:MM:SS)", field,
                                         std::string(text.substr(0, 40))));
  }
  std::tm tm{};
  tm.tm_year = parts[0] - 1900;
  tm.tm_mon = parts[1] - 1;
  tm.tm_mday = parts[2];
  tm.tm_hour = parts[3];
  tm.tm_min = parts[4];
  tm.tm_sec = parts[5];
  return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace broadsheet::import
