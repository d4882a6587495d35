// SqliteStore's side of moving a site in from another CMS (issue 14): batches of imported
// articles and comments with their old links, and the redirects editors keep.
#include "news/slug.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {
namespace {

std::string Text(OldSystem system) { return std::string(ToString(system)); }
std::string Text(OldKind kind) { return std::string(ToString(kind)); }

// The new id an old one was imported as, else 0.
std::int64_t LinkedId(SqliteConnection& writer, OldSystem system, const std::string& source,
                      OldKind kind, const std::string& old_id) {
  auto& find = writer.Prepare(
      "SELECT new_id FROM import_links WHERE system = ? AND source = ? AND kind = ?"
      " AND old_id = ?");
  const std::int64_t id =
      find.Bind(Text(system), source, Text(kind), old_id).Step() ? find.Int(0) : 0;
  find.Reset();
  return id;
}

// Records a link; an old key already linked keeps its first object (a term several imported
// articles share).
void Link(SqliteConnection& writer, OldSystem system, const std::string& source, OldKind kind,
          const std::string& old_id, const std::string& old_slug, std::int64_t new_id) {
  if (old_id.empty()) return;
  writer
      .Prepare(
          "INSERT INTO import_links(system, source, kind, old_id, old_slug, new_id)"
          " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .Bind(Text(system), source, Text(kind), old_id, old_slug, new_id)
      .Run();
}

void MoveOldLinksVersion(SqliteConnection& writer) {
  writer.Prepare("UPDATE site_meta SET value = value + 1 WHERE key = 'old_links_version'")
      .Bind()
      .Run();
}

void MoveContentVersion(SqliteConnection& writer) {
  writer.Prepare("UPDATE site_meta SET value = value + 1 WHERE key = 'content_version'")
      .Bind()
      .Run();
}

}  // namespace

ImportTally SqliteStore::ImportArticles(OldSystem system, const std::string& source,
                                        const std::vector<ImportedArticle>& articles) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  ImportTally tally;
  auto& find_tag = writer_->Prepare("SELECT id FROM tags WHERE slug = ?");
  for (const ImportedArticle& article : articles) {
    if (LinkedId(*writer_, system, source, OldKind::kArticle, article.old_id) != 0) {
      ++tally.skipped;
      continue;
    }
    const std::int64_t author_id = FindOrCreateAuthor(article.author.name);
    writer_->Prepare("UPDATE authors SET bio = ? WHERE id = ? AND bio = ''")
        .Bind(article.author.bio, author_id)
        .Run();
    Link(*writer_, system, source, OldKind::kAuthor, article.author.old_key, "", author_id);
    const std::int64_t category_id = FindOrCreateCategory(article.category.name);
    Link(*writer_, system, source, OldKind::kCategory, article.category.old_key, "", category_id);
    writer_
        ->Prepare(
            "INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
            " category_id, status, published_at, updated_at, views, rating_sum, rating_count,"
            " rating_revision, featured_media_id, featured_alt)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,nullif(?, 0),?)")
        .Bind(article.slug, article.title, article.summary, article.body_markdown,
              article.body_html, author_id, category_id,
              std::string(news::ToString(article.status)), article.published_at, article.updated_at,
              article.views, article.rating_sum, article.rating_count,
              article.rating_count > 0 ? 1 : 0, article.featured_media_id, article.featured_alt)
        .Run();
    const std::int64_t id = writer_->LastInsertId();
    if (article.rating_count > 0) {
      writer_->Prepare("INSERT INTO article_rating_bases(article_id, sum, count) VALUES (?, ?, ?)")
          .Bind(id, article.rating_sum, article.rating_count)
          .Run();
    }
    std::vector<std::string> tag_names;
    for (const ImportedTerm& tag : article.tags) tag_names.push_back(tag.name);
    ReplaceTags(id, tag_names);
    for (const ImportedTerm& tag : article.tags) {
      if (!find_tag.Bind(news::Slugify(tag.name)).Step()) continue;
      const std::int64_t tag_id = find_tag.Int(0);
      find_tag.Reset();
      Link(*writer_, system, source, OldKind::kTag, tag.old_key, "", tag_id);
    }
    find_tag.Reset();
    IndexForSearch(id);
    AddRevision(id, 0, "imported", article.updated_at);
    Link(*writer_, system, source, OldKind::kArticle, article.old_id, article.old_slug, id);
    ++tally.written;
  }
  MoveOldLinksVersion(*writer_);
  transaction.Commit();
  return tally;
}

ImportTally SqliteStore::ImportComments(OldSystem system, const std::string& source,
                                        const std::vector<ImportedComment>& comments) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  ImportTally tally;
  auto& insert = writer_->Prepare(
      "INSERT INTO comments(article_id, parent_id, reader_id, name, email, url, body, status,"
      " created_at) VALUES (?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?)");
  for (const ImportedComment& comment : comments) {
    if (LinkedId(*writer_, system, source, OldKind::kComment, comment.old_id) != 0) {
      ++tally.skipped;
      continue;
    }
    const std::int64_t article_id =
        LinkedId(*writer_, system, source, OldKind::kArticle, comment.old_article_id);
    if (article_id == 0) {
      ++tally.orphans;
      continue;
    }
    const std::int64_t parent_id =
        comment.old_parent_id.empty()
            ? 0
            : LinkedId(*writer_, system, source, OldKind::kComment, comment.old_parent_id);
    // The reader id of an imported comment names its source: no reader of this site wrote it.
    insert
        .Bind(article_id, parent_id, "imported:" + Text(system), comment.name, comment.email,
              comment.url, comment.body, std::string(news::ToString(comment.status)),
              comment.created_at)
        .Run();
    Link(*writer_, system, source, OldKind::kComment, comment.old_id, "", writer_->LastInsertId());
    ++tally.written;
  }
  // A change of everything: every node counts the articles' comments again.
  if (tally.written > 0) MoveContentVersion(*writer_);
  transaction.Commit();
  return tally;
}

std::vector<OldLink> SqliteStore::ListOldLinks() {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT system, kind, source, old_id, old_slug, new_id FROM import_links"
      " WHERE kind <> 'comment' ORDER BY system, source, kind, old_id");
  list.Bind();
  std::vector<OldLink> links;
  while (list.Step()) {
    OldLink link;
    link.system = ParseOldSystem(list.Text(0)).value_or(OldSystem::kWordPress);
    link.kind = ParseOldKind(list.Text(1)).value_or(OldKind::kArticle);
    link.source = list.Text(2);
    link.old_id = list.Text(3);
    link.old_slug = list.Text(4);
    link.new_id = list.Int(5);
    links.push_back(std::move(link));
  }
  list.Reset();
  return links;
}

std::int64_t SqliteStore::OldLinksVersion() {
  auto reader = Reader();
  auto& read = reader->Prepare("SELECT value FROM site_meta WHERE key = 'old_links_version'");
  read.Bind();
  const std::int64_t version = read.Step() ? read.Int(0) : 0;
  read.Reset();
  return version;
}

std::vector<RedirectRow> SqliteStore::ListRedirects() {
  auto reader = Reader();
  auto& list =
      reader->Prepare("SELECT old_path, target, created_at FROM redirects ORDER BY old_path");
  list.Bind();
  std::vector<RedirectRow> redirects;
  while (list.Step()) redirects.push_back({list.Text(0), list.Text(1), list.Int(2)});
  list.Reset();
  return redirects;
}

// A redirect changes what an address answers: the content version moves too, so no node
// keeps serving a cached page or 404 from before.
void SqliteStore::SetRedirect(const RedirectRow& redirect) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_
      ->Prepare(
          "INSERT INTO redirects(old_path, target, created_at) VALUES (?, ?, ?)"
          " ON CONFLICT(old_path) DO UPDATE SET target = excluded.target,"
          " created_at = excluded.created_at")
      .Bind(redirect.old_path, redirect.target, redirect.created_at)
      .Run();
  MoveOldLinksVersion(*writer_);
  MoveContentVersion(*writer_);
  transaction.Commit();
}

bool SqliteStore::DeleteRedirect(const std::string& old_path) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_->Prepare("DELETE FROM redirects WHERE old_path = ?").Bind(old_path).Run();
  if (writer_->Changes() == 0) return false;
  MoveOldLinksVersion(*writer_);
  MoveContentVersion(*writer_);
  transaction.Commit();
  return true;
}

}  // namespace broadsheet::store::sqlite
