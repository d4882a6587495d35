// The SQL that selects an article row with its author and category. Both stores use it as is
// (the statement is the same in SQLite and PostgreSQL); each maps the columns in its own
// rows header (sqlite/sqlite_rows.h, postgres/pg_rows.h) in this order.
#pragma once

// A macro only so the list can be joined with more columns at compile time.
#define BROADSHEET_ARTICLE_COLUMNS                                                             \
  "a.id, a.slug, a.title, a.summary, a.status, a.published_at, a.updated_at, a.views, "        \
  "a.crawler_hits, au.id, au.name, c.id, c.slug, c.name, "                                     \
  "(SELECT count(*) FROM comments cm WHERE cm.article_id = a.id AND cm.status = 'approved'), " \
  "a.version, a.trashed_at, au.slug, a.trashed_from, a.comment_mode, "                         \
  "coalesce(a.featured_media_id, 0), a.featured_alt, coalesce(m.hash, ''), "                   \
  "coalesce(m.width, 0), coalesce(m.height, 0), coalesce(m.widths, '')"

namespace broadsheet::store {

inline constexpr int kArticleBodyColumn = 26;  // body_markdown; body_html follows

inline constexpr const char* kArticleColumns = BROADSHEET_ARTICLE_COLUMNS;
// The same followed by the bodies (columns 26 and 27).
inline constexpr const char* kArticleColumnsWithBody =
    BROADSHEET_ARTICLE_COLUMNS ", a.body_markdown, a.body_html";
// The tables joined to articles (alias a) for those columns; a listing that starts from
// another table (a tag's, issue 13) joins articles first, then these.
#define BROADSHEET_ARTICLE_DETAIL_JOINS        \
  " JOIN authors au ON au.id = a.author_id"    \
  " JOIN categories c ON c.id = a.category_id" \
  " LEFT JOIN media m ON m.id = a.featured_media_id"
inline constexpr const char* kArticleJoins = " FROM articles a" BROADSHEET_ARTICLE_DETAIL_JOINS;

}  // namespace broadsheet::store
