#include "site/site_fixture.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "http/request_target.h"
#include "news/calendar.h"
#include "render/markdown.h"
#include "site/admin/desk_session.h"
#include "site/routes.h"

namespace broadsheet::site {
namespace {

const std::vector<std::string> kTemplates = {
    "layout",     "front",        "category",     "article",       "not_found",
    "error",      "comment_form", "comment_page", "comments_page", "picture",
    "pagination", "archive",      "search",       "search_limited"};

std::string FreshDir() {
  static std::atomic<int> counter{0};
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bs-site-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

security::SiteKey FixedKey() {
  security::SiteKey::Bytes bytes;
  bytes.fill(42);
  return security::SiteKey::FromBytes(bytes);
}

std::unique_ptr<store::sqlite::SqliteStore> SeededStore(const std::string& dir, int articles) {
  auto store = std::make_unique<store::sqlite::SqliteStore>(dir + "/broadsheet.db");
  for (int i = 1; i <= articles; ++i) {
    news::ArticleInput input{.title = "Story number " + std::to_string(i),
                             .summary = "What happened, in short.",
                             .category = i % 2 ? "Town Hall" : "Sport",
                             .author = "Margaret Ellison",
                             .status = news::ArticleStatus::kPublished,
                             .body_markdown = "The **story** itself."};
    news::NormalizeAndValidate(input);
    store->AddArticle(input, render::RenderMarkdown(input.body_markdown), 1'700'000'000 + i, 0);
  }
  return store;
}

}  // namespace

SiteFixture::SiteFixture(int articles)
    : dir_(FreshDir()),
      real_(SeededStore(dir_, articles)),
      observed_(*real_),
      views_(observed_, [] { return news::LocalDay(news::UnixNow()); }),
      listings_(observed_, pages_),
      templates_(std::string(BROADSHEET_SOURCE_DIR) + "/templates", kTemplates),
      static_files_(std::string(BROADSHEET_SOURCE_DIR) + "/static"),
      key_(FixedKey()),
      readers_(key_),
      addresses_("", security::ForwardedHeader::kXForwardedFor, key_),
      votes_(1000, std::chrono::seconds(60), clock_),
      comments_(1000, std::chrono::seconds(60), clock_),
      readers_limit_(1000, std::chrono::seconds(60), clock_),
      reports_(1000, std::chrono::seconds(60), clock_),
      captchas_(1000, std::chrono::seconds(60), clock_),
      searches_(1000, std::chrono::seconds(60), clock_),
      api_(1000, std::chrono::seconds(60), clock_),
      captcha_(key_),
      guards_{.readers = readers_,
              .addresses = addresses_,
              .votes_per_address = votes_,
              .comments_per_address = comments_,
              .comments_per_reader = readers_limit_,
              .reports_per_address = reports_,
              .captchas_per_address = captchas_,
              .searches_per_address = searches_,
              .api_per_address = api_,
              .captcha = captcha_},
      media_(dir_ + "/media"),
      desk_templates_(std::string(BROADSHEET_SOURCE_DIR) + "/templates/admin", {"layout"}),
      hasher_(security::PasswordCost::kMinimum, 2),
      tokens_(key_),
      failures_per_address_(20, std::chrono::seconds(600), clock_),
      failures_per_account_(5, std::chrono::seconds(600), clock_) {
  rules_.honeypot_field = captcha_.FieldName("honeypot");
  SiteSettings settings;
  settings.name = "The Test Gazette";
  settings.tagline = "Tests, as they happen";
  settings.lang = "en";
  context_ = std::make_unique<SiteContext>(SiteContext{settings, observed_, views_, pages_,
                                                       templates_, static_files_, ratings_, guards_,
                                                       rules_, listings_, media_, comment_counts_});
  desk_ = std::make_unique<admin::DeskContext>(
      admin::DeskContext{.site = *context_,
                         .templates = desk_templates_,
                         .hasher = hasher_,
                         .tokens = tokens_,
                         .failures_per_address = failures_per_address_,
                         .failures_per_account = failures_per_account_,
                         .settings = {},
                         .reserved_names = ReservedNames()});
  RegisterRoutes(router_, *context_, *desk_);
  gate_ = std::make_unique<RequestGate>("", DefaultAllowedHosts("127.0.0.1"), addresses_);
  router_.SetGate([this](http::Request& request) { return (*gate_)(request); });
}

SiteFixture::~SiteFixture() {
  desk_.reset();
  context_.reset();
  real_.reset();
  std::filesystem::remove_all(dir_);
}

http::Response SiteFixture::Get(const std::string& target) {
  http::Request request;
  request.method = http::Method::kGet;
  request.method_text = "GET";
  request.target = target;
  const auto parsed = http::ParseTarget(target);
  request.path = parsed->path;
  request.query = parsed->query;
  request.headers = {{"Host", "127.0.0.1"}, {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"}};
  request.remote_address = "127.0.0.1";
  request.request_id = "test";
  return AsSent(router_.Dispatch(request));
}

http::Response SiteFixture::AsSent(http::Response response) {
  if (response.deferred) {
    // Run here, on the calling thread, as the worker pool would run it.
    auto work = std::move(response.deferred);
    response = work();
  }
  response.FlattenBody();  // as the server would send it: tests read one body
  return response;
}

http::Response SiteFixture::Send(http::Method method, const std::string& target,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 const std::string& body, const std::string& address) {
  http::Request request;
  request.method = method;
  request.method_text = method == http::Method::kPost ? "POST" : "GET";
  request.target = target;
  const auto parsed = http::ParseTarget(target);
  request.path = parsed->path;
  request.query = parsed->query;
  request.headers.emplace_back("Host", "127.0.0.1");
  for (const auto& [name, value] : headers) request.headers.emplace_back(name, value);
  request.body = body;
  request.remote_address = address;
  request.request_id = "test";
  return AsSent(router_.Dispatch(request));
}

SiteFixture::DeskSession SiteFixture::SignedInAs(const std::string& email, news::Role role,
                                                 const std::string& author_name) {
  store::UserRow user;
  user.email = email;
  user.role = role;
  user.password_hash = *hasher_.Hash("a long enough password for tests");
  const auto id = real_->AddUser(user, "", author_name.empty() ? email : author_name, 1);
  const std::string signin = security::SignInTokens::NewId();
  const std::string hash = tokens_.StoredHash(signin);
  real_->AddSignIn(hash, *id, news::UnixNow());
  return {*id, "bs_signin=" + signin, tokens_.FormToken(admin::kDeskTokenPurpose, hash)};
}

std::string SiteFixture::ArticlePath(std::int64_t id) {
  const auto article = real_->FindArticle(id);
  return "/" + article->category.slug + "/" + std::to_string(id) + "-" + article->slug;
}

}  // namespace broadsheet::site
