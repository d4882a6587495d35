// How both stores keep a picture's variant widths in one column: "480,960,1600".
#pragma once

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::store {

inline std::string JoinWidths(const std::vector<int>& widths) {
  std::string text;
  for (const int width : widths) {
    if (!text.empty()) text += ',';
    text += std::to_string(width);
  }
  return text;
}

// Anything that is not a positive number is skipped: a row is never trusted to be well formed.
inline std::vector<int> SplitWidths(std::string_view text) {
  std::vector<int> widths;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    int width = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), width);
    if (error == std::errc() && end == part.data() + part.size() && width > 0) {
      widths.push_back(width);
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return widths;
}

}  // namespace broadsheet::store
