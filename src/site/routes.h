// The site's route table: every URL Broadsheet answers, in one place (README "URL scheme").
#pragma once

#include "http/router.h"
#include "site/site_context.h"

namespace broadsheet::site {

// Registers the site's handlers. `context` must outlive the router.
void RegisterRoutes(http::Router& router, const SiteContext& context);

}  // namespace broadsheet::site
