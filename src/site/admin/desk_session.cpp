#include "site/admin/desk_session.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "http/cookies.h"
#include "news/calendar.h"
#include "news/site_setting.h"
#include "site/error_pages.h"
#include "site/public_forms.h"
#include "site/static_files.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;

// "/admin/articles?x" -> the same, for the sign-in form's way back; anything else -> "".
std::string NextAfterSignIn(const http::Request& request) {
  if (request.method != http::Method::kGet) return {};
  std::string next = request.path;
  if (!request.query.empty()) next += "?" + request.query;
  return next;
}

Response RedirectToSignIn(const http::Request& request) {
  const std::string next = NextAfterSignIn(request);
  std::string location = "/admin/login";
  if (!next.empty() && next != "/admin/") location += "?next=" + http::PercentEncode(next);
  Response response = Response::Redirect(303, location);
  MarkPrivate(response);
  return response;
}

}  // namespace

std::int64_t PositiveId(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return 0;
  return id;
}

Response CrossSiteRefusal() {
  return DeskHtml(403,
                  "<!DOCTYPE html><html lang=\"en\"><title>Refused</title><main><h1>Refused</h1>"
                  "<p>This form was sent from another site, so it was refused. Nothing was "
                  "changed.</p></main></html>");
}

Response DeskDeferred(std::function<Response()> work) {
  return Response::Deferred([work = std::move(work)]() -> Response {
    Response answer;
    try {
      answer = work();
    } catch (const store::StoreError& error) {
      spdlog::error("back office: {}", error.what());
      answer = DeskHtml(error.unavailable() ? 503 : 500,
                        "<!DOCTYPE html><html lang=\"en\"><title>Not now</title><main><h1>Not "
                        "now</h1><p>The database did not answer. Nothing was changed; try again "
                        "in a moment.</p></main></html>");
      if (error.unavailable()) answer.SetHeader("Retry-After", "5");
    } catch (const std::exception& error) {
      spdlog::error("back office: deferred work failed: {}", error.what());
      answer = DeskHtml(500,
                        "<!DOCTYPE html><html lang=\"en\"><title>Error</title><main><h1>Something "
                        "went wrong</h1><p>The error is in the server's log.</p></main></html>");
    }
    MarkPrivate(answer);
    return answer;
  });
}

void MarkPrivate(Response& response) {
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("X-Robots-Tag", "noindex, nofollow");
}

std::optional<SignedIn> CurrentSignIn(const DeskContext& desk, const http::Request& request) {
  const auto cookie = http::CookieValue(request.Header("Cookie"), security::kSignInCookieName);
  if (!cookie) return std::nullopt;
  std::string hash = desk.tokens.StoredHash(*cookie);
  if (hash.empty()) return std::nullopt;
  auto user = desk.site.store.UseSignIn(hash, news::UnixNow(), desk.settings.idle_s,
                                        desk.settings.max_age_s);
  if (!user) return std::nullopt;
  std::string token = desk.tokens.FormToken(kDeskTokenPurpose, hash);
  const bool authors_publish =
      user->role == news::Role::kAuthor &&
      desk.site.store.ReadSetting(std::string(news::kAuthorsPublishSetting))
              .value_or(news::DefaultSetting(news::kAuthorsPublishSetting)) == "true";
  const bool may_publish =
      news::MaySetStatus(user->role, news::ArticleStatus::kPublished, authors_publish);
  return SignedIn{std::move(*user), std::move(hash), std::move(token), may_publish};
}

Response DeskPage(const DeskContext& desk, const http::Request& request, news::Role minimum,
                  const PageHandler& handler) {
  Response response = Guarded(desk.site, request, [&]() -> Response {
    const auto signed_in = CurrentSignIn(desk, request);
    if (!signed_in) return RedirectToSignIn(request);
    if (signed_in->user.role < minimum) {
      return DeskMessage(desk, &*signed_in, 403, "Not allowed",
                         "Your role does not allow this page.");
    }
    return handler(*signed_in);
  });
  MarkPrivate(response);
  return response;
}

Response DeskAction(const DeskContext& desk, const http::Request& request, news::Role minimum,
                    const ActionHandler& handler) {
  Response response = Guarded(desk.site, request, [&]() -> Response {
    if (IsCrossSite(desk.site, request)) return CrossSiteRefusal();
    const auto signed_in = CurrentSignIn(desk, request);
    if (!signed_in) {
      return DeskMessage(desk, nullptr, 403, "Signed out",
                         "You are not signed in (or your sign-in ended), so nothing was "
                         "changed. Sign in again and repeat what you did.");
    }
    ParsedForm parsed = ParseFormBody(request);
    if (!parsed.error.empty()) return DeskMessage(desk, &*signed_in, 400, "Bad form", parsed.error);
    const auto token = parsed.form.Single("csrf");
    if (!token || !desk.tokens.CheckFormToken(kDeskTokenPurpose, signed_in->signin_hash, *token)) {
      return DeskMessage(desk, &*signed_in, 403, "Form expired",
                         "This form is out of date (it belongs to an earlier sign-in), so "
                         "nothing was changed. Go back, reload the page and try again.");
    }
    if (signed_in->user.role < minimum) {
      return DeskMessage(desk, &*signed_in, 403, "Not allowed",
                         "Your role does not allow this. Nothing was changed.");
    }
    return handler(*signed_in, parsed.form);
  });
  MarkPrivate(response);
  return response;
}

std::string RenderDesk(const DeskContext& desk, const SignedIn* signed_in, const std::string& title,
                       const std::string& content_template, render::TemplateData content) {
  render::TemplateData page;
  page.set("lang", desk.site.settings.lang);
  page.set("title", title);
  page.set("site_name", desk.site.settings.name);
  page.set("css_url", desk.site.static_files.VersionedUrl("css/admin.css"));
  page.set("js_url", desk.site.static_files.VersionedUrl("js/admin.js"));
  page.set("favicon_url", desk.site.static_files.VersionedUrl("favicon.svg"));
  if (signed_in) {
    render::TemplateData user;
    user.set("email", signed_in->user.email);
    user.set("name", signed_in->user.author.name);
    user.set("role", std::string(news::ToString(signed_in->user.role)));
    user.set("csrf", signed_in->csrf_token);
    user.set("admin", signed_in->user.role == news::Role::kAdmin);
    page.set("user", user);
    content.set("csrf", signed_in->csrf_token);
  }
  page.set("content", desk.templates.Render(content_template, content));
  return desk.templates.Render("layout", page);
}

Response DeskHtml(int status, std::string body) {
  Response response = Response::Html(status, std::move(body));
  MarkPrivate(response);
  return response;
}

Response DeskMessage(const DeskContext& desk, const SignedIn* signed_in, int status,
                     const std::string& title, const std::string& message) {
  render::TemplateData content;
  content.set("heading", title);
  content.set("message", message);
  return DeskHtml(status, RenderDesk(desk, signed_in, title, "message", content));
}

std::string SignInCookie(const DeskContext& desk, bool https, const std::string& id,
                         std::int64_t max_age_s) {
  return http::SetCookieValue(
      security::kSignInCookieName, id,
      {.max_age_s = static_cast<int>(max_age_s),
       .secure = https || desk.site.settings.base_url.starts_with("https://"),
       .path = "/admin"});
}

}  // namespace broadsheet::site::admin
