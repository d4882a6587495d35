// PgStore's ratings. Each vote is one transaction on a connection with synchronous_commit on
// (unless [store] synchronous_commit says otherwise, for tests), so it is durable before
// RecordVote returns.
#include "store/postgres/pg_store.h"

namespace broadsheet::store::postgres {

std::optional<VoteOutcome> PgStore::RecordVote(std::int64_t article_id,
                                               const std::string& reader_id, int stars,
                                               std::int64_t now) {
  auto connection = pool_.Acquire();
  connection->ExecScript("BEGIN");
  try {
    // Lock the article row first: concurrent votes on one article queue here, and a repeat
    // vote from the same reader sees the earlier one.
    if (connection->Exec("SELECT 1 FROM articles WHERE id = $1 FOR UPDATE", {P(article_id)})
            .rows() == 0) {
      connection->ExecScript("ROLLBACK");
      return std::nullopt;
    }
    const PgResult previous = connection->Exec(
        "SELECT stars FROM votes WHERE article_id = $1 AND reader_id = $2",
        {P(article_id), P(reader_id)});
    const bool replaced = previous.rows() > 0;
    const std::int64_t old_stars = replaced ? previous.Int(0, 0) : 0;
    connection->Exec(
        "INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (article_id, reader_id) DO UPDATE SET stars = excluded.stars,"
        " voted_at = excluded.voted_at",
        {P(article_id), P(reader_id), P(stars), P(now)});
    const PgResult totals = connection->Exec(
        "UPDATE articles SET rating_sum = rating_sum + $1, rating_count = rating_count + $2"
        " WHERE id = $3 RETURNING rating_sum, rating_count",
        {P(stars - old_stars), P(replaced ? 0 : 1), P(article_id)});
    connection->ExecScript("COMMIT");
    return VoteOutcome{{article_id, totals.Int(0, 0), totals.Int(0, 1)}, replaced};
  } catch (...) {
    if (connection->ok()) connection->ExecScript("ROLLBACK");
    throw;
  }
}

std::optional<int> PgStore::VoteOf(std::int64_t article_id, const std::string& reader_id) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT stars FROM votes WHERE article_id = $1 AND reader_id = $2",
      {P(article_id), P(reader_id)});
  if (result.rows() == 0) return std::nullopt;
  return static_cast<int>(result.Int(0, 0));
}

std::vector<RatingTotals> PgStore::ReadRatingTotals() {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT id, rating_sum, rating_count FROM articles WHERE rating_count > 0 ORDER BY id");
  std::vector<RatingTotals> totals;
  for (int r = 0; r < result.rows(); ++r) {
    totals.push_back({result.Int(r, 0), result.Int(r, 1), result.Int(r, 2)});
  }
  return totals;
}

bool PgStore::ResetVotes(std::int64_t article_id) {
  auto connection = pool_.Acquire();
  connection->ExecScript("BEGIN");
  try {
    const bool found = connection
                           ->Exec("UPDATE articles SET rating_sum = 0, rating_count = 0"
                                  " WHERE id = $1",
                                  {P(article_id)})
                           .Affected() > 0;
    connection->Exec("DELETE FROM votes WHERE article_id = $1", {P(article_id)});
    connection->ExecScript(found ? "COMMIT" : "ROLLBACK");
    return found;
  } catch (...) {
    if (connection->ok()) connection->ExecScript("ROLLBACK");
    throw;
  }
}

std::string PgStore::SynchronousCommit() {
  auto connection = pool_.Acquire();
  return connection->Exec("SHOW synchronous_commit").Text(0, 0);
}

}  // namespace broadsheet::store::postgres
