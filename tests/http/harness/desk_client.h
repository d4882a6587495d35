// Test harness: a back-office user over real HTTP. Keeps the sign-in cookie, reads each
// page's form token, and posts forms the way a browser does (same-site, urlencoded).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "http/harness/http_client.h"

namespace broadsheet::testing {

inline std::string UrlEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

inline std::string EncodeForm(const Fields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += "&";
    body += UrlEncode(name) + "=" + UrlEncode(value);
  }
  return body;
}

// The value of `name=` in a Set-Cookie header (several lines), or "" when absent.
inline std::string CookieFrom(const HttpResponse& response, const std::string& name) {
  const std::string all = response.Header("set-cookie");
  const auto at = all.find(name + "=");
  if (at == std::string::npos) return {};
  const auto start = at + name.size() + 1;
  return all.substr(start, all.find(';', start) - start);
}

// The first form token on a page.
inline std::string CsrfOn(const std::string& page) {
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = page.find(marker);
  if (at == std::string::npos) return {};
  const auto start = at + marker.size();
  return page.substr(start, page.find('"', start) - start);
}

class DeskClient {
 public:
  explicit DeskClient(std::uint16_t port) : client_(port) {}

  // Fetches the sign-in form, then posts it. Returns the POST's answer; on success the
  // sign-in cookie is kept.
  HttpResponse SignIn(const std::string& email, const std::string& password) {
    const HttpResponse form = client_.Get("/admin/login");
    const std::string pre = CookieFrom(form, "bs_presignin");
    HttpResponse answer = client_.Request(
        "POST", "/admin/login",
        {{"Cookie", "bs_presignin=" + pre}, {"Content-Type", "application/x-www-form-urlencoded"}},
        EncodeForm({{"csrf", CsrfOn(form.body)}, {"email", email}, {"password", password}}));
    if (const std::string id = CookieFrom(answer, "bs_signin"); !id.empty()) signin_ = id;
    return answer;
  }
  HttpResponse Get(const std::string& target) {
    HttpResponse page = client_.Get(target, Cookie());
    if (const std::string token = CsrfOn(page.body); !token.empty()) csrf_ = token;
    return page;
  }
  // Posts `fields` with the last token seen (fetch a page first).
  HttpResponse Post(const std::string& target, Fields fields) {
    fields.emplace_back("csrf", csrf_);
    Headers headers = Cookie();
    headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return client_.Request("POST", target, headers, EncodeForm(fields));
  }
  const std::string& signin() const { return signin_; }
  void UseSignIn(const std::string& id) { signin_ = id; }
  const std::string& csrf() const { return csrf_; }
  void UseCsrf(const std::string& token) { csrf_ = token; }

 private:
  Headers Cookie() const {
    return signin_.empty() ? Headers{} : Headers{{"Cookie", "bs_signin=" + signin_}};
  }
  HttpClient client_;
  std::string signin_;
  std::string csrf_;
};

}  // namespace broadsheet::testing
