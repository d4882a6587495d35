// SqliteStore's ratings: votes go through the writer connection (synchronous=FULL, so a vote
// is on disk before RecordVote returns).
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {

std::optional<VoteOutcome> SqliteStore::RecordVote(std::int64_t article_id,
                                                   const std::string& reader_id, int stars,
                                                   std::int64_t now) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& previous =
      writer_->Prepare("SELECT stars FROM votes WHERE article_id = ? AND reader_id = ?");
  const bool replaced = previous.Bind(article_id, reader_id).Step();
  const std::int64_t old_stars = replaced ? previous.Int(0) : 0;
  previous.Reset();
  auto& totals = writer_->Prepare(
      "UPDATE articles SET rating_sum = rating_sum + ?, rating_count = rating_count + ?"
      " WHERE id = ? RETURNING rating_sum, rating_count");
  if (!totals.Bind(stars - old_stars, replaced ? 0 : 1, article_id).Step()) return std::nullopt;
  VoteOutcome outcome{{article_id, totals.Int(0), totals.Int(1)}, replaced};
  totals.Reset();
  writer_
      ->Prepare(
          "INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES (?, ?, ?, ?)"
          " ON CONFLICT(article_id, reader_id) DO UPDATE SET stars = excluded.stars,"
          " voted_at = excluded.voted_at")
      .Bind(article_id, reader_id, stars, now)
      .Run();
  transaction.Commit();
  return outcome;
}

std::optional<int> SqliteStore::VoteOf(std::int64_t article_id, const std::string& reader_id) {
  std::lock_guard lock(writer_mutex_);  // reads its own writes at once
  auto& find = writer_->Prepare("SELECT stars FROM votes WHERE article_id = ? AND reader_id = ?");
  if (!find.Bind(article_id, reader_id).Step()) return std::nullopt;
  const int stars = static_cast<int>(find.Int(0));
  find.Reset();
  return stars;
}

std::vector<RatingTotals> SqliteStore::ReadRatingTotals() {
  std::lock_guard lock(writer_mutex_);
  auto& list = writer_->Prepare(
      "SELECT id, rating_sum, rating_count FROM articles WHERE rating_count > 0 ORDER BY id");
  list.Reset();
  std::vector<RatingTotals> totals;
  while (list.Step()) totals.push_back({list.Int(0), list.Int(1), list.Int(2)});
  return totals;
}

bool SqliteStore::ResetVotes(std::int64_t article_id) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_->Prepare("UPDATE articles SET rating_sum = 0, rating_count = 0 WHERE id = ?")
      .Bind(article_id)
      .Run();
  if (writer_->Changes() == 0) return false;
  writer_->Prepare("DELETE FROM votes WHERE article_id = ?").Bind(article_id).Run();
  transaction.Commit();
  return true;
}

}  // namespace broadsheet::store::sqlite
