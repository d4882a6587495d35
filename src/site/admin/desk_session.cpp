#include "site/admin/desk_session.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "http/cookies.h"
#include "http/multipart.h"
#include "news/calendar.h"
#include "news/comment.h"
#include "news/site_setting.h"
#include "site/error_pages.h"
#include "site/listing_facts.h"
#include "site/page_data.h"
#include "site/public_forms.h"
#include "site/static_files.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;

constexpr std::size_t kMaxAuditDetail = 500;

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
  return SignedIn{std::move(*user), std::move(hash), std::move(token), may_publish,
                  DeskAddressKey(desk, request)};
}

bool MaySee(const SignedIn& signed_in, const store::ArticleRow& article) {
  return article.status == news::ArticleStatus::kPublished ||
         news::MayEditArticle(signed_in.user.role, signed_in.user.author.id, article.author.id);
}

int PageNumber(const http::Request& request) {
  const auto text = request.QueryParam("page").value_or("1");
  const auto page = PositiveId(text);
  return page > 0 && page < 100000 ? static_cast<int>(page) : 1;
}

render::TemplateData Options(const std::vector<std::pair<std::string, std::string>>& values,
                             const std::string& chosen) {
  render::TemplateData list = render::TemplateData::type::list;
  for (const auto& [value, label] : values) {
    render::TemplateData option;
    option.set("value", value);
    option.set("label", label);
    option.set("selected", value == chosen);
    list << option;
  }
  return list;
}

bool HoldsLiveSignIn(const DeskContext& desk, std::string_view cookie_header) {
  const auto cookie = http::CookieValue(cookie_header, security::kSignInCookieName);
  if (!cookie) return false;
  const std::string hash = desk.tokens.StoredHash(*cookie);
  if (hash.empty()) return false;
  try {
    return desk.site.store
        .UseSignIn(hash, news::UnixNow(), desk.settings.idle_s, desk.settings.max_age_s)
        .has_value();
  } catch (const std::exception& error) {
    spdlog::warn("back office: could not check a sign-in before an upload: {}", error.what());
    return false;
  }
}

std::string DeskAddressKey(const DeskContext& desk, const http::Request& request) {
  return AddressKey(desk.site, request);
}

void RecordAction(const DeskContext& desk, const std::string& address_key,
                  const store::UserRow& user, const std::string& action, const std::string& object,
                  const std::string& detail) {
  store::AuditEntry entry;
  entry.at = news::UnixNow();
  entry.user_id = user.id;
  entry.user_email = user.email;
  entry.action = action;
  entry.object = object;
  // Bounded like every stored field: a detail quotes what a user typed.
  entry.detail = news::CutUtf8(detail, kMaxAuditDetail);
  entry.address_key = address_key;
  desk.site.store.AddAuditEntry(entry);
}

void RecordAction(const DeskContext& desk, const SignedIn& signed_in, const std::string& action,
                  const std::string& object, const std::string& detail) {
  RecordAction(desk, signed_in.address_key, signed_in.user, action, object, detail);
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

namespace {

// What every back-office POST goes through: the same-site check, a live sign-in, then `read`
// (which parses the body and finds the token, or returns why it cannot), the token bound to
// the sign-in, and the role. Only then `run`.
using BodyReader = std::function<std::string(std::optional<std::string>& token)>;
Response GuardedPost(const DeskContext& desk, const http::Request& request, news::Role minimum,
                     const BodyReader& read, const PageHandler& run) {
  Response response = Guarded(desk.site, request, [&]() -> Response {
    if (IsCrossSite(desk.site, request)) return CrossSiteRefusal();
    const auto signed_in = CurrentSignIn(desk, request);
    if (!signed_in) {
      return DeskMessage(desk, nullptr, 403, "Signed out",
                         "You are not signed in (or your sign-in ended), so nothing was "
                         "changed. Sign in again and repeat what you did.");
    }
    std::optional<std::string> token;
    if (const std::string error = read(token); !error.empty()) {
      return DeskMessage(desk, &*signed_in, 400, "Bad form", error);
    }
    if (!token || !desk.tokens.CheckFormToken(kDeskTokenPurpose, signed_in->signin_hash, *token)) {
      return DeskMessage(desk, &*signed_in, 403, "Form expired",
                         "This form is out of date (it belongs to an earlier sign-in), so "
                         "nothing was changed. Go back, reload the page and try again.");
    }
    if (signed_in->user.role < minimum) {
      return DeskMessage(desk, &*signed_in, 403, "Not allowed",
                         "Your role does not allow this. Nothing was changed.");
    }
    return run(*signed_in);
  });
  MarkPrivate(response);
  return response;
}

}  // namespace

Response DeskAction(const DeskContext& desk, const http::Request& request, news::Role minimum,
                    const ActionHandler& handler) {
  ParsedForm parsed;
  return GuardedPost(
      desk, request, minimum,
      [&](std::optional<std::string>& token) {
        parsed = ParseFormBody(request);
        if (parsed.error.empty()) token = parsed.form.Single("csrf");
        return parsed.error;
      },
      [&](const SignedIn& signed_in) { return handler(signed_in, parsed.form); });
}

Response DeskUpload(const DeskContext& desk, const http::Request& request, news::Role minimum,
                    const UploadHandler& handler) {
  http::MultipartParse parsed;
  return GuardedPost(
      desk, request, minimum,
      [&](std::optional<std::string>& token) -> std::string {
        const auto boundary = http::MultipartBoundary(request.Header("Content-Type"));
        if (!boundary) return "The upload must be sent as multipart/form-data.";
        parsed = http::ParseMultipart(request.body, *boundary);
        if (!parsed.error.empty()) return "The upload could not be read: " + parsed.error;
        if (const auto* csrf = parsed.form.Find("csrf");
            csrf && parsed.form.Count("csrf") == 1 && !csrf->filename) {
          token = std::string(csrf->body);
        }
        return {};
      },
      [&](const SignedIn& signed_in) { return handler(signed_in, parsed.form); });
}

std::string RenderDesk(const DeskContext& desk, const SignedIn* signed_in, const std::string& title,
                       const std::string& content_template, render::TemplateData content) {
  render::TemplateData page;
  const SiteIdentity site = IdentityOf(desk.site.settings, *desk.site.listings.Current());
  page.set("lang", site.lang);
  page.set("dir", site.dir);
  page.set("title", title);
  page.set("site_name", site.name);
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
    user.set("editor", signed_in->user.role >= news::Role::kEditor);
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
