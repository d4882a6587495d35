#include "site/admin/redirect_pages.h"

#include <string_view>

#include "news/calendar.h"
#include "site/admin/desk_session.h"
#include "site/old_links.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;
using render::TemplateData;

// What the add form showed, and what was wrong with it.
struct AddForm {
  std::string old;
  std::string target;
  news::FieldErrors errors;
};

// A form field without the spaces a paste brings along.
std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

// Where the stored redirect from `key` leads, or "" when there is none.
std::string TargetOf(const DeskContext& desk, const std::string& key) {
  for (const store::RedirectRow& redirect : desk.site.store.ListRedirects()) {
    if (redirect.old_path == key) return redirect.target;
  }
  return {};
}

Response RedirectsPage(const DeskContext& desk, const SignedIn& signed_in, int status,
                       const std::string& notice, const std::string& error, const AddForm& typed) {
  TemplateData rows{TemplateData::type::list};
  const auto redirects = desk.site.store.ListRedirects();
  for (const store::RedirectRow& redirect : redirects) {
    TemplateData row;
    row.set("old_path", redirect.old_path);
    row.set("target", redirect.target);
    row.set("added", news::HumanDate(redirect.created_at));
    rows << row;
  }
  TemplateData data;
  data.set("redirects", rows);
  data.set("any", !redirects.empty());
  data.set("count", redirects.size() == 1 ? std::string("1 redirect.")
                                          : std::to_string(redirects.size()) + " redirects.");
  data.set("max_length", std::to_string(kMaxRedirectLength));
  data.set("typed_old", typed.old);
  data.set("typed_target", typed.target);
  for (const news::FieldError& field_error : typed.errors) {
    data.set(field_error.field + "_error", field_error.message);
  }
  if (!notice.empty()) data.set("notice", notice);
  if (!error.empty()) data.set("error", error);
  return DeskHtml(status, RenderDesk(desk, &signed_in, "Redirects", "redirects", data));
}

}  // namespace

Response ServeRedirectsPage(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kAdmin, [&](const SignedIn& signed_in) {
    std::string notice;
    if (request.QueryParam("added")) notice = "Redirect saved.";
    if (request.QueryParam("deleted")) notice = "Redirect deleted.";
    return RedirectsPage(desk, signed_in, 200, notice, "", {});
  });
}

Response ServeAddRedirect(const DeskContext& desk, const http::Request& request) {
  return DeskAction(desk, request, news::Role::kAdmin,
                    [&](const SignedIn& signed_in, const http::Form& form) -> Response {
                      AddForm typed;
                      typed.old = Trimmed(form.Single("old").value_or(""));
                      typed.target = Trimmed(form.Single("target").value_or(""));
                      CheckedRedirect checked = CheckRedirect(typed.old, typed.target);
                      if (!checked.errors.empty()) {
                        typed.errors = std::move(checked.errors);
                        return RedirectsPage(desk, signed_in, 422, "",
                                             "The redirect was not added: see below.", typed);
                      }
                      // A redirect from the same old address is replaced (as `redirect add` does);
                      // the audit entry says what it led to before.
                      const std::string replaced = TargetOf(desk, checked.key);
                      desk.site.store.SetRedirect({checked.key, typed.target, news::UnixNow()});
                      RecordAction(
                          desk, signed_in, "redirect.add", "redirect " + checked.key,
                          replaced.empty() ? typed.target : replaced + " → " + typed.target);
                      // This node at once; the others when they see the store's version move.
                      desk.site.pages.Invalidate();
                      return Response::Redirect(303, "/admin/redirects?added=1");
                    });
}

Response ServeDeleteRedirect(const DeskContext& desk, const http::Request& request) {
  return DeskAction(desk, request, news::Role::kAdmin,
                    [&](const SignedIn& signed_in, const http::Form& form) -> Response {
                      // The key exactly as stored and listed: normalising it again would decode a
                      // "%" that is part of it (an old "/100%25/" is kept as "/100%/").
                      const std::string old = form.Single("old").value_or("");
                      const bool usable = !old.empty() && old.size() <= kMaxRedirectLength;
                      const std::string target = usable ? TargetOf(desk, old) : std::string();
                      if (!usable || !desk.site.store.DeleteRedirect(old)) {
                        return RedirectsPage(
                            desk, signed_in, 404, "",
                            "There is no redirect from " + (usable ? old : "that address") +
                                ": it may have been deleted already. Nothing was changed.",
                            {});
                      }
                      RecordAction(desk, signed_in, "redirect.delete", "redirect " + old, target);
                      desk.site.pages.Invalidate();
                      return Response::Redirect(303, "/admin/redirects?deleted=1");
                    });
}

}  // namespace broadsheet::site::admin
