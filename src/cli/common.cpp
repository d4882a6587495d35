#include "cli/common.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "security/site_key.h"
#include "store/open_store.h"

namespace broadsheet::cli {

config::Config LoadConfig(const CommonOptions& options,
                          std::vector<std::pair<std::string, std::string>> extra) {
  std::vector<std::pair<std::string, std::string>> overrides;
  for (const std::string& setting : options.settings) {
    const auto eq = setting.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw CliError("--set wants section.key=value, got '" + setting + "'");
    }
    overrides.emplace_back(setting.substr(0, eq), setting.substr(eq + 1));
  }
  if (!options.store_url.empty()) overrides.emplace_back("store.url", options.store_url);
  if (!options.key_file.empty()) overrides.emplace_back("site.key_file", options.key_file);
  for (auto& pair : extra) overrides.push_back(std::move(pair));
  if (!options.config_path.empty() && !std::filesystem::is_regular_file(options.config_path)) {
    throw CliError("config file " + options.config_path + " does not exist or is not a file");
  }
  try {
    return config::Config::Load(options.data_dir, options.config_path, overrides);
  } catch (const config::ConfigError& error) {
    throw CliError(error.what());
  }
}

bool UsesSqlite(const config::Config& config) {
  return !store::IsPostgresUrl(config.StoreUrl());
}

void InitializeSite(const config::Config& config, bool mint_key) {
  namespace fs = std::filesystem;
  const std::string& dir = config.data_dir();
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_directory(dir, error)) {
    throw CliError("data dir " + dir + " exists and is not a directory");
  }
  fs::create_directories(dir, error);
  if (error) throw CliError("cannot create data dir " + dir + ": " + error.message());
  if (!mint_key && !fs::exists(config.KeyFile())) {
    throw CliError("no site key at " + config.KeyFile() +
                   ": every node of a PostgreSQL site needs the same key file; create it once "
                   "with `broadsheet init` and give each node a copy (--key-file)");
  }
  try {
    security::SiteKey::CreateIfMissing(config.KeyFile());
    security::SiteKey::Load(config.KeyFile());
  } catch (const std::runtime_error& key_error) {
    throw CliError(key_error.what());
  }
  OpenConfiguredStore(config);  // creates the database and applies migrations
}

std::unique_ptr<store::Store> OpenConfiguredStore(const config::Config& config) {
  try {
    const store::StoreOptions options{
        .pool_size = static_cast<int>(config.Int("store.pool_size")),
        .connect_timeout_s = static_cast<int>(config.Int("store.connect_timeout_s")),
        .statement_timeout_ms = static_cast<int>(config.Int("store.statement_timeout_ms")),
        .migration_timeout_s = static_cast<int>(config.Int("store.migration_timeout_s")),
        .sqlite_max_page_count = config.Int("store.sqlite_max_page_count"),
    };
    return store::OpenStore(config.StoreUrl(), options);
  } catch (const std::invalid_argument& error) {
    throw CliError(error.what());
  } catch (const store::StoreError& error) {
    throw CliError(error.what());
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw CliError("cannot read " + path);
  std::stringstream content;
  content << file.rdbuf();
  if (file.bad()) throw CliError("cannot read " + path);
  return content.str();
}

}  // namespace broadsheet::cli
