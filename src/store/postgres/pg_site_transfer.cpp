// PgStore::StreamSite and BeginSiteImport: the whole site out and in, a record at a time, for
// `broadsheet export` and `import` (store/site_export.h).
#include <functional>

#include "store/comment_columns.h"
#include "store/media_widths.h"
#include "store/postgres/pg_bulk_writes.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_store.h"
#include "store/site_export.h"

namespace broadsheet::store::postgres {
namespace {

// Rows a page of a large table holds: what one result keeps in memory.
constexpr int kPageRows = 500;

// Reads a table of any size a page at a time in its sort order: `first` reads the first page
// and `next` the page after the sort key that `key_of` takes from the last row read. Every
// page comes from the same snapshot (the caller's REPEATABLE READ transaction).
void ForEachPage(PgConnection& connection, const Sql& first, const Sql& next,
                 const std::function<std::vector<PgParam>(const PgResult&, int)>& key_of,
                 const std::function<void(const PgResult&, int)>& each) {
  PgResult page = connection.Exec(first);
  for (;;) {
    const int rows = page.rows();
    for (int r = 0; r < rows; ++r) each(page, r);
    if (rows < kPageRows) return;
    page = connection.Exec(next, key_of(page, rows - 1));
  }
}

std::vector<PgParam> FirstColumn(const PgResult& result, int row) {
  return {P(result.Int(row, 0))};
}

std::vector<PgParam> FirstTwoColumns(const PgResult& result, int row) {
  return {P(result.Text(row, 0)), P(result.Text(row, 1))};
}

// Pages of articles, each page's tags read by one range query over the same ids.
void StreamArticles(PgConnection& connection, SiteSink& sink) {
  std::int64_t after = 0;
  for (;;) {
    const PgResult page = connection.Exec(Sql("SELECT ") + kArticleColumnsWithBody + kArticleJoins +
                                              " WHERE a.id > $1 ORDER BY a.id"
                                              " LIMIT 500",
                                          {P(after)});
    if (page.rows() == 0) return;
    std::vector<ArticleRow> articles;
    for (int r = 0; r < page.rows(); ++r) articles.push_back(ReadArticleWithBody(page, r));
    const PgResult tags = connection.Exec(
        "SELECT x.article_id, t.id, t.slug, t.name FROM article_tags x JOIN tags t"
        " ON t.id = x.tag_id WHERE x.article_id BETWEEN $1 AND $2"
        " ORDER BY x.article_id, x.position",
        {P(articles.front().id), P(articles.back().id)});
    auto article_it = articles.begin();
    for (int r = 0; r < tags.rows(); ++r) {
      const auto article_id = tags.Int(r, 0);
      while (article_it != articles.end() && article_it->id < article_id) ++article_it;
      if (article_it == articles.end()) break;
      if (article_it->id == article_id) {
        article_it->tags.push_back({tags.Int(r, 1), tags.Text(r, 2), tags.Text(r, 3)});
      }
    }
    for (const ArticleRow& article : articles) sink.AddArticle(article);
    if (page.rows() < kPageRows) return;
    after = articles.back().id;
  }
}

}  // namespace

void PgStore::StreamSite(SiteSink& sink) {
  auto connection = pool_.Acquire();
  // REPEATABLE READ: every table seen at the same moment while nodes keep counting. The pages
  // of a large site take longer than one statement's timeout in all, never each.
  connection->ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const PgResult authors =
        connection->Exec("SELECT id, name, slug, bio FROM authors ORDER BY id");
    for (int r = 0; r < authors.rows(); ++r) {
      sink.AddAuthor(
          {authors.Int(r, 0), authors.Text(r, 1), authors.Text(r, 2), authors.Text(r, 3)});
    }
    const PgResult users = connection->Exec(
        "SELECT id, email, password_hash, role, disabled, author_id, created_at FROM users"
        " ORDER BY id");
    for (int r = 0; r < users.rows(); ++r) {
      UserRow user;
      user.id = users.Int(r, 0);
      user.email = users.Text(r, 1);
      user.password_hash = users.Text(r, 2);
      user.role = news::ParseRole(users.Text(r, 3)).value_or(news::Role::kContributor);
      user.disabled = users.Int(r, 4) != 0;
      user.author.id = users.Int(r, 5);
      user.created_at = users.Int(r, 6);
      sink.AddUser(user);
    }
    const PgResult categories = connection->Exec("SELECT id, slug, name FROM categories ORDER BY id");
    for (int r = 0; r < categories.rows(); ++r) {
      sink.AddCategory({categories.Int(r, 0), categories.Text(r, 1), categories.Text(r, 2)});
    }
    const PgResult media = connection->Exec(Sql(kMediaColumns) + " ORDER BY m.id");
    for (int r = 0; r < media.rows(); ++r) sink.AddMedia(ReadMedia(media, r));
    StreamArticles(*connection, sink);
    ForEachPage(*connection,
                "SELECT article_id, day, views FROM article_views_daily ORDER BY article_id, day"
                " LIMIT 500",
                "SELECT article_id, day, views FROM article_views_daily"
                " WHERE (article_id, day) > ($1::bigint, $2) ORDER BY article_id, day LIMIT 500",
                FirstTwoColumns, [&](const PgResult& daily, int r) {
                  sink.AddDailyViews({daily.Int(r, 0), daily.Text(r, 1), daily.Int(r, 2)});
                });
    ForEachPage(
        *connection,
        "SELECT article_id, reader_id, stars, voted_at FROM votes ORDER BY article_id, reader_id"
        " LIMIT 500",
        "SELECT article_id, reader_id, stars, voted_at FROM votes"
        " WHERE (article_id, reader_id) > ($1::bigint, $2) ORDER BY article_id, reader_id"
        " LIMIT 500",
        FirstTwoColumns, [&](const PgResult& votes, int r) {
          sink.AddVote({votes.Int(r, 0), votes.Text(r, 1), static_cast<int>(votes.Int(r, 2)),
                        votes.Int(r, 3)});
        });
    for (std::int64_t after = 0;;) {
      const PgResult page = connection->Exec(
          Sql("SELECT ") + kCommentColumns + " FROM comments WHERE id > $1 ORDER BY id LIMIT 500",
          {P(after)});
      const std::vector<CommentRow> comments = ReadComments(page);
      for (const CommentRow& comment : comments) sink.AddComment(comment);
      if (comments.size() < static_cast<std::size_t>(kPageRows)) break;
      after = comments.back().id;
    }
    const PgResult settings = connection->Exec("SELECT key, value FROM site_settings ORDER BY key");
    for (int r = 0; r < settings.rows(); ++r) {
      sink.AddSetting(settings.Text(r, 0), settings.Text(r, 1));
    }
    ForEachPage(
        *connection,
        "SELECT system, source, kind, old_id, old_slug, new_id FROM import_links"
        " ORDER BY system, source, kind, old_id LIMIT 500",
        "SELECT system, source, kind, old_id, old_slug, new_id FROM import_links"
        " WHERE (system, source, kind, old_id) > ($1, $2, $3, $4)"
        " ORDER BY system, source, kind, old_id LIMIT 500",
        [](const PgResult& links, int r) -> std::vector<PgParam> {
          return {P(links.Text(r, 0)), P(links.Text(r, 1)), P(links.Text(r, 2)),
                  P(links.Text(r, 3))};
        },
        [&](const PgResult& links, int r) {
          sink.AddOldLink({ParseOldSystem(links.Text(r, 0)).value_or(OldSystem::kWordPress),
                           ParseOldKind(links.Text(r, 2)).value_or(OldKind::kArticle),
                           links.Text(r, 1), links.Text(r, 3), links.Text(r, 4), links.Int(r, 5)});
        });
    ForEachPage(
        *connection,
        "SELECT article_id, sum, count FROM article_rating_bases ORDER BY article_id LIMIT 500",
        "SELECT article_id, sum, count FROM article_rating_bases WHERE article_id > $1"
        " ORDER BY article_id LIMIT 500",
        FirstColumn, [&](const PgResult& bases, int r) {
          sink.AddRatingBase({bases.Int(r, 0), bases.Int(r, 1), bases.Int(r, 2)});
        });
    const PgResult redirects =
        connection->Exec("SELECT old_path, target, created_at FROM redirects ORDER BY old_path");
    for (int r = 0; r < redirects.rows(); ++r) {
      sink.AddRedirect({redirects.Text(r, 0), redirects.Text(r, 1), redirects.Int(r, 2)});
    }
    ForEachPage(*connection,
                "SELECT id, at, coalesce(user_id, 0), user_email, action, object, detail,"
                " coalesce(address_key, '') FROM audit_log ORDER BY id LIMIT 500",
                "SELECT id, at, coalesce(user_id, 0), user_email, action, object, detail,"
                " coalesce(address_key, '') FROM audit_log WHERE id > $1 ORDER BY id LIMIT 500",
                FirstColumn, [&](const PgResult& audit, int r) {
                  sink.AddAuditEntry({audit.Int(r, 0), audit.Int(r, 1), audit.Int(r, 2),
                                      audit.Text(r, 3), audit.Text(r, 4), audit.Text(r, 5),
                                      audit.Text(r, 6), audit.Text(r, 7)});
                });
    connection->ExecScript("COMMIT");
  } catch (...) {
    if (connection->ok()) connection->ExecScript("ROLLBACK");
    throw;
  }
}

// Holds one connection and one transaction from BeginSiteImport to Commit.
class PgSiteImport final : public SiteImport {
 public:
  PgSiteImport(PgStore& store, bool replace) : store_(store), connection_(store.pool_.Acquire()) {
    connection_->ExecScript("BEGIN");
    // A large site's last steps (totals, search index) each take longer than a request may.
    connection_->ExecScript("SET LOCAL statement_timeout = 0");
    HoldContentVersionMoves(*connection_);
    if (replace) {
      connection_->ExecScript(
          "DELETE FROM site_settings; DELETE FROM used_nonces; DELETE FROM comments;"
          " DELETE FROM votes; DELETE FROM article_views_daily; DELETE FROM article_tags;"
          " DELETE FROM tags; DELETE FROM article_revisions; DELETE FROM articles;"
          " DELETE FROM media; DELETE FROM audit_log; DELETE FROM categories;"
          " DELETE FROM signins; DELETE FROM users; DELETE FROM authors;"
          " DELETE FROM import_links; DELETE FROM redirects; DELETE FROM article_rating_bases;");
    }
  }
  ~PgSiteImport() override {
    if (!committed_ && connection_->ok()) {
      try {
        connection_->ExecScript("ROLLBACK");
      } catch (...) {
        // The connection broke: the server rolls the transaction back itself.
      }
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
    connection_->Exec(
        "INSERT INTO users(id, email, password_hash, role, disabled, author_id, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {P(u.id), P(u.email), P(u.password_hash), P(std::string(news::ToString(u.role))),
         P(u.disabled ? 1 : 0), P(u.author.id), P(u.created_at)});
  }
  void AddCategory(const Category& c) override {
    AuthorsDone();
    connection_->Exec("INSERT INTO categories(id, slug, name) VALUES ($1, $2, $3)",
                      {P(c.id), P(c.slug), P(c.name)});
  }
  void AddMedia(const MediaRow& m) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO media(id, hash, width, height, widths, bytes, alt, original_name,"
        " uploaded_by, uploaded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nullif($9::bigint, 0), $10)",
        {P(m.id), P(m.hash), P(m.width), P(m.height), P(JoinWidths(m.widths)), P(m.bytes), P(m.alt),
         P(m.original_name), P(m.uploaded_by), P(m.uploaded_at)});
  }
  void AddArticle(const ArticleRow& a) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO articles(id, slug, title, summary, body_markdown, body_html, author_id,"
        " category_id, status, published_at, updated_at, views, crawler_hits, trashed_at,"
        " trashed_from, comment_mode, featured_media_id, featured_alt) VALUES ($1,$2,$3,$4,"
        "$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,nullif($17::bigint, 0),$18)",
        {P(a.id), P(a.slug), P(a.title), P(a.summary), P(a.body_markdown), P(a.body_html),
         P(a.author.id), P(a.category.id), std::string(news::ToString(a.status)), P(a.published_at),
         P(a.updated_at), P(a.views), P(a.crawler_hits), P(a.trashed_at), P(TrashedFrom(a)),
         P(std::string(news::ToString(a.comment_mode))), P(a.featured.media_id),
         P(a.featured.alt)});
    std::vector<std::string> names;
    for (const Tag& tag : a.tags) names.push_back(tag.name);
    store_.ReplaceTags(*connection_, a.id, names);
  }
  void AddDailyViews(const DailyViewRow& d) override {
    AuthorsDone();
    connection_->Exec("INSERT INTO article_views_daily(article_id, day, views) VALUES ($1, $2, $3)",
                      {P(d.article_id), P(d.day), P(d.views)});
  }
  void AddVote(const VoteRow& v) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES ($1, $2, $3, $4)",
        {P(v.article_id), P(v.reader_id), P(v.stars), P(v.voted_at)});
  }
  void AddComment(const CommentRow& c) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO comments(id, article_id, reader_id, name, email, url, body, status,"
        " hold_reason, created_at, reports, approved_by_editor, parent_id)"
        " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,nullif($13::bigint, 0))",
        {P(c.id), P(c.article_id), P(c.reader_id), P(c.name), P(c.email), P(c.url), P(c.body),
         std::string(news::ToString(c.status)), P(c.hold_reason), P(c.created_at), P(c.reports),
         P(c.approved_by_editor ? 1 : 0), P(c.parent_id)});
  }
  void AddSetting(const std::string& key, const std::string& value) override {
    AuthorsDone();
    connection_->Exec("INSERT INTO site_settings(key, value) VALUES ($1, $2)", {P(key), P(value)});
  }
  void AddOldLink(const OldLink& l) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO import_links(system, source, kind, old_id, old_slug, new_id)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        {std::string(ToString(l.system)), P(l.source), std::string(ToString(l.kind)), P(l.old_id),
         P(l.old_slug), P(l.new_id)});
  }
  void AddRatingBase(const RatingBase& b) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO article_rating_bases(article_id, sum, count) VALUES ($1, $2, $3)",
        {P(b.article_id), P(b.sum), P(b.count)});
  }
  void AddRedirect(const RedirectRow& r) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO redirects(old_path, target, created_at) VALUES ($1, $2, $3)"
        " ON CONFLICT (old_path) DO UPDATE SET target = excluded.target",
        {P(r.old_path), P(r.target), P(r.created_at)});
  }
  void AddAuditEntry(const AuditEntry& e) override {
    AuthorsDone();
    connection_->Exec(
        "INSERT INTO audit_log(id, at, user_id, user_email, action, object, detail,"
        " address_key) VALUES ($1, $2, nullif($3::bigint, 0), $4, $5, $6, $7, nullif($8, ''))",
        {P(e.id), P(e.at), P(e.user_id), P(e.user_email), P(e.action), P(e.object), P(e.detail),
         P(e.address_key)});
  }

  void Commit() override {
    AuthorsDone();
    // The running totals follow from the votes (and an imported base), so they cannot
    // disagree with them.
    connection_->ExecScript(
        "UPDATE articles SET rating_sum = coalesce(b.sum, 0) + coalesce(t.total, 0),"
        " rating_count = coalesce(b.count, 0) + coalesce(t.n, 0),"
        " rating_revision = coalesce(t.n, 0) + CASE WHEN b.article_id IS NULL THEN 0 ELSE 1 END"
        " FROM articles a LEFT JOIN (SELECT article_id, sum(stars) AS total, count(*) AS n"
        "  FROM votes GROUP BY article_id) t ON t.article_id = a.id"
        " LEFT JOIN article_rating_bases b ON b.article_id = a.id WHERE articles.id = a.id");
    connection_->Exec("UPDATE site_meta SET value = value + 1 WHERE key = 'old_links_version'");
    // Explicit ids leave the sequences behind: move each past the largest id.
    for (const Sql& move_sequence :
         {Sql("SELECT setval(pg_get_serial_sequence('authors', 'id'),"
              " coalesce((SELECT max(id) FROM authors), 0) + 1, false)"),
          Sql("SELECT setval(pg_get_serial_sequence('categories', 'id'),"
              " coalesce((SELECT max(id) FROM categories), 0) + 1, false)"),
          Sql("SELECT setval(pg_get_serial_sequence('articles', 'id'),"
              " coalesce((SELECT max(id) FROM articles), 0) + 1, false)"),
          Sql("SELECT setval(pg_get_serial_sequence('comments', 'id'),"
              " coalesce((SELECT max(id) FROM comments), 0) + 1, false)"),
          Sql("SELECT setval(pg_get_serial_sequence('users', 'id'),"
              " coalesce((SELECT max(id) FROM users), 0) + 1, false)"),
          Sql("SELECT setval(pg_get_serial_sequence('media', 'id'),"
              " coalesce((SELECT max(id) FROM media), 0) + 1, false)"),
          Sql("SELECT setval(pg_get_serial_sequence('audit_log', 'id'),"
              " coalesce((SELECT max(id) FROM audit_log), 0) + 1, false)")}) {
      connection_->ExecScript(move_sequence);
    }
    store_.IndexMissingSearchDocuments(*connection_);
    MoveContentVersion(*connection_);
    connection_->ExecScript("COMMIT");
    committed_ = true;
    // A bulk load leaves the planner no statistics and the tables' pages unmarked: do now what
    // autovacuum would otherwise start a minute later, while the site's first readers arrive
    // (bench/scale.sh). Outside the transaction, where VACUUM must run, and without a
    // statement's timeout: a million articles take minutes. The connection then goes back to
    // the pool with its timeout as configured.
    connection_->ExecScript("SET statement_timeout = 0");
    try {
      connection_->ExecScript("VACUUM (ANALYZE)");
    } catch (...) {
      RestoreStatementTimeout();
      throw;
    }
    RestoreStatementTimeout();
  }

 private:
  void InsertAuthor(const Author& a) {
    connection_->Exec("INSERT INTO authors(id, name, slug, bio) VALUES ($1, $2, $3, $4)",
                      {P(a.id), P(a.name), P(a.slug), P(a.bio)});
  }
  void RestoreStatementTimeout() {
    if (!connection_->ok()) return;
    connection_->Exec("SELECT set_config('statement_timeout', $1, false)",
                      {std::to_string(store_.pool_.settings().statement_timeout_ms)});
  }
  void AuthorsDone() {
    if (unslugged_authors_.empty()) return;
    for (Author& a : unslugged_authors_) {
      a.slug = store_.UniqueAuthorSlug(*connection_, a.name);
      InsertAuthor(a);
    }
    unslugged_authors_.clear();
  }

  PgStore& store_;
  PgPool::Lease connection_;
  bool committed_ = false;
  std::vector<Author> unslugged_authors_;
};

std::unique_ptr<SiteImport> PgStore::BeginSiteImport(bool replace) {
  return std::make_unique<PgSiteImport>(*this, replace);
}

}  // namespace broadsheet::store::postgres
