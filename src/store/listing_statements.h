// Every statement that lists articles for readers or ranks them, with its SQLite and its
// PostgreSQL text, in one place (issue 12: queries that do not grow with the site). Both stores
// prepare these objects, never a copy of their text, and tests/unit/store/listing_plan_test.cpp
// takes every one from TimeOrderedListings() and RankingStatements() and checks its plan on
// both databases. A new listing (tags, authors, archive months, feeds, the API) is added here,
// to its group, and is checked with the rest. Immutable after start: thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "store/article_columns.h"
#include "store/sql.h"

namespace broadsheet::store {

// What a statement's plan must look like (the plan test checks each kind on both stores).
enum class ListingShape {
  // Rows in listing order: an index gives both the start and the order; nothing is sorted.
  kPage,
  // Where a deep page starts: a walk of an index alone (no article rows, no bodies).
  kPageKey,
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
      &kFrontFirstPage,   &kFrontAfterKey, &kCategoryFirstPage,
      &kCategoryAfterKey, &kFrontKeyAt,    &kCategoryKeyAt};
  return statements;
}

inline const std::vector<const ListingStatement*>& RankingStatements() {
  static const std::vector<const ListingStatement*> statements = {
      &kMostRead, &kBestRated, &kDeskArticleList, &kDeskArticleCount, &kCountsChangedSince};
  return statements;
}

}  // namespace broadsheet::store
