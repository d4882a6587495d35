// SqliteStore::ExportSite and ImportSite: the whole site in and out, for `broadsheet export`
// and `import`.
#include "store/comment_columns.h"
#include "store/media_widths.h"
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
  auto& authors = writer_->Prepare("SELECT id, name, slug, bio FROM authors ORDER BY id");
  authors.Reset();
  while (authors.Step()) {
    site.authors.push_back({authors.Int(0), authors.Text(1), authors.Text(2), authors.Text(3)});
  }
  auto& users = writer_->Prepare(
      "SELECT id, email, password_hash, role, disabled, author_id, created_at FROM users"
      " ORDER BY id");
  users.Reset();
  while (users.Step()) {
    UserRow user;
    user.id = users.Int(0);
    user.email = users.Text(1);
    user.password_hash = users.Text(2);
    user.role = news::ParseRole(users.Text(3)).value_or(news::Role::kContributor);
    user.disabled = users.Int(4) != 0;
    user.author.id = users.Int(5);
    user.created_at = users.Int(6);
    site.users.push_back(std::move(user));
  }
  auto& categories = writer_->Prepare("SELECT id, slug, name FROM categories ORDER BY id");
  categories.Reset();
  while (categories.Step()) {
    site.categories.push_back({categories.Int(0), categories.Text(1), categories.Text(2)});
  }
  auto& articles =
      writer_->Prepare(Sql("SELECT ") + kArticleColumnsWithBody + kArticleJoins + " ORDER BY a.id");
  articles.Reset();
  while (articles.Step()) site.articles.push_back(ReadArticleWithBody(articles));
  auto& tags = writer_->Prepare(
      "SELECT x.article_id, t.id, t.slug, t.name FROM article_tags x JOIN tags t"
      " ON t.id = x.tag_id ORDER BY x.article_id, x.position");
  tags.Reset();
  auto article_it = site.articles.begin();
  while (tags.Step()) {
    const auto article_id = tags.Int(0);
    while (article_it != site.articles.end() && article_it->id < article_id) ++article_it;
    if (article_it == site.articles.end()) break;
    if (article_it->id == article_id) {
      article_it->tags.push_back({tags.Int(1), tags.Text(2), tags.Text(3)});
    }
  }
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
  auto& media = writer_->Prepare(Sql(kMediaColumns) + " ORDER BY m.id");
  media.Reset();
  while (media.Step()) site.media.push_back(ReadMedia(media));
  auto& audit = writer_->Prepare(
      "SELECT id, at, coalesce(user_id, 0), user_email, action, object, detail,"
      " coalesce(address_key, '') FROM audit_log ORDER BY id");
  audit.Reset();
  while (audit.Step()) {
    site.audit.push_back({audit.Int(0), audit.Int(1), audit.Int(2), audit.Text(3), audit.Text(4),
                          audit.Text(5), audit.Text(6), audit.Text(7)});
  }
  auto& bases = writer_->Prepare(
      "SELECT article_id, sum, count FROM article_rating_bases ORDER BY article_id");
  bases.Reset();
  while (bases.Step()) site.rating_bases.push_back({bases.Int(0), bases.Int(1), bases.Int(2)});
  auto& links = writer_->Prepare(
      "SELECT system, kind, source, old_id, old_slug, new_id FROM import_links"
      " ORDER BY system, source, kind, old_id");
  links.Reset();
  while (links.Step()) {
    site.old_links.push_back({ParseOldSystem(links.Text(0)).value_or(OldSystem::kWordPress),
                              ParseOldKind(links.Text(1)).value_or(OldKind::kArticle),
                              links.Text(2), links.Text(3), links.Text(4), links.Int(5)});
  }
  auto& redirects =
      writer_->Prepare("SELECT old_path, target, created_at FROM redirects ORDER BY old_path");
  redirects.Reset();
  while (redirects.Step()) {
    site.redirects.push_back({redirects.Text(0), redirects.Text(1), redirects.Int(2)});
  }
  transaction.Commit();
  return site;
}

void SqliteStore::ImportSite(const SiteExport& site, bool replace) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  if (replace) {
    writer_->Exec(
        "DELETE FROM site_settings; DELETE FROM used_nonces; DELETE FROM comments;"
        " DELETE FROM votes; DELETE FROM article_views_daily; DELETE FROM article_tags;"
        " DELETE FROM tags; DELETE FROM article_revisions; DELETE FROM articles;"
        " DELETE FROM media; DELETE FROM audit_log; DELETE FROM categories;"
        " DELETE FROM signins; DELETE FROM users; DELETE FROM authors;"
        " DELETE FROM import_links; DELETE FROM redirects; DELETE FROM article_rating_bases;");
  }
  // Profiles with a slug first, so one made up for an older document's profile never takes
  // a slug a later one brings.
  auto& author = writer_->Prepare("INSERT INTO authors(id, name, slug, bio) VALUES (?, ?, ?, ?)");
  for (const Author& a : site.authors) {
    if (!a.slug.empty()) author.Bind(a.id, a.name, a.slug, a.bio).Run();
  }
  for (const Author& a : site.authors) {
    if (a.slug.empty()) author.Bind(a.id, a.name, UniqueAuthorSlug(a.name), a.bio).Run();
  }
  auto& user = writer_->Prepare(
      "INSERT INTO users(id, email, password_hash, role, disabled, author_id, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const UserRow& u : site.users) {
    user.Bind(u.id, u.email, u.password_hash, std::string(news::ToString(u.role)),
              u.disabled ? 1 : 0, u.author.id, u.created_at)
        .Run();
  }
  auto& category = writer_->Prepare("INSERT INTO categories(id, slug, name) VALUES (?, ?, ?)");
  for (const Category& c : site.categories) category.Bind(c.id, c.slug, c.name).Run();
  auto& media = writer_->Prepare(
      "INSERT INTO media(id, hash, width, height, widths, bytes, alt, original_name, uploaded_by,"
      " uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)");
  for (const MediaRow& m : site.media) {
    media
        .Bind(m.id, m.hash, m.width, m.height, JoinWidths(m.widths), m.bytes, m.alt,
              m.original_name, m.uploaded_by, m.uploaded_at)
        .Run();
  }
  auto& article = writer_->Prepare(
      "INSERT INTO articles(id, slug, title, summary, body_markdown, body_html, author_id,"
      " category_id, status, published_at, updated_at, views, crawler_hits, trashed_at,"
      " trashed_from, comment_mode, featured_media_id, featured_alt)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,nullif(?, 0),?)");
  for (const ArticleRow& a : site.articles) {
    article
        .Bind(a.id, a.slug, a.title, a.summary, a.body_markdown, a.body_html, a.author.id,
              a.category.id, std::string(news::ToString(a.status)), a.published_at, a.updated_at,
              a.views, a.crawler_hits, a.trashed_at, TrashedFrom(a),
              std::string(news::ToString(a.comment_mode)), a.featured.media_id, a.featured.alt)
        .Run();
    std::vector<std::string> names;
    for (const Tag& tag : a.tags) names.push_back(tag.name);
    ReplaceTags(a.id, names);
  }
  auto& daily =
      writer_->Prepare("INSERT INTO article_views_daily(article_id, day, views) VALUES (?, ?, ?)");
  for (const DailyViewRow& d : site.daily_views) daily.Bind(d.article_id, d.day, d.views).Run();
  auto& vote = writer_->Prepare(
      "INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES (?, ?, ?, ?)");
  for (const VoteRow& v : site.votes) vote.Bind(v.article_id, v.reader_id, v.stars, v.voted_at).Run();
  auto& base =
      writer_->Prepare("INSERT INTO article_rating_bases(article_id, sum, count) VALUES (?, ?, ?)");
  for (const RatingBase& b : site.rating_bases) base.Bind(b.article_id, b.sum, b.count).Run();
  // The running totals follow from the votes (and an imported base), so they cannot disagree
  // with them.
  writer_->Exec(
      "UPDATE articles SET rating_sum = coalesce((SELECT b.sum FROM article_rating_bases b"
      "  WHERE b.article_id = articles.id), 0) + coalesce((SELECT sum(stars) FROM votes"
      "  WHERE votes.article_id = articles.id), 0),"
      " rating_count = coalesce((SELECT b.count FROM article_rating_bases b"
      "  WHERE b.article_id = articles.id), 0) + (SELECT count(*) FROM votes"
      "  WHERE votes.article_id = articles.id),"
      " rating_revision = EXISTS (SELECT 1 FROM article_rating_bases b"
      "  WHERE b.article_id = articles.id) + (SELECT count(*) FROM votes"
      "  WHERE votes.article_id = articles.id)");
  auto& comment = writer_->Prepare(
      "INSERT INTO comments(id, article_id, reader_id, name, email, url, body, status,"
      " hold_reason, created_at, reports, approved_by_editor, parent_id)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,nullif(?, 0))");
  for (const CommentRow& c : site.comments) {
    comment
        .Bind(c.id, c.article_id, c.reader_id, c.name, c.email, c.url, c.body,
              std::string(news::ToString(c.status)), c.hold_reason, c.created_at, c.reports,
              c.approved_by_editor ? 1 : 0, c.parent_id)
        .Run();
  }
  auto& link = writer_->Prepare(
      "INSERT INTO import_links(system, source, kind, old_id, old_slug, new_id)"
      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  for (const OldLink& l : site.old_links) {
    link.Bind(std::string(ToString(l.system)), l.source, std::string(ToString(l.kind)), l.old_id,
              l.old_slug, l.new_id)
        .Run();
  }
  auto& redirect = writer_->Prepare(
      "INSERT INTO redirects(old_path, target, created_at) VALUES (?, ?, ?)"
      " ON CONFLICT(old_path) DO UPDATE SET target = excluded.target");
  for (const RedirectRow& r : site.redirects) {
    redirect.Bind(r.old_path, r.target, r.created_at).Run();
  }
  writer_->Prepare("UPDATE site_meta SET value = value + 1 WHERE key = 'old_links_version'")
      .Bind()
      .Run();
  auto& setting = writer_->Prepare("INSERT INTO site_settings(key, value) VALUES (?, ?)");
  for (const auto& [key, value] : site.settings) setting.Bind(key, value).Run();
  auto& audit = writer_->Prepare(
      "INSERT INTO audit_log(id, at, user_id, user_email, action, object, detail, address_key)"
      " VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, nullif(?, ''))");
  for (const AuditEntry& e : site.audit) {
    audit.Bind(e.id, e.at, e.user_id, e.user_email, e.action, e.object, e.detail, e.address_key)
        .Run();
  }
  IndexMissingSearchDocuments();
  transaction.Commit();
}

}  // namespace broadsheet::store::sqlite
