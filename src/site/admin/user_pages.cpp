#include "site/admin/user_pages.h"

#include <algorithm>

#include "news/calendar.h"
#include "site/admin/desk_session.h"
#include "site/admin/signin_pages.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;

constexpr news::Role kRoles[] = {news::Role::kContributor, news::Role::kAuthor, news::Role::kEditor,
                                 news::Role::kAdmin};

render::TemplateData RoleOptions(news::Role chosen) {
  render::TemplateData list = render::TemplateData::type::list;
  for (news::Role role : kRoles) {
    render::TemplateData option;
    option.set("value", std::string(news::ToString(role)));
    option.set("selected", role == chosen);
    list << option;
  }
  return list;
}

struct AddForm {
  std::string email;
  std::string name;
  std::string author_slug;
  news::Role role = news::Role::kAuthor;
};

Response UsersPage(const DeskContext& desk, const SignedIn& signed_in, int status,
                   const std::string& notice, const std::string& error, const AddForm& typed) {
  render::TemplateData data;
  render::TemplateData rows = render::TemplateData::type::list;
  for (const store::UserRow& user : desk.site.store.ListUsers()) {
    render::TemplateData row;
    row.set("id", std::to_string(user.id));
    row.set("email", user.email);
    row.set("name", user.author.name);
    row.set("roles", RoleOptions(user.role));
    row.set("disabled", user.disabled);
    row.set("self", user.id == signed_in.user.id);
    row.set("since", news::HumanDate(user.created_at));
    rows << row;
  }
  data.set("users", rows);
  render::TemplateData authors = render::TemplateData::type::list;
  for (const store::Author& author : desk.site.store.ListAuthors()) {
    render::TemplateData option;
    option.set("slug", author.slug);
    option.set("name", author.name);
    option.set("selected", author.slug == typed.author_slug);
    authors << option;
  }
  data.set("authors", authors);
  data.set("new_roles", RoleOptions(typed.role));
  data.set("new_email", typed.email);
  data.set("new_name", typed.name);
  if (!notice.empty()) data.set("notice", notice);
  if (!error.empty()) data.set("error", error);
  return DeskHtml(status, RenderDesk(desk, &signed_in, "Users", "users", data));
}

bool ProfileNamed(const DeskContext& desk, const std::string& name) {
  const auto authors = desk.site.store.ListAuthors();
  return std::any_of(authors.begin(), authors.end(),
                     [&](const store::Author& author) { return author.name == name; });
}

}  // namespace

Response ServeUsersPage(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kAdmin, [&](const SignedIn& signed_in) {
    const bool added = request.QueryParam("added").has_value();
    const bool changed = request.QueryParam("changed").has_value();
    return UsersPage(desk, signed_in, 200, added ? "User added." : changed ? "Saved." : "", "", {});
  });
}

Response ServeAddUser(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kAdmin,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        AddForm typed;
        typed.email = form.Single("email").value_or("");
        typed.name = news::StripControlCharacters(form.Single("name").value_or(""));
        typed.author_slug = form.Single("author").value_or("");
        const auto role = news::ParseRole(form.Single("role").value_or(""));
        typed.role = role.value_or(news::Role::kAuthor);
        std::string password = form.Single("password").value_or("");
        const auto email = news::NormalizeEmail(typed.email);
        std::string error;
        if (!email) {
          error = "Enter an e-mail address like name@example.org.";
        } else if (!role) {
          error = "Choose a role from the list.";
        } else if (typed.author_slug.empty() &&
                   (typed.name.empty() || typed.name.size() > news::kMaxNameLength)) {
          error = "Give the new user's name (1 to " + std::to_string(news::kMaxNameLength) +
                  " characters), or choose an existing author profile.";
        } else if (desk.site.store.FindUserByEmail(*email)) {
          error = "There is already a user with that e-mail address.";
        } else if (typed.author_slug.empty() && ProfileNamed(desk, typed.name)) {
          // A new login never quietly takes over the articles of a profile it did not choose.
          error = "An author profile called " + typed.name +
                  " exists: choose it under Writes as, or give another name.";
        } else {
          error = security::PasswordWeakness(password, {*email, typed.name});
        }
        if (!error.empty()) return UsersPage(desk, signed_in, 422, "", error, typed);
        const DeskContext* context = &desk;
        return DeskDeferred([context, signed_in, typed, email = *email,
                                   password = std::move(password)]() -> Response {
          const DeskContext& desk = *context;
          const auto hash = desk.hasher.Hash(password);
          if (!hash) return HasherBusy();
          store::UserRow user;
          user.email = email;
          user.password_hash = *hash;
          user.role = typed.role;
          const auto added =
              desk.site.store.AddUser(user, typed.author_slug, typed.name, news::UnixNow());
          if (!added) {
            return UsersPage(desk, signed_in, 409, "",
                             "That e-mail address is taken, or the author profile is gone.", typed);
          }
          RecordAction(desk, signed_in, "user.add", "user " + std::to_string(*added),
                       email + " as " + std::string(news::ToString(typed.role)));
          return Response::Redirect(303, "/admin/users?added=1");
        });
      });
}

Response ServeUserRole(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kAdmin,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        const std::int64_t id = PositiveId(form.Single("id").value_or(""));
        const auto role = news::ParseRole(form.Single("role").value_or(""));
        if (!role) return UsersPage(desk, signed_in, 422, "", "Choose a role from the list.", {});
        if (id == signed_in.user.id && *role != news::Role::kAdmin) {
          return UsersPage(desk, signed_in, 422, "",
                           "You cannot take your own admin role away (another admin can).", {});
        }
        if (!desk.site.store.SetUserRole(id, *role)) {
          return UsersPage(desk, signed_in, 404, "", "There is no such user.", {});
        }
        RecordAction(desk, signed_in, "user.role", "user " + std::to_string(id),
                     std::string(news::ToString(*role)));
        return Response::Redirect(303, "/admin/users?changed=1");
      });
}

Response ServeUserDisable(const DeskContext& desk, const http::Request& request) {
  return DeskAction(desk, request, news::Role::kAdmin,
                    [&](const SignedIn& signed_in, const http::Form& form) -> Response {
                      const std::int64_t id = PositiveId(form.Single("id").value_or(""));
                      const bool disable = form.Single("disabled").value_or("1") == "1";
                      if (id == signed_in.user.id && disable) {
                        return UsersPage(desk, signed_in, 422, "",
                                         "You cannot disable your own account.", {});
                      }
                      if (!desk.site.store.SetUserDisabled(id, disable)) {
                        return UsersPage(desk, signed_in, 404, "", "There is no such user.", {});
                      }
                      RecordAction(desk, signed_in, disable ? "user.disable" : "user.enable",
                                   "user " + std::to_string(id));
                      return Response::Redirect(303, "/admin/users?changed=1");
                    });
}

}  // namespace broadsheet::site::admin
