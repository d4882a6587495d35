// The settings editors change at run time and every node must share, kept in the store
// (DESIGN.md §4a), with their allowed values and defaults. Pure logic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::news {

inline constexpr std::string_view kModerationSetting = "comments.moderation";  // open|held|known
inline constexpr std::string_view kChallengeSetting = "captcha.kind";          // image|pow
// May the author role publish and schedule (true), or only submit for review (false)?
inline constexpr std::string_view kAuthorsPublishSetting = "articles.authors_publish";

struct SettingRule {
  std::string_view key;
  std::string_view default_value;
  std::vector<std::string_view> allowed;
  std::string_view help;
};
const std::vector<SettingRule>& SettingRules();

// Empty when `value` is allowed for `key`, else a message naming what is.
std::string ValidateSetting(std::string_view key, std::string_view value);
std::string DefaultSetting(std::string_view key);

}  // namespace broadsheet::news
