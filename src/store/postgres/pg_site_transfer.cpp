// PgStore::ExportSite and ImportSite: the whole site in and out, for `broadsheet export` and
// `import`.
#include "store/comment_columns.h"
#include "store/media_widths.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_store.h"
#include "store/site_export.h"

namespace broadsheet::store::postgres {

SiteExport PgStore::ExportSite() {
  auto connection = pool_.Acquire();
  // REPEATABLE READ: every table seen at the same moment while nodes keep counting.
  connection->ExecScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  SiteExport site;
  try {
    const PgResult authors =
        connection->Exec("SELECT id, name, slug, bio FROM authors ORDER BY id");
    for (int r = 0; r < authors.rows(); ++r) {
      site.authors.push_back(
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
      site.users.push_back(std::move(user));
    }
    const PgResult categories = connection->Exec("SELECT id, slug, name FROM categories ORDER BY id");
    for (int r = 0; r < categories.rows(); ++r) {
      site.categories.push_back({categories.Int(r, 0), categories.Text(r, 1), categories.Text(r, 2)});
    }
    const PgResult articles = connection->Exec(Sql("SELECT ") + kArticleColumnsWithBody +
                                               kArticleJoins + " ORDER BY a.id");
    for (int r = 0; r < articles.rows(); ++r) {
      site.articles.push_back(ReadArticleWithBody(articles, r));
    }
    const PgResult tags = connection->Exec(
        "SELECT x.article_id, t.id, t.slug, t.name FROM article_tags x JOIN tags t"
        " ON t.id = x.tag_id ORDER BY x.article_id, x.position");
    auto article_it = site.articles.begin();
    for (int r = 0; r < tags.rows(); ++r) {
      const auto article_id = tags.Int(r, 0);
      while (article_it != site.articles.end() && article_it->id < article_id) ++article_it;
      if (article_it == site.articles.end()) break;
      if (article_it->id == article_id) {
        article_it->tags.push_back({tags.Int(r, 1), tags.Text(r, 2), tags.Text(r, 3)});
      }
    }
    const PgResult daily = connection->Exec(
        "SELECT article_id, day, views FROM article_views_daily ORDER BY article_id, day");
    for (int r = 0; r < daily.rows(); ++r) {
      site.daily_views.push_back({daily.Int(r, 0), daily.Text(r, 1), daily.Int(r, 2)});
    }
    const PgResult votes = connection->Exec(
        "SELECT article_id, reader_id, stars, voted_at FROM votes ORDER BY article_id, reader_id");
    for (int r = 0; r < votes.rows(); ++r) {
      site.votes.push_back({votes.Int(r, 0), votes.Text(r, 1), static_cast<int>(votes.Int(r, 2)),
                            votes.Int(r, 3)});
    }
    const PgResult comments =
        connection->Exec(Sql("SELECT ") + kCommentColumns + " FROM comments ORDER BY id");
    site.comments = ReadComments(comments);
    const PgResult bases = connection->Exec(
        "SELECT article_id, sum, count FROM article_rating_bases ORDER BY article_id");
    for (int r = 0; r < bases.rows(); ++r) {
      site.rating_bases.push_back({bases.Int(r, 0), bases.Int(r, 1), bases.Int(r, 2)});
    }
    const PgResult links = connection->Exec(
        "SELECT system, kind, source, old_id, old_slug, new_id FROM import_links"
        " ORDER BY system, source, kind, old_id");
    for (int r = 0; r < links.rows(); ++r) {
      site.old_links.push_back({ParseOldSystem(links.Text(r, 0)).value_or(OldSystem::kWordPress),
                                ParseOldKind(links.Text(r, 1)).value_or(OldKind::kArticle),
                                links.Text(r, 2), links.Text(r, 3), links.Text(r, 4),
                                links.Int(r, 5)});
    }
    const PgResult redirects =
        connection->Exec("SELECT old_path, target, created_at FROM redirects ORDER BY old_path");
    for (int r = 0; r < redirects.rows(); ++r) {
      site.redirects.push_back({redirects.Text(r, 0), redirects.Text(r, 1), redirects.Int(r, 2)});
    }
    const PgResult settings =
        connection->Exec("SELECT key, value FROM site_settings ORDER BY key");
    for (int r = 0; r < settings.rows(); ++r) {
      site.settings.emplace_back(settings.Text(r, 0), settings.Text(r, 1));
    }
    const PgResult media = connection->Exec(Sql(kMediaColumns) + " ORDER BY m.id");
    for (int r = 0; r < media.rows(); ++r) site.media.push_back(ReadMedia(media, r));
    const PgResult audit = connection->Exec(
        "SELECT id, at, coalesce(user_id, 0), user_email, action, object, detail,"
        " coalesce(address_key, '') FROM audit_log ORDER BY id");
    for (int r = 0; r < audit.rows(); ++r) {
      site.audit.push_back({audit.Int(r, 0), audit.Int(r, 1), audit.Int(r, 2), audit.Text(r, 3),
                            audit.Text(r, 4), audit.Text(r, 5), audit.Text(r, 6),
                            audit.Text(r, 7)});
    }
    connection->ExecScript("COMMIT");
  } catch (...) {
    if (connection->ok()) connection->ExecScript("ROLLBACK");
    throw;
  }
  return site;
}

void PgStore::ImportSite(const SiteExport& site, bool replace) {
  auto connection = pool_.Acquire();
  connection->ExecScript("BEGIN");
  try {
    if (replace) {
      connection->ExecScript(
          "DELETE FROM site_settings; DELETE FROM used_nonces; DELETE FROM comments;"
          " DELETE FROM votes; DELETE FROM article_views_daily; DELETE FROM article_tags;"
          " DELETE FROM tags; DELETE FROM article_revisions; DELETE FROM articles;"
          " DELETE FROM media; DELETE FROM audit_log; DELETE FROM categories;"
          " DELETE FROM signins; DELETE FROM users; DELETE FROM authors;"
          " DELETE FROM import_links; DELETE FROM redirects; DELETE FROM article_rating_bases;");
    }
    // Profiles with a slug first, so one made up for an older document's profile never takes
    // a slug a later one brings.
    for (const Author& a : site.authors) {
      if (a.slug.empty()) continue;
      connection->Exec("INSERT INTO authors(id, name, slug, bio) VALUES ($1, $2, $3, $4)",
                       {P(a.id), P(a.name), P(a.slug), P(a.bio)});
    }
    for (const Author& a : site.authors) {
      if (!a.slug.empty()) continue;
      connection->Exec("INSERT INTO authors(id, name, slug, bio) VALUES ($1, $2, $3, $4)",
                       {P(a.id), P(a.name), P(UniqueAuthorSlug(*connection, a.name)), P(a.bio)});
    }
    for (const UserRow& u : site.users) {
      connection->Exec(
          "INSERT INTO users(id, email, password_hash, role, disabled, author_id, created_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7)",
          {P(u.id), P(u.email), P(u.password_hash), P(std::string(news::ToString(u.role))),
           P(u.disabled ? 1 : 0), P(u.author.id), P(u.created_at)});
    }
    for (const Category& c : site.categories) {
      connection->Exec("INSERT INTO categories(id, slug, name) VALUES ($1, $2, $3)",
                       {P(c.id), P(c.slug), P(c.name)});
    }
    for (const MediaRow& m : site.media) {
      connection->Exec(
          "INSERT INTO media(id, hash, width, height, widths, bytes, alt, original_name,"
          " uploaded_by, uploaded_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nullif($9::bigint, 0), $10)",
          {P(m.id), P(m.hash), P(m.width), P(m.height), P(JoinWidths(m.widths)), P(m.bytes),
           P(m.alt), P(m.original_name), P(m.uploaded_by), P(m.uploaded_at)});
    }
    for (const ArticleRow& a : site.articles) {
      connection->Exec(
          "INSERT INTO articles(id, slug, title, summary, body_markdown, body_html, author_id,"
          " category_id, status, published_at, updated_at, views, crawler_hits, trashed_at,"
          " trashed_from, comment_mode, featured_media_id, featured_alt) VALUES ($1,$2,$3,$4,"
          "$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,nullif($17::bigint, 0),$18)",
          {P(a.id), P(a.slug), P(a.title), P(a.summary), P(a.body_markdown), P(a.body_html),
           P(a.author.id), P(a.category.id), std::string(news::ToString(a.status)),
           P(a.published_at), P(a.updated_at), P(a.views), P(a.crawler_hits), P(a.trashed_at),
           P(TrashedFrom(a)), P(std::string(news::ToString(a.comment_mode))),
           P(a.featured.media_id), P(a.featured.alt)});
      std::vector<std::string> names;
      for (const Tag& tag : a.tags) names.push_back(tag.name);
      ReplaceTags(*connection, a.id, names);
    }
    for (const DailyViewRow& d : site.daily_views) {
      connection->Exec(
          "INSERT INTO article_views_daily(article_id, day, views) VALUES ($1, $2, $3)",
          {P(d.article_id), P(d.day), P(d.views)});
    }
    for (const VoteRow& v : site.votes) {
      connection->Exec(
          "INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES ($1, $2, $3, $4)",
          {P(v.article_id), P(v.reader_id), P(v.stars), P(v.voted_at)});
    }
    for (const RatingBase& b : site.rating_bases) {
      connection->Exec(
          "INSERT INTO article_rating_bases(article_id, sum, count) VALUES ($1, $2, $3)",
          {P(b.article_id), P(b.sum), P(b.count)});
    }
    // The running totals follow from the votes (and an imported base), so they cannot
    // disagree with them.
    connection->ExecScript(
        "UPDATE articles SET rating_sum = coalesce(b.sum, 0) + coalesce(t.total, 0),"
        " rating_count = coalesce(b.count, 0) + coalesce(t.n, 0),"
        " rating_revision = coalesce(t.n, 0) + CASE WHEN b.article_id IS NULL THEN 0 ELSE 1 END"
        " FROM articles a LEFT JOIN (SELECT article_id, sum(stars) AS total, count(*) AS n"
        "  FROM votes GROUP BY article_id) t ON t.article_id = a.id"
        " LEFT JOIN article_rating_bases b ON b.article_id = a.id WHERE articles.id = a.id");
    for (const CommentRow& c : site.comments) {
      connection->Exec(
          "INSERT INTO comments(id, article_id, reader_id, name, email, url, body, status,"
          " hold_reason, created_at, reports, approved_by_editor, parent_id)"
          " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,nullif($13::bigint, 0))",
          {P(c.id), P(c.article_id), P(c.reader_id), P(c.name), P(c.email), P(c.url), P(c.body),
           std::string(news::ToString(c.status)), P(c.hold_reason), P(c.created_at), P(c.reports),
           P(c.approved_by_editor ? 1 : 0), P(c.parent_id)});
    }
    for (const OldLink& l : site.old_links) {
      connection->Exec(
          "INSERT INTO import_links(system, source, kind, old_id, old_slug, new_id)"
          " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
          {std::string(ToString(l.system)), P(l.source), std::string(ToString(l.kind)), P(l.old_id),
           P(l.old_slug), P(l.new_id)});
    }
    for (const RedirectRow& r : site.redirects) {
      connection->Exec(
          "INSERT INTO redirects(old_path, target, created_at) VALUES ($1, $2, $3)"
          " ON CONFLICT (old_path) DO UPDATE SET target = excluded.target",
          {P(r.old_path), P(r.target), P(r.created_at)});
    }
    connection->Exec("UPDATE site_meta SET value = value + 1 WHERE key = 'old_links_version'");
    for (const auto& [key, value] : site.settings) {
      connection->Exec("INSERT INTO site_settings(key, value) VALUES ($1, $2)", {P(key), P(value)});
    }
    for (const AuditEntry& e : site.audit) {
      connection->Exec(
          "INSERT INTO audit_log(id, at, user_id, user_email, action, object, detail,"
          " address_key) VALUES ($1, $2, nullif($3::bigint, 0), $4, $5, $6, $7, nullif($8, ''))",
          {P(e.id), P(e.at), P(e.user_id), P(e.user_email), P(e.action), P(e.object), P(e.detail),
           P(e.address_key)});
    }
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
      connection->ExecScript(move_sequence);
    }
    IndexMissingSearchDocuments(*connection);
    connection->ExecScript("COMMIT");
  } catch (...) {
    if (connection->ok()) connection->ExecScript("ROLLBACK");
    throw;
  }
  // A bulk load leaves the planner no statistics and the tables' pages unmarked: do now what
  // autovacuum would otherwise start a minute later, while the site's first readers arrive
  // (bench/scale.sh). Outside the transaction, where VACUUM must run.
  connection->ExecScript("VACUUM (ANALYZE)");
}

}  // namespace broadsheet::store::postgres
