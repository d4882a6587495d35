// Reading a cookie from a request's Cookie header, and writing a Set-Cookie value. Pure
// functions of untrusted input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace broadsheet::http {

// The value of the first cookie called `name` in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string_view> CookieValue(std::string_view cookie_header,
                                            std::string_view name);

struct CookieAttributes {
  int max_age_s = 0;
  bool secure = false;  // only over https
  std::string_view path = "/";
};
// "name=value; Max-Age=N; Path=P; HttpOnly; SameSite=Lax[; Secure]"
std::string SetCookieValue(std::string_view name, std::string_view value,
                           const CookieAttributes& attributes);

}  // namespace broadsheet::http
