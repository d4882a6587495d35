#include "http/request_target.h"

#include <algorithm>

namespace broadsheet::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecodeInto(std::string_view text, bool plus_is_space, std::string& out) {
  // The usual path has nothing to decode: one copy rather than a byte at a time.
  if (text.find('%') == std::string_view::npos &&
      (!plus_is_space || text.find('+') == std::string_view::npos)) {
    out.assign(text);
    return true;
  }
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;  // needs two hex digits after '%'
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return false;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  if (!PercentDecodeInto(text, plus_is_space, out)) return std::nullopt;
  return out;
}

bool ParseTargetInto(std::string_view target, std::string& path, std::string& query) {
  if (target.empty() || target.front() != '/') return false;
  const auto question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  query.assign(question == std::string_view::npos ? std::string_view{}
                                                  : target.substr(question + 1));
  if (!PercentDecodeInto(raw_path, /*plus_is_space=*/false, path)) return false;
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return false;
  }
  // Reject dot segments after decoding, so "%2e%2e" is caught as well as "..".
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const std::string_view segment(path.data() + start, end - start);
    if (segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

std::optional<ParsedTarget> ParseTarget(std::string_view target) {
  ParsedTarget parsed;
  if (!ParseTargetInto(target, parsed.path, parsed.query)) return std::nullopt;
  return parsed;
}

}  // namespace broadsheet::http
