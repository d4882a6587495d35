#include "news/site_setting.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace broadsheet::news {
namespace {

constexpr std::size_t kMaxLanguageTagLength = 35;

bool IsLanguageTag(std::string_view value) {
  // language ("en", "ckb") then subtags of 1-8 letters or digits ("-GB", "-Latn", "-419").
  if (value.empty() || value.size() > kMaxLanguageTagLength) return false;
  std::size_t start = 0;
  bool first = true;
  while (start <= value.size()) {
    const std::size_t end = std::min(value.find('-', start), value.size());
    const std::string_view part = value.substr(start, end - start);
    const bool letters =
        std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
    const bool alnum =
        std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
    if (first ? (!letters || part.size() < 2 || part.size() > 3)
              : (!alnum || part.empty() || part.size() > 8)) {
      return false;
    }
    first = false;
    start = end + 1;
  }
  return true;
}

std::string ValidateRule(const SettingRule& rule, std::string_view value) {
  const std::string key(rule.key);
  switch (rule.kind) {
    case SettingKind::kChoice: {
      std::string allowed;
      for (const auto option : rule.allowed) {
        if (option == value) return {};
        allowed += (allowed.empty() ? "" : ", ") + std::string(option);
      }
      return key + " must be one of " + allowed;
    }
    case SettingKind::kNumber: {
      std::int64_t number = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (error != std::errc() || end != value.data() + value.size() || number < rule.min ||
          number > rule.max) {
        return key + " must be a whole number from " + std::to_string(rule.min) + " to " +
               std::to_string(rule.max);
      }
      return {};
    }
    case SettingKind::kText: {
      const bool control = std::any_of(value.begin(), value.end(),
                                       [](unsigned char c) { return c < 0x20 || c == 0x7f; });
      if (control) return key + " must be one line of text";
      if (value.size() < static_cast<std::size_t>(rule.min)) return key + " cannot be empty";
      if (value.size() > static_cast<std::size_t>(rule.max)) {
        return key + " is longer than " + std::to_string(rule.max) + " characters";
      }
      return {};
    }
    case SettingKind::kLanguage:
      if (IsLanguageTag(value)) return {};
      return key + " must be a language tag such as en, fr-CA or ar";
  }
  return key + " has no rule";
}

}  // namespace

const std::vector<SettingRule>& SettingRules() {
  static const std::vector<SettingRule> rules = {
      {.key = kSiteNameSetting,
       .default_value = "Broadsheet",
       .help = "the site's name, in the masthead and every page's title",
       .kind = SettingKind::kText,
       .min = 1,
       .max = 100,
       .label = "Site name"},
      {.key = kSiteTaglineSetting,
       .default_value = "News, as it happens",
       .help = "the line under the site's name (may be empty)",
       .kind = SettingKind::kText,
       .min = 0,
       .max = 200,
       .label = "Tagline"},
      {.key = kSiteLangSetting,
       .default_value = "en",
       .help = "the pages' language as a BCP 47 tag (en, fr-CA, ar); Arabic, Hebrew, Persian, "
               "Urdu and other right-to-left languages mirror the layout",
       .kind = SettingKind::kLanguage,
       .label = "Language"},
      {.key = kModerationSetting,
       .default_value = "open",
       .allowed = {"open", "held", "known"},
       .help = "comments appear at once (open), wait for an editor (held), or appear at once "
               "only for readers with an approved comment (known)",
       .label = "Comment moderation"},
      {.key = kCloseAfterDaysSetting,
       .default_value = "0",
       .help = "days after publication when an article's comments close by themselves; 0 = "
               "never",
       .kind = SettingKind::kNumber,
       .min = 0,
       .max = 3650,
       .label = "Close comments after (days)"},
      {.key = kChallengeSetting,
       .default_value = "image",
       .allowed = {"image", "pow"},
       .help = "the comment form's security code: a distorted image with audio (image) or a "
               "proof-of-work the browser solves (pow); without JavaScript readers get the image",
       .label = "Security code"},
      {.key = kAuthorsPublishSetting,
       .default_value = "false",
       .allowed = {"false", "true"},
       .help = "whether users with the author role may publish and schedule their own "
               "articles (true) or only submit them for an editor's review (false)",
       .label = "Authors may publish"},
  };
  return rules;
}

std::string ValidateSetting(std::string_view key, std::string_view value) {
  for (const SettingRule& rule : SettingRules()) {
    if (rule.key == key) return ValidateRule(rule, value);
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

std::string_view TextDirection(std::string_view lang) {
  const std::string_view primary = lang.substr(0, lang.find('-'));
  std::string lower(primary);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::string_view kRightToLeft[] = {"ar", "arc", "ckb", "dv", "fa", "he", "iw",
                                                      "ks", "ps",  "sd",  "ug", "ur", "yi"};
  for (const auto rtl : kRightToLeft) {
    if (lower == rtl) return "rtl";
  }
  return "ltr";
}

}  // namespace broadsheet::news
