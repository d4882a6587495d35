// Versioned schema migrations for the SQLite store, applied in order at open. Each runs in
// its own transaction and is recorded in schema_migrations, so a crash mid-way re-runs only
// the unfinished one.
#pragma once

namespace broadsheet::store::sqlite {

class SqliteConnection;

// Applies every migration newer than the database's version, up to `up_to` (tests stop
// early to build an older database and watch the next migration keep its rows). Throws
// StoreError.
void ApplyMigrations(SqliteConnection& connection, int up_to);
void ApplyMigrations(SqliteConnection& connection);

// The newest schema version this build knows.
int LatestSchemaVersion();

}  // namespace broadsheet::store::sqlite
