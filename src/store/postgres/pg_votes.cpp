// PgStore's ratings. Each vote is one transaction on a connection with synchronous_commit on
// (unless [store] synchronous_commit says otherwise, for tests), so it is durable before
// RecordVote returns.
#include "store/change_notice.h"
#include "store/listing_statements.h"
#include "store/postgres/pg_store.h"

namespace broadsheet::store::postgres {
namespace {

// Rows of (id, rating_sum, rating_count, rating_revision).
std::vector<RatingTotals> TotalsOf(const PgResult& result) {
  std::vector<RatingTotals> totals;
  for (int r = 0; r < result.rows(); ++r) {
    totals.push_back({result.Int(r, 0), result.Int(r, 1), result.Int(r, 2), result.Int(r, 3)});
  }
  return totals;
}

}  // namespace

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
        "UPDATE articles SET rating_sum = rating_sum + $1, rating_count = rating_count + $2,"
        " rating_revision = rating_revision + 1"
        " WHERE id = $3 RETURNING rating_sum, rating_count, rating_revision",
        {P(stars - old_stars), P(replaced ? 0 : 1), P(article_id)});
    const RatingTotals now_held{article_id, totals.Int(0, 0), totals.Int(0, 1), totals.Int(0, 2)};
    // Other nodes take the new totals (delivered at commit, dropped on rollback).
    connection->Exec("SELECT pg_notify('broadsheet_views', $1)", {P(RatingPayload(now_held))});
    connection->ExecScript("COMMIT");
    return VoteOutcome{now_held, replaced};
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
      "SELECT id, rating_sum, rating_count, rating_revision FROM articles"
      " WHERE rating_revision > 0 ORDER BY id");
  return TotalsOf(result);
}

bool PgStore::ResetVotes(std::int64_t article_id) {
  auto connection = pool_.Acquire();
  connection->ExecScript("BEGIN");
  try {
    const PgResult reset = connection->Exec(
        "UPDATE articles SET rating_sum = coalesce((SELECT b.sum FROM article_rating_bases b"
        "  WHERE b.article_id = articles.id), 0),"
        " rating_count = coalesce((SELECT b.count FROM article_rating_bases b"
        "  WHERE b.article_id = articles.id), 0),"
        " rating_revision = rating_revision + 1 WHERE id = $1"
        " RETURNING rating_revision, rating_sum, rating_count",
        {P(article_id)});
    const bool found = reset.rows() > 0;
    connection->Exec("DELETE FROM votes WHERE article_id = $1", {P(article_id)});
    if (found) {
      connection->Exec(
          "SELECT pg_notify('broadsheet_views', $1)",
          {P(RatingPayload({article_id, reset.Int(0, 1), reset.Int(0, 2), reset.Int(0, 0)}))});
    }
    connection->ExecScript(found ? Sql("COMMIT") : Sql("ROLLBACK"));
    return found;
  } catch (...) {
    if (connection->ok()) connection->ExecScript("ROLLBACK");
    throw;
  }
}

std::vector<VoteRow> PgStore::ListVotes(std::int64_t article_id) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT reader_id, stars, voted_at FROM votes WHERE article_id = $1"
      " ORDER BY voted_at, reader_id",
      {P(article_id)});
  std::vector<VoteRow> votes;
  for (int r = 0; r < result.rows(); ++r) {
    votes.push_back({article_id, result.Text(r, 0), static_cast<int>(result.Int(r, 1)),
                     result.Int(r, 2)});
  }
  return votes;
}

std::vector<RatingTotals> PgStore::BestRated(int prior_votes, int limit) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(kBestRated.postgres, {P(prior_votes), P(limit)});
  return TotalsOf(result);
}

std::string PgStore::SynchronousCommit() {
  auto connection = pool_.Acquire();
  return connection->Exec("SHOW synchronous_commit").Text(0, 0);
}

}  // namespace broadsheet::store::postgres
