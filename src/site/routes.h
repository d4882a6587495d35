// The site's route table: every URL Broadsheet answers, in one place (README "URL scheme").
#pragma once

#include <string>
#include <vector>

#include "http/router.h"
#include "site/admin/desk_context.h"
#include "site/site_context.h"

namespace broadsheet::site {

// Registers the site's handlers and the back office's. Both contexts must outlive the router.
void RegisterRoutes(http::Router& router, const SiteContext& context,
                    const admin::DeskContext& desk);

// The top-level names the router answers itself ("admin", "static", "captcha", ...), read
// from the routes as registered, never from a list kept by hand: no category may take one
// as its slug (news::NormalizeAndValidate, Store::RenameReservedCategories).
std::vector<std::string> ReservedNames();

}  // namespace broadsheet::site
