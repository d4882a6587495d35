#include "store/direct_sql.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <utility>

#include "store/sqlite/sqlite_search_rank.h"

namespace broadsheet::store {
namespace {

using Rows = std::vector<std::vector<std::string>>;

class SqliteDirect final : public DirectSql {
 public:
  explicit SqliteDirect(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      Fail("open " + path);
    }
    // The store's own connections may be writing (its triggers) when the test starts.
    sqlite3_busy_timeout(db_, 5000);
    // The store's own SQL function, which the registry's search statements call.
    sqlite::RegisterSearchRank(db_);
  }
  ~SqliteDirect() override { sqlite3_close(db_); }

  bool postgres() const override { return false; }

  void Run(const Sql& script) override {
    char* error = nullptr;
    if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("sqlite: " + message);
    }
  }

  Rows Query(const Sql& sql, const std::vector<ExampleValue>& values) override {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) Fail(sql.str());
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    for (int i = 0; i < static_cast<int>(values.size()); ++i) {
      const int rc = values[i].text
                         ? sqlite3_bind_text(raw, i + 1, values[i].text, -1, SQLITE_TRANSIENT)
                         : sqlite3_bind_int64(raw, i + 1, values[i].number);
      if (rc != SQLITE_OK) Fail("bind");
    }
    Rows rows;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      std::vector<std::string>& row = rows.emplace_back();
      for (int column = 0; column < sqlite3_column_count(raw); ++column) {
        const auto* text = sqlite3_column_text(raw, column);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
    if (rc != SQLITE_DONE) Fail(sql.str());
    return rows;
  }

  std::vector<StatementPlan> Plans(const ListingStatement& statement) override {
    // Rows of (id, parent, notused, detail): indent each node under its parent.
    std::map<std::string, int> depth_of{{"0", -1}};
    std::string text;
    for (const auto& row :
         Query(Sql("EXPLAIN QUERY PLAN ") + statement.sqlite, statement.example)) {
      const int depth = depth_of[row[1]] + 1;
      depth_of[row[0]] = depth;
      text += std::string(2 * depth, ' ') + row[3] + "\n";
    }
    return {{"EXPLAIN QUERY PLAN", text}};
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    throw std::runtime_error("sqlite: " + what + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_ = nullptr;
};

class PostgresDirect final : public DirectSql {
 public:
  explicit PostgresDirect(const std::string& url)
      : connection_(PQconnectdb(url.c_str()), &PQfinish) {
    if (PQstatus(connection_.get()) != CONNECTION_OK) Fail("connect");
    PQsetNoticeProcessor(
        connection_.get(), [](void*, const char*) {}, nullptr);
  }

  bool postgres() const override { return true; }

  void Run(const Sql& script) override { Check(PQexec(connection_.get(), script.c_str())); }

  Rows Query(const Sql& sql, const std::vector<ExampleValue>& values) override {
    std::vector<std::string> texts;
    for (const ExampleValue& value : values) {
      texts.push_back(value.text ? value.text : std::to_string(value.number));
    }
    std::vector<const char*> pointers;
    for (const std::string& text : texts) pointers.push_back(text.c_str());
    return Check(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(pointers.size()),
                              nullptr, pointers.data(), nullptr, nullptr, 0));
  }

  std::vector<StatementPlan> Plans(const ListingStatement& statement) override {
    Check(PQprepare(connection_.get(), "listing_plan", statement.postgres.c_str(), 0, nullptr));
    // EXECUTE takes its arguments in the statement's text, so the example values are written
    // there, numbers as numbers and text quoted by libpq itself (only the test does this).
    std::string arguments;
    for (const ExampleValue& value : statement.example) {
      if (!arguments.empty()) arguments += ", ";
      if (value.text) {
        std::unique_ptr<char, decltype(&PQfreemem)> quoted(
            PQescapeLiteral(connection_.get(), value.text, std::string(value.text).size()),
            &PQfreemem);
        arguments += quoted.get();
      } else {
        arguments += std::to_string(value.number);
      }
    }
    const std::string explain =
        "EXPLAIN EXECUTE listing_plan" + (arguments.empty() ? "" : "(" + arguments + ")");
    std::vector<StatementPlan> plans;
    for (const auto& [label, mode] :
         {std::pair{"custom plan", "SET plan_cache_mode = force_custom_plan"},
          std::pair{"generic plan", "SET plan_cache_mode = force_generic_plan"}}) {
      Check(PQexec(connection_.get(), mode));
      std::string text;
      for (const auto& row : Check(PQexec(connection_.get(), explain.c_str()))) {
        text += row[0] + "\n";
      }
      plans.push_back({label, text});
    }
    Check(PQexec(connection_.get(), "RESET plan_cache_mode"));
    Check(PQexec(connection_.get(), "DEALLOCATE listing_plan"));
    return plans;
  }

 private:
  // The rows of a finished command, every column as text; throws on failure.
  Rows Check(PGresult* raw) {
    std::unique_ptr<PGresult, decltype(&PQclear)> result(raw, &PQclear);
    const auto status = PQresultStatus(raw);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail("statement");
    Rows rows;
    for (int row = 0; row < PQntuples(raw); ++row) {
      std::vector<std::string>& values = rows.emplace_back();
      for (int column = 0; column < PQnfields(raw); ++column) {
        values.emplace_back(PQgetvalue(raw, row, column));
      }
    }
    return rows;
  }
  [[noreturn]] void Fail(const std::string& what) {
    throw std::runtime_error("postgresql: " + what + ": " + PQerrorMessage(connection_.get()));
  }

  std::unique_ptr<PGconn, decltype(&PQfinish)> connection_;
};

}  // namespace

std::unique_ptr<DirectSql> DirectSql::Open(const std::string& sqlite_path,
                                           const std::string& postgres_url) {
  if (!postgres_url.empty()) return std::make_unique<PostgresDirect>(postgres_url);
  return std::make_unique<SqliteDirect>(sqlite_path);
}

}  // namespace broadsheet::store
