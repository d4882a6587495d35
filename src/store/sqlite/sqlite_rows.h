// The article row as both SqliteStore files read it: one column list, one mapping.
#pragma once

#include <vector>

#include "store/sqlite/sqlite_connection.h"
#include "store/article_columns.h"
#include "store/store.h"

namespace broadsheet::store::sqlite {

// Reads the current row of a statement that selected kArticleColumns.
inline ArticleRow ReadArticle(const SqliteStatement& row) {
  ArticleRow article;
  article.id = row.Int(0);
  article.slug = row.Text(1);
  article.title = row.Text(2);
  article.summary = row.Text(3);
  article.status = row.Text(4) == "published" ? news::ArticleStatus::kPublished
                                              : news::ArticleStatus::kDraft;
  article.published_at = row.Int(5);
  article.updated_at = row.Int(6);
  article.views = row.Int(7);
  article.crawler_hits = row.Int(8);
  article.author = {row.Int(9), row.Text(10)};
  article.category = {row.Int(11), row.Text(12), row.Text(13)};
  return article;
}

// The same for kArticleColumnsWithBody.
inline ArticleRow ReadArticleWithBody(const SqliteStatement& row) {
  ArticleRow article = ReadArticle(row);
  article.body_markdown = row.Text(14);
  article.body_html = row.Text(15);
  return article;
}

inline std::vector<ArticleRow> ReadArticles(SqliteStatement& statement) {
  std::vector<ArticleRow> articles;
  while (statement.Step()) articles.push_back(ReadArticle(statement));
  return articles;
}

}  // namespace broadsheet::store::sqlite
