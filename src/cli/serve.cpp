// `broadsheet serve`: the composition root. Builds config, store, counters, caches, templates
// and the HTTP server in order, runs until SIGINT/SIGTERM, and shuts down in reverse: stop
// accepting, finish in-flight requests, flush pending views, exit 0.
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "cli/commands.h"
#include "http/access_log.h"
#include "http/router.h"
#include "http/server.h"
#include "news/calendar.h"
#include "render/page_cache.h"
#include "render/template_set.h"
#include "site/background_tasks.h"
#include "site/routes.h"
#include "site/site_context.h"
#include "site/static_files.h"
#include "news/comment.h"
#include "security/captcha_token.h"
#include "security/client_address.h"
#include "security/clock.h"
#include "security/rate_limiter.h"
#include "security/reader_cookie.h"
#include "security/site_key.h"
#include "store/rating_board.h"
#include "store/view_counter.h"

namespace broadsheet::cli {
namespace {

const std::vector<std::string> kRequiredTemplates = {"layout", "front",     "category",
                                                     "article", "not_found", "error",
                                                     "comment_form", "comment_page",
                                                     "comments_page"};

http::ServerOptions ServerOptionsFrom(const config::Config& config) {
  http::ServerOptions options;
  if (!http::ParseListenAddress(config.String("server.listen"), options.address, options.port)) {
    throw CliError("[server] listen must be ADDR:PORT, got '" + config.String("server.listen") +
                   "'");
  }
  const auto threads = config.Int("server.threads");
  options.threads = threads > 0 ? static_cast<int>(threads)
                                : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.header_limit_bytes = config.Int("server.header_limit_bytes");
  options.body_limit_bytes = config.Int("server.body_limit_bytes");
  options.header_timeout = std::chrono::seconds(config.Int("server.header_timeout_s"));
  options.idle_timeout = std::chrono::seconds(config.Int("server.idle_timeout_s"));
  options.linger = std::chrono::milliseconds(config.Int("server.linger_ms"));
  options.shutdown_timeout = std::chrono::seconds(config.Int("server.shutdown_timeout_s"));
  return options;
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

  std::unique_ptr<render::TemplateSet> templates;
  std::unique_ptr<site::StaticFiles> static_files;
  try {
    templates = std::make_unique<render::TemplateSet>(assets + "/templates", kRequiredTemplates);
    static_files = std::make_unique<site::StaticFiles>(assets + "/static");
  } catch (const std::runtime_error& error) {
    throw CliError(error.what());
  }

  store::ViewCounter views(*store, [] { return news::LocalDay(news::UnixNow()); });
  render::PageCache pages(static_cast<std::size_t>(config.Int("cache.max_entries")));
  site::SiteSettings settings;
  settings.base_url = config.String("site.url");
  while (settings.base_url.ends_with('/')) settings.base_url.pop_back();
  settings.name = config.IsSet("site.name") || !options.demo ? config.String("site.name")
                                                             : "The Alderbrook Gazette";
  settings.tagline = config.IsSet("site.tagline") || !options.demo
                         ? config.String("site.tagline")
                         : "News from the river town, since 1874";
  settings.lang = config.String("site.lang");
  settings.page_size = static_cast<int>(config.Int("site.page_size"));
  settings.cache_max_age = std::chrono::seconds(config.Int("cache.max_age_s"));
  settings.rating_prior_votes = static_cast<int>(config.Int("ratings.prior_votes"));

  const security::SiteKey key = security::SiteKey::Load(config.KeyFile());
  const security::ReaderCookies readers(key);
  std::unique_ptr<security::ClientAddresses> addresses;
  try {
    addresses = std::make_unique<security::ClientAddresses>(
        config.String("server.trusted_proxies"), key);
  } catch (const std::invalid_argument& error) {
    throw CliError(std::string("[server] trusted_proxies: ") + error.what());
  }
  const security::SteadyClock clock;
  security::SlidingWindowLimiter votes_per_address(
      static_cast<int>(config.Int("ratings.votes_per_address")),
      std::chrono::seconds(config.Int("ratings.window_s")), clock);
  const auto comment_window = std::chrono::seconds(config.Int("comments.window_s"));
  security::SlidingWindowLimiter comments_per_address(
      static_cast<int>(config.Int("comments.per_address")), comment_window, clock);
  security::SlidingWindowLimiter comments_per_reader(
      static_cast<int>(config.Int("comments.per_reader")), comment_window, clock);
  const security::CaptchaSealer captcha(key);
  site::FormGuards guards{readers,          *addresses,          votes_per_address,
                          comments_per_address, comments_per_reader, captcha};
  const site::CommentRules comment_rules = CommentRulesFrom(config, captcha);
  store::RatingBoard ratings;
  const site::SiteContext context{settings, *store,        views,   pages,        *templates,
                                  *static_files, ratings, guards, comment_rules};

  http::Router router;
  site::RegisterRoutes(router, context);
  std::unique_ptr<http::AccessLog> access_log;
  try {
    access_log = std::make_unique<http::AccessLog>(config.AccessLog());
  } catch (const std::runtime_error& error) {
    throw CliError(error.what());
  }
  http::Server server(server_options, router, *access_log);
  std::uint16_t port = 0;
  try {
    port = server.Listen();
  } catch (const std::runtime_error& error) {
    throw CliError(error.what());
  }

  site::BackgroundTasks background(*store, views, ratings, pages,
                                   std::chrono::milliseconds(config.Int("views.flush_interval_ms")),
                                   std::chrono::milliseconds(config.Int("store.poll_interval_ms")));
  background.Start();
  if (!options.port_file.empty()) WritePortFile(options.port_file, port);
  spdlog::info("broadsheet serving http://{}:{}/ ({} threads, store {})", server_options.address,
               port, server_options.threads, config.StoreUrl());

  server.Run();  // returns after SIGINT/SIGTERM and in-flight requests
  spdlog::info("stopping: flushing pending views");
  const bool flushed = background.Stop();
  access_log->Flush();
  spdlog::info("stopped");
  return flushed ? 0 : 1;
}

}  // namespace broadsheet::cli
