#include "store/open_store.h"

#include <stdexcept>

#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store {

std::unique_ptr<Store> OpenStore(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    throw std::invalid_argument("this build has no PostgreSQL store yet: use sqlite:PATH");
  }
  const std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) throw std::invalid_argument("the store URL names no file: " + url);
  return std::make_unique<sqlite::SqliteStore>(path);
}

}  // namespace broadsheet::store
