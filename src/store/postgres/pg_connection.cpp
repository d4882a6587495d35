#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cstdlib>

#include "store/store.h"

namespace broadsheet::store::postgres {
namespace {

// The first line of libpq's message: the rest repeats context a log line does not need.
std::string FirstLine(const char* message) {
  std::string text = message ? message : "";
  const auto newline = text.find('\n');
  return newline == std::string::npos ? text : text.substr(0, newline);
}

}  // namespace

PgResult::PgResult(pg_result* result) : result_(result) {}
PgResult::PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}
PgResult::~PgResult() { PQclear(result_); }

int PgResult::rows() const { return PQntuples(result_); }

std::string PgResult::Text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t PgResult::Int(int row, int column) const {
  return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

bool PgResult::IsNull(int row, int column) const {
  return PQgetisnull(result_, row, column) != 0;
}

std::int64_t PgResult::Affected() const {
  const char* tuples = PQcmdTuples(result_);
  return tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
}

PgConnection::PgConnection(const std::string& url, int connect_timeout_s,
                           int statement_timeout_ms) {
  // expand_dbname: the URL fills in every part; the keywords after it override.
  const std::string timeout = std::to_string(connect_timeout_s);
  const char* keywords[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {url.c_str(), timeout.c_str(), "broadsheet", nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = "postgresql: cannot connect: " + FirstLine(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError(message, /*unavailable=*/true);
  }
  // Notices (for example "relation already exists, skipping") are not for our logs.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  // set_config rather than SET, so the value is bound like every other (store/sql.h).
  Exec("SELECT set_config('statement_timeout', $1, false)", {std::to_string(statement_timeout_ms)});
  // Explicit, whatever the server's default: an acknowledged vote or comment is on disk.
  ExecScript("SET synchronous_commit = on");
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::AwaitNotifications(int timeout_ms,
                                      const std::function<void(std::string_view)>& each) {
  pollfd wait{PQsocket(conn_), POLLIN, 0};
  if (wait.fd < 0) return false;
  if (::poll(&wait, 1, timeout_ms) < 0) return true;  // interrupted: the caller loops
  if (!PQconsumeInput(conn_)) return false;
  while (PGnotify* notification = PQnotifies(conn_)) {
    const std::string payload = notification->extra ? notification->extra : "";
    PQfreemem(notification);
    each(payload);
  }
  return true;
}

bool PgConnection::ok() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

void PgConnection::Fail(pg_result* result, const std::string& what) {
  std::string message = "postgresql: " + what + ": " +
                        FirstLine(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";  // copied: the field dies with the result
  PQclear(result);
  // Class 08 is a connection failure; 57P0x the server shutting down; 57014 a statement
  // cancelled by statement_timeout; 53 insufficient resources; 40 a deadlock or serialization
  // failure: all worth retrying later.
  const bool unavailable = !ok() || code.starts_with("08") || code.starts_with("57") ||
                           code.starts_with("53") || code.starts_with("40");
  throw StoreError(message, unavailable);
}

PgResult PgConnection::Exec(const Sql& sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& param : params) values.push_back(param ? param->c_str() : nullptr);
  auto it = prepared_.find(sql.view());
  if (it == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size());
    pg_result* prepared = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
    if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) Fail(prepared, "prepare failed");
    PQclear(prepared);
    it = prepared_.emplace(sql.str(), name).first;
  }
  pg_result* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                     values.data(), nullptr, nullptr, 0);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result, "query failed");
  return PgResult(result);
}

void PgConnection::ExecScript(const Sql& sql) {
  pg_result* result = PQexec(conn_, sql.c_str());
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result, "script failed");
  PQclear(result);
}

}  // namespace broadsheet::store::postgres
