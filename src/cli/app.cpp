// The one translation unit that includes CLI11 (a heavy header).
#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.h"
#include "config/config_keys.h"
#include "store/store.h"

namespace broadsheet::cli {
namespace {

constexpr const char* kVersion = "broadsheet 0.1.0";

void AddCommonOptions(CLI::App& command, CommonOptions& common) {
  command.set_version_flag("--version", kVersion);
  command.add_option("--data", common.data_dir, "data directory (database, site key, logs)")
      ->capture_default_str();
  command.add_option("--config", common.config_path,
                     "TOML config file (default: DATA/broadsheet.toml when present)");
  command.add_option("--store", common.store_url,
                     "store URL: sqlite:PATH or postgresql://... (default: sqlite:DATA/broadsheet.db)");
  command.add_option("--key-file", common.key_file,
                     "site key file (default: DATA/site.key); every node needs the same one");
  command.add_option("--set", common.settings, "override a config key: section.key=value");
}

}  // namespace

int RunApp(int argc, char** argv) {
  CLI::App app{"Broadsheet: a fast news-publishing server.", "broadsheet"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  CommonOptions common;
  ServeOptions serve_options;
  std::int64_t article_id = 0;
  std::string article_file;
  std::function<int()> action;

  auto* serve = app.add_subcommand("serve", "serve the site over HTTP");
  AddCommonOptions(*serve, common);
  serve->add_option("--listen", serve_options.listen, "ADDR:PORT (port 0 picks a free port)");
  serve->add_option("--port-file", serve_options.port_file, "write the bound port to this file");
  serve->add_option("--threads", serve_options.threads, "I/O threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  serve->add_flag("--demo", serve_options.demo, "seed demo articles into an empty site");
  serve->footer(std::string(config::ConfigKeysHelp()));
  serve->callback([&] { action = [&] { return RunServe(common, serve_options); }; });

  auto* init = app.add_subcommand("init", "create the data dir, database and site key");
  AddCommonOptions(*init, common);
  init->callback([&] { action = [&] { return RunInit(common); }; });

  auto* article = app.add_subcommand("article", "add, edit, publish and list articles");
  article->require_subcommand(1);
  article->set_version_flag("--version", kVersion);
  auto* add = article->add_subcommand("add", "add an article from a Markdown file");
  AddCommonOptions(*add, common);
  add->add_option("file", article_file, "Markdown file with front matter")->required();
  add->callback([&] { action = [&] { return RunArticleAdd(common, article_file); }; });
  auto* edit = article->add_subcommand("edit", "replace an article from a Markdown file");
  AddCommonOptions(*edit, common);
  edit->add_option("id", article_id, "article id")->required()->check(CLI::PositiveNumber);
  edit->add_option("file", article_file, "Markdown file with front matter")->required();
  edit->callback([&] { action = [&] { return RunArticleEdit(common, article_id, article_file); }; });
  auto* publish = article->add_subcommand("publish", "publish an article");
  AddCommonOptions(*publish, common);
  publish->add_option("id", article_id, "article id")->required()->check(CLI::PositiveNumber);
  publish->callback([&] { action = [&] { return RunArticleSetStatus(common, article_id, true); }; });
  auto* unpublish = article->add_subcommand("unpublish", "take an article back to draft");
  AddCommonOptions(*unpublish, common);
  unpublish->add_option("id", article_id, "article id")->required()->check(CLI::PositiveNumber);
  unpublish->callback(
      [&] { action = [&] { return RunArticleSetStatus(common, article_id, false); }; });
  auto* list = article->add_subcommand("list", "list every article");
  AddCommonOptions(*list, common);
  list->callback([&] { action = [&] { return RunArticleList(common); }; });

  auto* stats = app.add_subcommand("stats", "views, crawler hits and most read per article");
  AddCommonOptions(*stats, common);
  static std::string stats_by;
  static int stats_days = 30;
  stats->add_option("--by", stats_by, "day: the site's views per day instead")
      ->check(CLI::IsMember({"day"}));
  stats->add_option("--days", stats_days, "with --by day: how many days, ending today")
      ->check(CLI::Range(1, 3660));
  stats->callback([&] {
    action = [&] {
      return stats_by == "day" ? RunStatsByDay(common, stats_days) : RunStats(common);
    };
  });

  auto* votes = app.add_subcommand("votes", "show or reset an article's ratings");
  votes->require_subcommand(1);
  std::string votes_by;
  auto* votes_show = votes->add_subcommand("show", "average, count and spread of stars");
  AddCommonOptions(*votes_show, common);
  votes_show->add_option("id", article_id, "article id")->required()->check(CLI::PositiveNumber);
  votes_show->add_option("--by", votes_by, "group by: day")->check(CLI::IsMember({"day"}));
  votes_show->callback(
      [&] { action = [&] { return RunVotesShow(common, article_id, votes_by == "day"); }; });
  auto* votes_reset = votes->add_subcommand("reset", "remove the article's votes");
  AddCommonOptions(*votes_reset, common);
  votes_reset->add_option("id", article_id, "article id")->required()->check(CLI::PositiveNumber);
  votes_reset->callback([&] { action = [&] { return RunVotesReset(common, article_id); }; });

  auto* comments = app.add_subcommand("comments", "list and moderate readers' comments");
  comments->require_subcommand(1);
  std::string comment_filter;
  auto* comments_list = comments->add_subcommand("list", "newest first");
  AddCommonOptions(*comments_list, common);
  comments_list->add_flag_callback("--pending", [&] { comment_filter = "pending"; },
                                   "only those waiting for an editor");
  comments_list->add_flag_callback("--reported", [&] { comment_filter = "reported"; },
                                   "only those readers reported");
  comments_list->add_flag_callback("--spam", [&] { comment_filter = "spam"; },
                                   "only those marked as spam");
  comments_list->callback([&] { action = [&] { return RunCommentsList(common, comment_filter); }; });
  std::int64_t comment_id = 0;
  for (const char* verb : {"approve", "reject", "spam", "delete"}) {
    auto* command = comments->add_subcommand(verb, std::string(verb) + " a comment");
    AddCommonOptions(*command, common);
    command->add_option("id", comment_id, "comment id")->required()->check(CLI::PositiveNumber);
    const std::string name = verb;
    command->callback(
        [&, name] { action = [&, name] { return RunCommentSetStatus(common, comment_id, name); }; });
  }

  auto* settings = app.add_subcommand("settings", "settings kept in the store, shared by every node");
  settings->require_subcommand(1);
  std::string setting_key, setting_value;
  auto* settings_list = settings->add_subcommand("list", "every setting and its value");
  AddCommonOptions(*settings_list, common);
  settings_list->callback([&] { action = [&] { return RunSettings(common, "", "", false); }; });
  auto* settings_get = settings->add_subcommand("get", "one setting's value");
  AddCommonOptions(*settings_get, common);
  settings_get->add_option("key", setting_key, "comments.moderation or captcha.kind")->required();
  settings_get->callback([&] { action = [&] { return RunSettings(common, setting_key, "", false); }; });
  auto* settings_set = settings->add_subcommand("set", "change a setting on every node");
  AddCommonOptions(*settings_set, common);
  settings_set->add_option("key", setting_key, "comments.moderation or captcha.kind")->required();
  settings_set->add_option("value", setting_value, "open|held|known, image|pow")->required();
  settings_set->callback(
      [&] { action = [&] { return RunSettings(common, setting_key, setting_value, true); }; });

  auto* captcha = app.add_subcommand("captcha", "the comment form's security code");
  captcha->require_subcommand(1);
  std::string captcha_token;
  auto* solve = captcha->add_subcommand("solve", "print the answer sealed in a token");
  AddCommonOptions(*solve, common);
  solve->add_option("token", captcha_token, "a token from /captcha/new")->required();
  solve->callback([&] { action = [&] { return RunCaptchaSolve(common, captcha_token); }; });

  auto* user = app.add_subcommand("user", "back-office logins: add, list, passwd, disable, role");
  user->require_subcommand(1);
  UserOptions user_options;
  auto* user_add = user->add_subcommand(
      "add", "add a login (password from the terminal without echo, or from stdin)");
  AddCommonOptions(*user_add, common);
  user_add->add_option("email", user_options.email, "the login's e-mail address")->required();
  user_add->add_option("--role", user_options.role, "contributor, author, editor or admin")
      ->required();
  user_add->add_option("--author", user_options.author_slug,
                       "write as this existing author profile (its slug)");
  user_add->add_option("--name", user_options.name,
                       "the new author profile's name (without --author)");
  user_add->callback([&] { action = [&] { return RunUserAdd(common, user_options); }; });
  auto* user_list = user->add_subcommand("list", "every login with its role and state");
  AddCommonOptions(*user_list, common);
  user_list->callback([&] { action = [&] { return RunUserList(common); }; });
  auto* user_passwd = user->add_subcommand("passwd", "set a login's password (ends its sign-ins)");
  AddCommonOptions(*user_passwd, common);
  user_passwd->add_option("email", user_options.email, "the login's e-mail address")->required();
  user_passwd->callback(
      [&] { action = [&] { return RunUserPasswd(common, user_options.email); }; });
  bool enable = false;
  auto* user_disable = user->add_subcommand("disable", "stop a login (ends its sign-ins)");
  AddCommonOptions(*user_disable, common);
  user_disable->add_option("email", user_options.email, "the login's e-mail address")->required();
  user_disable->add_flag("--enable", enable, "enable it again instead");
  user_disable->callback(
      [&] { action = [&] { return RunUserDisable(common, user_options.email, !enable); }; });
  auto* user_role = user->add_subcommand("role", "change a login's role");
  AddCommonOptions(*user_role, common);
  user_role->add_option("email", user_options.email, "the login's e-mail address")->required();
  user_role->add_option("role", user_options.role, "contributor, author, editor or admin")
      ->required();
  user_role->callback(
      [&] { action = [&] { return RunUserRole(common, user_options.email, user_options.role); }; });

  std::string transfer_file;
  bool replace = false;
  auto* export_command = app.add_subcommand("export", "write the whole site as one JSON document");
  AddCommonOptions(*export_command, common);
  export_command->add_option("file", transfer_file, "output file, or - for stdout")->required();
  export_command->callback([&] { action = [&] { return RunExport(common, transfer_file); }; });
  auto* import_command = app.add_subcommand(
      "import", "load a JSON export into an empty store, or move a WordPress site in");
  AddCommonOptions(*import_command, common);
  import_command->add_option("file", transfer_file, "a file written by export");
  import_command->add_flag("--replace", replace, "remove what the store holds first");
  import_command->require_subcommand(0, 1);
  import_command->callback([&] {
    if (!import_command->get_subcommands().empty()) return;
    if (transfer_file.empty()) throw CLI::RequiredError("file");
    action = [&] { return RunImport(common, transfer_file, replace); };
  });
  SourceImportOptions source_import;
  auto* wordpress = import_command->add_subcommand(
      "wordpress", "add a WordPress export (WXR) to the site, old links redirected");
  AddCommonOptions(*wordpress, common);
  wordpress->add_option("file", source_import.file, "the export (Tools > Export)")->required();
  wordpress->add_option("--source", source_import.source,
                        "the name its old links are kept under (default: its site URL)");
  wordpress->add_option("--pages", source_import.pages_category,
                        "import pages too, into this category");
  wordpress->add_option("--media", source_import.media_dir,
                        "a copy of wp-content/uploads: featured images are stored from it");
  wordpress->add_flag("--dry-run", source_import.dry_run, "report what it would do, write nothing");
  wordpress->callback([&] { action = [&] { return RunImportWordPress(common, source_import); }; });
  auto* k2 = import_command->add_subcommand(
      "k2", "add a Joomla 3 + K2 2.11 site (a mysqldump of its database), old links redirected");
  AddCommonOptions(*k2, common);
  k2->add_option("file", source_import.file, "the dump (mysqldump DATABASE > dump.sql)")
      ->required();
  k2->add_option("--prefix", source_import.prefix,
                 "the tables' prefix (default: found from the table ending in k2_items)");
  k2->add_option("--source", source_import.source,
                 "the name its old links are kept under (default: the dump's database)");
  k2->add_flag("--dry-run", source_import.dry_run, "report what it would do, write nothing");
  k2->callback([&] { action = [&] { return RunImportK2(common, source_import); }; });

  std::string old_address;
  std::string redirect_target;
  auto* redirect =
      app.add_subcommand("redirect", "old addresses sent elsewhere: list, add, delete");
  redirect->require_subcommand(1);
  auto* redirect_list = redirect->add_subcommand("list", "every redirect, by old address");
  AddCommonOptions(*redirect_list, common);
  redirect_list->callback([&] { action = [&] { return RunRedirectList(common); }; });
  auto* redirect_add = redirect->add_subcommand("add", "send OLD (a path or URL) to NEW");
  AddCommonOptions(*redirect_add, common);
  redirect_add->add_option("old", old_address, "the old path or URL")->required();
  redirect_add->add_option("new", redirect_target, "a path on this site or a URL")->required();
  redirect_add->callback(
      [&] { action = [&] { return RunRedirectAdd(common, old_address, redirect_target); }; });
  auto* redirect_delete = redirect->add_subcommand("delete", "remove the redirect from OLD");
  AddCommonOptions(*redirect_delete, common);
  redirect_delete->add_option("old", old_address, "the old path or URL")->required();
  redirect_delete->callback(
      [&] { action = [&] { return RunRedirectDelete(common, old_address); }; });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    std::string message = error.what();
    message = message.substr(0, message.find('\n'));
    fmt::print(stderr, "broadsheet: {} (see --help)\n", message);
    return 2;
  }
  try {
    return action ? action() : 2;
  } catch (const CliError& error) {
    fmt::print(stderr, "broadsheet: {}\n", error.what());
    return 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "broadsheet: {}\n", error.what());
    return 1;
  }
}

}  // namespace broadsheet::cli
