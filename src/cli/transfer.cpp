// `broadsheet export` and `broadsheet import`: the whole site as one JSON document
// (cli/site_document.h), so a site can move between SQLite and PostgreSQL. Both stream: a
// record at a time passes between the store and the file. Progress goes to stderr: a bar on a
// terminal, plain lines otherwise.
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/site_document.h"
#include "site/routes.h"
#include "store/site_export.h"

namespace broadsheet::cli {
namespace {

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

File OpenFile(const std::string& path, const char* mode) {
  File file(std::fopen(path.c_str(), mode), &std::fclose);
  if (!file) throw CliError("cannot " + std::string(*mode == 'r' ? "read " : "write ") + path);
  return file;
}

// Passes records on, counting articles for a progress bar.
class CountingSink final : public store::SiteSink {
 public:
  CountingSink(store::SiteSink& inner, Progress& progress, std::int64_t articles)
      : inner_(inner), progress_(progress), articles_(articles) {}
  void AddAuthor(const store::Author& x) override { inner_.AddAuthor(x); }
  void AddUser(const store::UserRow& x) override { inner_.AddUser(x); }
  void AddCategory(const store::Category& x) override { inner_.AddCategory(x); }
  void AddMedia(const store::MediaRow& x) override { inner_.AddMedia(x); }
  void AddArticle(const store::ArticleRow& x) override {
    inner_.AddArticle(x);
    progress_.Bar(++done_, articles_);
  }
  void AddDailyViews(const store::DailyViewRow& x) override { inner_.AddDailyViews(x); }
  void AddVote(const store::VoteRow& x) override { inner_.AddVote(x); }
  void AddComment(const store::CommentRow& x) override { inner_.AddComment(x); }
  void AddSetting(const std::string& key, const std::string& value) override {
    inner_.AddSetting(key, value);
  }
  void AddOldLink(const store::OldLink& x) override { inner_.AddOldLink(x); }
  void AddRatingBase(const store::RatingBase& x) override { inner_.AddRatingBase(x); }
  void AddRedirect(const store::RedirectRow& x) override { inner_.AddRedirect(x); }
  void AddAuditEntry(const store::AuditEntry& x) override { inner_.AddAuditEntry(x); }

 private:
  store::SiteSink& inner_;
  Progress& progress_;
  std::int64_t articles_;
  std::int64_t done_ = 0;
};

// Reads nothing into memory: what a checking pass hands its records to.
class DiscardingSink final : public store::SiteSink {
 public:
  void AddAuthor(const store::Author&) override {}
  void AddUser(const store::UserRow&) override {}
  void AddCategory(const store::Category&) override {}
  void AddMedia(const store::MediaRow&) override {}
  void AddArticle(const store::ArticleRow&) override {}
  void AddDailyViews(const store::DailyViewRow&) override {}
  void AddVote(const store::VoteRow&) override {}
  void AddComment(const store::CommentRow&) override {}
  void AddSetting(const std::string&, const std::string&) override {}
  void AddOldLink(const store::OldLink&) override {}
  void AddRatingBase(const store::RatingBase&) override {}
  void AddRedirect(const store::RedirectRow&) override {}
  void AddAuditEntry(const store::AuditEntry&) override {}
};

std::string Summary(const SiteDocumentCounts& counts) {
  return fmt::format("{} articles, {} authors, {} categories, {} daily counts", counts[kArticles],
                     counts[kAuthors], counts[kCategories], counts[kDailyViews]);
}

SiteDocumentCounts ReadDocumentFile(const std::string& path, store::SiteSink& sink,
                                    bool render_bodies) {
  const File file = OpenFile(path, "rb");
  JsonReader reader(file.get());
  return ReadSiteDocument(reader, sink, render_bodies);
}

}  // namespace

int RunExport(const CommonOptions& common, const std::string& output) {
  Progress progress("export");
  auto store = OpenConfiguredStore(LoadConfig(common));
  progress.Step(1, 2, "writing the site");
  const bool to_stdout = output == "-";
  // Written beside the target and renamed: a failed export never leaves half a file.
  const std::string temporary = output + ".tmp";
  File file = to_stdout ? File(stdout, [](std::FILE*) { return 0; }) : OpenFile(temporary, "wb");
  const std::string cannot_write =
      "cannot write " + (to_stdout ? std::string("the document to stdout") : output);
  // A failed write stops the export at once (a full disk), leaving no file behind.
  SiteDocumentWriter writer([&](std::string_view piece) {
    if (std::fwrite(piece.data(), 1, piece.size(), file.get()) != piece.size()) {
      throw CliError(cannot_write);
    }
  });
  try {
    store->StreamSite(writer);
    writer.Finish();
    if (std::fflush(file.get()) != 0) throw CliError(cannot_write);
    if (!to_stdout &&
        (std::fclose(file.release()) != 0 || std::rename(temporary.c_str(), output.c_str()) != 0)) {
      throw CliError(cannot_write);
    }
  } catch (...) {
    if (!to_stdout) std::remove(temporary.c_str());
    throw;
  }
  progress.Step(2, 2, "done");
  return 0;
}

int RunImport(const CommonOptions& common, const std::string& input, bool replace) {
  // The whole document is checked first, writing nothing: a refusal is one line, before the
  // first progress line, and changes nothing. Then it is read again into one transaction.
  DiscardingSink discard;
  const SiteDocumentCounts counts = ReadDocumentFile(input, discard, /*render_bodies=*/false);
  auto store = OpenConfiguredStore(LoadConfig(common));
  // Empty means no articles, and no logins or author profiles either (`user add` makes both).
  if (!replace && (!store->IsEmpty() || !store->ListUsers().empty() ||
                   !store->ListAuthors().empty() || !store->ListCategoryCounts().empty())) {
    throw CliError("the store already holds a site (articles, categories, authors or logins); "
                   "import goes into an empty store (--replace removes what is there first)");
  }
  if (replace && counts[kUsers] == 0 && !store->ListUsers().empty()) {
    fmt::print(stderr, "import: the document has no logins, so the site will have none; make "
                       "one with `broadsheet user add EMAIL --role admin`\n");
  }
  Progress progress("import");
  progress.Step(1, 3, "read " + input + ", writing " + Summary(counts));
  {
    const std::unique_ptr<store::SiteImport> import = store->BeginSiteImport(replace);
    CountingSink counting(*import, progress, counts[kArticles]);
    ReadDocumentFile(input, counting, /*render_bodies=*/true);
    progress.Step(2, 3, "indexing and committing");
    import->Commit();
  }
  // A document from a site whose category took a name this build's router answers.
  for (const std::string& renamed : store->RenameReservedCategories(site::ReservedNames())) {
    fmt::print(stderr, "import: category renamed, its address is one of the site's own: {}\n",
               renamed);
  }
  progress.Step(3, 3, "done");
  return 0;
}

}  // namespace broadsheet::cli
