#include "site/admin/desk_routes.h"

#include "site/admin/article_desk.h"
#include "site/admin/desk_session.h"
#include "site/admin/revision_pages.h"
#include "site/admin/signin_pages.h"
#include "site/admin/user_pages.h"

namespace broadsheet::site::admin {
namespace {

using http::Method;
using http::Request;
using http::Response;

using DeskHandler = Response (*)(const DeskContext&, const Request&);

http::Handler Bind(const DeskContext* desk, DeskHandler handler) {
  return [desk, handler](const Request& request) { return handler(*desk, request); };
}

Response ToArticles(const Request&) {
  Response response = Response::Redirect(303, "/admin/articles");
  MarkPrivate(response);
  return response;
}

}  // namespace

void RegisterDeskRoutes(http::Router& router, const DeskContext* desk) {
  router.Exact(Method::kGet, "/admin",
               [](const Request&) { return Response::Redirect(301, "/admin/"); });
  // The dashboard comes with the next issue; until then the desk opens on the articles.
  router.Exact(Method::kGet, "/admin/", ToArticles);
  router.Exact(Method::kGet, "/admin/login", Bind(desk, ServeSignInForm));
  router.Exact(Method::kPost, "/admin/login", Bind(desk, ServeSignIn));
  router.Exact(Method::kPost, "/admin/logout", Bind(desk, ServeSignOut));
  router.Exact(Method::kPost, "/admin/logout-everywhere", Bind(desk, ServeSignOutEverywhere));
  router.Exact(Method::kGet, "/admin/account", Bind(desk, ServeAccountPage));
  router.Exact(Method::kPost, "/admin/account/password", Bind(desk, ServePasswordChange));
  router.Exact(Method::kPost, "/admin/account/profile", Bind(desk, ServeProfileChange));
  router.Exact(Method::kGet, "/admin/articles", Bind(desk, ServeArticleList));
  router.Prefix(Method::kGet, "/admin/articles/", Bind(desk, ServeArticlePath));
  router.Exact(Method::kPost, "/admin/articles/save", Bind(desk, ServeArticleSave));
  router.Exact(Method::kPost, "/admin/articles/trash", Bind(desk, ServeTrashArticle));
  router.Exact(Method::kPost, "/admin/articles/restore", Bind(desk, ServeRestoreArticle));
  router.Exact(Method::kPost, "/admin/preview", Bind(desk, ServePreview));
  router.Exact(Method::kPost, "/admin/revisions/restore", Bind(desk, ServeRestoreRevision));
  router.Exact(Method::kGet, "/admin/trash", Bind(desk, ServeTrashList));
  router.Exact(Method::kGet, "/admin/users", Bind(desk, ServeUsersPage));
  router.Exact(Method::kPost, "/admin/users/add", Bind(desk, ServeAddUser));
  router.Exact(Method::kPost, "/admin/users/role", Bind(desk, ServeUserRole));
  router.Exact(Method::kPost, "/admin/users/disable", Bind(desk, ServeUserDisable));
  // Anything else under /admin/ is the desk's own 404, never a public page.
  router.Prefix(Method::kGet, "/admin/", [desk](const Request& request) {
    return DeskPage(*desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
      return DeskMessage(*desk, &signed_in, 404, "Not found", "There is no such page here.");
    });
  });
}

}  // namespace broadsheet::site::admin
