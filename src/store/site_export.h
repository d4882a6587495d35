// Everything a site holds, as plain values: what `broadsheet export` writes and `import`
// reads, so a site can move between SQLite and PostgreSQL. Records are sorted by id (daily
// views by article and day) so two exports of the same data are identical.
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

// What an imported article's trashed_from column holds: the status a restore gives back, for
// an article in the trash; nothing otherwise.
inline std::string TrashedFrom(const ArticleRow& article) {
  return article.status == news::ArticleStatus::kTrashed
             ? std::string(news::ToString(article.trashed_from))
             : std::string();
}

}  // namespace broadsheet::store
