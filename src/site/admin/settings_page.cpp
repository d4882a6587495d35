#include "site/admin/settings_page.h"

#include <map>

#include "news/site_setting.h"
#include "site/admin/desk_session.h"
#include "site/listing_facts.h"
#include "site/page_data.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;
using render::TemplateData;

// What the form showed and what went wrong, by key.
using Values = std::map<std::string, std::string, std::less<>>;

Response SettingsPage(const DeskContext& desk, const SignedIn& signed_in, int status,
                      const Values& typed, const Values& errors, const std::string& notice) {
  const auto snapshot = desk.site.listings.Current();
  TemplateData rows{TemplateData::type::list};
  for (const news::SettingRule& rule : news::SettingRules()) {
    const std::string key(rule.key);
    TemplateData row;
    row.set("key", key);
    row.set("field_id", "setting-" + std::to_string(&rule - news::SettingRules().data()));
    row.set("label", std::string(rule.label));
    row.set("help", std::string(rule.help));
    const bool fixed = FixedByConfiguration(desk.site.settings, key);
    row.set("fixed", fixed);
    const auto was_typed = typed.find(key);
    const std::string value = !fixed && was_typed != typed.end()
                                  ? was_typed->second
                                  : EffectiveSetting(desk.site.settings, *snapshot, key);
    row.set("value", value);
    row.set("choice", rule.kind == news::SettingKind::kChoice);
    row.set("number", rule.kind == news::SettingKind::kNumber);
    row.set("text",
            rule.kind == news::SettingKind::kText || rule.kind == news::SettingKind::kLanguage);
    row.set("max", std::to_string(rule.kind == news::SettingKind::kLanguage ? 35 : rule.max));
    row.set("min", std::to_string(rule.min));
    row.set("required", rule.min > 0 || rule.kind == news::SettingKind::kLanguage);
    TemplateData options{TemplateData::type::list};
    for (const auto option : rule.allowed) {
      TemplateData item;
      item.set("option", std::string(option));
      item.set("selected", option == value);
      options << item;
    }
    row.set("options", options);
    if (const auto error = errors.find(key); error != errors.end()) {
      row.set("error", error->second);
    }
    rows << row;
  }
  TemplateData data;
  data.set("settings", rows);
  data.set("has_errors", !errors.empty());
  if (!notice.empty()) data.set("notice", notice);
  return DeskHtml(status, RenderDesk(desk, &signed_in, "Settings", "settings", data));
}

}  // namespace

Response ServeSettingsPage(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kAdmin, [&](const SignedIn& signed_in) {
    const bool saved = request.QueryParam("saved").has_value();
    return SettingsPage(desk, signed_in, 200, {}, {}, saved ? "Settings saved." : "");
  });
}

Response ServeSettingsChange(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kAdmin,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        Values typed;
        Values errors;
        for (const news::SettingRule& rule : news::SettingRules()) {
          const std::string key(rule.key);
          const int count = form.Count(key);
          if (count == 0) continue;  // not on the form: left as it is
          if (FixedByConfiguration(desk.site.settings, key)) {
            return DeskMessage(desk, &signed_in, 403, "Set by the server",
                               key +
                                   " is set by the server's configuration, so it cannot be "
                                   "changed here. Nothing was changed.");
          }
          std::string value = count == 1 ? *form.Single(key) : std::string();
          if (rule.kind == news::SettingKind::kText || rule.kind == news::SettingKind::kLanguage) {
            value = news::StripControlCharacters(value);
            while (!value.empty() && value.back() == ' ') value.pop_back();
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
          }
          std::string error =
              count == 1 ? news::ValidateSetting(key, value) : key + " was sent more than once";
          if (!error.empty()) errors[key] = std::move(error);
          typed[key] = std::move(value);
        }
        if (!errors.empty()) return SettingsPage(desk, signed_in, 422, typed, errors, "");
        const auto before = desk.site.listings.Current();
        int changed = 0;
        for (const auto& [key, value] : typed) {
          // Only what differs from the value in force is written (and logged).
          const std::string old = EffectiveSetting(desk.site.settings, *before, key);
          if (old == value) continue;
          desk.site.store.WriteSetting(key, value);
          RecordAction(desk, signed_in, "setting.change", key, old + " → " + value);
          ++changed;
        }
        // This node at once; the others when they see the content version move.
        if (changed > 0) desk.site.pages.Invalidate();
        return Response::Redirect(303, "/admin/settings?saved=1");
      });
}

}  // namespace broadsheet::site::admin
