// `broadsheet redirect list | add OLD NEW | delete OLD` (issue 14): old addresses an editor
// sends elsewhere. Every node picks a change up with the next content version.
#include <fmt/core.h>

#include "cli/commands.h"
#include "news/calendar.h"
#include "site/old_links.h"

namespace broadsheet::cli {
namespace {

std::string Key(const std::string& old_address) {
  const auto key = site::RedirectKey(old_address);
  if (!key) {
    throw CliError("\"" + old_address.substr(0, 200) +
                   "\" is not a path (\"/old/page/\") or an http(s) URL");
  }
  return *key;
}

}  // namespace

int RunRedirectList(const CommonOptions& common) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  for (const store::RedirectRow& redirect : store->ListRedirects()) {
    fmt::print("{} -> {}\n", redirect.old_path, redirect.target);
  }
  return 0;
}

int RunRedirectAdd(const CommonOptions& common, const std::string& old_address,
                   const std::string& target) {
  const std::string key = Key(old_address);
  if (!site::IsRedirectTarget(target)) {
    throw CliError("\"" + target.substr(0, 200) +
                   "\" is not a path on this site (\"/new/page/\") or an http(s) URL");
  }
  if (site::RedirectKey(target) == key) throw CliError("a redirect cannot point at itself");
  auto store = OpenConfiguredStore(LoadConfig(common));
  store->SetRedirect({key, target, news::UnixNow()});
  fmt::print("{} -> {}\n", key, target);
  return 0;
}

int RunRedirectDelete(const CommonOptions& common, const std::string& old_address) {
  const std::string key = Key(old_address);
  auto store = OpenConfiguredStore(LoadConfig(common));
  if (!store->DeleteRedirect(key)) throw CliError("no redirect from " + key);
  return 0;
}

}  // namespace broadsheet::cli
