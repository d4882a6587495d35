// The JSON document `broadsheet export` writes and `import` reads: the whole site, records
// sorted by id, timestamps as UTC ISO 8601 ("2026-11-25T21:59:52Z", null for never), one
// record per line so diffs stay readable. Both directions stream (issue 14): a record at a
// time passes between the store and the file, so a site of a million articles moves in flat
// memory. Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "cli/json_reader.h"
#include "store/site_export.h"

namespace broadsheet::cli {

inline constexpr const char* kSiteFormat = "broadsheet-site";
// 2 (issue 10) adds users, author slugs and bios, tags, the trash and the statuses review and
// scheduled; 3 (issue 11) adds pictures' metadata, featured pictures, the comments' mode per
// article and the audit log; 4 (issue 14) adds the old links of imported sites, editors'
// redirects, imported rating bases and comments' parents. Older versions are still read.
inline constexpr int kSiteVersion = 4;

// The document's lists, in the order they appear (store::SiteSink's order).
inline constexpr std::array<const char*, 13> kSiteSections = {
    "authors",  "users",    "categories", "media",        "articles",  "daily_views", "votes",
    "comments", "settings", "old_links",  "rating_bases", "redirects", "audit"};

// Indexes into kSiteSections.
enum SiteSection : std::size_t {
  kAuthors,
  kUsers,
  kCategories,
  kMedia,
  kArticles,
  kDailyViews,
  kVotes,
  kComments,
  kSettings,
  kOldLinks,
  kRatingBases,
  kRedirects,
  kAudit,
};

// Writes the document to `write` as a store streams it (store::Store::StreamSite), in pieces
// of about 1 MiB; Finish writes the lists nothing arrived for and the closing brace.
class SiteDocumentWriter final : public store::SiteSink {
 public:
  explicit SiteDocumentWriter(std::function<void(std::string_view)> write);
  void AddAuthor(const store::Author& author) override;
  void AddUser(const store::UserRow& user) override;
  void AddCategory(const store::Category& category) override;
  void AddMedia(const store::MediaRow& media) override;
  void AddArticle(const store::ArticleRow& article) override;
  void AddDailyViews(const store::DailyViewRow& row) override;
  void AddVote(const store::VoteRow& vote) override;
  void AddComment(const store::CommentRow& comment) override;
  void AddSetting(const std::string& key, const std::string& value) override;
  void AddOldLink(const store::OldLink& link) override;
  void AddRatingBase(const store::RatingBase& base) override;
  void AddRedirect(const store::RedirectRow& redirect) override;
  void AddAuditEntry(const store::AuditEntry& entry) override;
  void Finish();

 private:
  // Opens list `section` (closing the ones before it) and starts a record in it.
  void StartRecord(std::size_t section);
  void Flush(bool always);

  std::function<void(std::string_view)> write_;
  std::string pending_;
  int open_section_ = -1;
  bool open_section_empty_ = true;
};

// How many records of each list a document held, by kSiteSections' order.
using SiteDocumentCounts = std::array<std::int64_t, kSiteSections.size()>;

// Reads a document and hands its records to `sink` one at a time, each checked first (types,
// ids, references, slugs, days). The lists must come in kSiteSections' order, as export
// writes them; lists this build does not know are skipped. Article bodies are rendered again
// from their Markdown, never taken from the file (`render_bodies` false leaves body_html
// empty, for a pass that only checks). Throws CliError naming the first problem and its line.
SiteDocumentCounts ReadSiteDocument(JsonReader& reader, store::SiteSink& sink,
                                    bool render_bodies = true);

// The same, whole, for small sites and tests.
std::string WriteSiteDocument(const store::SiteExport& site);
store::SiteExport ReadSiteDocument(const std::string& text);

}  // namespace broadsheet::cli
