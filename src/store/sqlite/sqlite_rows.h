// The article and comment rows as the SqliteStore files read them: one column list, one
// mapping each.
#pragma once

#include <vector>

#include "store/article_columns.h"
#include "store/media_widths.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace broadsheet::store::sqlite {

// Reads the current row of a statement that selected kArticleColumns.
inline ArticleRow ReadArticle(const SqliteStatement& row) {
  ArticleRow article;
  article.id = row.Int(0);
  article.slug = row.Text(1);
  article.title = row.Text(2);
  article.summary = row.Text(3);
  article.status =
      news::ParseStoredArticleStatus(row.Text(4)).value_or(news::ArticleStatus::kDraft);
  article.published_at = row.Int(5);
  article.updated_at = row.Int(6);
  article.views = row.Int(7);
  article.crawler_hits = row.Int(8);
  article.author = {row.Int(9), row.Text(10), row.Text(17), {}};
  article.category = {row.Int(11), row.Text(12), row.Text(13)};
  article.comment_count = row.Int(14);
  article.version = row.Int(15);
  article.trashed_at = row.Int(16);
  article.trashed_from =
      news::ParseArticleStatus(row.Text(18)).value_or(news::ArticleStatus::kDraft);
  article.comment_mode = news::ParseCommentMode(row.Text(19)).value_or(news::CommentMode::kSite);
  article.featured.media_id = row.Int(20);
  article.featured.alt = row.Text(21);
  article.featured.hash = row.Text(22);
  article.featured.width = static_cast<int>(row.Int(23));
  article.featured.height = static_cast<int>(row.Int(24));
  article.featured.widths = SplitWidths(row.Text(25));
  return article;
}

// The same for kArticleColumnsWithBody.
inline ArticleRow ReadArticleWithBody(const SqliteStatement& row) {
  ArticleRow article = ReadArticle(row);
  article.body_markdown = row.Text(kArticleBodyColumn);
  article.body_html = row.Text(kArticleBodyColumn + 1);
  return article;
}

inline std::vector<ArticleRow> ReadArticles(SqliteStatement& statement) {
  std::vector<ArticleRow> articles;
  while (statement.Step()) articles.push_back(ReadArticle(statement));
  return articles;
}

// Reads the current row of a statement that selected kCommentColumns.
inline CommentRow ReadComment(const SqliteStatement& row) {
  CommentRow comment;
  comment.id = row.Int(0);
  comment.article_id = row.Int(1);
  comment.reader_id = row.Text(2);
  comment.name = row.Text(3);
  comment.email = row.Text(4);
  comment.url = row.Text(5);
  comment.body = row.Text(6);
  comment.status = news::ParseCommentStatus(row.Text(7)).value_or(news::CommentStatus::kPending);
  comment.hold_reason = row.Text(8);
  comment.created_at = row.Int(9);
  comment.reports = row.Int(10);
  comment.approved_by_editor = row.Int(11) != 0;
  comment.parent_id = row.Int(12);
  return comment;
}

inline std::vector<CommentRow> ReadComments(SqliteStatement& statement) {
  std::vector<CommentRow> comments;
  while (statement.Step()) comments.push_back(ReadComment(statement));
  return comments;
}

// A picture's row with its uploader's e-mail (the newsroom's pages and the export).
inline constexpr const char* kMediaColumns =
    "SELECT m.id, m.hash, m.width, m.height, m.widths, m.bytes, m.alt, m.original_name,"
    " coalesce(m.uploaded_by, 0), coalesce(u.email, ''), m.uploaded_at"
    " FROM media m LEFT JOIN users u ON u.id = m.uploaded_by";

inline MediaRow ReadMedia(const SqliteStatement& row) {
  MediaRow media;
  media.id = row.Int(0);
  media.hash = row.Text(1);
  media.width = static_cast<int>(row.Int(2));
  media.height = static_cast<int>(row.Int(3));
  media.widths = SplitWidths(row.Text(4));
  media.bytes = row.Int(5);
  media.alt = row.Text(6);
  media.original_name = row.Text(7);
  media.uploaded_by = row.Int(8);
  media.uploader_email = row.Text(9);
  media.uploaded_at = row.Int(10);
  return media;
}

}  // namespace broadsheet::store::sqlite
