// Versioned schema migrations for the SQLite store, applied in order at open. Each runs in
// its own transaction and is recorded in schema_migrations, so a crash mid-way re-runs only
// the unfinished one.
#pragma once

namespace broadsheet::store::sqlite {

class SqliteConnection;

// Applies every migration newer than the database's version. Throws StoreError.
void ApplyMigrations(SqliteConnection& connection);

// The newest schema version this build knows.
int LatestSchemaVersion();

}  // namespace broadsheet::store::sqlite
