#include "news/site_setting.h"

namespace broadsheet::news {

const std::vector<SettingRule>& SettingRules() {
  static const std::vector<SettingRule> rules = {
      {kModerationSetting,
       "open",
       {"open", "held", "known"},
       "comments appear at once (open), wait for an editor (held), or appear at once only for "
       "readers with an approved comment (known)"},
      {kChallengeSetting,
       "image",
       {"image", "pow"},
       "the comment form's security code: a distorted image with audio (image) or a "
       "proof-of-work the browser solves (pow); without JavaScript readers get the image"},
      {kAuthorsPublishSetting,
       "false",
       {"false", "true"},
       "whether users with the author role may publish and schedule their own articles (true) "
       "or only submit them for an editor's review (false)"},
  };
  return rules;
}

std::string ValidateSetting(std::string_view key, std::string_view value) {
  for (const SettingRule& rule : SettingRules()) {
    if (rule.key != key) continue;
    std::string allowed;
    for (const auto option : rule.allowed) {
      if (option == value) return {};
      allowed += (allowed.empty() ? "" : ", ") + std::string(option);
    }
    return std::string(key) + " must be one of " + allowed;
  }
  std::string known;
  for (const SettingRule& rule : SettingRules()) {
    known += (known.empty() ? "" : ", ") + std::string(rule.key);
  }
  return "unknown setting '" + std::string(key.substr(0, 60)) + "' (known: " + known + ")";
}

std::string DefaultSetting(std::string_view key) {
  for (const SettingRule& rule : SettingRules()) {
    if (rule.key == key) return std::string(rule.default_value);
  }
  return {};
}

}  // namespace broadsheet::news
