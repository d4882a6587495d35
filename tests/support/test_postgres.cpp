#include "support/test_postgres.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace broadsheet::testing {
namespace {

// Runs "VERB <name> TAIL" on the cluster. Database names cannot be bound as parameters, and
// the store's SQL type takes only constants (store/sql.h), so the test harness quotes the
// name with libpq itself.
void AdminCommand(const std::string& url, const std::string& verb, const std::string& name,
                  const std::string& tail) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot reach the test cluster: " +
                             std::string(PQerrorMessage(connection.get())));
  }
  // "database does not exist, skipping" and the like are not for the test log.
  PQsetNoticeProcessor(
      connection.get(), [](void*, const char*) {}, nullptr);
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(
      PQescapeIdentifier(connection.get(), name.c_str(), name.size()), &PQfreemem);
  const std::string sql = verb + " " + quoted.get() + tail;
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()),
                                                       &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(sql + ": " + PQerrorMessage(connection.get()));
  }
}

}  // namespace

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
  AdminCommand(admin, "DROP DATABASE IF EXISTS", name_, " WITH (FORCE)");
  AdminCommand(admin, "CREATE DATABASE", name_, "");
  url_ = WithDatabase(admin, name_);
}

TestDatabase::~TestDatabase() {
  try {
    // FORCE: a node under test may still hold connections.
    AdminCommand(PostgresAdminUrl(), "DROP DATABASE IF EXISTS", name_, " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster went away (a test stopped it): its directory is removed with it.
  }
}

}  // namespace broadsheet::testing
