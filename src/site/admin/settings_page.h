// The site's settings (admins): every store setting that `broadsheet settings` knows
// (news/site_setting.h), site name, tagline and language among them. A value fixed by the
// server's configuration (file, environment or flag) is shown read-only and cannot be changed
// here. A change reaches every node: the store moves its content version.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

http::Response ServeSettingsPage(const DeskContext& desk, const http::Request& request);
// POST /admin/settings: every editable setting as a field named by its key.
http::Response ServeSettingsChange(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
