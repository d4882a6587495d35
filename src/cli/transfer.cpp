// `broadsheet export` and `broadsheet import`: the whole site as one JSON document
// (cli/site_document.h), so a site can move between SQLite and PostgreSQL. Progress goes to
// stderr: a bar on a terminal, plain lines otherwise.
#include <fmt/core.h>

#include <cstdio>
#include <fstream>

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/site_document.h"
#include "site/routes.h"
#include "store/site_export.h"

namespace broadsheet::cli {
namespace {

std::string Summary(const store::SiteExport& site) {
  return fmt::format("{} articles, {} authors, {} categories, {} daily counts",
                     site.articles.size(), site.authors.size(), site.categories.size(),
                     site.daily_views.size());
}

}  // namespace

int RunExport(const CommonOptions& common, const std::string& output) {
  Progress progress("export");
  auto store = OpenConfiguredStore(LoadConfig(common));
  progress.Step(1, 3, "reading the store");
  const store::SiteExport site = store->ExportSite();
  progress.Step(2, 3, "writing " + Summary(site));
  const std::string document = WriteSiteDocument(site);
  if (output == "-") {
    std::fwrite(document.data(), 1, document.size(), stdout);
    std::fflush(stdout);
  } else {
    // Written beside the target and renamed: a failed export never leaves half a file.
    const std::string temporary = output + ".tmp";
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << document;
    if (!file.flush()) throw CliError("cannot write " + output);
    file.close();
    if (std::rename(temporary.c_str(), output.c_str()) != 0) throw CliError("cannot write " + output);
  }
  progress.Step(3, 3, "done");
  return 0;
}

int RunImport(const CommonOptions& common, const std::string& input, bool replace) {
  // Everything that can refuse comes before the first progress line, so a refusal is one line.
  const store::SiteExport site = ReadSiteDocument(ReadFile(input));
  auto store = OpenConfiguredStore(LoadConfig(common));
  // Empty means no articles, and no logins or author profiles either (`user add` makes both).
  if (!replace && (!store->IsEmpty() || !store->ListUsers().empty() ||
                   !store->ListAuthors().empty() || !store->ListCategoryCounts().empty())) {
    throw CliError("the store already holds a site (articles, categories, authors or logins); "
                   "import goes into an empty store (--replace removes what is there first)");
  }
  if (replace && site.users.empty() && !store->ListUsers().empty()) {
    fmt::print(stderr, "import: the document has no logins, so the site will have none; make "
                       "one with `broadsheet user add EMAIL --role admin`\n");
  }
  Progress progress("import");
  progress.Step(1, 3, "read " + input + ", writing " + Summary(site));
  store->ImportSite(site, replace);
  // A document from a site whose category took a name this build's router answers.
  for (const std::string& renamed : store->RenameReservedCategories(site::ReservedNames())) {
    fmt::print(stderr, "import: category renamed, its address is one of the site's own: {}\n",
               renamed);
  }
  progress.Step(3, 3, "done");
  return 0;
}

}  // namespace broadsheet::cli
