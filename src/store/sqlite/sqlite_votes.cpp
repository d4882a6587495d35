// SqliteStore's ratings. Votes go through group commit on the writer connection
// (synchronous=FULL): a vote is on disk before RecordVote returns, and votes arriving together
// share one transaction and one fsync.
#include "store/listing_statements.h"
#include "store/sqlite/group_commit.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {
namespace {

// One vote, inside the group's transaction. Nullopt when there is no such article.
std::optional<VoteOutcome> ApplyVote(SqliteConnection& writer, std::int64_t article_id,
                                     const std::string& reader_id, int stars, std::int64_t now) {
  auto& previous =
      writer.Prepare("SELECT stars FROM votes WHERE article_id = ? AND reader_id = ?");
  const bool replaced = previous.Bind(article_id, reader_id).Step();
  const std::int64_t old_stars = replaced ? previous.Int(0) : 0;
  previous.Reset();
  auto& totals = writer.Prepare(
      "UPDATE articles SET rating_sum = rating_sum + ?, rating_count = rating_count + ?,"
      " rating_revision = rating_revision + 1"
      " WHERE id = ? RETURNING rating_sum, rating_count, rating_revision");
  if (!totals.Bind(stars - old_stars, replaced ? 0 : 1, article_id).Step()) return std::nullopt;
  VoteOutcome outcome{{article_id, totals.Int(0), totals.Int(1), totals.Int(2)}, replaced};
  totals.Reset();
  writer
      .Prepare(
          "INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES (?, ?, ?, ?)"
          " ON CONFLICT(article_id, reader_id) DO UPDATE SET stars = excluded.stars,"
          " voted_at = excluded.voted_at")
      .Bind(article_id, reader_id, stars, now)
      .Run();
  return outcome;
}

}  // namespace

std::optional<VoteOutcome> SqliteStore::RecordVote(std::int64_t article_id,
                                                   const std::string& reader_id, int stars,
                                                   std::int64_t now) {
  std::optional<VoteOutcome> outcome;
  group_commit_->Run([&](SqliteConnection& writer) {
    outcome = ApplyVote(writer, article_id, reader_id, stars, now);
  });
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
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT id, rating_sum, rating_count, rating_revision FROM articles"
      " WHERE rating_revision > 0 ORDER BY id");
  list.Reset();
  std::vector<RatingTotals> totals;
  while (list.Step()) totals.push_back({list.Int(0), list.Int(1), list.Int(2), list.Int(3)});
  return totals;
}

bool SqliteStore::ResetVotes(std::int64_t article_id) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_
      ->Prepare(
          "UPDATE articles SET rating_sum = coalesce((SELECT b.sum FROM article_rating_bases b"
          "  WHERE b.article_id = articles.id), 0),"
          " rating_count = coalesce((SELECT b.count FROM article_rating_bases b"
          "  WHERE b.article_id = articles.id), 0),"
          " rating_revision = rating_revision + 1 WHERE id = ?")
      .Bind(article_id)
      .Run();
  if (writer_->Changes() == 0) return false;
  writer_->Prepare("DELETE FROM votes WHERE article_id = ?").Bind(article_id).Run();
  transaction.Commit();
  return true;
}

std::vector<VoteRow> SqliteStore::ListVotes(std::int64_t article_id) {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT reader_id, stars, voted_at FROM votes WHERE article_id = ?"
      " ORDER BY voted_at, reader_id");
  list.Bind(article_id);
  std::vector<VoteRow> votes;
  while (list.Step()) {
    votes.push_back({article_id, list.Text(0), static_cast<int>(list.Int(1)), list.Int(2)});
  }
  return votes;
}

std::vector<RatingTotals> SqliteStore::BestRated(int prior_votes, int limit) {
  auto reader = Reader();
  auto& best = reader->Prepare(kBestRated.sqlite);
  best.Bind(prior_votes, limit);
  std::vector<RatingTotals> ranked;
  while (best.Step()) ranked.push_back({best.Int(0), best.Int(1), best.Int(2), best.Int(3)});
  return ranked;
}

}  // namespace broadsheet::store::sqlite
