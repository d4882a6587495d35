// Test support: a connection of the test's own to the database a store test opened (the SQLite
// file, or the test's PostgreSQL database), beside the store, for what the Store interface does
// not offer: loading many rows in one statement, reading a statement's plan, running a
// reference query. Statements are constants (store/sql.h) with their values bound. Not
// thread-safe: one test uses it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/listing_statements.h"
#include "store/sql.h"

namespace broadsheet::store {

// One plan of a statement, as the database printed it.
struct StatementPlan {
  std::string label;  // "EXPLAIN QUERY PLAN", "custom plan", "generic plan"
  std::string text;   // one line per plan node
};

class DirectSql {
 public:
  virtual ~DirectSql() = default;

  // Opens SQLite at `sqlite_path`, or PostgreSQL at `postgres_url` when that is not empty.
  // Throws std::runtime_error when it cannot.
  static std::unique_ptr<DirectSql> Open(const std::string& sqlite_path,
                                         const std::string& postgres_url);

  virtual bool postgres() const = 0;
  // Runs statements without parameters. Throws std::runtime_error on failure.
  virtual void Run(const Sql& script) = 0;
  // The rows of `sql` with `values` bound in order, every column as text.
  virtual std::vector<std::vector<std::string>> Query(const Sql& sql,
                                                      const std::vector<ExampleValue>& values) = 0;
  // The plans of a registry statement for its example values, in this store's dialect. SQLite:
  // EXPLAIN QUERY PLAN. PostgreSQL: the custom plan (planned for these values, as the first
  // runs of a prepared statement are) and the generic one (what a prepared statement may
  // settle on after five runs, planned without the values).
  virtual std::vector<StatementPlan> Plans(const ListingStatement& statement) = 0;
};

}  // namespace broadsheet::store
