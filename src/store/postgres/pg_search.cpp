// PgStore's site search (issue 13): a tsvector of folded words per article under a GIN index
// (migration 12), written by every save; the title weighs most (A), then summary and tags
// (B), the author (C) and the body (D).
#include "store/listing_statements.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "store/search_document.h"

namespace broadsheet::store::postgres {

void PgStore::IndexForSearch(PgConnection& connection, std::int64_t article_id) {
  const PgResult source = connection.Exec(
      "SELECT a.title, a.summary, a.body_markdown, coalesce((SELECT string_agg(t.name, ' ')"
      " FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), ''),"
      " au.name FROM articles a JOIN authors au ON au.id = a.author_id"
      " WHERE a.id = $1 AND a.status = 'published'",
      {P(article_id)});
  if (source.rows() == 0) {
    // Only published articles are in the index: any other has its row removed.
    connection.Exec("DELETE FROM article_search WHERE article_id = $1", {P(article_id)});
    return;
  }
  const SearchDocument document =
      MakeSearchDocument(source.Text(0, 0), source.Text(0, 1), source.Text(0, 2), source.Text(0, 3),
                         source.Text(0, 4));
  connection.Exec(
      "INSERT INTO article_search(article_id, document) VALUES ($1,"
      " setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B')"
      " || setweight(to_tsvector('simple', $4), 'D') || setweight(to_tsvector('simple', $5), 'B')"
      " || setweight(to_tsvector('simple', $6), 'C'))"
      " ON CONFLICT (article_id) DO UPDATE SET document = excluded.document",
      {P(article_id), P(document.title), P(document.summary), P(document.body), P(document.tags),
       P(document.author)});
}

void PgStore::IndexMissingSearchDocuments(PgConnection& connection) {
  const PgResult missing = connection.Exec(
      "SELECT a.id FROM articles a WHERE a.status = 'published'"
      " AND NOT EXISTS (SELECT 1 FROM article_search s WHERE s.article_id = a.id)");
  for (int row = 0; row < missing.rows(); ++row) IndexForSearch(connection, missing.Int(row, 0));
  connection.Exec("UPDATE site_meta SET value = 1 WHERE key = 'search_indexed'");
}

void PgStore::IndexUnsearchedArticles() {
  auto connection = pool_.Acquire();
  if (connection->Exec("SELECT value FROM site_meta WHERE key = 'search_indexed'").Int(0, 0) != 0) {
    return;
  }
  PgTransaction transaction(*connection);
  IndexMissingSearchDocuments(*connection);
  transaction.Commit();
}

SearchResults PgStore::SearchPublished(const news::SearchQuery& query, int offset, int limit) {
  SearchResults results;
  const std::string text = news::TsQueryText(query);
  if (text.empty()) return results;
  auto connection = pool_.Acquire();
  results = CappedSearchCount(
      connection->Exec(kSearchCount.postgres, {P(text), P(kCountedMatches + 1)}).Int(0, 0));
  const SearchSlices slices = SliceSearchPage(offset, limit);
  if (slices.ranked_limit > 0) {
    const PgResult ranked = connection->Exec(
        kSearchRanked.postgres, {P(text), P(kRankedMatches), P(slices.ranked_limit), P(offset)});
    for (int row = 0; row < ranked.rows(); ++row) results.ids.push_back(ranked.Int(row, 0));
  }
  if (slices.newest_limit > 0) {
    const PgResult newest = connection->Exec(
        kSearchNewest.postgres, {P(text), P(slices.newest_limit), P(slices.newest_offset)});
    for (int row = 0; row < newest.rows(); ++row) results.ids.push_back(newest.Int(row, 0));
  }
  return results;
}

}  // namespace broadsheet::store::postgres
