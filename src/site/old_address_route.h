// Answers an old address of an imported site, or one an editor redirected, with 301 to where
// it leads now (issue 14; site/old_links.h). Called where a route would otherwise answer 404,
// before the article pattern for K2's "/item/N-alias", and by the front page for "/?p=ID".
#pragma once

#include <optional>

#include "http/request.h"
#include "http/response.h"
#include "site/site_context.h"

namespace broadsheet::site {

// 301 to the new address, or nullopt when `request` is no old address this site knows, its
// object is gone or unpublished, or the redirect would point at the request's own path.
std::optional<http::Response> RedirectOldAddress(const SiteContext& context,
                                                 const http::Request& request);

// True when `request` has the shape of an old address of an imported CMS that this site
// answers itself otherwise ("/?p=ID" after a WordPress import, "/item/N-alias" after a K2
// one): a miss is then a 404, not our front page or our article N.
bool IsImportedSitesAddress(const SiteContext& context, const http::Request& request);

}  // namespace broadsheet::site
