// `broadsheet user add|list|passwd|disable|role`: back-office logins from the command line (the
// first admin of a site is made here, or by `serve --demo`). Passwords are read from the
// terminal without echo, or from stdin when it is not a terminal: never from a flag, which
// would leave them in the shell's history and the process list.
#include <fmt/core.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "config/config.h"
#include "news/calendar.h"
#include "security/password.h"

namespace broadsheet::cli {
namespace {

// One line from stdin; on a terminal, prompted on stderr with echo off.
std::string ReadSecretLine(const std::string& prompt) {
  const bool terminal = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (terminal) {
    fmt::print(stderr, "{}", prompt);
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    fmt::print(stderr, "\n");
  }
  if (!read) throw CliError("no password given on stdin");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Asks twice on a terminal (a typo there is invisible); once from a pipe.
std::string ReadNewPassword(const std::string& email, const std::string& name) {
  const std::string password = ReadSecretLine("New password for " + email + ": ");
  if (isatty(STDIN_FILENO) && ReadSecretLine("Again: ") != password) {
    throw CliError("the two passwords differ");
  }
  const std::string weakness = security::PasswordWeakness(password, {email, name});
  if (!weakness.empty()) throw CliError(weakness);
  return password;
}

std::string HashFor(const config::Config& config, const std::string& password) {
  const auto cost = security::ParsePasswordCost(config.String("admin.password_cost"));
  if (!cost) throw CliError("[admin] password_cost must be interactive or minimum");
  security::PasswordHasher hasher(*cost, 1);
  return *hasher.Hash(password);
}

std::string EmailOrThrow(const std::string& typed) {
  const auto email = news::NormalizeEmail(typed);
  if (!email) throw CliError("'" + typed + "' is not an e-mail address");
  return *email;
}

news::Role RoleOrThrow(const std::string& typed) {
  const auto role = news::ParseRole(typed);
  if (!role)
    throw CliError("role must be contributor, author, editor or admin, not '" + typed + "'");
  return *role;
}

store::UserRow UserOrThrow(store::Store& store, const std::string& email) {
  auto user = store.FindUserByEmail(email);
  if (!user) throw CliError("no user " + email);
  return *user;
}

}  // namespace

int RunUserAdd(const CommonOptions& common, const UserOptions& options) {
  const config::Config config = LoadConfig(common);
  const std::string email = EmailOrThrow(options.email);
  const news::Role role = RoleOrThrow(options.role);
  auto store = OpenConfiguredStore(config);
  if (store->FindUserByEmail(email)) throw CliError("there is already a user " + email);
  std::string name = options.name;
  if (!options.author_slug.empty()) {
    const auto author = store->FindAuthorBySlug(options.author_slug);
    if (!author) throw CliError("no author profile with slug '" + options.author_slug + "'");
    name = author->name;
  } else if (name.empty()) {
    name = email.substr(0, email.find('@'));  // the profile's name until they change it
  }
  if (name.size() > news::kMaxNameLength) throw CliError("--name is too long");
  if (options.author_slug.empty()) {
    for (const store::Author& author : store->ListAuthors()) {
      if (author.name == name) {
        throw CliError("an author profile called '" + name + "' exists: write as it with --author " +
                       author.slug + ", or give another --name");
      }
    }
  }
  store::UserRow user;
  user.email = email;
  user.role = role;
  user.password_hash = HashFor(config, ReadNewPassword(email, name));
  const auto id = store->AddUser(user, options.author_slug, name, news::UnixNow());
  if (!id) throw CliError("there is already a user " + email + ", or a profile called " + name);
  fmt::print("{} {} {}\n", *id, email, news::ToString(role));
  return 0;
}

int RunUserList(const CommonOptions& common) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  fmt::print("{:>4}  {:<30}  {:<11}  {:<8}  {}\n", "ID", "E-MAIL", "ROLE", "STATE", "WRITES AS");
  for (const store::UserRow& user : store->ListUsers()) {
    fmt::print("{:>4}  {:<30}  {:<11}  {:<8}  {} ({})\n", user.id, user.email,
               news::ToString(user.role), user.disabled ? "disabled" : "active", user.author.name,
               user.author.slug);
  }
  return 0;
}

int RunUserPasswd(const CommonOptions& common, const std::string& typed_email) {
  const config::Config config = LoadConfig(common);
  auto store = OpenConfiguredStore(config);
  const store::UserRow user = UserOrThrow(*store, EmailOrThrow(typed_email));
  store->SetUserPassword(user.id, HashFor(config, ReadNewPassword(user.email, user.author.name)));
  fmt::print("{} password changed; every sign-in of this user has ended\n", user.email);
  return 0;
}

int RunUserDisable(const CommonOptions& common, const std::string& typed_email, bool disable) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  const store::UserRow user = UserOrThrow(*store, EmailOrThrow(typed_email));
  store->SetUserDisabled(user.id, disable);
  fmt::print("{} {}\n", user.email, disable ? "disabled; every sign-in has ended" : "enabled");
  return 0;
}

int RunUserRole(const CommonOptions& common, const std::string& typed_email,
                const std::string& typed_role) {
  const news::Role role = RoleOrThrow(typed_role);
  auto store = OpenConfiguredStore(LoadConfig(common));
  const store::UserRow user = UserOrThrow(*store, EmailOrThrow(typed_email));
  store->SetUserRole(user.id, role);
  fmt::print("{} {}\n", user.email, news::ToString(role));
  return 0;
}

}  // namespace broadsheet::cli
