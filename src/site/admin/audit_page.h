// The audit log (admins): every back-office action, newest first, filtered by user, action
// and object.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

// GET /admin/audit?user=ID&action=article.&object=text&page=N
http::Response ServeAuditLog(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
