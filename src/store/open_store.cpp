#include "store/open_store.h"

#include <stdexcept>

#include "store/sqlite/sqlite_store.h"
#ifdef BROADSHEET_WITH_POSTGRES
#include "store/postgres/pg_store.h"
#endif

namespace broadsheet::store {

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::unique_ptr<Store> OpenStore(const std::string& url, const StoreOptions& options) {
  if (IsPostgresUrl(url)) {
#ifdef BROADSHEET_WITH_POSTGRES
    return std::make_unique<postgres::PgStore>(postgres::PgSettings{
        .url = url,
        .pool_size = options.pool_size,
        .connect_timeout_s = options.connect_timeout_s,
        .statement_timeout_ms = options.statement_timeout_ms,
        .migration_timeout_s = options.migration_timeout_s,
    });
#else
    (void)options;
    throw std::invalid_argument("this build has no PostgreSQL store (BROADSHEET_POSTGRES=OFF)");
#endif
  }
  if (!url.starts_with("sqlite:") && url.find("://") != std::string::npos) {
    throw std::invalid_argument("unknown store URL '" + url +
                                "': use sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
  }
  const std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) throw std::invalid_argument("the store URL names no file: " + url);
  return std::make_unique<sqlite::SqliteStore>(path, options.sqlite_max_page_count);
}

}  // namespace broadsheet::store
