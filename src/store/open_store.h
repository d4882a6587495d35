// Opens the store a URL names: "sqlite:PATH" (or a bare path), or "postgresql://..." (also
// "postgres://") when the build includes the PostgreSQL store (BROADSHEET_POSTGRES).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"

namespace broadsheet::store {

// Settings that only a networked store uses; SQLite ignores them.
struct StoreOptions {
  int pool_size = 8;
  int connect_timeout_s = 5;
  int statement_timeout_ms = 5000;
  int migration_timeout_s = 60;
  // SQLite only: the most pages the file may grow to (0 = no limit); PostgreSQL ignores it.
  std::int64_t sqlite_max_page_count = 0;
};

// True for a postgresql:// or postgres:// URL.
bool IsPostgresUrl(const std::string& url);

// Throws StoreError when the store cannot be opened or migrated, and std::invalid_argument for
// a URL this build cannot use.
std::unique_ptr<Store> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace broadsheet::store
