#include "http/request_target.h"

namespace broadsheet::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // needs two hex digits after '%'
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<ParsedTarget> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  const auto question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  ParsedTarget parsed;
  if (question != std::string_view::npos) parsed.query = std::string(target.substr(question + 1));

  auto path = PercentDecode(raw_path, /*plus_is_space=*/false);
  if (!path) return std::nullopt;
  for (char c : *path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  }
  // Reject dot segments after decoding, so "%2e%2e" is caught as well as "..".
  std::size_t start = 1;
  while (start <= path->size()) {
    const auto end = std::min(path->find('/', start), path->size());
    const std::string_view segment(path->data() + start, end - start);
    if (segment == "." || segment == "..") return std::nullopt;
    start = end + 1;
  }
  parsed.path = std::move(*path);
  return parsed;
}

}  // namespace broadsheet::http
