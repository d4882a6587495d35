// Every statement that lists articles for readers or ranks them, with its SQLite and its
// PostgreSQL text, in one place (issue 12: queries that do not grow with the site). Both stores
// prepare these objects, never a copy of their text, and tests/unit/store/listing_plan_test.cpp
// takes every one from TimeOrderedListings() and RankingStatements() and checks its plan on
// both databases. A new listing (tags, authors, archive months, feeds, the API) is added here,
// to its group, and is checked with the rest. Immutable after start: thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "store/article_columns.h"
#include "store/listing_scope.h"
#include "store/sql.h"
#include "store/store.h"

namespace broadsheet::store {

// What a statement's plan must look like (the plan test checks each kind on both stores).
enum class ListingShape {
  // Rows in listing order: an index gives both the start and the order; nothing is sorted.
  kPage,
  // Where a deep page starts: a walk of an index alone (no article rows, no bodies).
  kPageKey,
  // How many rows a listing has (its page count): a count of an index alone.
  kCount,
  // Must rank or filter: it may sort, but only a set an index bounds (unless
  // `unbounded_because` says why none can).
  kRanking,
};

// A value for one parameter, for a test to bind: `text` when set, else `number`.
struct ExampleValue {
  std::int64_t number = 0;
  const char* text = nullptr;
};

struct ListingStatement {
  const char* name;  // what it lists, for test output and bench/RESULTS.md
  ListingShape shape;
  Sql sqlite;
  Sql postgres;
  // The index that must serve it: give the order and the start (kPage), hold the whole walk
  // (kPageKey), or bound the set that is ranked (kRanking). Null only with unbounded_because.
  const char* index = nullptr;
  // One per parameter (?1.. / $1..), in order. They fit the plan test's data: 20,000 articles
  // in categories 1 to 4, three an hour from 1,700,000,000 on, with daily views and ratings.
  std::vector<ExampleValue> example;
  // kRanking only: why no index can bound the set (the test then prints the plan and asserts
  // nothing about its size). Null: the set must be bounded by an index.
  const char* unbounded_because = nullptr;
  // The time-ordered shapes: the table `index` belongs to (as the plan names it), its alias,
  // and the condition the index search must start with, as each database prints it.
  const char* table = "articles a";
  const char* alias = "a";
  const char* sqlite_condition = "status=?";
  const char* postgres_condition = "status = 'published'";
  // kRanking on SQLite's full-text table, which no ordinary index serves: the plan's first
  // line, which shows the match is the outer loop and bounds the set.
  const char* sqlite_plan = nullptr;
};

// --- time-ordered listings: newest first, ListingKey order ----------------------------------
// Front page and category share the order; the category's index (migration 9) leads with
// status like articles_by_publication, so PostgreSQL walks the category's own range.

inline const ListingStatement kFrontFirstPage{
    .name = "front page, first page",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              " WHERE a.status = 'published' ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                " WHERE a.status = 'published' ORDER BY a.published_at DESC, a.id DESC LIMIT $1",
    .index = "articles_by_publication",
    .example = {{.number = 10}},
};

inline const ListingStatement kFrontAfterKey{
    .name = "front page, after a key",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              " WHERE a.status = 'published' AND (a.published_at, a.id) < (?, ?)"
              " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                " WHERE a.status = 'published' AND (a.published_at, a.id) < ($1, $2)"
                " ORDER BY a.published_at DESC, a.id DESC LIMIT $3",
    .index = "articles_by_publication",
    .example = {{.number = 1'712'000'000}, {.number = 10'000}, {.number = 10}},
};

inline const ListingStatement kCategoryFirstPage{
    .name = "category page, first page",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              " WHERE a.status = 'published' AND a.category_id = ?"
              " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                " WHERE a.status = 'published' AND a.category_id = $1"
                " ORDER BY a.published_at DESC, a.id DESC LIMIT $2",
    .index = "articles_by_category",
    .example = {{.number = 2}, {.number = 10}},
};

inline const ListingStatement kCategoryAfterKey{
    .name = "category page, after a key",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              " WHERE a.status = 'published' AND a.category_id = ?"
              " AND (a.published_at, a.id) < (?, ?)"
              " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                " WHERE a.status = 'published' AND a.category_id = $1"
                " AND (a.published_at, a.id) < ($2, $3)"
                " ORDER BY a.published_at DESC, a.id DESC LIMIT $4",
    .index = "articles_by_category",
    .example = {{.number = 2}, {.number = 1'712'000'000}, {.number = 10'000}, {.number = 10}},
};

// The OFFSET here walks index entries only (the key's two columns are in the index), which is
// what lets a reader jump to page 400 without reading 3,990 articles.
inline const ListingStatement kFrontKeyAt{
    .name = "front page, the key at a position",
    .shape = ListingShape::kPageKey,
    .sqlite =
        "SELECT a.published_at, a.id FROM articles a WHERE a.status = 'published'"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET ?",
    .postgres =
        "SELECT a.published_at, a.id FROM articles a WHERE a.status = 'published'"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET $1",
    .index = "articles_by_publication",
    .example = {{.number = 3990}},
};

inline const ListingStatement kCategoryKeyAt{
    .name = "category page, the key at a position",
    .shape = ListingShape::kPageKey,
    .sqlite =
        "SELECT a.published_at, a.id FROM articles a"
        " WHERE a.status = 'published' AND a.category_id = ?"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET ?",
    .postgres =
        "SELECT a.published_at, a.id FROM articles a"
        " WHERE a.status = 'published' AND a.category_id = $1"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET $2",
    .index = "articles_by_category",
    .example = {{.number = 2}, {.number = 3990}},
};

// --- issue 13: tag, author and period listings, and every listing's count ------------------
// One statement per kind for a page, continuing after a key; the first page passes a key
// after every article (kNoKeyYet). A tag's listing reads article_tags alone until it has a
// page: migration 10 copies each published article's published_at into its tag rows
// (listed_at, NULL while unpublished), kept by triggers, and indexes them per tag.

// The key a first page continues after: later than any article.
inline constexpr std::int64_t kNoKeyYet = 9'223'372'036'854'775'807;

#define BROADSHEET_TAG_ROWS \
  " FROM article_tags x JOIN articles a ON a.id = x.article_id" BROADSHEET_ARTICLE_DETAIL_JOINS

inline const ListingStatement kTagPage{
    .name = "tag page, after a key",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + BROADSHEET_TAG_ROWS +
              " WHERE x.tag_id = ? AND x.listed_at IS NOT NULL"
              " AND (x.listed_at, x.article_id) < (?, ?)"
              " ORDER BY x.listed_at DESC, x.article_id DESC LIMIT ?",
    .postgres = Sql("SELECT ") + kArticleColumns + BROADSHEET_TAG_ROWS +
                " WHERE x.tag_id = $1 AND x.listed_at IS NOT NULL"
                " AND (x.listed_at, x.article_id) < ($2, $3)"
                " ORDER BY x.listed_at DESC, x.article_id DESC LIMIT $4",
    .index = "article_tags_by_listing",
    .example = {{.number = 2}, {.number = 1'712'000'000}, {.number = 10'000}, {.number = 10}},
    .table = "article_tags x",
    .alias = "x",
    .sqlite_condition = "tag_id=?",
    .postgres_condition = "tag_id = ",
};

#undef BROADSHEET_TAG_ROWS

inline const ListingStatement kTagKeyAt{
    .name = "tag page, the key at a position",
    .shape = ListingShape::kPageKey,
    .sqlite =
        "SELECT x.listed_at, x.article_id FROM article_tags x"
        " WHERE x.tag_id = ? AND x.listed_at IS NOT NULL"
        " ORDER BY x.listed_at DESC, x.article_id DESC LIMIT 1 OFFSET ?",
    .postgres =
        "SELECT x.listed_at, x.article_id FROM article_tags x"
        " WHERE x.tag_id = $1 AND x.listed_at IS NOT NULL"
        " ORDER BY x.listed_at DESC, x.article_id DESC LIMIT 1 OFFSET $2",
    .index = "article_tags_by_listing",
    .example = {{.number = 2}, {.number = 1990}},
    .table = "article_tags x",
    .alias = "x",
    .sqlite_condition = "tag_id=?",
    .postgres_condition = "tag_id = ",
};

inline const ListingStatement kTagCount{
    .name = "tag page, the count",
    .shape = ListingShape::kCount,
    .sqlite = "SELECT count(*) FROM article_tags x WHERE x.tag_id = ? AND x.listed_at IS NOT NULL",
    .postgres =
        "SELECT count(*) FROM article_tags x WHERE x.tag_id = $1 AND x.listed_at IS NOT NULL",
    .index = "article_tags_by_listing",
    .example = {{.number = 2}},
    .table = "article_tags x",
    .alias = "x",
    .sqlite_condition = "tag_id=?",
    .postgres_condition = "tag_id = ",
};

inline const ListingStatement kAuthorPage{
    .name = "author page, after a key",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              " WHERE a.status = 'published' AND a.author_id = ?"
              " AND (a.published_at, a.id) < (?, ?)"
              " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                " WHERE a.status = 'published' AND a.author_id = $1"
                " AND (a.published_at, a.id) < ($2, $3)"
                " ORDER BY a.published_at DESC, a.id DESC LIMIT $4",
    .index = "articles_by_author_publication",
    .example = {{.number = 2}, {.number = 1'712'000'000}, {.number = 10'000}, {.number = 10}},
};

inline const ListingStatement kAuthorKeyAt{
    .name = "author page, the key at a position",
    .shape = ListingShape::kPageKey,
    .sqlite =
        "SELECT a.published_at, a.id FROM articles a"
        " WHERE a.status = 'published' AND a.author_id = ?"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET ?",
    .postgres =
        "SELECT a.published_at, a.id FROM articles a"
        " WHERE a.status = 'published' AND a.author_id = $1"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET $2",
    .index = "articles_by_author_publication",
    .example = {{.number = 2}, {.number = 1990}},
};

inline const ListingStatement kAuthorCount{
    .name = "author page, the count",
    .shape = ListingShape::kCount,
    .sqlite = "SELECT count(*) FROM articles a WHERE a.status = 'published' AND a.author_id = ?",
    .postgres = "SELECT count(*) FROM articles a WHERE a.status = 'published' AND a.author_id = $1",
    .index = "articles_by_author_publication",
    .example = {{.number = 2}},
};

// A period (an archive month) is a range of the front page's own index.
inline const ListingStatement kPeriodPage{
    .name = "archive month, after a key",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              " WHERE a.status = 'published' AND a.published_at >= ?"
              " AND (a.published_at, a.id) < (?, ?)"
              " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                " WHERE a.status = 'published' AND a.published_at >= $1"
                " AND (a.published_at, a.id) < ($2, $3)"
                " ORDER BY a.published_at DESC, a.id DESC LIMIT $4",
    .index = "articles_by_publication",
    .example = {{.number = 1'710'000'000},
                {.number = 1'712'000'000},
                {.number = 0},
                {.number = 10}},
};

inline const ListingStatement kPeriodKeyAt{
    .name = "archive month, the key at a position",
    .shape = ListingShape::kPageKey,
    .sqlite =
        "SELECT a.published_at, a.id FROM articles a"
        " WHERE a.status = 'published' AND a.published_at >= ? AND a.published_at < ?"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET ?",
    .postgres =
        "SELECT a.published_at, a.id FROM articles a"
        " WHERE a.status = 'published' AND a.published_at >= $1 AND a.published_at < $2"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1 OFFSET $3",
    .index = "articles_by_publication",
    .example = {{.number = 1'710'000'000}, {.number = 1'712'000'000}, {.number = 990}},
};

inline const ListingStatement kPeriodCount{
    .name = "archive month, the count",
    .shape = ListingShape::kCount,
    .sqlite =
        "SELECT count(*) FROM articles a WHERE a.status = 'published'"
        " AND a.published_at >= ? AND a.published_at < ?",
    .postgres =
        "SELECT count(*) FROM articles a WHERE a.status = 'published'"
        " AND a.published_at >= $1 AND a.published_at < $2",
    .index = "articles_by_publication",
    .example = {{.number = 1'710'000'000}, {.number = 1'712'000'000}},
};

inline const ListingStatement kFrontCount{
    .name = "front page, the count",
    .shape = ListingShape::kCount,
    .sqlite = "SELECT count(*) FROM articles a WHERE a.status = 'published'",
    .postgres = "SELECT count(*) FROM articles a WHERE a.status = 'published'",
    .index = "articles_by_publication",
};

inline const ListingStatement kCategoryCount{
    .name = "category page, the count",
    .shape = ListingShape::kCount,
    .sqlite = "SELECT count(*) FROM articles a WHERE a.status = 'published' AND a.category_id = ?",
    .postgres =
        "SELECT count(*) FROM articles a WHERE a.status = 'published' AND a.category_id = $1",
    .index = "articles_by_category",
    .example = {{.number = 2}},
};

// The article page's "previous" link: the category's index read the other way.
inline const ListingStatement kCategoryNewer{
    .name = "article page, the next newer in its category",
    .shape = ListingShape::kPage,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              " WHERE a.status = 'published' AND a.category_id = ?"
              " AND (a.published_at, a.id) > (?, ?)"
              " ORDER BY a.published_at, a.id LIMIT 1",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                " WHERE a.status = 'published' AND a.category_id = $1"
                " AND (a.published_at, a.id) > ($2, $3)"
                " ORDER BY a.published_at, a.id LIMIT 1",
    .index = "articles_by_category",
    .example = {{.number = 2}, {.number = 1'712'000'000}, {.number = 10'000}},
};

// The statements of one kind of listing, for ListingScope (store/listing_scope.h).
struct ScopeStatements {
  const ListingStatement* page;  // after a key (null for kAll and kCategory, which have theirs)
  const ListingStatement* key_at;
  const ListingStatement* count;
};

inline ScopeStatements StatementsFor(ListingScope::Kind kind) {
  switch (kind) {
    case ListingScope::Kind::kAll:
      return {nullptr, &kFrontKeyAt, &kFrontCount};
    case ListingScope::Kind::kCategory:
      return {nullptr, &kCategoryKeyAt, &kCategoryCount};
    case ListingScope::Kind::kTag:
      return {&kTagPage, &kTagKeyAt, &kTagCount};
    case ListingScope::Kind::kAuthor:
      return {&kAuthorPage, &kAuthorKeyAt, &kAuthorCount};
    case ListingScope::Kind::kPeriod:
      return {&kPeriodPage, &kPeriodKeyAt, &kPeriodCount};
  }
  return {nullptr, &kFrontKeyAt, &kFrontCount};
}

// What the scope's count and key lookups take before their own parameters: the period's
// bounds, else the id (none for kAll).
inline std::vector<std::int64_t> ScopeBounds(const ListingScope& scope) {
  if (scope.kind == ListingScope::Kind::kAll) return {};
  if (scope.kind == ListingScope::Kind::kPeriod) return {scope.from, scope.until};
  return {scope.id};
}

// The parameters of a scope's page statement: its filter, the key it continues after (for a
// first page kNoKeyYet, or a period's end), and the limit.
inline std::vector<std::int64_t> PageParameters(const ListingScope& scope,
                                                const std::optional<ListingKey>& after, int limit) {
  const bool period = scope.kind == ListingScope::Kind::kPeriod;
  ListingKey key = after.value_or(period ? ListingKey{scope.until, 0} : ListingKey{kNoKeyYet, 0});
  if (period && key.published_at >= scope.until) key = {scope.until, 0};
  return {period ? scope.from : scope.id, key.published_at, key.id, limit};
}

// --- statements that must rank ----------------------------------------------------------------

// The day index bounds the set; each article in it is looked up once, by primary key, for its
// status (a scalar subquery, never a join, so no plan reads the whole articles table).
inline const ListingStatement kMostRead{
    .name = "most read in a day range",
    .shape = ListingShape::kRanking,
    .sqlite =
        "SELECT d.article_id, sum(d.views) AS total FROM article_views_daily d"
        " WHERE d.day BETWEEN ? AND ? GROUP BY d.article_id"
        " HAVING total > 0"
        " AND (SELECT a.status FROM articles a WHERE a.id = d.article_id) = 'published'"
        " ORDER BY total DESC, d.article_id DESC LIMIT ?",
    .postgres =
        "SELECT d.article_id, sum(d.views)::bigint AS total FROM article_views_daily d"
        " WHERE d.day BETWEEN $1 AND $2 GROUP BY d.article_id"
        " HAVING sum(d.views) > 0"
        " AND (SELECT a.status FROM articles a WHERE a.id = d.article_id) = 'published'"
        " ORDER BY total DESC, d.article_id DESC LIMIT $3",
    .index = "article_views_daily_by_day",
    .example = {{.text = "2024-03-26"}, {.text = "2024-04-01"}, {.number = 5}},
};

// score = (prior_votes * site_mean + sum) / (prior_votes + count), over rated articles only:
// the partial index articles_by_rating (migration 9) holds just those, with every column read.
inline const ListingStatement kBestRated{
    .name = "best rated",
    .shape = ListingShape::kRanking,
    .sqlite =
        "WITH site AS (SELECT CAST(sum(rating_sum) AS REAL) / sum(rating_count) AS mean"
        "  FROM articles WHERE status = 'published' AND rating_count > 0)"
        " SELECT a.id, a.rating_sum, a.rating_count, a.rating_revision FROM articles a, site"
        " WHERE a.status = 'published' AND a.rating_count > 0"
        " ORDER BY (?1 * site.mean + a.rating_sum) / (?1 + a.rating_count) DESC,"
        "  a.rating_count DESC, a.id LIMIT ?2",
    .postgres =
        "WITH site AS (SELECT sum(rating_sum)::float8 / sum(rating_count) AS mean"
        "  FROM articles WHERE status = 'published' AND rating_count > 0)"
        " SELECT a.id, a.rating_sum, a.rating_count, a.rating_revision"
        " FROM articles a, site WHERE a.status = 'published' AND a.rating_count > 0"
        " ORDER BY ($1::float8 * site.mean + a.rating_sum) / ($1::float8 + a.rating_count)"
        " DESC, a.rating_count DESC, a.id LIMIT $2",
    .index = "articles_by_rating",
    .example = {{.number = 10}, {.number = 5}},
};

// The back office's article list: every filter is off when its parameter is empty or 0, so
// one statement serves every combination, newest change first. LIKE's wildcards in the title
// search are escaped by the caller (like_pattern.h).
#define BROADSHEET_DESK_FILTER_SQLITE                                                    \
  " WHERE ((?1 = '' AND a.status <> 'trashed') OR a.status = ?1)"                        \
  " AND (?2 = 0 OR a.category_id = ?2) AND (?3 = 0 OR a.author_id = ?3)"                 \
  " AND (?4 = '' OR EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id" \
  " WHERE x.article_id = a.id AND t.slug = ?4))"                                         \
  " AND (?5 = '' OR a.title LIKE ?5 ESCAPE '\\')"
#define BROADSHEET_DESK_FILTER_POSTGRES                                                  \
  " WHERE (($1 = '' AND a.status <> 'trashed') OR a.status = $1)"                        \
  " AND ($2::bigint = 0 OR a.category_id = $2::bigint)"                                  \
  " AND ($3::bigint = 0 OR a.author_id = $3::bigint)"                                    \
  " AND ($4 = '' OR EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id" \
  " WHERE x.article_id = a.id AND t.slug = $4))"                                         \
  " AND ($5 = '' OR a.title ILIKE $5 ESCAPE '\\')"

inline const ListingStatement kDeskArticleList{
    .name = "back office: article list and title search",
    .shape = ListingShape::kRanking,
    .sqlite = Sql("SELECT ") + kArticleColumns + kArticleJoins +
              BROADSHEET_DESK_FILTER_SQLITE
              " ORDER BY a.updated_at DESC, a.id DESC LIMIT ?6 OFFSET ?7",
    .postgres = Sql("SELECT ") + kArticleColumns + kArticleJoins +
                BROADSHEET_DESK_FILTER_POSTGRES
                " ORDER BY a.updated_at DESC, a.id DESC LIMIT $6 OFFSET $7",
    .example = {{.text = ""},
                {.number = 0},
                {.number = 0},
                {.text = ""},
                {.text = "%harbour%"},
                {.number = 20},
                {.number = 0}},
    .unbounded_because =
        "every filter is optional and the title search matches anywhere in "
        "the title, so no index bounds the matches: SQLite walks "
        "articles_by_change newest first until a page of them is found, "
        "PostgreSQL may read every article and sort what matched; a rare "
        "match reads every article either way",
};

inline const ListingStatement kDeskArticleCount{
    .name = "back office: article count",
    .shape = ListingShape::kRanking,
    .sqlite = "SELECT count(*) FROM articles a" BROADSHEET_DESK_FILTER_SQLITE,
    .postgres = "SELECT count(*) FROM articles a" BROADSHEET_DESK_FILTER_POSTGRES,
    .example = {{.text = ""}, {.number = 0}, {.number = 0}, {.text = ""}, {.text = "%harbour%"}},
    .unbounded_because = "it counts every article the filters let through",
};

#undef BROADSHEET_DESK_FILTER_SQLITE
#undef BROADSHEET_DESK_FILTER_POSTGRES

// Site search (issue 13). The index holds published articles only, so a search reads no
// article row: the count is the index's, and a page names article ids. Only the newest
// kRankedMatches matches are scored (title matches weigh most) and ordered by score, the rest
// follow newest first: scoring every match cost 250 ms for a word in each of 100,000
// articles. The examples (one title's number) match one article of the test's 20,000.
inline constexpr int kRankedMatches = 1000;
// Matches are counted up to this many ("More than 1,000 results"): counting all 100,000
// matches of a common word cost more than ranking and rendering the page.
inline constexpr int kCountedMatches = 1000;

inline const ListingStatement kSearchCount{
    .name = "site search, the count of matches up to a cap",
    .shape = ListingShape::kRanking,
    .sqlite =
        "SELECT count(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ?1"
        " LIMIT ?2)",
    .postgres =
        "SELECT count(*) FROM (SELECT 1 FROM article_search s"
        " WHERE s.document @@ to_tsquery('simple', $1) LIMIT $2) matches",
    .index = "article_search_by_document",
    .example = {{.text = "9999"}, {.number = kCountedMatches + 1}},
    .sqlite_plan = "SCAN article_search VIRTUAL TABLE INDEX",
};

inline const ListingStatement kSearchRanked{
    .name = "site search, the newest matches ranked",
    .shape = ListingShape::kRanking,
    .sqlite =
        "SELECT id FROM (SELECT rowid AS id, search_rank(article_search, 20.0, 5.0, 1.0, 5.0, 3.0)"
        " AS score FROM article_search WHERE article_search MATCH ?1 ORDER BY rowid DESC"
        " LIMIT ?2) ORDER BY score, id DESC LIMIT ?3 OFFSET ?4",
    .postgres =
        "SELECT newest.article_id FROM (SELECT s.article_id, s.document FROM article_search s"
        " WHERE s.document @@ to_tsquery('simple', $1) ORDER BY s.article_id DESC LIMIT $2)"
        " newest ORDER BY ts_rank(newest.document, to_tsquery('simple', $1)) DESC,"
        " newest.article_id DESC LIMIT $3 OFFSET $4",
    .index = "article_search_by_document",
    .example = {{.text = "9999"}, {.number = kRankedMatches}, {.number = 10}, {.number = 0}},
    .sqlite_plan = "SCAN article_search VIRTUAL TABLE INDEX",
};

inline const ListingStatement kSearchNewest{
    .name = "site search, matches past the ranked ones, newest first",
    .shape = ListingShape::kRanking,
    .sqlite =
        "SELECT rowid FROM article_search WHERE article_search MATCH ?1"
        " ORDER BY rowid DESC LIMIT ?2 OFFSET ?3",
    .postgres =
        "SELECT s.article_id FROM article_search s"
        " WHERE s.document @@ to_tsquery('simple', $1) ORDER BY s.article_id DESC"
        " LIMIT $2 OFFSET $3",
    .index = "article_search_by_document",
    .example = {{.text = "9999"}, {.number = 10}, {.number = 1000}},
    .sqlite_plan = "SCAN article_search VIRTUAL TABLE INDEX",
};

// The results' count from kSearchCount's (which counts one past the cap to tell).
inline SearchResults CappedSearchCount(std::int64_t counted) {
  SearchResults results;
  results.more_than_total = counted > kCountedMatches;
  results.total = std::min<std::int64_t>(counted, kCountedMatches);
  return results;
}

// Which part of a search page comes from which statement: positions [0, kRankedMatches) are
// the ranked newest matches, later positions the remaining matches newest first.
struct SearchSlices {
  int ranked_limit = 0;  // kSearchRanked's LIMIT (0: not needed) at OFFSET `offset`
  int newest_limit = 0;  // kSearchNewest's LIMIT (0: not needed) at OFFSET newest_offset
  int newest_offset = 0;
};
inline SearchSlices SliceSearchPage(int offset, int limit) {
  SearchSlices slices;
  if (offset < kRankedMatches)
    slices.ranked_limit = std::min(offset + limit, kRankedMatches) - offset;
  if (offset + limit > kRankedMatches) {
    slices.newest_offset = std::max(offset, kRankedMatches);
    slices.newest_limit = offset + limit - slices.newest_offset;
  }
  return slices;
}

// A node's poll of views and rating totals: only the articles whose numbers changed since its
// cursor (a counter on SQLite, a transaction id on PostgreSQL; migration 8). Nothing is read
// when nothing changed.
inline const ListingStatement kCountsChangedSince{
    .name = "views and ratings changed since the last poll",
    .shape = ListingShape::kRanking,
    .sqlite =
        "SELECT id, views, rating_sum, rating_count, rating_revision FROM articles"
        " WHERE counts_seq > ?",
    .postgres =
        "SELECT id, views, rating_sum, rating_count, rating_revision FROM articles"
        " WHERE counts_xid >= $1::text::xid8",
    .index = "articles_by_counts_change",
    .example = {{.text = "1000"}},
};

// What the plan test walks. The time-ordered ones (kPage, kPageKey) first.
inline const std::vector<const ListingStatement*>& TimeOrderedListings() {
  static const std::vector<const ListingStatement*> statements = {
      &kFrontFirstPage, &kFrontAfterKey, &kCategoryFirstPage, &kCategoryAfterKey, &kFrontKeyAt,
      &kCategoryKeyAt,  &kTagPage,       &kTagKeyAt,          &kTagCount,         &kAuthorPage,
      &kAuthorKeyAt,    &kAuthorCount,   &kPeriodPage,        &kPeriodKeyAt,      &kPeriodCount,
      &kFrontCount,     &kCategoryCount, &kCategoryNewer};
  return statements;
}

inline const std::vector<const ListingStatement*>& RankingStatements() {
  static const std::vector<const ListingStatement*> statements = {
      &kMostRead,           &kBestRated,   &kDeskArticleList, &kDeskArticleCount,
      &kCountsChangedSince, &kSearchCount, &kSearchRanked,    &kSearchNewest};
  return statements;
}

}  // namespace broadsheet::store
