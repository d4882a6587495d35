#include "http/cookies.h"

namespace broadsheet::http {

std::optional<std::string_view> CookieValue(std::string_view cookie_header,
                                            std::string_view name) {
  std::size_t from = 0;
  while (from < cookie_header.size()) {
    auto end = cookie_header.find(';', from);
    if (end == std::string_view::npos) end = cookie_header.size();
    std::string_view pair = cookie_header.substr(from, end - from);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      std::string_view value = pair.substr(equals + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return value;
    }
    from = end + 1;
  }
  return std::nullopt;
}

std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieAttributes& attributes) {
  std::string out;
  out.append(name).append("=").append(value);
  out.append("; Max-Age=").append(std::to_string(attributes.max_age_s));
  out.append("; Path=").append(attributes.path).append("; HttpOnly; SameSite=Lax");
  if (attributes.secure) out.append("; Secure");
  return out;
}

}  // namespace broadsheet::http
