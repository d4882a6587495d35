// Signing in and out of the back office, and the signed-in user's own account page (password
// and public profile). Password hashing runs on the worker pool (Response::Deferred) and the
// PasswordHasher allows only a few at once: a busy hasher answers 503 with Retry-After.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

http::Response ServeSignInForm(const DeskContext& desk, const http::Request& request);
http::Response ServeSignIn(const DeskContext& desk, const http::Request& request);
http::Response ServeSignOut(const DeskContext& desk, const http::Request& request);
http::Response ServeSignOutEverywhere(const DeskContext& desk, const http::Request& request);
http::Response ServeAccountPage(const DeskContext& desk, const http::Request& request);
http::Response ServePasswordChange(const DeskContext& desk, const http::Request& request);
http::Response ServeProfileChange(const DeskContext& desk, const http::Request& request);

// 503 with Retry-After: the hasher is busy.
http::Response HasherBusy();

}  // namespace broadsheet::site::admin
