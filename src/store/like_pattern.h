// A LIKE pattern that matches `text` anywhere, its own % _ and \ escaped (for ESCAPE '\'), so a
// title search for "100%" finds "100%" and nothing else. Both stores use it.
#pragma once

#include <string>

namespace broadsheet::store {

// "" for an empty text (the caller's "no filter").
inline std::string ContainsPattern(const std::string& text) {
  if (text.empty()) return {};
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  return pattern + "%";
}

}  // namespace broadsheet::store
