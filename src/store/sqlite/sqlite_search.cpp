// SqliteStore's site search (issue 13): an FTS5 table of folded words (migration 11), written
// by every save, ranked by search_rank (sqlite_search_rank.h) with the title weighing most.
#include "store/listing_statements.h"
#include "store/search_document.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {

void SqliteStore::IndexForSearch(std::int64_t article_id) {
  auto& source = writer_->Prepare(
      "SELECT a.title, a.summary, a.body_markdown, coalesce((SELECT group_concat(t.name, ' ')"
      " FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), ''),"
      " au.name FROM articles a JOIN authors au ON au.id = a.author_id"
      " WHERE a.id = ? AND a.status = 'published'");
  // Only published articles are in the index: any other has its row removed.
  writer_->Prepare("DELETE FROM article_search WHERE rowid = ?").Bind(article_id).Run();
  if (!source.Bind(article_id).Step()) return;
  const SearchDocument document = MakeSearchDocument(source.Text(0), source.Text(1), source.Text(2),
                                                     source.Text(3), source.Text(4));
  source.Reset();
  writer_
      ->Prepare(
          "INSERT INTO article_search(rowid, title, summary, body, tags, author)"
          " VALUES (?, ?, ?, ?, ?, ?)")
      .Bind(article_id, document.title, document.summary, document.body, document.tags,
            document.author)
      .Run();
}

void SqliteStore::IndexMissingSearchDocuments() {
  auto& missing = writer_->Prepare(
      "SELECT a.id FROM articles a WHERE a.status = 'published'"
      " AND NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)");
  missing.Bind();
  std::vector<std::int64_t> ids;
  while (missing.Step()) ids.push_back(missing.Int(0));
  missing.Reset();
  for (const std::int64_t id : ids) IndexForSearch(id);
  writer_->Prepare("UPDATE site_meta SET value = 1 WHERE key = 'search_indexed'").Bind().Run();
}

void SqliteStore::IndexUnsearchedArticles() {
  std::lock_guard lock(writer_mutex_);
  auto& flag = writer_->Prepare("SELECT value FROM site_meta WHERE key = 'search_indexed'");
  const bool indexed = flag.Bind().Step() && flag.Int(0) != 0;
  flag.Reset();
  if (indexed) return;
  SqliteTransaction transaction(*writer_);
  IndexMissingSearchDocuments();
  transaction.Commit();
}

SearchResults SqliteStore::SearchPublished(const news::SearchQuery& query, int offset, int limit) {
  SearchResults results;
  const std::string match = news::Fts5MatchExpression(query);
  if (match.empty()) return results;
  auto reader = Reader();
  auto& count = reader->Prepare(kSearchCount.sqlite);
  count.Bind(match, kCountedMatches + 1);
  if (count.Step()) results = CappedSearchCount(count.Int(0));
  count.Reset();
  const SearchSlices slices = SliceSearchPage(offset, limit);
  if (slices.ranked_limit > 0) {
    auto& ranked = reader->Prepare(kSearchRanked.sqlite);
    ranked.Bind(match, kRankedMatches, slices.ranked_limit, offset);
    while (ranked.Step()) results.ids.push_back(ranked.Int(0));
    ranked.Reset();
  }
  if (slices.newest_limit > 0) {
    auto& newest = reader->Prepare(kSearchNewest.sqlite);
    newest.Bind(match, slices.newest_limit, slices.newest_offset);
    while (newest.Step()) results.ids.push_back(newest.Int(0));
    newest.Reset();
  }
  return results;
}

}  // namespace broadsheet::store::sqlite
