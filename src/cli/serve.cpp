// `broadsheet serve`: the composition root. Builds config, store, counters, caches, templates
// and the HTTP server in order, runs until SIGINT/SIGTERM, and shuts down in reverse: stop
// accepting, finish in-flight requests, flush pending views, exit 0.
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "cli/commands.h"
#include "http/access_log.h"
#include "http/router.h"
#include "http/server.h"
#include "http/worker_pool.h"
#include "media/media_directory.h"
#include "news/calendar.h"
#include "news/comment.h"
#include "render/page_cache.h"
#include "render/template_set.h"
#include "security/captcha_token.h"
#include "security/client_address.h"
#include "security/clock.h"
#include "security/password.h"
#include "security/rate_limiter.h"
#include "security/reader_cookie.h"
#include "security/signin_token.h"
#include "security/site_key.h"
#include "site/admin/desk_context.h"
#include "site/admin/desk_session.h"
#include "site/admin/media_pages.h"
#include "site/background_tasks.h"
#include "site/listing_facts.h"
#include "site/request_gate.h"
#include "site/routes.h"
#include "site/security_headers.h"
#include "site/site_context.h"
#include "site/static_files.h"
#include "store/rating_board.h"
#include "store/view_counter.h"

namespace broadsheet::cli {
namespace {

// The worker pool (renders, durable writes, password hashing) runs this much nicer than the
// I/O threads, so a flood of slow work never starves cached pages of a core.
constexpr int kWorkerNiceness = 5;

const std::vector<std::string> kRequiredTemplates = {
    "layout",     "front",        "category",     "article",       "not_found",
    "error",      "comment_form", "comment_page", "comments_page", "picture",
    "pagination", "archive",      "search",       "search_limited"};

const std::vector<std::string> kRequiredDeskTemplates = {
    "layout",         "login",    "message",   "account", "articles", "editor",
    "confirm_delete", "trash",    "revisions", "diff",    "users",    "dashboard",
    "comments",       "settings", "audit",     "media",   "redirects"};

// 0 in the config means one per core.
int OnePerCoreUnless(std::int64_t configured) {
  return configured > 0 ? static_cast<int>(configured)
                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

http::ServerOptions ServerOptionsFrom(const config::Config& config) {
  http::ServerOptions options;
  if (!http::ParseListenAddress(config.String("server.listen"), options.address, options.port)) {
    throw CliError("[server] listen must be ADDR:PORT, got '" + config.String("server.listen") +
                   "'");
  }
  options.threads = OnePerCoreUnless(config.Int("server.threads"));
  options.header_limit_bytes = config.Int("server.header_limit_bytes");
  options.body_limit_bytes = config.Int("server.body_limit_bytes");
  options.header_timeout = std::chrono::seconds(config.Int("server.header_timeout_s"));
  options.idle_timeout = std::chrono::seconds(config.Int("server.idle_timeout_s"));
  options.linger = std::chrono::milliseconds(config.Int("server.linger_ms"));
  options.shutdown_timeout = std::chrono::seconds(config.Int("server.shutdown_timeout_s"));
  options.max_connections = config.Int("server.max_connections");
  options.max_connections_per_address = config.Int("server.max_connections_per_address");
  return options;
}

std::unique_ptr<security::ClientAddresses> ClientAddressesFrom(const config::Config& config,
                                                               const security::SiteKey& key) {
  const auto header = security::ParseForwardedHeader(config.String("server.client_address_header"));
  if (!header) {
    throw CliError("[server] client_address_header must be x-forwarded-for or forwarded, got '" +
                   config.String("server.client_address_header") + "'");
  }
  try {
    return std::make_unique<security::ClientAddresses>(config.String("server.trusted_proxies"),
                                                       *header, key);
  } catch (const std::invalid_argument& error) {
    throw CliError(std::string("[server] trusted_proxies: ") + error.what());
  }
}

std::vector<site::AllowedHost> AllowedHostsFrom(const config::Config& config,
                                                const std::string& listen_address) {
  if (config.String("site.hosts").empty()) return site::DefaultAllowedHosts(listen_address);
  try {
    return site::ParseAllowedHosts(config.String("site.hosts"));
  } catch (const std::invalid_argument& error) {
    throw CliError(std::string("[site] hosts: ") + error.what());
  }
}

// Written to a temporary name and renamed, so a reader never sees a half-written port.
void WritePortFile(const std::string& path, std::uint16_t port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::trunc);
    file << port << "\n";
    if (!file.flush()) throw CliError("cannot write port file " + path);
  }
  std::filesystem::rename(temporary, path);
}

site::CommentRules CommentRulesFrom(const config::Config& config,
                                    const security::CaptchaSealer& captcha) {
  site::CommentRules rules;
  rules.min_fill_ms = config.Int("comments.min_fill_ms");
  rules.token_ttl_ms = config.Int("comments.token_ttl_s") * 1000;
  rules.max_links = static_cast<int>(config.Int("comments.max_links"));
  rules.report_threshold = static_cast<int>(config.Int("comments.report_threshold"));
  rules.duplicate_window_s = config.Int("comments.duplicate_window_s");
  rules.pow_max_number = config.Int("comments.pow_max_number");
  rules.honeypot_field = captcha.FieldName("honeypot");
  if (const std::string path = config.String("comments.blocklist_file"); !path.empty()) {
    std::ifstream file(path);
    if (!file) throw CliError("[comments] blocklist_file: cannot read " + path);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    rules.blocklist = news::ParseBlocklist(text);
  }
  return rules;
}

site::admin::DeskSettings DeskSettingsFrom(const config::Config& config) {
  return {.idle_s = config.Int("admin.idle_s"),
          .max_age_s = config.Int("admin.max_age_s"),
          .signin_form_s = config.Int("admin.signin_form_s"),
          .trash_s = config.Int("admin.trash_s"),
          .page_size = 20,
          .timezone = config.String("site.timezone"),
          .media_max_pixels = config.Int("media.max_pixels")};
}

security::PasswordCost PasswordCostFrom(const config::Config& config) {
  const auto cost = security::ParsePasswordCost(config.String("admin.password_cost"));
  if (!cost) throw CliError("[admin] password_cost must be interactive or minimum");
  return *cost;
}

// The first `serve --demo` of a site with no logins makes one admin, so a newcomer can sign
// in at once. The password is random and shown once, on stderr, terminal or not.
void CreateDemoAdmin(store::Store& store, security::PasswordHasher& hasher,
                     const std::string& address, std::uint16_t port) {
  if (!store.ListUsers().empty()) return;
  std::string password = security::SignInTokens::NewId().substr(0, 20);
  store::UserRow admin;
  admin.email = "admin@example.org";
  admin.role = news::Role::kAdmin;
  admin.password_hash = *hasher.Hash(password);
  if (!store.AddUser(admin, "", "Site Admin", news::UnixNow())) return;
  fmt::print(stderr,
             "\ndemo: sign in to the back office at http://{}:{}/admin/ as admin@example.org\n"
             "demo: password {}  (shown only this once; change it under Account)\n\n",
             address, port, password);
  std::fflush(stderr);
}

void ConfigureLogging(const config::Config& config) {
  const auto level = spdlog::level::from_str(config.String("log.level"));
  if (level == spdlog::level::off && config.String("log.level") != "off") {
    throw CliError("[log] level must be trace, debug, info, warn, error or off");
  }
  spdlog::set_level(level);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
}

}  // namespace

int RunServe(const CommonOptions& common, const ServeOptions& options) {
  std::vector<std::pair<std::string, std::string>> flags;
  if (!options.listen.empty()) flags.emplace_back("server.listen", options.listen);
  if (options.threads >= 0) flags.emplace_back("server.threads", std::to_string(options.threads));
  const config::Config config = LoadConfig(common, flags);
  ConfigureLogging(config);
  http::ServerOptions server_options = ServerOptionsFrom(config);
  // Before any thread starts: the zone is process state (news/calendar.h).
  if (!news::SetProcessTimeZone(config.String("site.timezone"))) {
    throw CliError("[site] timezone: unknown time zone '" + config.String("site.timezone") + "'");
  }

  // SQLite: an empty data dir is initialised here. PostgreSQL: the key must already be there.
  InitializeSite(config, /*mint_key=*/UsesSqlite(config));
  std::unique_ptr<store::Store> store = OpenConfiguredStore(config);
  const std::string assets = config.AssetsDir();
  if (options.demo && store->IsEmpty()) {
    const int seeded = SeedDemoSite(*store, assets);
    spdlog::info("demo: seeded {} articles", seeded);
  }

  // A category that took a name the router now answers itself would be unreachable.
  for (const std::string& renamed : store->RenameReservedCategories(site::ReservedNames())) {
    spdlog::warn("category renamed, its old address is one of the site's own: {}", renamed);
  }

  std::unique_ptr<render::TemplateSet> templates;
  std::unique_ptr<render::TemplateSet> desk_templates;
  std::unique_ptr<site::StaticFiles> static_files;
  try {
    templates = std::make_unique<render::TemplateSet>(assets + "/templates", kRequiredTemplates);
    desk_templates =
        std::make_unique<render::TemplateSet>(assets + "/templates/admin", kRequiredDeskTemplates);
    static_files = std::make_unique<site::StaticFiles>(assets + "/static");
  } catch (const std::runtime_error& error) {
    throw CliError(error.what());
  }

  store::ViewCounter views(*store, [] { return news::LocalDay(news::UnixNow()); });
  if (config.IsSet("cache.max_entries")) {
    spdlog::warn("[cache] max_entries is ignored: the cache is bounded by [cache] max_bytes");
  }
  render::PageCache pages(static_cast<std::size_t>(config.Int("cache.max_bytes")));
  site::ListingFacts listings(*store, pages);
  site::SiteSettings settings;
  settings.base_url = config.String("site.url");
  while (settings.base_url.ends_with('/')) settings.base_url.pop_back();
  settings.name = config.IsSet("site.name") || !options.demo ? config.String("site.name")
                                                             : "The Alderbrook Gazette";
  settings.tagline = config.IsSet("site.tagline") || !options.demo
                         ? config.String("site.tagline")
                         : "News from the river town, since 1874";
  settings.lang = config.String("site.lang");
  // Set in the configuration: fixed, whatever the settings page stored.
  settings.name_fixed = config.IsSet("site.name");
  settings.tagline_fixed = config.IsSet("site.tagline");
  settings.lang_fixed = config.IsSet("site.lang");
  settings.page_size = static_cast<int>(config.Int("site.page_size"));
  settings.cache_max_age = std::chrono::seconds(config.Int("cache.max_age_s"));
  settings.side_boxes_max_age = std::chrono::seconds(config.Int("cache.side_boxes_s"));
  settings.rating_prior_votes = static_cast<int>(config.Int("ratings.prior_votes"));
  settings.logo = config.String("site.logo");
  settings.search_cache = std::chrono::seconds(config.Int("search.cache_s"));
  settings.feed_items = static_cast<int>(config.Int("feeds.items"));
  settings.feed_full_text = config.Bool("feeds.full_text");
  settings.sitemap_urls_per_file = static_cast<int>(config.Int("sitemaps.urls_per_file"));

  const security::SiteKey key = security::SiteKey::Load(config.KeyFile());
  const security::ReaderCookies readers(key);
  const std::unique_ptr<security::ClientAddresses> addresses = ClientAddressesFrom(config, key);
  const security::SteadyClock clock;
  security::SlidingWindowLimiter votes_per_address(
      static_cast<int>(config.Int("ratings.votes_per_address")),
      std::chrono::seconds(config.Int("ratings.window_s")), clock);
  const auto comment_window = std::chrono::seconds(config.Int("comments.window_s"));
  security::SlidingWindowLimiter comments_per_address(
      static_cast<int>(config.Int("comments.per_address")), comment_window, clock);
  security::SlidingWindowLimiter comments_per_reader(
      static_cast<int>(config.Int("comments.per_reader")), comment_window, clock);
  security::SlidingWindowLimiter reports_per_address(
      static_cast<int>(config.Int("comments.reports_per_address")), comment_window, clock);
  security::SlidingWindowLimiter captchas_per_address(
      static_cast<int>(config.Int("captcha.per_address")),
      std::chrono::seconds(config.Int("captcha.window_s")), clock);
  security::SlidingWindowLimiter searches_per_address(
      static_cast<int>(config.Int("search.per_address")),
      std::chrono::seconds(config.Int("search.window_s")), clock);
  security::SlidingWindowLimiter api_per_address(static_cast<int>(config.Int("api.per_address")),
                                                 std::chrono::seconds(config.Int("api.window_s")),
                                                 clock);
  const security::CaptchaSealer captcha(key);
  site::FormGuards guards{.readers = readers,
                          .addresses = *addresses,
                          .votes_per_address = votes_per_address,
                          .comments_per_address = comments_per_address,
                          .comments_per_reader = comments_per_reader,
                          .reports_per_address = reports_per_address,
                          .captchas_per_address = captchas_per_address,
                          .searches_per_address = searches_per_address,
                          .api_per_address = api_per_address,
                          .captcha = captcha};
  const site::CommentRules comment_rules = CommentRulesFrom(config, captcha);
  store::RatingBoard ratings;
  store::CommentTally comment_counts;
  const media::MediaDirectory media_files(config.MediaDir());
  const site::SiteContext context{settings,      *store,        views,       pages,
                                  *templates,    *static_files, ratings,     guards,
                                  comment_rules, listings,      media_files, comment_counts};

  security::PasswordHasher password_hasher(PasswordCostFrom(config),
                                           static_cast<int>(config.Int("admin.hashes_at_once")));
  const security::SignInTokens signin_tokens(key);
  const auto signin_window = std::chrono::seconds(config.Int("admin.signin_window_s"));
  security::SlidingWindowLimiter signin_failures_per_address(
      static_cast<int>(config.Int("admin.signin_attempts_per_address")), signin_window, clock);
  security::SlidingWindowLimiter signin_failures_per_account(
      static_cast<int>(config.Int("admin.signin_attempts")), signin_window, clock);
  const site::admin::DeskContext desk{.site = context,
                                      .templates = *desk_templates,
                                      .hasher = password_hasher,
                                      .tokens = signin_tokens,
                                      .failures_per_address = signin_failures_per_address,
                                      .failures_per_account = signin_failures_per_account,
                                      .settings = DeskSettingsFrom(config),
                                      .reserved_names = site::ReservedNames()};

  http::Router router;
  site::RegisterRoutes(router, context, desk);
  const site::RequestGate gate(settings.base_url, AllowedHostsFrom(config, server_options.address),
                               *addresses);
  router.SetGate([&gate](http::Request& request) { return gate(request); });
  server_options.exempt_from_address_limit = [&addresses](std::string_view peer) {
    return addresses->IsTrusted(peer);
  };
  server_options.default_headers = site::SecurityHeaders(settings.base_url.starts_with("https://"));
  // Uploads only, and only from a live sign-in: every other request keeps the small limit.
  server_options.upload_paths = {
      {std::string(site::admin::kUploadPath),
       static_cast<std::size_t>(config.Int("media.max_upload_bytes")),
       [&desk](std::string_view cookies) { return site::admin::HoldsLiveSignIn(desk, cookies); }}};

  const std::string log_addresses = config.String("log.addresses");
  if (log_addresses != "raw" && log_addresses != "hashed") {
    throw CliError("[log] addresses must be raw or hashed, got '" + log_addresses + "'");
  }
  http::AccessLog::AddressHasher hasher;
  if (log_addresses == "hashed") {
    hasher = [&addresses](std::string_view address) { return addresses->RateLimitKey(address); };
  }
  std::unique_ptr<http::AccessLog> access_log;
  try {
    access_log = std::make_unique<http::AccessLog>(config.AccessLog(), std::move(hasher));
  } catch (const std::runtime_error& error) {
    throw CliError(error.what());
  }
  // Slow work (drawing security codes) runs here, never on an I/O thread.
  http::WorkerPool workers(OnePerCoreUnless(config.Int("server.workers")),
                           static_cast<std::size_t>(config.Int("server.worker_queue")),
                           kWorkerNiceness);
  http::Server server(server_options, router, *access_log, &workers);
  std::uint16_t port = 0;
  try {
    port = server.Listen();
  } catch (const std::runtime_error& error) {
    throw CliError(error.what());
  }

  site::BackgroundTasks background(
      *store, views, ratings, comment_counts, pages,
      {.flush_interval = std::chrono::milliseconds(config.Int("views.flush_interval_ms")),
       .poll_interval = std::chrono::milliseconds(config.Int("store.poll_interval_ms")),
       .address_retention = std::chrono::hours(24 * config.Int("privacy.address_days")),
       .trash_retention = std::chrono::seconds(config.Int("admin.trash_s")),
       .signin_idle = std::chrono::seconds(config.Int("admin.idle_s")),
       .signin_max_age = std::chrono::seconds(config.Int("admin.max_age_s"))});
  background.Start();
  if (options.demo) CreateDemoAdmin(*store, password_hasher, server_options.address, port);
  if (!options.port_file.empty()) WritePortFile(options.port_file, port);
  spdlog::info("broadsheet serving http://{}:{}/ ({} threads, store {})", server_options.address,
               port, server_options.threads, config.StoreUrl());

  server.Run();    // returns after SIGINT/SIGTERM and in-flight requests
  workers.Stop();  // before the server goes: queued work holds its connections
  spdlog::info("stopping: flushing pending views");
  const bool flushed = background.Stop();
  access_log->Flush();
  spdlog::info("stopped");
  return flushed ? 0 : 1;
}

}  // namespace broadsheet::cli
