#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include "store/sqlite/sqlite_search_rank.h"
#include "store/store.h"

namespace broadsheet::store::sqlite {
namespace {

// Worth retrying later: another writer holds the lock, or the disk (or the size quota) is
// full until an operator makes room. Both answer 503, not 500.
bool IsTransient(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL;
}

}  // namespace

void ThrowSqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string message = "sqlite: " + std::string(what) + ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw StoreError(message, IsTransient(rc));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void SqliteStatement::BindOne(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "bind");
}

void SqliteStatement::BindOne(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "bind");
}

bool SqliteStatement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Reset so the statement can be reused after the failure; keep the step's code.
  sqlite3_reset(stmt_);
  ThrowSqliteError(db_, rc, sqlite3_sql(stmt_));
}

void SqliteStatement::Run() {
  while (Step()) {
  }
  sqlite3_reset(stmt_);
}

std::int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string SqliteStatement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
}

bool SqliteStatement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

SqliteConnection::SqliteConnection(const std::string& path, bool create) {
  // Before SQLite's first use in the process: no statistics of its memory, which it keeps
  // under one global lock taken by every allocation of every connection (two workers
  // searching at once spent a quarter of their time waiting for it).
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database " + path + ": " +
                          (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(message);
  }
  // A writer from another process (the CLI while a server runs) waits rather than failing.
  sqlite3_busy_timeout(db_, 5000);
  Exec("PRAGMA journal_mode=WAL");
  // FULL: a success answered to a reader is on disk (DESIGN.md §4, votes and comments).
  Exec("PRAGMA synchronous=FULL");
  Exec("PRAGMA foreign_keys=ON");
  RegisterSearchRank(db_);
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalize before close
  sqlite3_close(db_);
}

void SqliteConnection::Exec(const Sql& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw StoreError("sqlite: " + message, IsTransient(rc));
  }
}

SqliteStatement& SqliteConnection::Prepare(const Sql& sql) {
  auto it = statements_.find(sql.view());
  if (it != statements_.end()) return *it->second;
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.view().size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "prepare");
  auto [inserted, ok] =
      statements_.emplace(sql.str(), std::make_unique<SqliteStatement>(stmt, db_));
  return *inserted->second;
}

void SqliteConnection::SetMaxPageCount(std::int64_t pages) {
  const std::string pragma = "PRAGMA max_page_count = " + std::to_string(pages);
  const int rc = sqlite3_exec(db_, pragma.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "max_page_count");
}

std::int64_t SqliteConnection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t SqliteConnection::Changes() const { return sqlite3_changes64(db_); }

SqliteTransaction::SqliteTransaction(SqliteConnection& connection) : connection_(connection) {
  connection_.Exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
  if (!done_) {
    try {
      connection_.Exec("ROLLBACK");
    } catch (const StoreError&) {
      // Nothing more to do: SQLite rolls back by itself when a commit failed.
    }
  }
}

void SqliteTransaction::Commit() {
  connection_.Exec("COMMIT");
  done_ = true;
}

}  // namespace broadsheet::store::sqlite
