// The redirects page (admins only, like the settings: a redirect changes what the whole public
// site answers): every editor's redirect with its old address, new address and date, adding
// one (site::CheckRedirect, the rules `broadsheet redirect add` applies) and deleting one. A
// change reaches this node at once and the others with the store's next version.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

http::Response ServeRedirectsPage(const DeskContext& desk, const http::Request& request);
// POST /admin/redirects: fields "old" and "target". 303 back to the page once stored; the
// form again with a message per field and 422 when either is refused (nothing stored).
http::Response ServeAddRedirect(const DeskContext& desk, const http::Request& request);
// POST /admin/redirects/delete: field "old", the stored old address as the page lists it.
// 303 back once deleted; the page with a message and 404 when there is no such redirect.
http::Response ServeDeleteRedirect(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
