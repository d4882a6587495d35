// `broadsheet redirect list | add OLD NEW | delete OLD` (issue 14): old addresses an editor
// sends elsewhere. Every node picks a change up with the next content version.
#include <fmt/core.h>

#include "cli/commands.h"
#include "news/calendar.h"
#include "site/old_links.h"

namespace broadsheet::cli {
namespace {

// The key a checked redirect is stored under; its first mistake as a CliError (exit 2). The
// rules are site::CheckRedirect's, the back office's redirects page's too.
std::string KeyOrRefuse(const site::CheckedRedirect& checked) {
  if (!checked.errors.empty()) throw CliError(checked.errors.front().message);
  return checked.key;
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
  const std::string key = KeyOrRefuse(site::CheckRedirect(old_address, target));
  auto store = OpenConfiguredStore(LoadConfig(common));
  store->SetRedirect({key, target, news::UnixNow()});
  fmt::print("{} -> {}\n", key, target);
  return 0;
}

int RunRedirectDelete(const CommonOptions& common, const std::string& old_address) {
  const std::string key = KeyOrRefuse(site::CheckRedirectSource(old_address));
  auto store = OpenConfiguredStore(LoadConfig(common));
  if (!store->DeleteRedirect(key)) throw CliError("no redirect from " + key);
  return 0;
}

}  // namespace broadsheet::cli
