// The back office's articles: the list with filters, the editor (new and existing), saving
// with conflict detection, the server-rendered preview, and the trash. Roles decide what each
// user sees and may do (news/user.h).
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "site/admin/desk_context.h"

namespace broadsheet::site::admin {

http::Response ServeArticleList(const DeskContext& desk, const http::Request& request);
// GET /admin/articles/new and /admin/articles/{id}[/delete|/revisions|/diff].
http::Response ServeArticlePath(const DeskContext& desk, const http::Request& request);
http::Response ServeArticleSave(const DeskContext& desk, const http::Request& request);
http::Response ServePreview(const DeskContext& desk, const http::Request& request);
http::Response ServeTrashArticle(const DeskContext& desk, const http::Request& request);
http::Response ServeRestoreArticle(const DeskContext& desk, const http::Request& request);
http::Response ServeTrashList(const DeskContext& desk, const http::Request& request);

}  // namespace broadsheet::site::admin
