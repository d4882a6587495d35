// What an import from another CMS (issue 14: WordPress, Joomla K2) hands the store, and the
// old site's links the store keeps so its addresses can be redirected. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "news/article.h"
#include "news/comment.h"

namespace broadsheet::store {

// Which CMS an old link belongs to: its URL forms differ (site/old_links.h).
enum class OldSystem { kWordPress, kK2 };
std::string_view ToString(OldSystem system);
std::optional<OldSystem> ParseOldSystem(std::string_view text);

// What an old link names on this site.
enum class OldKind { kArticle, kCategory, kTag, kAuthor, kComment };
std::string_view ToString(OldKind kind);
std::optional<OldKind> ParseOldKind(std::string_view text);

// A category, tag or author profile as the import names it: matched by the slug Broadsheet
// gives its name (so the editor's later saves find it), created when missing. `old_key` is
// what the old site's addresses use for it (a WordPress slug, a K2 id or tag name).
struct ImportedTerm {
  std::string name;
  std::string old_key;
  std::string bio;  // authors only
};

struct ImportedArticle {
  std::string old_id;    // WordPress post id, K2 item id
  std::string old_slug;  // WordPress post_name or K2 alias, percent-decoded
  std::string title;
  std::string slug;  // Broadsheet's, from news::NormalizeAndValidate
  std::string summary;
  std::string body_markdown;
  std::string body_html;  // rendered from body_markdown by the importer
  news::ArticleStatus status = news::ArticleStatus::kDraft;
  std::int64_t published_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t views = 0;  // the old site's hits: total views, no day's count
  // An imported base of the rating (K2's totals): counted in the average and "(N votes)"
  // with readers' own votes.
  std::int64_t rating_sum = 0;
  std::int64_t rating_count = 0;
  std::int64_t featured_media_id = 0;  // 0: none
  std::string featured_alt;
  ImportedTerm category;
  ImportedTerm author;
  std::vector<ImportedTerm> tags;
};

struct ImportedComment {
  std::string old_id;
  std::string old_article_id;
  std::string old_parent_id;  // empty: not a reply
  std::string name;
  std::string email;
  std::string url;
  std::string body;
  news::CommentStatus status = news::CommentStatus::kPending;
  std::int64_t created_at = 0;
};

// What one batch wrote. Objects whose old id the source already holds are skipped (a re-run),
// comments whose article the source does not hold are too (`orphans`).
struct ImportTally {
  std::int64_t written = 0;
  std::int64_t skipped = 0;
  std::int64_t orphans = 0;
};

// An imported object's old identity and where it is now.
struct OldLink {
  OldSystem system = OldSystem::kWordPress;
  OldKind kind = OldKind::kArticle;
  std::string source;
  std::string old_id;
  std::string old_slug;
  std::int64_t new_id = 0;
};

// A redirect an editor made (`broadsheet redirect add`), or one an import wrote for an old
// address that names no object (none yet): `old_path` is a path with its query, `target` a
// path on this site or a full URL.
struct RedirectRow {
  std::string old_path;
  std::string target;
  std::int64_t created_at = 0;
};

}  // namespace broadsheet::store
