// A thin RAII layer over one sqlite3 connection and its prepared statements. Every SQLite
// return code is turned into a StoreError right here (STYLE.md §7). Not thread-safe: one
// thread uses a connection at a time (SqliteStore hands them out).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql.h"

struct sqlite3;
struct sqlite3_stmt;

namespace broadsheet::store::sqlite {

class SqliteStatement {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Binds parameters 1..n in order; resets the statement first.
  template <typename... Args>
  SqliteStatement& Bind(const Args&... args) {
    Reset();
    int index = 1;
    (BindOne(index++, args), ...);
    return *this;
  }
  // Binds parameters 1..n from `values` (a statement whose parameter count varies by use).
  SqliteStatement& BindAll(const std::vector<std::int64_t>& values) {
    Reset();
    int index = 1;
    for (const std::int64_t value : values) BindOne(index++, value);
    return *this;
  }
  // Runs one step. True when a row is ready to read, false when the statement is done.
  bool Step();
  // Runs to completion, ignoring rows.
  void Run();

  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  void Reset();

 private:
  void BindOne(int index, std::int64_t value);
  void BindOne(int index, int value) { BindOne(index, static_cast<std::int64_t>(value)); }
  void BindOne(int index, std::string_view value);
  void BindOne(int index, const std::string& value) { BindOne(index, std::string_view(value)); }
  void BindOne(int index, const char* value) { BindOne(index, std::string_view(value)); }

  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

class SqliteConnection {
 public:
  // Opens (creating when `create`) the file and applies the connection pragmas: WAL,
  // synchronous=FULL, foreign keys, a busy timeout. Throws StoreError.
  SqliteConnection(const std::string& path, bool create);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  // Runs one or more statements without parameters (schema, pragmas, BEGIN/COMMIT).
  void Exec(const Sql& sql);
  // A statement prepared once per connection and reused; valid as long as the connection.
  // Only constant SQL (store/sql.h): values are bound, never spliced in.
  SqliteStatement& Prepare(const Sql& sql);
  // PRAGMA max_page_count: the size quota (SQLite cannot bind a pragma's argument, so this is
  // the one statement that carries a value, an integer formatted here).
  void SetMaxPageCount(std::int64_t pages);
  std::int64_t LastInsertId() const;
  std::int64_t Changes() const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> statements_;
};

// Runs BEGIN IMMEDIATE now and ROLLBACK on destruction unless Commit() was called.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection);
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  ~SqliteTransaction();
  void Commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

// Throws StoreError describing `rc` on `db` (rc BUSY/LOCKED count as unavailable).
[[noreturn]] void ThrowSqliteError(sqlite3* db, int rc, std::string_view what);

}  // namespace broadsheet::store::sqlite
