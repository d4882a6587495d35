// SqliteStore::StreamSite and BeginSiteImport: the whole site out and in, a record at a time,
// for `broadsheet export` and `import` (store/site_export.h).
#include "store/comment_columns.h"
#include "store/media_widths.h"
#include "store/site_export.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {

void SqliteStore::StreamSite(SiteSink& sink) {
  // One read transaction on a reader: a consistent picture while the writer keeps counting.
  auto reader = Reader();
  SqliteTransaction transaction(*reader);
  auto& authors = reader->Prepare("SELECT id, name, slug, bio FROM authors ORDER BY id");
  authors.Bind();
  while (authors.Step()) {
    sink.AddAuthor({authors.Int(0), authors.Text(1), authors.Text(2), authors.Text(3)});
  }
  auto& users = reader->Prepare(
      "SELECT id, email, password_hash, role, disabled, author_id, created_at FROM users"
      " ORDER BY id");
  users.Bind();
  while (users.Step()) {
    UserRow user;
    user.id = users.Int(0);
    user.email = users.Text(1);
    user.password_hash = users.Text(2);
    user.role = news::ParseRole(users.Text(3)).value_or(news::Role::kContributor);
    user.disabled = users.Int(4) != 0;
    user.author.id = users.Int(5);
    user.created_at = users.Int(6);
    sink.AddUser(user);
  }
  auto& categories = reader->Prepare("SELECT id, slug, name FROM categories ORDER BY id");
  categories.Bind();
  while (categories.Step()) {
    sink.AddCategory({categories.Int(0), categories.Text(1), categories.Text(2)});
  }
  auto& media = reader->Prepare(Sql(kMediaColumns) + " ORDER BY m.id");
  media.Bind();
  while (media.Step()) sink.AddMedia(ReadMedia(media));
  auto& articles =
      reader->Prepare(Sql("SELECT ") + kArticleColumnsWithBody + kArticleJoins + " ORDER BY a.id");
  // Each article's tags by its primary key, while the article statement stays open.
  auto& tags = reader->Prepare(
      "SELECT t.id, t.slug, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
      " WHERE x.article_id = ? ORDER BY x.position");
  articles.Bind();
  while (articles.Step()) {
    ArticleRow article = ReadArticleWithBody(articles);
    tags.Bind(article.id);
    while (tags.Step()) article.tags.push_back({tags.Int(0), tags.Text(1), tags.Text(2)});
    tags.Reset();
    sink.AddArticle(article);
  }
  auto& daily = reader->Prepare(
      "SELECT article_id, day, views FROM article_views_daily ORDER BY article_id, day");
  daily.Bind();
  while (daily.Step()) sink.AddDailyViews({daily.Int(0), daily.Text(1), daily.Int(2)});
  auto& votes = reader->Prepare(
      "SELECT article_id, reader_id, stars, voted_at FROM votes ORDER BY article_id, reader_id");
  votes.Bind();
  while (votes.Step()) {
    sink.AddVote({votes.Int(0), votes.Text(1), static_cast<int>(votes.Int(2)), votes.Int(3)});
  }
  auto& comments = reader->Prepare(Sql("SELECT ") + kCommentColumns + " FROM comments ORDER BY id");
  comments.Bind();
  while (comments.Step()) sink.AddComment(ReadComment(comments));
  auto& settings = reader->Prepare("SELECT key, value FROM site_settings ORDER BY key");
  settings.Bind();
  while (settings.Step()) sink.AddSetting(settings.Text(0), settings.Text(1));
  auto& links = reader->Prepare(
      "SELECT system, kind, source, old_id, old_slug, new_id FROM import_links"
      " ORDER BY system, source, kind, old_id");
  links.Bind();
  while (links.Step()) {
    sink.AddOldLink({ParseOldSystem(links.Text(0)).value_or(OldSystem::kWordPress),
                     ParseOldKind(links.Text(1)).value_or(OldKind::kArticle), links.Text(2),
                     links.Text(3), links.Text(4), links.Int(5)});
  }
  auto& bases = reader->Prepare(
      "SELECT article_id, sum, count FROM article_rating_bases ORDER BY article_id");
  bases.Bind();
  while (bases.Step()) sink.AddRatingBase({bases.Int(0), bases.Int(1), bases.Int(2)});
  auto& redirects =
      reader->Prepare("SELECT old_path, target, created_at FROM redirects ORDER BY old_path");
  redirects.Bind();
  while (redirects.Step()) {
    sink.AddRedirect({redirects.Text(0), redirects.Text(1), redirects.Int(2)});
  }
  auto& audit = reader->Prepare(
      "SELECT id, at, coalesce(user_id, 0), user_email, action, object, detail,"
      " coalesce(address_key, '') FROM audit_log ORDER BY id");
  audit.Bind();
  while (audit.Step()) {
    sink.AddAuditEntry({audit.Int(0), audit.Int(1), audit.Int(2), audit.Text(3), audit.Text(4),
                        audit.Text(5), audit.Text(6), audit.Text(7)});
  }
  transaction.Commit();
}

// Holds the writer and one transaction from BeginSiteImport to Commit.
class SqliteSiteImport final : public SiteImport {
 public:
  SqliteSiteImport(SqliteStore& store, bool replace)
      : store_(store), lock_(store.writer_mutex_), writer_(*store.writer_), transaction_(writer_) {
    if (replace) {
      writer_.Exec(
          "DELETE FROM site_settings; DELETE FROM used_nonces; DELETE FROM comments;"
          " DELETE FROM votes; DELETE FROM article_views_daily; DELETE FROM article_tags;"
          " DELETE FROM tags; DELETE FROM article_revisions; DELETE FROM articles;"
          " DELETE FROM media; DELETE FROM audit_log; DELETE FROM categories;"
          " DELETE FROM signins; DELETE FROM users; DELETE FROM authors;"
          " DELETE FROM import_links; DELETE FROM redirects; DELETE FROM article_rating_bases;");
    }
  }

  void AddAuthor(const Author& a) override {
    // Profiles with a slug first, so one made up for an older document's profile never takes
    // a slug a later one brings: those wait for the end of the authors.
    if (a.slug.empty()) {
      unslugged_authors_.push_back(a);
      return;
    }
    InsertAuthor(a);
  }
  void AddUser(const UserRow& u) override {
    AuthorsDone();
    writer_
        .Prepare(
            "INSERT INTO users(id, email, password_hash, role, disabled, author_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .Bind(u.id, u.email, u.password_hash, std::string(news::ToString(u.role)),
              u.disabled ? 1 : 0, u.author.id, u.created_at)
        .Run();
  }
  void AddCategory(const Category& c) override {
    AuthorsDone();
    writer_.Prepare("INSERT INTO categories(id, slug, name) VALUES (?, ?, ?)")
        .Bind(c.id, c.slug, c.name)
        .Run();
  }
  void AddMedia(const MediaRow& m) override {
    AuthorsDone();
    writer_
        .Prepare(
            "INSERT INTO media(id, hash, width, height, widths, bytes, alt, original_name,"
            " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)")
        .Bind(m.id, m.hash, m.width, m.height, JoinWidths(m.widths), m.bytes, m.alt,
              m.original_name, m.uploaded_by, m.uploaded_at)
        .Run();
  }
  void AddArticle(const ArticleRow& a) override {
    AuthorsDone();
    writer_
        .Prepare(
            "INSERT INTO articles(id, slug, title, summary, body_markdown, body_html, author_id,"
            " category_id, status, published_at, updated_at, views, crawler_hits, trashed_at,"
            " trashed_from, comment_mode, featured_media_id, featured_alt)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,nullif(?, 0),?)")
        .Bind(a.id, a.slug, a.title, a.summary, a.body_markdown, a.body_html, a.author.id,
              a.category.id, std::string(news::ToString(a.status)), a.published_at, a.updated_at,
              a.views, a.crawler_hits, a.trashed_at, TrashedFrom(a),
              std::string(news::ToString(a.comment_mode)), a.featured.media_id, a.featured.alt)
        .Run();
    std::vector<std::string> names;
    for (const Tag& tag : a.tags) names.push_back(tag.name);
    store_.ReplaceTags(a.id, names);
  }
  void AddDailyViews(const DailyViewRow& d) override {
    AuthorsDone();
    writer_.Prepare("INSERT INTO article_views_daily(article_id, day, views) VALUES (?, ?, ?)")
        .Bind(d.article_id, d.day, d.views)
        .Run();
  }
  void AddVote(const VoteRow& v) override {
    AuthorsDone();
    writer_.Prepare("INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES (?, ?, ?, ?)")
        .Bind(v.article_id, v.reader_id, v.stars, v.voted_at)
        .Run();
  }
  void AddComment(const CommentRow& c) override {
    AuthorsDone();
    writer_
        .Prepare(
            "INSERT INTO comments(id, article_id, reader_id, name, email, url, body, status,"
            " hold_reason, created_at, reports, approved_by_editor, parent_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,nullif(?, 0))")
        .Bind(c.id, c.article_id, c.reader_id, c.name, c.email, c.url, c.body,
              std::string(news::ToString(c.status)), c.hold_reason, c.created_at, c.reports,
              c.approved_by_editor ? 1 : 0, c.parent_id)
        .Run();
  }
  void AddSetting(const std::string& key, const std::string& value) override {
    AuthorsDone();
    writer_.Prepare("INSERT INTO site_settings(key, value) VALUES (?, ?)").Bind(key, value).Run();
  }
  void AddOldLink(const OldLink& l) override {
    AuthorsDone();
    writer_
        .Prepare(
            "INSERT INTO import_links(system, source, kind, old_id, old_slug, new_id)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .Bind(std::string(ToString(l.system)), l.source, std::string(ToString(l.kind)), l.old_id,
              l.old_slug, l.new_id)
        .Run();
  }
  void AddRatingBase(const RatingBase& b) override {
    AuthorsDone();
    writer_.Prepare("INSERT INTO article_rating_bases(article_id, sum, count) VALUES (?, ?, ?)")
        .Bind(b.article_id, b.sum, b.count)
        .Run();
  }
  void AddRedirect(const RedirectRow& r) override {
    AuthorsDone();
    writer_
        .Prepare(
            "INSERT INTO redirects(old_path, target, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT(old_path) DO UPDATE SET target = excluded.target")
        .Bind(r.old_path, r.target, r.created_at)
        .Run();
  }
  void AddAuditEntry(const AuditEntry& e) override {
    AuthorsDone();
    writer_
        .Prepare(
            "INSERT INTO audit_log(id, at, user_id, user_email, action, object, detail,"
            " address_key) VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, nullif(?, ''))")
        .Bind(e.id, e.at, e.user_id, e.user_email, e.action, e.object, e.detail, e.address_key)
        .Run();
  }

  void Commit() override {
    AuthorsDone();
    // The running totals follow from the votes (and an imported base), so they cannot
    // disagree with them.
    writer_.Exec(
        "UPDATE articles SET rating_sum = coalesce((SELECT b.sum FROM article_rating_bases b"
        "  WHERE b.article_id = articles.id), 0) + coalesce((SELECT sum(stars) FROM votes"
        "  WHERE votes.article_id = articles.id), 0),"
        " rating_count = coalesce((SELECT b.count FROM article_rating_bases b"
        "  WHERE b.article_id = articles.id), 0) + (SELECT count(*) FROM votes"
        "  WHERE votes.article_id = articles.id),"
        " rating_revision = EXISTS (SELECT 1 FROM article_rating_bases b"
        "  WHERE b.article_id = articles.id) + (SELECT count(*) FROM votes"
        "  WHERE votes.article_id = articles.id)");
    writer_.Prepare("UPDATE site_meta SET value = value + 1 WHERE key = 'old_links_version'")
        .Bind()
        .Run();
    store_.IndexMissingSearchDocuments();
    transaction_.Commit();
  }

 private:
  void InsertAuthor(const Author& a) {
    writer_.Prepare("INSERT INTO authors(id, name, slug, bio) VALUES (?, ?, ?, ?)")
        .Bind(a.id, a.name, a.slug, a.bio)
        .Run();
  }
  void AuthorsDone() {
    if (unslugged_authors_.empty()) return;
    for (Author& a : unslugged_authors_) {
      a.slug = store_.UniqueAuthorSlug(a.name);
      InsertAuthor(a);
    }
    unslugged_authors_.clear();
  }

  SqliteStore& store_;
  std::lock_guard<std::mutex> lock_;
  SqliteConnection& writer_;
  SqliteTransaction transaction_;  // after the lock: rolled back before the lock is let go
  std::vector<Author> unslugged_authors_;
};

std::unique_ptr<SiteImport> SqliteStore::BeginSiteImport(bool replace) {
  return std::make_unique<SqliteSiteImport>(*this, replace);
}

}  // namespace broadsheet::store::sqlite
