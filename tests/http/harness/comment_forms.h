// Test harness: posting comments the way a reader's browser does: a fresh security code from
// /captcha/new (solved with the site key, as `broadsheet captcha solve` does), the form
// urlencoded, and the JSON answer read back. Shared by the comment and hardening tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http/harness/http_client.h"
#include "http/harness/test_site.h"
#include "security/captcha_token.h"
#include "security/site_key.h"

namespace broadsheet::testing {

// Limits out of the way and no minimum fill time, unless a test says otherwise.
inline std::vector<std::string> Relaxed(std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"--demo",
                                   "--set",
                                   "comments.min_fill_ms=0",
                                   "--set",
                                   "comments.per_address=1000000",
                                   "--set",
                                   "comments.per_reader=1000000",
                                   "--set",
                                   "ratings.votes_per_address=1000000",
                                   "--set",
                                   "captcha.per_address=1000000",
                                   "--set",
                                   "comments.reports_per_address=1000000"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

struct Token {
  std::string token;
  std::string answer;
};

// A fresh security code from the server, and its answer read with the site key (as
// `broadsheet captcha solve` does).
inline Token NewToken(HttpClient& client, const TestSite& site, const std::string& query = "") {
  const HttpResponse response = client.Get("/captcha/new" + query);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("cache-control"), "no-store");
  const auto json = boost::json::parse(response.body);
  Token token{std::string(json.at("token").as_string()), ""};
  const security::CaptchaSealer sealer(security::SiteKey::Load(site.File("site.key")));
  if (const auto claims = sealer.Open(token.token)) {
    token.answer = claims->answer;
  } else {
    // A token format this build does not read: an older binary under BROADSHEET_TEST_BINARY.
    // That binary's own CLI solves it.
    token.answer = site.Cli({"captcha", "solve", token.token}).out;
    while (!token.answer.empty() && token.answer.back() == '\n') token.answer.pop_back();
  }
  return token;
}

inline std::string Encode(const std::string& text) {
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

inline HttpResponse Post(HttpClient& client, const std::string& path, const Fields& fields,
                         const Headers& extra = {}, bool json = true) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += (body.empty() ? "" : "&") + name + "=" + Encode(value);
  }
  Headers headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (json) headers.emplace_back("Accept", "application/json");
  headers.insert(headers.end(), extra.begin(), extra.end());
  return client.Request("POST", path + "/comments", headers, body);
}

// A complete, valid comment with a fresh, solved code.
inline Fields Comment(HttpClient& client, const TestSite& site, const std::string& name,
                      const std::string& text) {
  const Token token = NewToken(client, site);
  return {{"name", name},    {"email", "reader@example.org"}, {"url", ""},
          {"comment", text}, {"captcha_token", token.token},  {"captcha_answer", token.answer}};
}

inline std::string FieldError(const HttpResponse& response, const std::string& field) {
  if (response.body.empty() || response.body[0] != '{') return {};
  const auto json = boost::json::parse(response.body);
  const auto* errors = json.as_object().if_contains("errors");
  if (!errors || !errors->as_object().contains(field)) return {};
  return std::string(errors->at(field).as_string());
}

inline std::size_t StoredComments(const TestSite& site) {
  return site.OpenStore()->ListComments(store::CommentFilter::kAll, 100000).size();
}

}  // namespace broadsheet::testing
