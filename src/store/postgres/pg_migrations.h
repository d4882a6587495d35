// Versioned schema migrations for the PostgreSQL store, applied at start under a session
// advisory lock so that nodes starting together on an empty database never race: one migrates,
// the others wait and then find nothing to do. The wait and the migrations run without the
// statement timeout, bounded by [store] migration_timeout_s instead.
#pragma once

#include <cstdint>

#include "store/postgres/pg_pool.h"

namespace broadsheet::store::postgres {

// The advisory lock key (pg_advisory_lock) held while migrating: "BSMG" as an integer.
inline constexpr std::int64_t kMigrationLockKey = 0x42534D47;

// Applies every migration newer than the database's version, up to `up_to` (tests stop
// early to build an older database). Throws StoreError.
void ApplyMigrations(const PgSettings& settings, int up_to);
void ApplyMigrations(const PgSettings& settings);

// The newest schema version this build knows (migrations are numbered 1..N).
int LatestSchemaVersion();

}  // namespace broadsheet::store::postgres
