#include "http/harness/test_site.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "store/open_store.h"

namespace broadsheet::testing {
namespace {

// Skips the whole PostgreSQL run on a developer's machine without a cluster; fails it under CI
// or scripts/test, where the cluster must be there.
class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    // Required: let every test fail on its own (TestSite throws). A failure here would print
    // "[  SKIPPED ]" lines, which CTest's skip pattern would report as skips.
    if (!SuiteUsesPostgres() || !PostgresAdminUrl().empty() || PostgresRequired()) return;
    GTEST_SKIP() << "no PostgreSQL cluster: run through scripts/test";
  }
};

[[maybe_unused]] const auto* const kPostgresEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

}  // namespace

bool SuiteUsesPostgres() {
  const char* store = std::getenv("BROADSHEET_TEST_STORE");
  return store && std::string(store) == "postgresql";
}

TestSite::TestSite() {
  if (SuiteUsesPostgres()) {
    database_ = std::make_unique<TestDatabase>();
    store_url_ = database_->url();
    const CliResult init = Cli({"init"});
    if (init.exit_code != 0) throw std::runtime_error("broadsheet init failed: " + init.err);
  } else {
    store_url_ = "sqlite:" + dir_.path() + "/broadsheet.db";
  }
}

std::vector<std::string> TestSite::StoreArgs() const {
  return {"--data", dir_.path(), "--store", store_url_};
}

std::unique_ptr<store::Store> TestSite::OpenStore() const { return store::OpenStore(store_url_); }

CliResult TestSite::Cli(std::vector<std::string> args) const {
  for (const std::string& arg : StoreArgs()) args.push_back(arg);
  return RunCli(args);
}

CliResult TestSite::CliWithInput(std::vector<std::string> args, const std::string& input) const {
  for (const std::string& arg : StoreArgs()) args.push_back(arg);
  return RunCli(args, input);
}

}  // namespace broadsheet::testing
