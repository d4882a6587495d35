// Test harness: where one test's site lives. The HTTP suite runs twice (tests/CMakeLists.txt):
// on SQLite (a file in the data dir) and, with BROADSHEET_TEST_STORE=postgresql, on a fresh
// PostgreSQL database of its own (support/test_postgres.h), initialised with `broadsheet init`
// so the site key exists as every PostgreSQL node requires.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/harness/server_process.h"
#include "store/store.h"
#include "support/test_postgres.h"

namespace broadsheet::testing {

// True when this run of the suite uses PostgreSQL.
bool SuiteUsesPostgres();

class TestSite {
 public:
  TestSite();
  TestSite(const TestSite&) = delete;
  TestSite& operator=(const TestSite&) = delete;

  const std::string& data_dir() const { return dir_.path(); }
  std::string File(const std::string& name) const { return dir_.File(name); }
  const std::string& store_url() const { return store_url_; }
  // "--data DIR --store URL", for `serve` and every CLI subcommand.
  std::vector<std::string> StoreArgs() const;
  // The same store, opened in the test process.
  std::unique_ptr<store::Store> OpenStore() const;
  // Runs `broadsheet ARGS... --data DIR --store URL`.
  CliResult Cli(std::vector<std::string> args) const;
  // The same with `input` on stdin (a password for `user add`).
  CliResult CliWithInput(std::vector<std::string> args, const std::string& input) const;

 private:
  TempDir dir_;
  std::unique_ptr<TestDatabase> database_;
  std::string store_url_;
};

}  // namespace broadsheet::testing
