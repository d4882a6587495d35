// The newsroom's part of the SQLite store (issue 11): pictures, the comments' mode per
// article, the dashboard's site-wide views per day, and the audit log.
#include "store/like_pattern.h"
#include "store/media_widths.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {
namespace {

// The body's Markdown names a picture by its file names, all of which start "/media/{hash}-".
std::string BodyPattern(const MediaRow& media) { return "%/media/" + media.hash + "-%"; }

constexpr const char* kAuditFilter =
    " WHERE (?1 = 0 OR user_id = ?1)"
    " AND (?2 = '' OR action = ?2 OR (substr(?2, -1) = '.' AND substr(action, 1, length(?2)) = ?2))"
    " AND (?3 = '' OR object LIKE ?3 ESCAPE '\\')";

}  // namespace

std::vector<DailyViews> SqliteStore::SiteViewsByDay(const std::string& first_day,
                                                    const std::string& last_day) {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT day, sum(views) FROM article_views_daily WHERE day BETWEEN ? AND ?"
      " GROUP BY day HAVING sum(views) > 0 ORDER BY day");
  list.Bind(first_day, last_day);
  std::vector<DailyViews> days;
  while (list.Step()) days.push_back({list.Text(0), list.Int(1)});
  return days;
}

bool SqliteStore::SetCommentMode(std::int64_t article_id, news::CommentMode mode) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("UPDATE articles SET comment_mode = ? WHERE id = ?")
      .Bind(std::string(news::ToString(mode)), article_id)
      .Run();
  return writer_->Changes() > 0;
}

MediaAdded SqliteStore::AddMedia(const MediaRow& media) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& existing = writer_->Prepare("SELECT id FROM media WHERE hash = ?");
  if (existing.Bind(media.hash).Step()) {
    const auto id = existing.Int(0);
    existing.Reset();
    return {id, false};
  }
  writer_
      ->Prepare(
          "INSERT INTO media(hash, width, height, widths, bytes, alt, original_name,"
          " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)")
      .Bind(media.hash, media.width, media.height, JoinWidths(media.widths), media.bytes, media.alt,
            media.original_name, media.uploaded_by, media.uploaded_at)
      .Run();
  const auto id = writer_->LastInsertId();
  transaction.Commit();
  return {id, true};
}

std::optional<MediaRow> SqliteStore::FindMedia(std::int64_t id) {
  auto reader = Reader();
  auto& find = reader->Prepare(Sql(kMediaColumns) + " WHERE m.id = ?");
  if (!find.Bind(id).Step()) return std::nullopt;
  MediaRow media = ReadMedia(find);
  find.Reset();
  return media;
}

MediaPage SqliteStore::ListMedia(int offset, int limit) {
  auto reader = Reader();
  MediaPage page;
  auto& count = reader->Prepare("SELECT count(*) FROM media");
  count.Reset();
  count.Step();
  page.total = count.Int(0);
  count.Reset();
  auto& list = reader->Prepare(Sql(kMediaColumns) + " ORDER BY m.id DESC LIMIT ? OFFSET ?");
  list.Bind(limit, offset);
  while (list.Step()) page.rows.push_back(ReadMedia(list));
  return page;
}

std::vector<MediaUse> SqliteStore::MediaUses(const MediaRow& media) {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT id, title, coalesce(featured_media_id, 0) = ?, status, author_id FROM articles"
      " WHERE featured_media_id = ? OR body_markdown LIKE ? ORDER BY id");
  list.Bind(media.id, media.id, BodyPattern(media));
  std::vector<MediaUse> uses;
  while (list.Step()) {
    uses.push_back(
        {list.Int(0), list.Text(1), list.Int(2) != 0,
         news::ParseStoredArticleStatus(list.Text(3)).value_or(news::ArticleStatus::kDraft),
         list.Int(4)});
  }
  return uses;
}

MediaDeletion SqliteStore::DeleteMedia(std::int64_t id) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& find = writer_->Prepare("SELECT hash FROM media WHERE id = ?");
  if (!find.Bind(id).Step()) return MediaDeletion::kNotFound;
  MediaRow media;
  media.id = id;
  media.hash = find.Text(0);
  find.Reset();
  auto& used = writer_->Prepare(
      "SELECT 1 FROM articles WHERE featured_media_id = ? OR body_markdown LIKE ? LIMIT 1");
  const bool in_use = used.Bind(id, BodyPattern(media)).Step();
  used.Reset();
  if (in_use) return MediaDeletion::kInUse;
  writer_->Prepare("DELETE FROM media WHERE id = ?").Bind(id).Run();
  transaction.Commit();
  return MediaDeletion::kDeleted;
}

void SqliteStore::AddAuditEntry(const AuditEntry& entry) {
  std::lock_guard lock(writer_mutex_);
  writer_
      ->Prepare(
          "INSERT INTO audit_log(at, user_id, user_email, action, object, detail, address_key)"
          " VALUES (?, nullif(?, 0), ?, ?, ?, ?, nullif(?, ''))")
      .Bind(entry.at, entry.user_id, entry.user_email, entry.action, entry.object, entry.detail,
            entry.address_key)
      .Run();
}

AuditPage SqliteStore::ListAudit(const AuditQuery& query) {
  auto reader = Reader();
  const std::string pattern = ContainsPattern(query.object_contains);
  AuditPage page;
  auto& count = reader->Prepare(Sql("SELECT count(*) FROM audit_log") + kAuditFilter);
  count.Bind(query.user_id, query.action, pattern);
  count.Step();
  page.total = count.Int(0);
  count.Reset();
  auto& list =
      reader->Prepare(Sql("SELECT id, at, coalesce(user_id, 0), user_email, action, object, detail,"
                          " coalesce(address_key, '') FROM audit_log") +
                      kAuditFilter + " ORDER BY id DESC LIMIT ?4 OFFSET ?5");
  list.Bind(query.user_id, query.action, pattern, query.limit, query.offset);
  while (list.Step()) {
    page.rows.push_back({list.Int(0), list.Int(1), list.Int(2), list.Text(3), list.Text(4),
                         list.Text(5), list.Text(6), list.Text(7)});
  }
  return page;
}

}  // namespace broadsheet::store::sqlite
