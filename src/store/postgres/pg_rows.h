// The article row as every PgStore file reads it: one column list, one mapping.
#pragma once

#include <vector>

#include "store/article_columns.h"
#include "store/media_widths.h"
#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace broadsheet::store::postgres {

// Reads row `row` of a result that selected kArticleColumns.
inline ArticleRow ReadArticle(const PgResult& result, int row) {
  ArticleRow article;
  article.id = result.Int(row, 0);
  article.slug = result.Text(row, 1);
  article.title = result.Text(row, 2);
  article.summary = result.Text(row, 3);
  article.status =
      news::ParseStoredArticleStatus(result.Text(row, 4)).value_or(news::ArticleStatus::kDraft);
  article.published_at = result.Int(row, 5);
  article.updated_at = result.Int(row, 6);
  article.views = result.Int(row, 7);
  article.crawler_hits = result.Int(row, 8);
  article.author = {result.Int(row, 9), result.Text(row, 10), result.Text(row, 17), {}};
  article.category = {result.Int(row, 11), result.Text(row, 12), result.Text(row, 13)};
  article.comment_count = result.Int(row, 14);
  article.version = result.Int(row, 15);
  article.trashed_at = result.Int(row, 16);
  article.trashed_from =
      news::ParseArticleStatus(result.Text(row, 18)).value_or(news::ArticleStatus::kDraft);
  article.comment_mode =
      news::ParseCommentMode(result.Text(row, 19)).value_or(news::CommentMode::kSite);
  article.featured.media_id = result.Int(row, 20);
  article.featured.alt = result.Text(row, 21);
  article.featured.hash = result.Text(row, 22);
  article.featured.width = static_cast<int>(result.Int(row, 23));
  article.featured.height = static_cast<int>(result.Int(row, 24));
  article.featured.widths = SplitWidths(result.Text(row, 25));
  return article;
}

// The same for kArticleColumnsWithBody.
inline ArticleRow ReadArticleWithBody(const PgResult& result, int row) {
  ArticleRow article = ReadArticle(result, row);
  article.body_markdown = result.Text(row, kArticleBodyColumn);
  article.body_html = result.Text(row, kArticleBodyColumn + 1);
  return article;
}

inline std::vector<ArticleRow> ReadArticles(const PgResult& result) {
  std::vector<ArticleRow> articles;
  for (int row = 0; row < result.rows(); ++row) articles.push_back(ReadArticle(result, row));
  return articles;
}

// The rows of a result that selected kCommentColumns.
inline std::vector<CommentRow> ReadComments(const PgResult& result) {
  std::vector<CommentRow> comments;
  for (int r = 0; r < result.rows(); ++r) {
    CommentRow c;
    c.id = result.Int(r, 0);
    c.article_id = result.Int(r, 1);
    c.reader_id = result.Text(r, 2);
    c.name = result.Text(r, 3);
    c.email = result.Text(r, 4);
    c.url = result.Text(r, 5);
    c.body = result.Text(r, 6);
    c.status = news::ParseCommentStatus(result.Text(r, 7)).value_or(news::CommentStatus::kPending);
    c.hold_reason = result.Text(r, 8);
    c.created_at = result.Int(r, 9);
    c.reports = result.Int(r, 10);
    c.approved_by_editor = result.Int(r, 11) != 0;
    c.parent_id = result.Int(r, 12);
    comments.push_back(std::move(c));
  }
  return comments;
}

// A picture's row with its uploader's e-mail (the newsroom's pages and the export).
inline constexpr const char* kMediaColumns =
    "SELECT m.id, m.hash, m.width, m.height, m.widths, m.bytes, m.alt, m.original_name,"
    " coalesce(m.uploaded_by, 0), coalesce(u.email, ''), m.uploaded_at"
    " FROM media m LEFT JOIN users u ON u.id = m.uploaded_by";

inline MediaRow ReadMedia(const PgResult& result, int row) {
  MediaRow media;
  media.id = result.Int(row, 0);
  media.hash = result.Text(row, 1);
  media.width = static_cast<int>(result.Int(row, 2));
  media.height = static_cast<int>(result.Int(row, 3));
  media.widths = SplitWidths(result.Text(row, 4));
  media.bytes = result.Int(row, 5);
  media.alt = result.Text(row, 6);
  media.original_name = result.Text(row, 7);
  media.uploaded_by = result.Int(row, 8);
  media.uploader_email = result.Text(row, 9);
  media.uploaded_at = result.Int(row, 10);
  return media;
}

}  // namespace broadsheet::store::postgres
