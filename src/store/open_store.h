// Opens the store a URL names: "sqlite:PATH" (or a bare path) today; "postgresql://..." comes
// with the PostgreSQL store (issue 3) and is refused with a clear message until then.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace broadsheet::store {

// Throws StoreError when the store cannot be opened or migrated, and std::invalid_argument for
// a URL this build cannot use.
std::unique_ptr<Store> OpenStore(const std::string& url);

}  // namespace broadsheet::store
