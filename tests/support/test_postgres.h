// Test support: a fresh PostgreSQL database per test on the cluster scripts/test started
// (BROADSHEET_TEST_POSTGRES_URL), created on construction and dropped on destruction, so tests
// run in parallel and each starts empty. When the variable is unset, PostgreSQL tests are
// skipped on a developer's machine but fail when CI=true or scripts/test started the cluster
// (BROADSHEET_TEST_POSTGRES_REQUIRED=1): never a silent pass.
#pragma once

#include <string>

namespace broadsheet::testing {

// The cluster's admin URL, or "" when none was started.
std::string PostgresAdminUrl();
// True when a missing cluster must fail the test rather than skip it.
bool PostgresRequired();

class TestDatabase {
 public:
  // Creates a database with a unique name. Throws std::runtime_error when the cluster is not
  // reachable.
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::string url_;
};

// `url` with its database name replaced by `database`.
std::string WithDatabase(const std::string& url, const std::string& database);

}  // namespace broadsheet::testing
