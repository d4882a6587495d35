// PgStore's comments, reports, used captcha nonces and settings. Each write is one transaction
// with synchronous_commit on: durable before it returns. The unique keys (one report per
// reader and comment, one use per nonce) hold across every node sharing the database.
#include <string>

#include "store/comment_columns.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_store.h"

namespace broadsheet::store::postgres {
namespace {

Sql Select(const Sql& rest) { return Sql("SELECT ") + kCommentColumns + " FROM comments " + rest; }

}  // namespace

std::optional<std::int64_t> PgStore::AddComment(const CommentRow& c) {
  auto connection = pool_.Acquire();
  const PgResult inserted = connection->Exec(
      "INSERT INTO comments(article_id, reader_id, name, email, url, body, status, hold_reason,"
      " created_at) SELECT $1::bigint, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text,"
      " $8::text, $9::bigint WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1::bigint)"
      " RETURNING id",
      {P(c.article_id), P(c.reader_id), P(c.name), P(c.email), P(c.url), P(c.body),
       std::string(news::ToString(c.status)), P(c.hold_reason), P(c.created_at)});
  if (inserted.rows() == 0) return std::nullopt;
  return inserted.Int(0, 0);
}

std::vector<CommentRow> PgStore::ListApprovedComments(std::int64_t article_id, int offset,
                                                      int limit) {
  auto connection = pool_.Acquire();
  return ReadComments(connection->Exec(
      Select("WHERE article_id = $1 AND status = 'approved' ORDER BY id LIMIT $2 OFFSET $3"),
      {P(article_id), P(limit), P(offset)}));
}

std::vector<CommentCount> PgStore::ReadCommentCounts() {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT article_id, count(*) FROM comments WHERE status = 'approved' GROUP BY article_id");
  std::vector<CommentCount> counts;
  for (int row = 0; row < result.rows(); ++row) {
    counts.push_back({result.Int(row, 0), result.Int(row, 1)});
  }
  return counts;
}

std::int64_t PgStore::CountApprovedComments(std::int64_t article_id) {
  auto connection = pool_.Acquire();
  return connection
      ->Exec("SELECT count(*) FROM comments WHERE article_id = $1 AND status = 'approved'",
             {P(article_id)})
      .Int(0, 0);
}

std::vector<CommentRow> PgStore::ListComments(CommentFilter filter, int limit) {
  auto connection = pool_.Acquire();
  const Sql where = filter == CommentFilter::kPending    ? Sql("WHERE status = 'pending'")
                    : filter == CommentFilter::kSpam     ? Sql("WHERE status = 'spam'")
                    : filter == CommentFilter::kReported ? Sql("WHERE reports > 0")
                                                         : Sql("");
  return ReadComments(connection->Exec(Select(where) + " ORDER BY id DESC LIMIT $1", {P(limit)}));
}

std::optional<CommentRow> PgStore::FindComment(std::int64_t id) {
  auto connection = pool_.Acquire();
  auto comments = ReadComments(connection->Exec(Select("WHERE id = $1"), {P(id)}));
  if (comments.empty()) return std::nullopt;
  return std::move(comments.front());
}

bool PgStore::SetCommentStatus(std::int64_t id, news::CommentStatus status) {
  auto connection = pool_.Acquire();
  if (status == news::CommentStatus::kApproved) {
    // The editor has looked: the count starts again, and an approval despite reports stands
    // (SET reads the old row, so `reports` is the count before this update).
    return connection
               ->Exec(
                   "UPDATE comments SET status = 'approved', reports = 0,"
                   " approved_by_editor = CASE WHEN reports > 0 THEN 1 ELSE approved_by_editor END"
                   " WHERE id = $1",
                   {P(id)})
               .Affected() > 0;
  }
  return connection
             ->Exec("UPDATE comments SET status = $1 WHERE id = $2",
                    {std::string(news::ToString(status)), P(id)})
             .Affected() > 0;
}

bool PgStore::DeleteComment(std::int64_t id) {
  auto connection = pool_.Acquire();
  return connection->Exec("DELETE FROM comments WHERE id = $1", {P(id)}).Affected() > 0;
}

bool PgStore::HasApprovedComment(const std::string& reader_id) {
  auto connection = pool_.Acquire();
  return connection
             ->Exec("SELECT 1 FROM comments WHERE reader_id = $1 AND status = 'approved' LIMIT 1",
                    {P(reader_id)})
             .rows() > 0;
}

bool PgStore::HasRecentDuplicate(std::int64_t article_id, const std::string& reader_id,
                                 const std::string& body, std::int64_t since) {
  auto connection = pool_.Acquire();
  return connection
             ->Exec(
                 "SELECT 1 FROM comments WHERE reader_id = $1 AND article_id = $2 AND body = $3"
                 " AND created_at >= $4 LIMIT 1",
                 {P(reader_id), P(article_id), P(body), P(since)})
             .rows() > 0;
}

ReportOutcome PgStore::ReportComment(std::int64_t comment_id, const std::string& reader_id,
                                     const std::string& address_key, int threshold,
                                     std::int64_t now) {
  ReportOutcome outcome;
  auto connection = pool_.Acquire();
  connection->ExecScript("BEGIN");
  try {
    const PgResult comment = connection->Exec(
        "SELECT reports, status, approved_by_editor FROM comments WHERE id = $1 FOR UPDATE",
        {P(comment_id)});
    if (comment.rows() == 0) {
      connection->ExecScript("ROLLBACK");
      return outcome;
    }
    outcome.found = true;
    outcome.reports = comment.Int(0, 0);
    const bool approved = comment.Text(0, 1) == "approved";
    outcome.stands = comment.Int(0, 2) != 0;
    // Either unique key (reader, or address key) turns a repeat into nothing, on any node.
    outcome.counted =
        connection
            ->Exec(
                "INSERT INTO comment_reports(comment_id, reader_id, address_key, reported_at)"
                " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                {P(comment_id), P(reader_id), P(address_key), P(now)})
            .Affected() > 0;
    if (outcome.counted) {
      ++outcome.reports;
      outcome.held = approved && !outcome.stands && outcome.reports >= threshold;
      connection->Exec(outcome.held ? Sql("UPDATE comments SET reports = $1, status = 'pending',"
                                          " hold_reason = 'reported by readers' WHERE id = $2")
                                    : Sql("UPDATE comments SET reports = $1 WHERE id = $2"),
                       {P(outcome.reports), P(comment_id)});
    }
    connection->ExecScript("COMMIT");
  } catch (...) {
    if (connection->ok()) connection->ExecScript("ROLLBACK");
    throw;
  }
  return outcome;
}

std::int64_t PgStore::PurgeAddressKeys(std::int64_t before) {
  auto connection = pool_.Acquire();
  const auto reports = connection
                           ->Exec(
                               "UPDATE comment_reports SET address_key = NULL"
                               " WHERE reported_at < $1 AND address_key IS NOT NULL",
                               {P(before)})
                           .Affected();
  const auto audit =
      connection
          ->Exec(
              "UPDATE audit_log SET address_key = NULL WHERE at < $1 AND address_key IS NOT NULL",
              {P(before)})
          .Affected();
  return reports + audit;
}

bool PgStore::UseNonce(const std::string& nonce, std::int64_t expires_ms, std::int64_t now_ms) {
  auto connection = pool_.Acquire();
  connection->Exec("DELETE FROM used_nonces WHERE expires_at < $1", {P(now_ms)});
  return connection
             ->Exec(
                 "INSERT INTO used_nonces(nonce, expires_at) VALUES ($1, $2)"
                 " ON CONFLICT DO NOTHING",
                 {P(nonce), P(expires_ms)})
             .Affected() > 0;
}

std::optional<std::string> PgStore::ReadSetting(const std::string& key) {
  auto connection = pool_.Acquire();
  const PgResult result =
      connection->Exec("SELECT value FROM site_settings WHERE key = $1", {P(key)});
  if (result.rows() == 0) return std::nullopt;
  return result.Text(0, 0);
}

void PgStore::WriteSetting(const std::string& key, const std::string& value) {
  auto connection = pool_.Acquire();
  connection->Exec(
      "INSERT INTO site_settings(key, value) VALUES ($1, $2)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      {P(key), P(value)});
}

}  // namespace broadsheet::store::postgres
