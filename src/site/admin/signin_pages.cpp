#include "site/admin/signin_pages.h"

#include <charconv>

#include "http/cookies.h"
#include "news/calendar.h"
#include "site/admin/desk_session.h"
#include "site/error_pages.h"
#include "site/public_forms.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;

constexpr std::string_view kSignInPurpose = "signin";
// Said for a wrong password, an unknown account and a disabled one alike.
constexpr const char* kWrongSignIn = "That e-mail address and password do not match an account.";

// The pre-sign-in cookie is "<random id>.<issued unix time>": the form's token is bound to it,
// and the time bounds how long a form may be left open ([admin] signin_form_s).
struct PreSignIn {
  std::string value;
  bool fresh = false;  // minted for this response: set the cookie
};

std::optional<std::int64_t> IssuedAt(std::string_view value) {
  const auto dot = value.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::int64_t issued = 0;
  const auto digits = value.substr(dot + 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), issued);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return issued;
}

bool PreSignInValid(const DeskContext& desk, std::string_view value, std::int64_t now) {
  const auto issued = IssuedAt(value);
  return value.size() < 80 && issued && *issued <= now &&
         now - *issued < desk.settings.signin_form_s;
}

PreSignIn CurrentPreSignIn(const DeskContext& desk, const http::Request& request) {
  const auto cookie = http::CookieValue(request.Header("Cookie"), security::kPreSignInCookieName);
  const auto now = news::UnixNow();
  if (cookie && PreSignInValid(desk, *cookie, now)) return {std::string(*cookie), false};
  return {security::SignInTokens::NewId() + "." + std::to_string(now), true};
}

std::string PreSignInCookie(const DeskContext& desk, bool https, const std::string& value,
                            std::int64_t max_age_s) {
  return http::SetCookieValue(
      security::kPreSignInCookieName, value,
      {.max_age_s = static_cast<int>(max_age_s),
       .secure = https || desk.site.settings.base_url.starts_with("https://"),
       .path = "/admin"});
}

// Only a back-office path of ours: never another site, never "//host".
std::string SafeNext(std::string_view next) {
  if (!next.starts_with("/admin/") || next.find("//") != std::string_view::npos ||
      next.find('\\') != std::string_view::npos || next.size() > 500) {
    return "/admin/";
  }
  for (char c : next) {
    if (static_cast<unsigned char>(c) < 0x21) return "/admin/";
  }
  return std::string(next);
}

Response SignInPage(const DeskContext& desk, bool https, int status, const PreSignIn& pre,
                    const std::string& email, const std::string& next, const std::string& error) {
  render::TemplateData content;
  content.set("token", desk.tokens.FormToken(kSignInPurpose, pre.value));
  content.set("email", email);
  content.set("next", next);
  if (!error.empty()) content.set("error", error);
  Response response = DeskHtml(status, RenderDesk(desk, nullptr, "Sign in", "login", content));
  if (pre.fresh) {
    response.SetHeader("Set-Cookie",
                       PreSignInCookie(desk, https, pre.value, desk.settings.signin_form_s));
  }
  return response;
}

std::string AccountKey(const std::string& email, const std::string& address_key) {
  return email + "\n" + address_key;
}

Response TooManyAttempts(std::chrono::seconds retry_after) {
  Response response = DeskHtml(
      429,
      "<!DOCTYPE html><html lang=\"en\"><title>Too many attempts</title><main><h1>Too many "
      "attempts</h1><p>Too many wrong passwords from your network. Wait a minute and try "
      "again.</p></main></html>");
  response.SetHeader("Retry-After", RetryAfterSeconds(retry_after));
  return response;
}

}  // namespace

Response HasherBusy() {
  Response response = DeskHtml(
      503,
      "<!DOCTYPE html><html lang=\"en\"><title>Busy</title><main><h1>Busy</h1><p>The server "
      "is checking other passwords right now. Try again in a moment.</p></main></html>");
  response.SetHeader("Retry-After", "1");
  return response;
}

Response ServeSignInForm(const DeskContext& desk, const http::Request& request) {
  Response response = Guarded(desk.site, request, [&]() -> Response {
    if (CurrentSignIn(desk, request)) return Response::Redirect(303, "/admin/");
    const std::string next = SafeNext(request.QueryParam("next").value_or("/admin/"));
    return SignInPage(desk, request.https, 200, CurrentPreSignIn(desk, request), "", next, "");
  });
  MarkPrivate(response);
  return response;
}

Response ServeSignIn(const DeskContext& desk, const http::Request& request) {
  Response response = Guarded(desk.site, request, [&]() -> Response {
    if (IsCrossSite(desk.site, request)) return CrossSiteRefusal();
    const PreSignIn pre = CurrentPreSignIn(desk, request);
    ParsedForm parsed = ParseFormBody(request);
    const std::string next = SafeNext(parsed.form.Single("next").value_or("/admin/"));
    const std::string typed_email = parsed.form.Single("email").value_or("");
    if (!parsed.error.empty()) {
      return SignInPage(desk, request.https, 400, pre, "", next, parsed.error);
    }
    const auto token = parsed.form.Single("csrf");
    if (pre.fresh || !token || !desk.tokens.CheckFormToken(kSignInPurpose, pre.value, *token)) {
      return SignInPage(desk, request.https, 403, pre, typed_email, next,
                        "The sign-in form had expired. Please try again.");
    }
    const std::string email = news::NormalizeEmail(typed_email).value_or("");
    std::string password = parsed.form.Single("password").value_or("");
    const std::string address_key = AddressKey(desk.site, request);
    const std::string account_key = AccountKey(email, address_key);
    if (auto per_account = desk.failures_per_account.Check(account_key); !per_account.allowed) {
      return TooManyAttempts(per_account.retry_after);
    }
    if (auto per_address = desk.failures_per_address.Check(address_key); !per_address.allowed) {
      return TooManyAttempts(per_address.retry_after);
    }
    const bool https = request.https;
    const DeskContext* context = &desk;
    return DeskDeferred([context, email, password = std::move(password), next, pre,
                               typed_email, address_key, account_key, https]() {
      const DeskContext& desk = *context;
      const auto user = email.empty() ? std::nullopt : desk.site.store.FindUserByEmail(email);
      const bool usable = user && !user->disabled;
      const auto verdict =
          password.size() > security::kMaxPasswordLength
              ? security::PasswordHasher::Verdict::kMismatch
              : desk.hasher.Verify(usable ? user->password_hash : std::string(), password);
      if (verdict == security::PasswordHasher::Verdict::kBusy) return HasherBusy();
      if (verdict != security::PasswordHasher::Verdict::kMatch) {
        desk.failures_per_account.Record(account_key);
        desk.failures_per_address.Record(address_key);
        // Who tried (the address, normalised); no user id: nobody signed in.
        store::UserRow attempt;
        // Never what was typed otherwise: it may be a password pasted into the wrong field.
        attempt.email = email.empty() ? std::string("(not an address)") : email;
        RecordAction(desk, address_key, attempt, "signin.fail", "sign-in");
        return SignInPage(desk, https, 403, pre, typed_email, next, kWrongSignIn);
      }
      if (desk.hasher.NeedsRehash(user->password_hash)) {
        // At today's cost; busy hashers just leave it for the next sign-in.
        if (const auto rehashed = desk.hasher.Hash(password)) {
          desk.site.store.RehashPassword(user->id, user->password_hash, *rehashed);
        }
      }
      const std::string id = security::SignInTokens::NewId();
      desk.site.store.AddSignIn(desk.tokens.StoredHash(id), user->id, news::UnixNow());
      RecordAction(desk, address_key, *user, "signin", "user " + std::to_string(user->id));
      Response done = Response::Redirect(303, next);
      done.headers.emplace_back("Set-Cookie",
                                SignInCookie(desk, https, id, desk.settings.max_age_s));
      done.headers.emplace_back("Set-Cookie", PreSignInCookie(desk, https, "", 0));
      return done;
    });
  });
  MarkPrivate(response);
  return response;
}

Response ServeSignOut(const DeskContext& desk, const http::Request& request) {
  return DeskAction(desk, request, news::Role::kContributor,
                    [&](const SignedIn& signed_in, const http::Form&) {
                      desk.site.store.EndSignIn(signed_in.signin_hash);
                      RecordAction(desk, signed_in, "signout",
                                   "user " + std::to_string(signed_in.user.id));
                      Response response = Response::Redirect(303, "/admin/login");
                      response.SetHeader("Set-Cookie", SignInCookie(desk, request.https, "", 0));
                      return response;
                    });
}

Response ServeSignOutEverywhere(const DeskContext& desk, const http::Request& request) {
  return DeskAction(desk, request, news::Role::kContributor,
                    [&](const SignedIn& signed_in, const http::Form&) {
                      desk.site.store.EndAllSignIns(signed_in.user.id);
                      RecordAction(desk, signed_in, "signout.everywhere",
                                   "user " + std::to_string(signed_in.user.id));
                      Response response = Response::Redirect(303, "/admin/login");
                      response.SetHeader("Set-Cookie", SignInCookie(desk, request.https, "", 0));
                      return response;
                    });
}

namespace {

Response AccountPage(const DeskContext& desk, const SignedIn& signed_in, int status,
                     const std::string& notice, const std::string& error) {
  render::TemplateData content;
  content.set("email", signed_in.user.email);
  content.set("role", std::string(news::ToString(signed_in.user.role)));
  content.set("name", signed_in.user.author.name);
  content.set("bio", signed_in.user.author.bio);
  content.set("author_slug", signed_in.user.author.slug);
  if (!notice.empty()) content.set("notice", notice);
  if (!error.empty()) content.set("error", error);
  return DeskHtml(status, RenderDesk(desk, &signed_in, "Your account", "account", content));
}

}  // namespace

Response ServeAccountPage(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
    const bool changed = request.QueryParam("saved").has_value();
    return AccountPage(desk, signed_in, 200, changed ? "Saved." : "", "");
  });
}

Response ServeProfileChange(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kContributor,
      [&](const SignedIn& signed_in, const http::Form& form) {
        std::string name = news::StripControlCharacters(form.Single("name").value_or(""));
        std::string bio = news::StripControlCharacters(form.Single("bio").value_or(""));
        while (!name.empty() && name.back() == ' ') name.pop_back();
        if (name.empty() || name.size() > news::kMaxNameLength) {
          return AccountPage(
              desk, signed_in, 422, "",
              "Your name must be 1 to " + std::to_string(news::kMaxNameLength) + " characters.");
        }
        if (bio.size() > news::kMaxBioLength) {
          return AccountPage(
              desk, signed_in, 422, "",
              "The bio must be at most " + std::to_string(news::kMaxBioLength) + " characters.");
        }
        const auto other = desk.site.store.ListAuthors();
        for (const auto& author : other) {
          if (author.name == name && author.id != signed_in.user.author.id) {
            return AccountPage(desk, signed_in, 422, "",
                               "Another author profile already has that name.");
          }
        }
        desk.site.store.UpdateAuthorProfile(signed_in.user.author.id, name, bio);
        RecordAction(desk, signed_in, "profile.change",
                     "author " + std::to_string(signed_in.user.author.id), name);
        return Response::Redirect(303, "/admin/account?saved=1");
      });
}

Response ServePasswordChange(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kContributor,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        std::string current = form.Single("current").value_or("");
        std::string wanted = form.Single("password").value_or("");
        if (wanted != form.Single("confirm").value_or("")) {
          return AccountPage(desk, signed_in, 422, "", "The two new passwords differ.");
        }
        const std::string weakness =
            security::PasswordWeakness(wanted, {signed_in.user.email, signed_in.user.author.name});
        if (!weakness.empty()) return AccountPage(desk, signed_in, 422, "", weakness);
        // Someone holding a stolen sign-in cannot guess the password here faster than at the
        // sign-in form.
        const std::string guess_key = "password-change\n" + std::to_string(signed_in.user.id);
        if (auto allowed = desk.failures_per_account.Check(guess_key); !allowed.allowed) {
          return TooManyAttempts(allowed.retry_after);
        }
        const DeskContext* context = &desk;
        const bool https = request.https;
        return DeskDeferred([context, signed_in, current = std::move(current),
                             wanted = std::move(wanted), https, guess_key]() -> Response {
          const DeskContext& desk = *context;
          const auto verdict = desk.hasher.Verify(
              current.size() > security::kMaxPasswordLength ? "" : signed_in.user.password_hash,
              current);
          if (verdict == security::PasswordHasher::Verdict::kBusy) return HasherBusy();
          if (verdict != security::PasswordHasher::Verdict::kMatch) {
            desk.failures_per_account.Record(guess_key);
            return AccountPage(desk, signed_in, 403, "", "Your current password is not right.");
          }
          const auto hash = desk.hasher.Hash(wanted);
          if (!hash) return HasherBusy();
          // Ends every sign-in of the user, this one too: sign in again with the new password.
          desk.site.store.SetUserPassword(signed_in.user.id, *hash);
          RecordAction(desk, signed_in, "password.change",
                       "user " + std::to_string(signed_in.user.id));
          Response response = Response::Redirect(303, "/admin/login");
          response.SetHeader("Set-Cookie", SignInCookie(desk, https, "", 0));
          return response;
        });
      });
}

}  // namespace broadsheet::site::admin
