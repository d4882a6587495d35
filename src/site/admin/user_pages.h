// The users page (admins only): every login with its role and state, adding a user, changing
// a role, disabling and enabling. The password a new user gets is hashed on the worker pool.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

http::Response ServeUsersPage(const DeskContext& desk, const http::Request& request);
http::Response ServeAddUser(const DeskContext& desk, const http::Request& request);
http::Response ServeUserRole(const DeskContext& desk, const http::Request& request);
http::Response ServeUserDisable(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
