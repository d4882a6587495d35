// Test support for site/: the whole web application in-process, on a real SQLite file seeded
// with articles, behind an ObservedStore so a test can count store calls or block one in the
// middle of a render. Requests go through the real router and request gate, as the server
// would send them. One fixture per test; Get() may be called from several threads.
#pragma once

#include <memory>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "media/media_directory.h"
#include "render/page_cache.h"
#include "render/template_set.h"
#include "security/captcha_token.h"
#include "security/client_address.h"
#include "security/clock.h"
#include "security/password.h"
#include "security/rate_limiter.h"
#include "security/reader_cookie.h"
#include "security/signin_token.h"
#include "site/admin/desk_context.h"
#include "site/listing_facts.h"
#include "site/request_gate.h"
#include "site/site_context.h"
#include "site/static_files.h"
#include "store/rating_board.h"
#include "store/sqlite/sqlite_store.h"
#include "store/view_counter.h"
#include "support/observed_store.h"

namespace broadsheet::site {

class SiteFixture {
 public:
  // `articles` published articles, alternating between "Town Hall" and "Sport".
  explicit SiteFixture(int articles = 12);
  ~SiteFixture();

  // GET `target` ("/path?query") from 127.0.0.1 with Host 127.0.0.1; a deferred answer is run
  // here, on the calling thread, as the worker pool would run it.
  http::Response Get(const std::string& target);
  // Any request from `address`, as the server would dispatch it; a deferred answer is run
  // here, on the calling thread, as the worker pool would run it.
  http::Response Send(http::Method method, const std::string& target,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      const std::string& body = {}, const std::string& address = "127.0.0.1");

  // The back office: a login with `role` and a live sign-in for it; returns the sign-in id
  // (the cookie's value) and the form token its pages carry.
  struct DeskSession {
    std::int64_t user_id = 0;
    std::string cookie;  // "bs_signin=..."
    std::string csrf;
  };
  DeskSession SignedInAs(const std::string& email, news::Role role,
                         const std::string& author_name = "");
  admin::DeskContext& desk() { return *desk_; }
  security::PasswordHasher& hasher() { return hasher_; }
  const http::Router& router() const { return router_; }

  store::Store& real() { return *real_; }
  testing::ObservedStore& observed() { return observed_; }
  SiteContext& context() { return *context_; }
  // "/town-hall/3-slug" for article `id`.
  std::string ArticlePath(std::int64_t id);

 private:
  // The response as the server would send it: deferred work run, the body in one piece.
  static http::Response AsSent(http::Response response);

  std::string dir_;
  std::unique_ptr<store::sqlite::SqliteStore> real_;
  testing::ObservedStore observed_;
  store::ViewCounter views_;
  render::PageCache pages_{64 << 20};
  ListingFacts listings_;
  render::TemplateSet templates_;
  StaticFiles static_files_;
  store::RatingBoard ratings_;
  store::CommentTally comment_counts_;
  security::SteadyClock clock_;
  security::SiteKey key_;
  security::ReaderCookies readers_;
  security::ClientAddresses addresses_;
  security::SlidingWindowLimiter votes_, comments_, readers_limit_, reports_, captchas_, searches_,
      api_;
  security::CaptchaSealer captcha_;
  FormGuards guards_;
  CommentRules rules_;
  media::MediaDirectory media_;
  std::unique_ptr<SiteContext> context_;
  render::TemplateSet desk_templates_;
  security::PasswordHasher hasher_;
  security::SignInTokens tokens_;
  security::SlidingWindowLimiter failures_per_address_, failures_per_account_;
  std::unique_ptr<admin::DeskContext> desk_;
  http::Router router_;
  std::unique_ptr<RequestGate> gate_;
};

}  // namespace broadsheet::site
