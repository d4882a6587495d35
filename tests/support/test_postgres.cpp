#include "support/test_postgres.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include "store/postgres/pg_connection.h"

namespace broadsheet::testing {

std::string PostgresAdminUrl() {
  const char* url = std::getenv("BROADSHEET_TEST_POSTGRES_URL");
  return url ? url : "";
}

bool PostgresRequired() {
  const char* ci = std::getenv("CI");
  const char* required = std::getenv("BROADSHEET_TEST_POSTGRES_REQUIRED");
  return (ci && std::string(ci) == "true") || (required && std::string(required) == "1");
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return url + "/" + database;
  const auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + database +
         (query == std::string::npos ? "" : url.substr(query));
}

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  const std::string admin = PostgresAdminUrl();
  if (admin.empty()) throw std::runtime_error("BROADSHEET_TEST_POSTGRES_URL is not set");
  name_ = "bs_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  store::postgres::PgConnection connection(admin, 10, 0);
  connection.ExecScript("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  connection.ExecScript("CREATE DATABASE " + name_);
  url_ = WithDatabase(admin, name_);
}

TestDatabase::~TestDatabase() {
  try {
    store::postgres::PgConnection connection(PostgresAdminUrl(), 10, 0);
    // FORCE: a node under test may still hold connections.
    connection.ExecScript("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster went away (a test stopped it): its directory is removed with it.
  }
}

}  // namespace broadsheet::testing
