// Everything a site holds, as plain values: what `broadsheet export` writes and `import`
// reads, so a site can move between SQLite and PostgreSQL. Records are sorted by id (daily
// views by article and day) so two exports of the same data are identical. A large site never
// sits in memory whole: it passes through a SiteSink a record at a time (issue 14); SiteExport
// holds a small one, for tests.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace broadsheet::store {

struct DailyViewRow {
  std::int64_t article_id = 0;
  std::string day;  // "YYYY-MM-DD"
  std::int64_t views = 0;
};

// An imported article's rating base (K2's totals; store/source_import.h).
struct RatingBase {
  std::int64_t article_id = 0;
  std::int64_t sum = 0;
  std::int64_t count = 0;
};

struct SiteExport {
  std::vector<Author> authors;  // with slug and bio
  // Logins with their password hashes (a site moves with its staff); author.id only.
  std::vector<UserRow> users;
  std::vector<Category> categories;
  // With bodies and tags (names and slugs); author/category carry only their ids. Revisions
  // and sign-ins stay behind.
  std::vector<ArticleRow> articles;
  std::vector<DailyViewRow> daily_views;
  std::vector<VoteRow> votes;  // by article, then reader; import recomputes the totals
  std::vector<CommentRow> comments;  // by id, every status, with reports counted
  std::vector<std::pair<std::string, std::string>> settings;  // by key
  // Pictures' metadata by id (their files live under [media] dir and move with it); articles
  // carry featured.media_id, featured.alt and comment_mode.
  std::vector<MediaRow> media;
  std::vector<AuditEntry> audit;  // by id
  // Imported sites' old identities (every kind, comments too, so a re-run of their import
  // still skips them) and editors' redirects (issue 14).
  std::vector<OldLink> old_links;
  std::vector<RatingBase> rating_bases;  // by article id
  std::vector<RedirectRow> redirects;
};

// Receives a site record by record, in the order of the document (cli/site_document.h):
// authors, users, categories, media, articles, daily views, votes, comments, settings, old
// links, rating bases, redirects, audit; each kind sorted as SiteExport says. A store's
// StreamSite calls it in that order, so a site of any size passes through a few records at a
// time (issue 14).
class SiteSink {
 public:
  virtual ~SiteSink() = default;
  virtual void AddAuthor(const Author& author) = 0;
  virtual void AddUser(const UserRow& user) = 0;
  virtual void AddCategory(const Category& category) = 0;
  virtual void AddMedia(const MediaRow& media) = 0;
  virtual void AddArticle(const ArticleRow& article) = 0;
  virtual void AddDailyViews(const DailyViewRow& row) = 0;
  virtual void AddVote(const VoteRow& vote) = 0;
  virtual void AddComment(const CommentRow& comment) = 0;
  virtual void AddSetting(const std::string& key, const std::string& value) = 0;
  virtual void AddOldLink(const OldLink& link) = 0;
  virtual void AddRatingBase(const RatingBase& base) = 0;
  virtual void AddRedirect(const RedirectRow& redirect) = 0;
  virtual void AddAuditEntry(const AuditEntry& entry) = 0;
};

// A site being written into a store: records go in through the SiteSink calls, in document
// order, inside one transaction that Commit ends. Destroyed without Commit (a refusal, a
// throw), it rolls back and the store is as it was. Not thread-safe: one thread feeds it.
class SiteImport : public SiteSink {
 public:
  virtual void Commit() = 0;
};

// Collects what a sink receives, for small sites and tests: Store::ExportSite.
class SiteCollector final : public SiteSink {
 public:
  void AddAuthor(const Author& author) override { site.authors.push_back(author); }
  void AddUser(const UserRow& user) override { site.users.push_back(user); }
  void AddCategory(const Category& category) override { site.categories.push_back(category); }
  void AddMedia(const MediaRow& media) override { site.media.push_back(media); }
  void AddArticle(const ArticleRow& article) override { site.articles.push_back(article); }
  void AddDailyViews(const DailyViewRow& row) override { site.daily_views.push_back(row); }
  void AddVote(const VoteRow& vote) override { site.votes.push_back(vote); }
  void AddComment(const CommentRow& comment) override { site.comments.push_back(comment); }
  void AddSetting(const std::string& key, const std::string& value) override {
    site.settings.emplace_back(key, value);
  }
  void AddOldLink(const OldLink& link) override { site.old_links.push_back(link); }
  void AddRatingBase(const RatingBase& base) override { site.rating_bases.push_back(base); }
  void AddRedirect(const RedirectRow& redirect) override { site.redirects.push_back(redirect); }
  void AddAuditEntry(const AuditEntry& entry) override { site.audit.push_back(entry); }

  SiteExport site;
};

// Hands every record of `site` to `sink`, in document order.
void ReplaySite(const SiteExport& site, SiteSink& sink);

// What an imported article's trashed_from column holds: the status a restore gives back, for
// an article in the trash; nothing otherwise.
inline std::string TrashedFrom(const ArticleRow& article) {
  return article.status == news::ArticleStatus::kTrashed
             ? std::string(news::ToString(article.trashed_from))
             : std::string();
}

}  // namespace broadsheet::store
