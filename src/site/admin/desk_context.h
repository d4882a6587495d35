// What the back office (/admin/) needs beyond the public site's context, built once by
// cli/serve.cpp: its templates, the password hasher, sign-in tokens, the sign-in throttles and
// its settings. The referenced objects are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "render/template_set.h"
#include "security/password.h"
#include "security/rate_limiter.h"
#include "security/signin_token.h"
#include "site/site_context.h"

namespace broadsheet::site::admin {

// The [admin] section (README "Configuration").
struct DeskSettings {
  std::int64_t idle_s = 43200;        // a sign-in unused this long ends
  std::int64_t max_age_s = 1209600;   // a sign-in ends this long after it began, used or not
  std::int64_t signin_form_s = 3600;  // how long a sign-in form may be left open
  std::int64_t trash_s = 2592000;     // how long a trashed article can be restored
  int page_size = 20;                 // articles per page of the list
  std::string timezone = "UTC";       // [site] timezone: the editor's times are in it
  std::int64_t media_max_pixels = 40'000'000;  // [media] max_pixels
};

struct DeskContext {
  const SiteContext& site;
  const render::TemplateSet& templates;  // templates/admin/
  security::PasswordHasher& hasher;
  const security::SignInTokens& tokens;
  // Failed sign-ins per client address, and per (account, address) pair: the pair limit stops
  // guessing at one account without letting anyone elsewhere lock its owner out.
  security::SlidingWindowLimiter& failures_per_address;
  security::SlidingWindowLimiter& failures_per_account;
  DeskSettings settings;
  std::vector<std::string> reserved_names;  // the router's own top-level names
};

}  // namespace broadsheet::site::admin
