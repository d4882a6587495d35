// The back office's route table: every /admin/ URL. Every POST route goes through
// DeskAction (same-site check, sign-in, synchronizer token, role), except the sign-in form's
// own POST, which checks its pre-sign-in token; tests/unit/site/desk_csrf_test.cpp enumerates
// the registered POST routes and fails for one that skips the checks.
#pragma once

#include "http/router.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

// `desk` must outlive the router; null only to list the routes (site::ReservedNames()).
void RegisterDeskRoutes(http::Router& router, const DeskContext* desk);

}  // namespace broadsheet::site::admin
