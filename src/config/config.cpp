#include "config/config.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <toml.hpp>

#include "config/config_keys.h"

namespace broadsheet::config {
namespace {

std::string EnvName(std::string_view key_name) {
  std::string name = "BROADSHEET_";
  for (char c : key_name) {
    name.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return name;
}

// TOML values arrive typed; the table stores text and validates it once, in Set.
std::string TomlValueText(const toml::value& value, const std::string& name) {
  if (value.is_string()) return value.as_string().str;
  if (value.is_integer()) return std::to_string(value.as_integer());
  if (value.is_boolean()) return value.as_boolean() ? "true" : "false";
  throw ConfigError("config key " + name + " must be a string, an integer or a boolean");
}

}  // namespace

void Config::Set(const std::string& name, const std::string& value, const std::string& source) {
  const ConfigKey* key = FindConfigKey(name);
  if (!key) throw ConfigError(source + ": unknown config key '" + name + "'");
  if (key->type == KeyType::kInt) {
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end != value.data() + value.size()) {
      throw ConfigError(source + ": " + name + " must be a whole number, got '" + value + "'");
    }
    if (number < key->min || number > key->max) {
      throw ConfigError(source + ": " + name + " must be between " + std::to_string(key->min) +
                        " and " + std::to_string(key->max) + ", got " + value);
    }
  } else if (key->type == KeyType::kBool && value != "true" && value != "false") {
    throw ConfigError(source + ": " + name + " must be true or false, got '" + value + "'");
  }
  values_[name] = value;
  set_[name] = true;
}

Config Config::Load(const std::string& data_dir, const std::string& config_path,
                    const std::vector<std::pair<std::string, std::string>>& overrides) {
  Config config;
  config.data_dir_ = data_dir;
  for (const ConfigKey& key : AllConfigKeys()) {
    config.values_[std::string(key.name)] = std::string(key.default_value);
  }

  std::string path = config_path;
  if (path.empty() && std::filesystem::is_regular_file(data_dir + "/broadsheet.toml")) {
    path = data_dir + "/broadsheet.toml";
  }
  if (!path.empty()) {
    toml::value file;
    try {
      file = toml::parse(path);
    } catch (const std::exception& error) {
      // toml11's messages span several lines; the first names the problem.
      std::string message = error.what();
      message = message.substr(0, message.find('\n'));
      throw ConfigError("cannot read config " + path + ": " + message);
    }
    if (!file.is_table()) throw ConfigError("config " + path + " is not a TOML table");
    for (const auto& [section, table] : file.as_table()) {
      if (!table.is_table()) {
        throw ConfigError("config " + path + ": '" + section + "' must be a [section]");
      }
      for (const auto& [key, value] : table.as_table()) {
        const std::string name = section + "." + key;
        config.Set(name, TomlValueText(value, name), path);
      }
    }
  }

  for (const ConfigKey& key : AllConfigKeys()) {
    const std::string env = EnvName(key.name);
    if (const char* value = std::getenv(env.c_str())) config.Set(std::string(key.name), value, env);
  }
  for (const auto& [name, value] : overrides) config.Set(name, value, "--" + name);
  return config;
}

const std::string& Config::String(const std::string& name) const { return values_.at(name); }

std::int64_t Config::Int(const std::string& name) const {
  return std::stoll(values_.at(name));  // validated in Set or a literal default
}

bool Config::Bool(const std::string& name) const { return values_.at(name) == "true"; }

bool Config::IsSet(const std::string& name) const { return set_.count(name) > 0; }

std::string Config::StoreUrl() const {
  const std::string& url = String("store.url");
  return url.empty() ? "sqlite:" + data_dir_ + "/broadsheet.db" : url;
}

std::string Config::KeyFile() const {
  const std::string& file = String("site.key_file");
  return file.empty() ? data_dir_ + "/site.key" : file;
}

std::string Config::AssetsDir() const {
  const std::string& dir = String("site.assets_dir");
  return dir.empty() ? BROADSHEET_ASSETS_DIR : dir;
}

std::string Config::AccessLog() const {
  const std::string& log = String("log.access");
  return log.empty() ? data_dir_ + "/access.log" : log;
}

std::string Config::MediaDir() const {
  const std::string& dir = String("media.dir");
  return dir.empty() ? data_dir_ + "/media" : dir;
}

}  // namespace broadsheet::config
