// The ranking function of SQLite's site search: bm25 without the inverse document frequency.
#pragma once

struct sqlite3;

namespace broadsheet::store::sqlite {

// Registers `search_rank(article_search, weight...)` on `db`: like FTS5's bm25, smaller is
// better and each column's matches are weighed by its weight and by the row's length against
// the average, but without the terms' inverse document frequency. bm25 reads every match of
// each term once per query to count them: 2.5 ms for a word in each of 100,000 articles, on
// every search. Every match holds every term of the query, so rarity only shifted the balance
// between terms.
void RegisterSearchRank(sqlite3* db);

}  // namespace broadsheet::store::sqlite
