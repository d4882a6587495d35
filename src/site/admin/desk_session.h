// Who is signed in to the back office, and the checks every back-office request goes through:
// a GET page needs a live sign-in (else it redirects to the sign-in form) and a role; a POST
// also needs to be same-site (the public forms' check) and to carry the synchronizer token
// bound to the sign-in. Every answer is marked never to be stored. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "http/form.h"
#include "http/multipart.h"
#include "http/request.h"
#include "http/response.h"
#include "news/user.h"
#include "render/template_set.h"
#include "site/admin/desk_context.h"
#include "store/store.h"

namespace broadsheet::site::admin {

// What the back office's form tokens are bound to, besides the sign-in.
inline constexpr std::string_view kDeskTokenPurpose = "desk";

struct SignedIn {
  store::UserRow user;
  std::string signin_hash;  // the store's key of this sign-in
  std::string csrf_token;   // what this sign-in's forms carry
  // May publish, schedule and take a live article down: editors and admins, and authors when
  // the store setting articles.authors_publish is true (read once per request).
  bool may_publish = false;
  std::string address_key;  // the keyed hash of the request's address, for the audit log
};

// The live sign-in of the request's cookie, or nullopt.
std::optional<SignedIn> CurrentSignIn(const DeskContext& desk, const http::Request& request);
// Whether a Cookie header holds a live sign-in (the server asks before it reads an upload's
// large body). False, never an exception, when the store cannot answer.
bool HoldsLiveSignIn(const DeskContext& desk, std::string_view cookie_header);

// Handlers of the back office. A POST handler gets the parsed form too.
using PageHandler = std::function<http::Response(const SignedIn&)>;
using ActionHandler = std::function<http::Response(const SignedIn&, const http::Form&)>;

// Runs `handler` for a signed-in user with at least `minimum`; else redirects to the sign-in
// form (nobody signed in) or answers 403.
http::Response DeskPage(const DeskContext& desk, const http::Request& request, news::Role minimum,
                        const PageHandler& handler);
// The same for a POST, after the same-site check and the token (both 403, nothing changed).
http::Response DeskAction(const DeskContext& desk, const http::Request& request, news::Role minimum,
                          const ActionHandler& handler);
// The same for a multipart/form-data POST (an upload): the token is its "csrf" part.
using UploadHandler = std::function<http::Response(const SignedIn&, const http::MultipartForm&)>;
http::Response DeskUpload(const DeskContext& desk, const http::Request& request, news::Role minimum,
                          const UploadHandler& handler);

// Records a back-office action in the audit log (store::AuditEntry): `user` did `action`
// ("article.publish") to `object` ("article 12") from the address whose key is given.
void RecordAction(const DeskContext& desk, const std::string& address_key,
                  const store::UserRow& user, const std::string& action, const std::string& object,
                  const std::string& detail = {});
// The same for the signed-in user of this request.
void RecordAction(const DeskContext& desk, const SignedIn& signed_in, const std::string& action,
                  const std::string& object, const std::string& detail = {});
// The request's address key, as the audit log keeps it (before deferring work).
std::string DeskAddressKey(const DeskContext& desk, const http::Request& request);

// The ?page= number of a list (1 when absent or not a page number).
int PageNumber(const http::Request& request);
// Options of a <select> ({value, label, selected}), the one whose value is `chosen` selected.
render::TemplateData Options(const std::vector<std::pair<std::string, std::string>>& values,
                             const std::string& chosen);

// Whether the user may see the article in the back office: a published one, or one they may
// edit (news::MayEditArticle: their own, or any for editors and admins).
bool MaySee(const SignedIn& signed_in, const store::ArticleRow& article);

// A positive id from a path segment or a form field ("42"); 0 for anything else.
std::int64_t PositiveId(std::string_view text);

// 403: the form came from another site (the public forms' check). Nothing was changed.
http::Response CrossSiteRefusal();

// Response::Deferred for the back office (password hashing on the worker pool): the answer is
// marked private, and a failure there (the store unreachable, say) becomes a private 503 or
// 500 page rather than the server's bare one.
http::Response DeskDeferred(std::function<http::Response()> work);

// Cache-Control: no-store, and nothing else that lets a page be kept.
void MarkPrivate(http::Response& response);

// Renders `content_template` with `content` inside the back office's layout (the signed-in
// user, the sign-out buttons, the navigation); `signed_in` may be null (the sign-in page).
std::string RenderDesk(const DeskContext& desk, const SignedIn* signed_in, const std::string& title,
                       const std::string& content_template, render::TemplateData content);

http::Response DeskHtml(int status, std::string body);
// A page with one message (403, 404, 409...), in the layout.
http::Response DeskMessage(const DeskContext& desk, const SignedIn* signed_in, int status,
                           const std::string& title, const std::string& message);

// The Set-Cookie value for a sign-in id (empty id and max_age 0: the cookie's removal);
// Secure when the request came over https or the site's URL is https.
std::string SignInCookie(const DeskContext& desk, bool https, const std::string& id,
                         std::int64_t max_age_s);

}  // namespace broadsheet::site::admin
