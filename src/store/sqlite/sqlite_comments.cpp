// SqliteStore's comments, reports, used captcha nonces and settings. A new comment goes through
// group commit (synchronous=FULL): durable before AddComment returns.
#include <string>

#include "store/comment_columns.h"
#include "store/sqlite/group_commit.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {
namespace {

Sql Select(const Sql& rest) { return Sql("SELECT ") + kCommentColumns + " FROM comments " + rest; }

}  // namespace

std::optional<std::int64_t> SqliteStore::AddComment(const CommentRow& c) {
  std::optional<std::int64_t> id;
  group_commit_->Run([&](SqliteConnection& writer) {
    auto& exists = writer.Prepare("SELECT 1 FROM articles WHERE id = ?");
    const bool found = exists.Bind(c.article_id).Step();
    exists.Reset();
    if (!found) return;
    writer
        .Prepare(
            "INSERT INTO comments(article_id, reader_id, name, email, url, body, status,"
            " hold_reason, created_at) VALUES (?,?,?,?,?,?,?,?,?)")
        .Bind(c.article_id, c.reader_id, c.name, c.email, c.url, c.body,
              std::string(news::ToString(c.status)), c.hold_reason, c.created_at)
        .Run();
    id = writer.LastInsertId();
  });
  return id;
}

std::vector<CommentRow> SqliteStore::ListApprovedComments(std::int64_t article_id, int offset,
                                                          int limit) {
  auto reader = Reader();
  auto& list = reader->Prepare(
      Select("WHERE article_id = ? AND status = 'approved' ORDER BY id LIMIT ? OFFSET ?"));
  list.Bind(article_id, limit, offset);
  return ReadComments(list);
}

std::vector<CommentCount> SqliteStore::ReadCommentCounts() {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT article_id, count(*) FROM comments WHERE status = 'approved' GROUP BY article_id");
  list.Reset();
  std::vector<CommentCount> counts;
  while (list.Step()) counts.push_back({list.Int(0), list.Int(1)});
  return counts;
}

std::int64_t SqliteStore::CountApprovedComments(std::int64_t article_id) {
  auto reader = Reader();
  auto& count =
      reader->Prepare("SELECT count(*) FROM comments WHERE article_id = ? AND status = 'approved'");
  count.Bind(article_id).Step();
  const std::int64_t approved = count.Int(0);
  count.Reset();  // a statement left on its row would hold this reader's snapshot open
  return approved;
}

std::vector<CommentRow> SqliteStore::ListComments(CommentFilter filter, int limit) {
  auto reader = Reader();
  const Sql where = filter == CommentFilter::kPending    ? Sql("WHERE status = 'pending'")
                    : filter == CommentFilter::kSpam     ? Sql("WHERE status = 'spam'")
                    : filter == CommentFilter::kReported ? Sql("WHERE reports > 0")
                                                         : Sql("");
  auto& list = reader->Prepare(Select(where) + " ORDER BY id DESC LIMIT ?");
  list.Bind(limit);
  return ReadComments(list);
}

std::optional<CommentRow> SqliteStore::FindComment(std::int64_t id) {
  auto reader = Reader();
  auto& find = reader->Prepare(Select("WHERE id = ?"));
  if (!find.Bind(id).Step()) return std::nullopt;
  CommentRow comment = ReadComment(find);
  find.Reset();
  return comment;
}

bool SqliteStore::SetCommentStatus(std::int64_t id, news::CommentStatus status) {
  std::lock_guard lock(writer_mutex_);
  if (status == news::CommentStatus::kApproved) {
    // The editor has looked: the count starts again, and an approval despite reports stands
    // (SET reads the old row, so `reports` is the count before this update).
    writer_
        ->Prepare(
            "UPDATE comments SET status = 'approved', reports = 0,"
            " approved_by_editor = CASE WHEN reports > 0 THEN 1 ELSE approved_by_editor END"
            " WHERE id = ?")
        .Bind(id)
        .Run();
  } else {
    writer_->Prepare("UPDATE comments SET status = ? WHERE id = ?")
        .Bind(std::string(news::ToString(status)), id)
        .Run();
  }
  return writer_->Changes() > 0;
}

bool SqliteStore::DeleteComment(std::int64_t id) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("DELETE FROM comments WHERE id = ?").Bind(id).Run();
  return writer_->Changes() > 0;
}

bool SqliteStore::HasApprovedComment(const std::string& reader_id) {
  auto reader = Reader();
  auto& find =
      reader->Prepare("SELECT 1 FROM comments WHERE reader_id = ? AND status = 'approved' LIMIT 1");
  const bool found = find.Bind(reader_id).Step();
  find.Reset();
  return found;
}

bool SqliteStore::HasRecentDuplicate(std::int64_t article_id, const std::string& reader_id,
                                     const std::string& body, std::int64_t since) {
  std::lock_guard lock(writer_mutex_);  // sees the comment committed a moment ago
  auto& find = writer_->Prepare(
      "SELECT 1 FROM comments WHERE reader_id = ? AND article_id = ? AND body = ?"
      " AND created_at >= ? LIMIT 1");
  const bool found = find.Bind(reader_id, article_id, body, since).Step();
  find.Reset();
  return found;
}

ReportOutcome SqliteStore::ReportComment(std::int64_t comment_id, const std::string& reader_id,
                                         const std::string& address_key, int threshold,
                                         std::int64_t now) {
  ReportOutcome outcome;
  group_commit_->Run([&](SqliteConnection& writer) {
    auto& find =
        writer.Prepare("SELECT reports, status, approved_by_editor FROM comments WHERE id = ?");
    if (!find.Bind(comment_id).Step()) return;
    const bool approved = find.Text(1) == "approved";
    outcome.reports = find.Int(0);
    outcome.stands = find.Int(2) != 0;
    find.Reset();
    outcome.found = true;
    // Either unique key (reader, or address key) turns a repeat into nothing.
    writer
        .Prepare(
            "INSERT INTO comment_reports(comment_id, reader_id, address_key, reported_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .Bind(comment_id, reader_id, address_key, now)
        .Run();
    if (writer.Changes() == 0) return;
    outcome.counted = true;
    ++outcome.reports;
    outcome.held = approved && !outcome.stands && outcome.reports >= threshold;
    writer
        .Prepare(
            "UPDATE comments SET reports = ?, status = CASE WHEN ? THEN 'pending' ELSE status END,"
            " hold_reason = CASE WHEN ? THEN 'reported by readers' ELSE hold_reason END"
            " WHERE id = ?")
        .Bind(outcome.reports, outcome.held ? 1 : 0, outcome.held ? 1 : 0, comment_id)
        .Run();
  });
  return outcome;
}

std::int64_t SqliteStore::PurgeAddressKeys(std::int64_t before) {
  std::lock_guard lock(writer_mutex_);
  writer_
      ->Prepare(
          "UPDATE comment_reports SET address_key = NULL"
          " WHERE reported_at < ? AND address_key IS NOT NULL")
      .Bind(before)
      .Run();
  std::int64_t forgotten = writer_->Changes();
  writer_
      ->Prepare("UPDATE audit_log SET address_key = NULL WHERE at < ? AND address_key IS NOT NULL")
      .Bind(before)
      .Run();
  return forgotten + writer_->Changes();
}

bool SqliteStore::UseNonce(const std::string& nonce, std::int64_t expires_ms, std::int64_t now_ms) {
  bool first = false;
  group_commit_->Run([&](SqliteConnection& writer) {
    writer.Prepare("DELETE FROM used_nonces WHERE expires_at < ?").Bind(now_ms).Run();
    writer
        .Prepare("INSERT INTO used_nonces(nonce, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .Bind(nonce, expires_ms)
        .Run();
    first = writer.Changes() > 0;
  });
  return first;
}

std::optional<std::string> SqliteStore::ReadSetting(const std::string& key) {
  auto reader = Reader();
  auto& find = reader->Prepare("SELECT value FROM site_settings WHERE key = ?");
  if (!find.Bind(key).Step()) return std::nullopt;
  std::string value = find.Text(0);
  find.Reset();
  return value;
}

void SqliteStore::WriteSetting(const std::string& key, const std::string& value) {
  std::lock_guard lock(writer_mutex_);
  writer_
      ->Prepare(
          "INSERT INTO site_settings(key, value) VALUES (?, ?)"
          " ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .Bind(key, value)
      .Run();
}

}  // namespace broadsheet::store::sqlite
