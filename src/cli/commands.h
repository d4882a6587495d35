// The subcommands, each in its own file, called by app.cpp after parsing. Each returns the
// process exit code or throws CliError (exit 2) / another exception (exit 1).
#pragma once

#include <cstdint>
#include <string>

#include "cli/common.h"

namespace broadsheet::cli {

struct ServeOptions {
  std::string listen;     // empty: [server] listen
  std::string port_file;  // write the bound port here
  int threads = -1;       // -1: [server] threads
  bool demo = false;
};

int RunServe(const CommonOptions& common, const ServeOptions& options);
int RunInit(const CommonOptions& common);
int RunArticleAdd(const CommonOptions& common, const std::string& file);
int RunArticleEdit(const CommonOptions& common, std::int64_t id, const std::string& file);
int RunArticleSetStatus(const CommonOptions& common, std::int64_t id, bool publish);
int RunArticleList(const CommonOptions& common);
int RunStats(const CommonOptions& common);
// `stats --by day --days N`: the site's views on each of the last N days (the dashboard's
// chart), oldest first, days without views included.
int RunStatsByDay(const CommonOptions& common, int days);
// An article's votes: the average, count and spread of stars, or with `by_day` per local day.
int RunVotesShow(const CommonOptions& common, std::int64_t id, bool by_day);
// Removes an article's votes.
int RunVotesReset(const CommonOptions& common, std::int64_t id);
// Writes the site as JSON to `output` ("-" for stdout).
int RunExport(const CommonOptions& common, const std::string& output);
// Reads a JSON export into an empty store (or, with `replace`, over a full one).
int RunImport(const CommonOptions& common, const std::string& input, bool replace);

// `import wordpress FILE` (issue 14): a WordPress export added to the store, its old
// addresses kept; exit 2 and one line naming the position when the file is not a well-formed
// export.
struct SourceImportOptions {
  std::string file;
  std::string source;          // --source; empty: the export's own name for its site
  std::string pages_category;  // --pages CATEGORY (WordPress)
  std::string prefix;          // --prefix P (K2): the tables' prefix, e.g. "jos_"
  std::string media_dir;       // --media DIR (WordPress): a copy of wp-content/uploads
  bool dry_run = false;
};
int RunImportWordPress(const CommonOptions& common, const SourceImportOptions& options);
// `import k2 DUMP.sql` (issue 14): a mysqldump of a Joomla 3 site with K2 2.11, the same way.
int RunImportK2(const CommonOptions& common, const SourceImportOptions& options);

// `redirect list`, `redirect add OLD NEW` and `redirect delete OLD` (issue 14).
int RunRedirectList(const CommonOptions& common);
int RunRedirectAdd(const CommonOptions& common, const std::string& old_address,
                   const std::string& target);
int RunRedirectDelete(const CommonOptions& common, const std::string& old_address);

// Comments for editors: list them (filter "", "pending", "reported" or "spam"), and approve,
// reject, mark as spam or delete one (`action`).
int RunCommentsList(const CommonOptions& common, const std::string& filter);
int RunCommentSetStatus(const CommonOptions& common, std::int64_t id, const std::string& action);
// Site settings kept in the store: list (empty key), get, or set.
int RunSettings(const CommonOptions& common, const std::string& key, const std::string& value,
                bool set);
// Prints the answer sealed in a security code token (the operator's and the tests' way in).
int RunCaptchaSolve(const CommonOptions& common, const std::string& token);

// Back-office logins. The password comes from the terminal (no echo) or stdin.
struct UserOptions {
  std::string email;
  std::string role;
  std::string author_slug;  // write as this existing profile
  std::string name;         // else a new profile with this name (default: the e-mail's local part)
};
int RunUserAdd(const CommonOptions& common, const UserOptions& options);
int RunUserList(const CommonOptions& common);
int RunUserPasswd(const CommonOptions& common, const std::string& email);
int RunUserDisable(const CommonOptions& common, const std::string& email, bool disable);
int RunUserRole(const CommonOptions& common, const std::string& email, const std::string& role);

// Seeds the demo articles from ASSETS/demo/articles into an empty store. Returns how many.
int SeedDemoSite(store::Store& store, const std::string& assets_dir);

}  // namespace broadsheet::cli
