// What every subcommand shares: the global options, loading the configuration, preparing the
// data dir, opening the store. Errors a user can fix are CliError (exit 2, one line).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "store/store.h"

namespace broadsheet::cli {

// A mistake the user can fix: a bad flag value, an unusable data dir, an invalid file.
class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CommonOptions {
  std::string data_dir = "data";
  std::string config_path;
  std::string store_url;
  std::string key_file;
  std::vector<std::string> settings;  // "section.key=value" from --set
};

// Defaults, file, environment, then --store/--set and `extra` overrides. Throws CliError.
config::Config LoadConfig(const CommonOptions& options,
                          std::vector<std::pair<std::string, std::string>> extra = {});

// True when the configured store is the data dir's own SQLite file (or another SQLite file).
bool UsesSqlite(const config::Config& config);

// Creates the data dir (if needed), the database and the site key; never overwrites a key.
// With `mint_key` false a missing key is an error instead (a PostgreSQL node must share the
// key every other node has). Prints nothing. Throws CliError when the data dir cannot be used.
void InitializeSite(const config::Config& config, bool mint_key = true);

// Opens the configured store. Throws CliError for a URL this build cannot use; StoreError for
// a database that fails.
std::unique_ptr<store::Store> OpenConfiguredStore(const config::Config& config);

// Reads a whole file. Throws CliError naming the file.
std::string ReadFile(const std::string& path);

}  // namespace broadsheet::cli
