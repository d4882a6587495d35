// The newsroom's part of the PostgreSQL store (issue 11), the same contract as
// sqlite/sqlite_newsroom.cpp: pictures, the comments' mode per article, the dashboard's
// site-wide views per day, and the audit log.
#include "store/like_pattern.h"
#include "store/media_widths.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_store.h"

namespace broadsheet::store::postgres {
namespace {

std::string BodyPattern(const MediaRow& media) { return "%/media/" + media.hash + "-%"; }

constexpr const char* kAuditFilter =
    " WHERE ($1::bigint = 0 OR user_id = $1)"
    " AND ($2 = '' OR action = $2 OR (right($2, 1) = '.' AND left(action, length($2)) = $2))"
    " AND ($3 = '' OR object LIKE $3 ESCAPE '\\')";

}  // namespace

std::vector<DailyViews> PgStore::SiteViewsByDay(const std::string& first_day,
                                                const std::string& last_day) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT day, sum(views) FROM article_views_daily WHERE day BETWEEN $1 AND $2"
      " GROUP BY day HAVING sum(views) > 0 ORDER BY day",
      {P(first_day), P(last_day)});
  std::vector<DailyViews> days;
  for (int row = 0; row < result.rows(); ++row) {
    days.push_back({result.Text(row, 0), result.Int(row, 1)});
  }
  return days;
}

bool PgStore::SetCommentMode(std::int64_t article_id, news::CommentMode mode) {
  auto connection = pool_.Acquire();
  return connection
             ->Exec("UPDATE articles SET comment_mode = $1 WHERE id = $2",
                    {P(std::string(news::ToString(mode))), P(article_id)})
             .Affected() > 0;
}

MediaAdded PgStore::AddMedia(const MediaRow& media) {
  auto connection = pool_.Acquire();
  // ON CONFLICT DO NOTHING returns no row when the hash is there: then read its id.
  const PgResult added = connection->Exec(
      "INSERT INTO media(hash, width, height, widths, bytes, alt, original_name, uploaded_by,"
      " uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, nullif($8::bigint, 0), $9)"
      " ON CONFLICT (hash) DO NOTHING RETURNING id",
      {P(media.hash), P(media.width), P(media.height), P(JoinWidths(media.widths)), P(media.bytes),
       P(media.alt), P(media.original_name), P(media.uploaded_by), P(media.uploaded_at)});
  if (added.rows() > 0) return {added.Int(0, 0), true};
  const PgResult existing =
      connection->Exec("SELECT id FROM media WHERE hash = $1", {P(media.hash)});
  if (existing.rows() == 0) throw StoreError("an upload vanished while it was being added");
  return {existing.Int(0, 0), false};
}

std::optional<MediaRow> PgStore::FindMedia(std::int64_t id) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(Sql(kMediaColumns) + " WHERE m.id = $1", {P(id)});
  if (result.rows() == 0) return std::nullopt;
  return ReadMedia(result, 0);
}

MediaPage PgStore::ListMedia(int offset, int limit) {
  auto connection = pool_.Acquire();
  MediaPage page;
  page.total = connection->Exec("SELECT count(*) FROM media").Int(0, 0);
  const PgResult result = connection->Exec(
      Sql(kMediaColumns) + " ORDER BY m.id DESC LIMIT $1 OFFSET $2", {P(limit), P(offset)});
  for (int row = 0; row < result.rows(); ++row) page.rows.push_back(ReadMedia(result, row));
  return page;
}

std::vector<MediaUse> PgStore::MediaUses(const MediaRow& media) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT id, title, CASE WHEN featured_media_id = $1 THEN 1 ELSE 0 END, status, author_id"
      " FROM articles WHERE featured_media_id = $1 OR body_markdown LIKE $2 ORDER BY id",
      {P(media.id), P(BodyPattern(media))});
  std::vector<MediaUse> uses;
  for (int row = 0; row < result.rows(); ++row) {
    uses.push_back(
        {result.Int(row, 0), result.Text(row, 1), result.Int(row, 2) != 0,
         news::ParseStoredArticleStatus(result.Text(row, 3)).value_or(news::ArticleStatus::kDraft),
         result.Int(row, 4)});
  }
  return uses;
}

MediaDeletion PgStore::DeleteMedia(std::int64_t id) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  // FOR UPDATE: a save that makes it featured meanwhile waits, then fails its foreign key.
  const PgResult found =
      connection->Exec("SELECT hash FROM media WHERE id = $1 FOR UPDATE", {P(id)});
  if (found.rows() == 0) return MediaDeletion::kNotFound;
  MediaRow media;
  media.id = id;
  media.hash = found.Text(0, 0);
  const PgResult used = connection->Exec(
      "SELECT 1 FROM articles WHERE featured_media_id = $1 OR body_markdown LIKE $2 LIMIT 1",
      {P(id), P(BodyPattern(media))});
  if (used.rows() > 0) return MediaDeletion::kInUse;
  connection->Exec("DELETE FROM media WHERE id = $1", {P(id)});
  transaction.Commit();
  return MediaDeletion::kDeleted;
}

void PgStore::AddAuditEntry(const AuditEntry& entry) {
  auto connection = pool_.Acquire();
  connection->Exec(
      "INSERT INTO audit_log(at, user_id, user_email, action, object, detail, address_key)"
      " VALUES ($1, nullif($2::bigint, 0), $3, $4, $5, $6, nullif($7, ''))",
      {P(entry.at), P(entry.user_id), P(entry.user_email), P(entry.action), P(entry.object),
       P(entry.detail), P(entry.address_key)});
}

AuditPage PgStore::ListAudit(const AuditQuery& query) {
  auto connection = pool_.Acquire();
  const std::string pattern = ContainsPattern(query.object_contains);
  AuditPage page;
  page.total = connection
                   ->Exec(Sql("SELECT count(*) FROM audit_log") + kAuditFilter,
                          {P(query.user_id), P(query.action), P(pattern)})
                   .Int(0, 0);
  const PgResult result = connection->Exec(
      Sql("SELECT id, at, coalesce(user_id, 0), user_email, action, object, detail,"
          " coalesce(address_key, '') FROM audit_log") +
          kAuditFilter + " ORDER BY id DESC LIMIT $4 OFFSET $5",
      {P(query.user_id), P(query.action), P(pattern), P(query.limit), P(query.offset)});
  for (int row = 0; row < result.rows(); ++row) {
    page.rows.push_back({result.Int(row, 0), result.Int(row, 1), result.Int(row, 2),
                         result.Text(row, 3), result.Text(row, 4), result.Text(row, 5),
                         result.Text(row, 6), result.Text(row, 7)});
  }
  return page;
}

}  // namespace broadsheet::store::postgres
