// The effective configuration: defaults, then the TOML file, then BROADSHEET_SECTION_KEY
// environment variables, then command-line overrides, each validated against the key table.
// Immutable after Load: thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace broadsheet::config {

// A start-up problem the operator must fix; the CLI prints what() on one line and exits 2.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Config {
 public:
  // Builds the configuration. `config_path` empty means DATA/broadsheet.toml if it exists;
  // a named file must exist. `overrides` are "section.key" -> value from flags.
  // Throws ConfigError for an unreadable or invalid file, an unknown key, or a bad value.
  static Config Load(const std::string& data_dir, const std::string& config_path,
                     const std::vector<std::pair<std::string, std::string>>& overrides);

  const std::string& data_dir() const { return data_dir_; }
  const std::string& String(const std::string& name) const;
  std::int64_t Int(const std::string& name) const;
  bool Bool(const std::string& name) const;
  // True when the value came from the file, the environment or a flag, not the default.
  bool IsSet(const std::string& name) const;

  // Derived paths, with the data-dir defaults applied.
  std::string StoreUrl() const;
  std::string KeyFile() const;
  std::string AssetsDir() const;
  std::string AccessLog() const;
  std::string MediaDir() const;

 private:
  void Set(const std::string& name, const std::string& value, const std::string& source);

  std::string data_dir_;
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> set_;
};

}  // namespace broadsheet::config
