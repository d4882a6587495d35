// The settings editors change at run time and every node must share, kept in the store
// (DESIGN.md §4a), with their allowed values and defaults. Pure logic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet::news {

inline constexpr std::string_view kModerationSetting = "comments.moderation";  // open|held|known
inline constexpr std::string_view kChallengeSetting = "captcha.kind";          // image|pow
// May the author role publish and schedule (true), or only submit for review (false)?
inline constexpr std::string_view kAuthorsPublishSetting = "articles.authors_publish";
// Days after publication when comments close by themselves; 0 = never.
inline constexpr std::string_view kCloseAfterDaysSetting = "comments.close_after_days";
// The site's identity. The configuration keys of the same names win over the store.
inline constexpr std::string_view kSiteNameSetting = "site.name";
inline constexpr std::string_view kSiteTaglineSetting = "site.tagline";
inline constexpr std::string_view kSiteLangSetting = "site.lang";

// What a value may be: one of `allowed`, a whole number in [min, max], a line of text of at
// most `max` bytes (at least `min`), or a BCP 47 language tag.
enum class SettingKind { kChoice, kNumber, kText, kLanguage };

struct SettingRule {
  std::string_view key;
  std::string_view default_value;
  std::vector<std::string_view> allowed;
  std::string_view help;
  SettingKind kind = SettingKind::kChoice;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::string_view label = {};  // what the settings page calls it
};
const std::vector<SettingRule>& SettingRules();

// Empty when `value` is allowed for `key`, else a message naming what is.
std::string ValidateSetting(std::string_view key, std::string_view value);
std::string DefaultSetting(std::string_view key);

// "rtl" for languages written right to left (Arabic, Hebrew, Persian, Urdu and the like), by
// the tag's primary subtag; else "ltr".
std::string_view TextDirection(std::string_view lang);

}  // namespace broadsheet::news
