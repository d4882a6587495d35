#include "config/config_keys.h"

#include <array>
#include <string>

namespace broadsheet::config {
namespace {

constexpr std::int64_t kMaxInt = 1'000'000'000;

// The defaults are what a small newsroom on one machine wants; each help line says what moving
// the number trades away.
constexpr std::array kKeys = {
    ConfigKey{"server.listen", KeyType::kString, "127.0.0.1:8080", 0, 0,
              "address:port to listen on; port 0 picks a free one"},
    ConfigKey{"server.threads", KeyType::kInt, "0", 0, 256,
              "I/O threads, each with its own event loop; 0 = one per core"},
    ConfigKey{"server.header_limit_bytes", KeyType::kInt, "16384", 1024, 1 << 20,
              "request line + headers; larger gets 431 (bigger admits huge cookies)"},
    ConfigKey{"server.body_limit_bytes", KeyType::kInt, "1048576", 1024, 64 << 20,
              "request body; larger gets 413 (bigger lets one client use more memory)"},
    ConfigKey{"server.header_timeout_s", KeyType::kInt, "10", 1, 3600,
              "time to send a request's headers (shorter resists slow clients)"},
    ConfigKey{"server.idle_timeout_s", KeyType::kInt, "60", 1, 86400,
              "keep-alive connection idle time before it is closed"},
    ConfigKey{"server.linger_ms", KeyType::kInt, "2000", 0, 60000,
              "after refusing a request, drain the client's upload this long (or 4 MiB) so "
              "it reads the status instead of a reset"},
    ConfigKey{"server.shutdown_timeout_s", KeyType::kInt, "10", 1, 600,
              "on SIGTERM, wait this long for in-flight requests before closing"},
    ConfigKey{"server.trusted_proxies", KeyType::kString, "", 0, 0,
              "addresses or CIDR ranges of your load balancers, comma-separated; only from "
              "these is client_address_header believed (empty = nobody)"},
    ConfigKey{"server.client_address_header", KeyType::kString, "x-forwarded-for", 0, 0,
              "the one header your trusted proxies write the client's address to: "
              "x-forwarded-for (haproxy option forwardfor, nginx proxy_add_x_forwarded_for) "
              "or forwarded (RFC 7239); the other is ignored"},
    ConfigKey{"server.workers", KeyType::kInt, "0", 0, 256,
              "worker threads for slow work (drawing security codes); 0 = one per core"},
    ConfigKey{"server.worker_queue", KeyType::kInt, "256", 1, 1'000'000,
              "jobs that may wait for a worker; beyond that 503 with Retry-After (longer "
              "absorbs bursts, shorter sheds a flood sooner)"},
    ConfigKey{"server.max_connections", KeyType::kInt, "10000", 1, 10'000'000,
              "open connections in all; more are answered 503 and closed (mind ulimit -n)"},
    ConfigKey{"server.max_connections_per_address", KeyType::kInt, "256", 1, 10'000'000,
              "open connections from one peer address (trusted proxies exempt); more are "
              "answered 503 and closed"},
    ConfigKey{"store.url", KeyType::kString, "", 0, 0,
              "sqlite:PATH or postgresql://...; empty = sqlite:DATA/broadsheet.db"},
    ConfigKey{"store.pool_size", KeyType::kInt, "8", 1, 1000,
              "PostgreSQL connections per node (more serves more misses at once, costs the "
              "database memory)"},
    ConfigKey{"store.connect_timeout_s", KeyType::kInt, "5", 1, 600,
              "PostgreSQL: give up connecting after this long (then 503)"},
    ConfigKey{"store.statement_timeout_ms", KeyType::kInt, "5000", 100, 3'600'000,
              "PostgreSQL: cancel a statement after this long (then 503)"},
    ConfigKey{"store.migration_timeout_s", KeyType::kInt, "60", 1, 86400,
              "PostgreSQL: bound on waiting for the migration lock and migrating at start"},
    ConfigKey{"store.sqlite_max_page_count", KeyType::kInt, "0", 0, 4'294'967'294LL,
              "SQLite: the most pages (4 KiB) the database may grow to, a size quota; at it, "
              "votes and comments get 503 and nothing is half-written (0 = no limit)"},
    ConfigKey{"store.poll_interval_ms", KeyType::kInt, "1000", 50, 86'400'000,
              "how often a server checks for changes made by other processes (the CLI)"},
    ConfigKey{"site.url", KeyType::kString, "", 0, 0,
              "public base URL (https://news.example.org) for canonical links; empty = the "
              "request's Host"},
    ConfigKey{"site.hosts", KeyType::kString, "", 0, 0,
              "host names (host or host:port) served when [site] url is unset; other Host "
              "headers get 421. Empty = localhost, 127.0.0.1, [::1], this machine's name and "
              "the listen address"},
    ConfigKey{"site.name", KeyType::kString, "Broadsheet", 0, 0, "the site's name"},
    ConfigKey{"site.tagline", KeyType::kString, "News, as it happens", 0, 0,
              "one line under the name"},
    ConfigKey{"site.lang", KeyType::kString, "en", 0, 0, "the pages' language (BCP 47)"},
    ConfigKey{"site.timezone", KeyType::kString, "UTC", 0, 0,
              "IANA zone for dates and for what 'today' means in Most read"},
    ConfigKey{"site.key_file", KeyType::kString, "", 0, 0,
              "the site key; empty = DATA/site.key. Every node of a site needs the same file"},
    ConfigKey{"site.assets_dir", KeyType::kString, "", 0, 0,
              "folder holding templates/, static/ and demo/; empty = the source tree"},
    ConfigKey{"site.logo", KeyType::kString, "", 0, 0,
              "the publisher's logo in structured data: an https URL or a path on this site "
              "such as /media/logo.png (empty: none)"},
    ConfigKey{"site.page_size", KeyType::kInt, "10", 1, 100, "articles per listing page"},
    ConfigKey{"cache.max_age_s", KeyType::kInt, "60", 0, 86400 * 30,
              "how long a rendered page is reused; live numbers stay live, edits drop it "
              "at once; 0 disables the cache"},
    ConfigKey{"cache.side_boxes_s", KeyType::kInt, "60", 0, 86400,
              "how long the \"Most read\" and \"Best rated\" boxes are reused before they are "
              "ranked again, whether pages are cached or not; a change of content ranks them at "
              "once; 0 = at every render"},
    ConfigKey{"cache.max_bytes", KeyType::kInt, "268435456", 65536, 1LL << 40,
              "memory for rendered pages; beyond it the least recently used go first"},
    ConfigKey{"cache.max_entries", KeyType::kInt, "10000", 1, 10'000'000,
              "ignored since cache.max_bytes (accepted with a warning)"},
    ConfigKey{"views.flush_interval_ms", KeyType::kInt, "1000", 10, 60000,
              "views are written in one batch this often; a crash loses at most this much"},
    ConfigKey{"ratings.votes_per_address", KeyType::kInt, "30", 1, kMaxInt,
              "votes one client address may cast per window, per node; more gets 429 (lower "
              "slows ballot stuffing, but an office or VPN shares one address)"},
    ConfigKey{"ratings.window_s", KeyType::kInt, "60", 1, 86400,
              "the sliding window of votes_per_address"},
    ConfigKey{"search.per_address", KeyType::kInt, "20", 1, 1'000'000,
              "searches allowed from one address per [search] window_s (then 429)"},
    ConfigKey{"search.window_s", KeyType::kInt, "10", 1, 86400,
              "the window of [search] per_address, in seconds"},
    ConfigKey{"search.cache_s", KeyType::kInt, "30", 0, 86400,
              "seconds a search result page is reused for the same query (any change to what "
              "is published drops it sooner)"},
    ConfigKey{"api.per_address", KeyType::kInt, "120", 1, 1'000'000,
              "read API requests allowed from one address per [api] window_s (then 429)"},
    ConfigKey{"api.window_s", KeyType::kInt, "60", 1, 86400,
              "the window of [api] per_address, in seconds"},
    ConfigKey{"feeds.items", KeyType::kInt, "20", 1, 100,
              "articles in each RSS and Atom feed, newest first"},
    ConfigKey{"feeds.full_text", KeyType::kBool, "true", 0, 0,
              "feeds carry each article's whole text (false: its summary only)"},
    ConfigKey{
        "import.batch_rows", KeyType::kInt, "1000", 1, 1000,
        "rows `import wordpress` and `import k2` write in one transaction (a live site's votes and "
        "comments wait for at most one)"},
    ConfigKey{"import.pause_ms", KeyType::kInt, "0", 0, 60000,
              "milliseconds an import rests between transactions, leaving a busy "
              "site's database to its readers"},
    ConfigKey{"sitemaps.urls_per_file", KeyType::kInt, "50000", 1, 50000,
              "addresses in each sitemap file that /sitemap.xml lists"},
    ConfigKey{"ratings.prior_votes", KeyType::kInt, "10", 0, 1'000'000,
              "\"Best rated\" counts the site's mean as this many extra votes, so a few votes "
              "cannot beat many (0 = plain average)"},
    ConfigKey{"comments.per_address", KeyType::kInt, "5", 1, kMaxInt,
              "comment posts one client address may make per window, per node; more gets 429"},
    ConfigKey{"comments.per_reader", KeyType::kInt, "3", 1, kMaxInt,
              "comment posts one reader (cookie) may make per window, per node"},
    ConfigKey{"comments.window_s", KeyType::kInt, "60", 1, 86400,
              "the sliding window of per_address and per_reader"},
    ConfigKey{"comments.min_fill_ms", KeyType::kInt, "3000", 0, 3'600'000,
              "a comment sent sooner than this after its security code was issued is refused "
              "(people take longer; scripts do not)"},
    ConfigKey{"comments.token_ttl_s", KeyType::kInt, "1800", 1, 86400,
              "how long a security code stays valid"},
    ConfigKey{"comments.max_links", KeyType::kInt, "2", 0, 1000,
              "a comment with more links than this waits for an editor"},
    ConfigKey{"comments.blocklist_file", KeyType::kString, "", 0, 0,
              "a file of words or addresses, one per line; a comment containing one waits for "
              "an editor (empty = none)"},
    ConfigKey{"comments.report_threshold", KeyType::kInt, "3", 1, 1'000'000,
              "reports from this many readers (each from an address of its own) send a "
              "published comment back to moderation; once an editor approves it despite "
              "reports, it stands"},
    ConfigKey{"comments.reports_per_address", KeyType::kInt, "10", 1, kMaxInt,
              "reports one client address may send per window_s, per node; more gets 429"},
    ConfigKey{"comments.duplicate_window_s", KeyType::kInt, "3600", 0, 31'536'000,
              "the same text from the same reader on the same article within this long is "
              "refused as a duplicate"},
    ConfigKey{"comments.pow_max_number", KeyType::kInt, "500000", 10, 100'000'000,
              "proof-of-work difficulty: the browser tries up to this many hashes, half on "
              "average (500000 is about a second on a phone; higher costs bots and phones "
              "more, see docs/SECURITY.md)"},
    ConfigKey{"captcha.per_address", KeyType::kInt, "30", 1, kMaxInt,
              "security codes (new, image and audio together) one client address may fetch "
              "per window, per node; more gets 429"},
    ConfigKey{"captcha.window_s", KeyType::kInt, "60", 1, 86400,
              "the sliding window of captcha.per_address"},
    ConfigKey{
        "privacy.address_days", KeyType::kInt, "30", 1, 3650,
        "stored address keys (comment reports, the audit log) are deleted after this many days"},
    ConfigKey{"admin.idle_s", KeyType::kInt, "43200", 1, 31'536'000,
              "a back-office sign-in not used for this long ends (shorter is safer on shared "
              "computers, longer signs editors out less)"},
    ConfigKey{"admin.max_age_s", KeyType::kInt, "1209600", 1, 31'536'000,
              "a back-office sign-in ends this long after it began, however much it is used"},
    ConfigKey{"admin.signin_attempts", KeyType::kInt, "5", 1, kMaxInt,
              "failed sign-ins to one account from one client address per window, per node; "
              "more get 429 (the account still signs in from elsewhere)"},
    ConfigKey{"admin.signin_attempts_per_address", KeyType::kInt, "20", 1, kMaxInt,
              "failed sign-ins from one client address to any accounts per window, per node; "
              "more get 429"},
    ConfigKey{"admin.signin_window_s", KeyType::kInt, "60", 1, 86400,
              "the sliding window of the two sign-in limits"},
    ConfigKey{"admin.signin_form_s", KeyType::kInt, "3600", 10, 86400,
              "how long a sign-in form may stay open before it must be reloaded"},
    ConfigKey{"admin.trash_s", KeyType::kInt, "2592000", 1, 315'360'000,
              "how long an article stays restorable in the trash before it is deleted for good"},
    ConfigKey{"admin.password_cost", KeyType::kString, "interactive", 0, 0,
              "argon2id cost: interactive (libsodium's interactive limits, ~65 ms and 64 MiB "
              "per hash here) or minimum (for tests only)"},
    ConfigKey{"admin.hashes_at_once", KeyType::kInt, "2", 1, 64,
              "password hashes that may run at once (each takes 64 MiB); more get 503"},
    ConfigKey{"media.dir", KeyType::kString, "", 0, 0,
              "where uploaded pictures are stored; empty = DATA/media. Several nodes share one"},
    ConfigKey{"media.max_upload_bytes", KeyType::kInt, "10485760", 1024, 256 << 20,
              "largest upload to POST /admin/media (other routes keep server.body_limit_bytes)"},
    ConfigKey{"media.max_pixels", KeyType::kInt, "40000000", 1, 400'000'000,
              "largest picture, in pixels, read from its header before decoding (4 bytes each)"},
    ConfigKey{"log.access", KeyType::kString, "", 0, 0,
              "access log file; empty = DATA/access.log, '-' = stdout, 'off' = none"},
    ConfigKey{"log.addresses", KeyType::kString, "raw", 0, 0,
              "addresses in the access log: raw, or hashed (their keyed hash, as the rate "
              "limits and report records key them)"},
    ConfigKey{"log.level", KeyType::kString, "info", 0, 0,
              "trace, debug, info, warn, error or off"},
};

std::string BuildHelp() {
  std::string help = "Configuration keys ([section] key = default), from the TOML file, the "
                     "environment (BROADSHEET_SECTION_KEY) or --set section.key=value:\n";
  for (const ConfigKey& key : kKeys) {
    // Appended piece by piece: g++ 12 at -O2 warns (-Wrestrict) on chained string operator+.
    const auto dot = key.name.find('.');
    help.append("  [").append(key.name.substr(0, dot)).append("] ");
    help.append(key.name.substr(dot + 1)).append(" = ");
    const bool quoted = key.type == KeyType::kString;
    if (quoted) help.push_back('"');
    help.append(key.default_value);
    if (quoted) help.push_back('"');
    help.append("\n      ").append(key.help).append("\n");
  }
  return help;
}

}  // namespace

std::span<const ConfigKey> AllConfigKeys() { return kKeys; }

const ConfigKey* FindConfigKey(std::string_view name) {
  for (const ConfigKey& key : kKeys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

std::string_view ConfigKeysHelp() {
  static const std::string help = BuildHelp();
  return help;
}

}  // namespace broadsheet::config
