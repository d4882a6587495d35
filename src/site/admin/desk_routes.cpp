#include "site/admin/desk_routes.h"

#include "site/admin/article_desk.h"
#include "site/admin/audit_page.h"
#include "site/admin/dashboard_page.h"
#include "site/admin/desk_session.h"
#include "site/admin/media_pages.h"
#include "site/admin/moderation_pages.h"
#include "site/admin/redirect_pages.h"
#include "site/admin/revision_pages.h"
#include "site/admin/settings_page.h"
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

}  // namespace

void RegisterDeskRoutes(http::Router& router, const DeskContext* desk) {
  router.Exact(Method::kGet, "/admin",
               [](const Request&) { return Response::Redirect(301, "/admin/"); });
  router.Exact(Method::kGet, "/admin/", Bind(desk, ServeDashboard));
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
  router.Exact(Method::kGet, "/admin/comments", Bind(desk, ServeModerationQueue));
  router.Exact(Method::kPost, "/admin/comments", Bind(desk, ServeModerationAction));
  router.Exact(Method::kPost, "/admin/articles/comments", Bind(desk, ServeCommentMode));
  router.Exact(Method::kGet, "/admin/settings", Bind(desk, ServeSettingsPage));
  router.Exact(Method::kPost, "/admin/settings", Bind(desk, ServeSettingsChange));
  router.Exact(Method::kGet, "/admin/redirects", Bind(desk, ServeRedirectsPage));
  router.Exact(Method::kPost, "/admin/redirects", Bind(desk, ServeAddRedirect));
  router.Exact(Method::kPost, "/admin/redirects/delete", Bind(desk, ServeDeleteRedirect));
  router.Exact(Method::kGet, "/admin/audit", Bind(desk, ServeAuditLog));
  router.Exact(Method::kGet, "/admin/media", Bind(desk, ServeMediaLibrary));
  router.Exact(Method::kPost, std::string(kUploadPath), Bind(desk, ServeMediaUpload));
  router.Exact(Method::kPost, "/admin/media/delete", Bind(desk, ServeMediaDelete));
  // Anything else under /admin/ is the desk's own 404, never a public page.
  router.Prefix(Method::kGet, "/admin/", [desk](const Request& request) {
    return DeskPage(*desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
      return DeskMessage(*desk, &signed_in, 404, "Not found", "There is no such page here.");
    });
  });
}

}  // namespace broadsheet::site::admin
