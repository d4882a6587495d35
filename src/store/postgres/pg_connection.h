// A thin RAII layer over one libpq connection: parameterised statements in text format, results
// as owned objects, and every libpq failure turned into a StoreError right at the call (a lost
// connection is "unavailable": retrying later may work). Not thread-safe: one thread uses a
// connection at a time (PgPool hands them out).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql.h"
#include "store/store.h"

struct pg_conn;
struct pg_result;

namespace broadsheet::store::postgres {

// One query result. Values are text; Int() parses.
class PgResult {
 public:
  explicit PgResult(pg_result* result);
  PgResult(PgResult&&) noexcept;
  PgResult& operator=(PgResult&&) noexcept;
  ~PgResult();

  int rows() const;
  std::string Text(int row, int column) const;
  std::int64_t Int(int row, int column) const;
  bool IsNull(int row, int column) const;
  // Rows changed by an INSERT/UPDATE/DELETE.
  std::int64_t Affected() const;

 private:
  pg_result* result_;
};

// A parameter: text, or NULL.
using PgParam = std::optional<std::string>;

class PgConnection {
 public:
  // Connects to `url` (postgresql://...), giving up after `connect_timeout_s`, and sets the
  // session's statement_timeout (0 = none). Throws StoreError (unavailable) when the server
  // cannot be reached.
  PgConnection(const std::string& url, int connect_timeout_s, int statement_timeout_ms);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  // Runs one statement with $1..$n parameters, prepared on this connection the first time it
  // is seen and reused afterwards. Only constant SQL (store/sql.h): values are always bound.
  // Throws StoreError on any failure.
  PgResult Exec(const Sql& sql, const std::vector<PgParam>& params = {});
  // Runs several statements without parameters (schema, SET, BEGIN/COMMIT).
  void ExecScript(const Sql& sql);
  // True while the connection is usable (a lost server makes it false).
  bool ok() const;
  // Waits up to `timeout_ms` for input, then reads it, calling `each` with the payload of
  // every notification (LISTEN) that arrived, in order. False when the connection is lost.
  bool AwaitNotifications(int timeout_ms, const std::function<void(std::string_view)>& each);
  pg_conn* handle() const { return conn_; }

 private:
  [[noreturn]] void Fail(pg_result* result, const std::string& what);
  pg_conn* conn_ = nullptr;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL -> statement name
};

// BEGIN now; ROLLBACK on destruction unless committed.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection) : connection_(connection) {
    connection_.ExecScript("BEGIN");
  }
  ~PgTransaction() {
    if (done_ || !connection_.ok()) return;
    try {
      connection_.ExecScript("ROLLBACK");
    } catch (const StoreError&) {
      // The connection broke; the pool drops it and the server rolled back by itself.
    }
  }
  void Commit() {
    connection_.ExecScript("COMMIT");
    done_ = true;
  }

 private:
  PgConnection& connection_;
  bool done_ = false;
};

// Formats a number as a statement parameter.
inline PgParam P(std::int64_t value) { return std::to_string(value); }
inline PgParam P(const std::string& value) { return value; }

}  // namespace broadsheet::store::postgres
