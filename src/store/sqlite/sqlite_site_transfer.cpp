// SqliteStore::ExportSite and ImportSite: the whole site in and out, for `broadsheet export`
// and `import`.
#include "store/comment_columns.h"
#include "store/site_export.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {

SiteExport SqliteStore::ExportSite() {
  // One read transaction: a consistent picture even while a server keeps counting.
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  SiteExport site;
  auto& authors = writer_->Prepare("SELECT id, name FROM authors ORDER BY id");
  authors.Reset();
  while (authors.Step()) site.authors.push_back({authors.Int(0), authors.Text(1)});
  auto& categories = writer_->Prepare("SELECT id, slug, name FROM categories ORDER BY id");
  categories.Reset();
  while (categories.Step()) {
    site.categories.push_back({categories.Int(0), categories.Text(1), categories.Text(2)});
  }
  auto& articles =
      writer_->Prepare(Sql("SELECT ") + kArticleColumnsWithBody + kArticleJoins + " ORDER BY a.id");
  articles.Reset();
  while (articles.Step()) site.articles.push_back(ReadArticleWithBody(articles));
  auto& daily = writer_->Prepare(
      "SELECT article_id, day, views FROM article_views_daily ORDER BY article_id, day");
  daily.Reset();
  while (daily.Step()) site.daily_views.push_back({daily.Int(0), daily.Text(1), daily.Int(2)});
  auto& votes = writer_->Prepare(
      "SELECT article_id, reader_id, stars, voted_at FROM votes ORDER BY article_id, reader_id");
  votes.Reset();
  while (votes.Step()) {
    site.votes.push_back(
        {votes.Int(0), votes.Text(1), static_cast<int>(votes.Int(2)), votes.Int(3)});
  }
  auto& comments =
      writer_->Prepare(Sql("SELECT ") + kCommentColumns + " FROM comments ORDER BY id");
  comments.Reset();
  while (comments.Step()) site.comments.push_back(ReadComment(comments));
  auto& settings = writer_->Prepare("SELECT key, value FROM site_settings ORDER BY key");
  settings.Reset();
  while (settings.Step()) site.settings.emplace_back(settings.Text(0), settings.Text(1));
  transaction.Commit();
  return site;
}

void SqliteStore::ImportSite(const SiteExport& site, bool replace) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  if (replace) {
    writer_->Exec(
        "DELETE FROM site_settings; DELETE FROM used_nonces; DELETE FROM comments;"
        " DELETE FROM votes; DELETE FROM article_views_daily; DELETE FROM articles; DELETE FROM categories;"
        " DELETE FROM authors;");
  }
  auto& author = writer_->Prepare("INSERT INTO authors(id, name) VALUES (?, ?)");
  for (const Author& a : site.authors) author.Bind(a.id, a.name).Run();
  auto& category = writer_->Prepare("INSERT INTO categories(id, slug, name) VALUES (?, ?, ?)");
  for (const Category& c : site.categories) category.Bind(c.id, c.slug, c.name).Run();
  auto& article = writer_->Prepare(
      "INSERT INTO articles(id, slug, title, summary, body_markdown, body_html, author_id,"
      " category_id, status, published_at, updated_at, views, crawler_hits)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const ArticleRow& a : site.articles) {
    article
        .Bind(a.id, a.slug, a.title, a.summary, a.body_markdown, a.body_html, a.author.id,
              a.category.id, std::string(news::ToString(a.status)), a.published_at, a.updated_at,
              a.views, a.crawler_hits)
        .Run();
  }
  auto& daily =
      writer_->Prepare("INSERT INTO article_views_daily(article_id, day, views) VALUES (?, ?, ?)");
  for (const DailyViewRow& d : site.daily_views) daily.Bind(d.article_id, d.day, d.views).Run();
  auto& vote = writer_->Prepare(
      "INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES (?, ?, ?, ?)");
  for (const VoteRow& v : site.votes) vote.Bind(v.article_id, v.reader_id, v.stars, v.voted_at).Run();
  // The running totals follow from the votes, so they cannot disagree with them.
  writer_->Exec(
      "UPDATE articles SET rating_sum = coalesce((SELECT sum(stars) FROM votes"
      "  WHERE votes.article_id = articles.id), 0),"
      " rating_count = (SELECT count(*) FROM votes WHERE votes.article_id = articles.id),"
      " rating_revision = (SELECT count(*) FROM votes WHERE votes.article_id = articles.id)");
  auto& comment = writer_->Prepare(
      "INSERT INTO comments(id, article_id, reader_id, name, email, url, body, status,"
      " hold_reason, created_at, reports, approved_by_editor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const CommentRow& c : site.comments) {
    comment
        .Bind(c.id, c.article_id, c.reader_id, c.name, c.email, c.url, c.body,
              std::string(news::ToString(c.status)), c.hold_reason, c.created_at, c.reports,
              c.approved_by_editor ? 1 : 0)
        .Run();
  }
  auto& setting = writer_->Prepare("INSERT INTO site_settings(key, value) VALUES (?, ?)");
  for (const auto& [key, value] : site.settings) setting.Bind(key, value).Run();
  transaction.Commit();
}

}  // namespace broadsheet::store::sqlite
