// Every configuration key Broadsheet reads, with its default and the trade-off it controls.
// One table: `serve --help` prints it and Config validates against it. Immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace broadsheet::config {

enum class KeyType { kString, kInt, kBool };

struct ConfigKey {
  std::string_view name;  // "section.key"
  KeyType type;
  std::string_view default_value;
  std::int64_t min = 0;  // for kInt
  std::int64_t max = 0;
  std::string_view help;
};

std::span<const ConfigKey> AllConfigKeys();
const ConfigKey* FindConfigKey(std::string_view name);

// The help text listing every key as `[section] key = default  help`.
std::string_view ConfigKeysHelp();

}  // namespace broadsheet::config
