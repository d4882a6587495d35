// The back office's part of the SQLite store (issue 10): users and author profiles, sign-ins,
// the editors' article list, scheduling, the trash, revisions and tags.
#include <algorithm>

#include "news/slug.h"
#include "store/free_slug.h"
#include "store/like_pattern.h"
#include "store/listing_statements.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace broadsheet::store::sqlite {
namespace {

constexpr const char* kUserColumns =
    "SELECT u.id, u.email, u.password_hash, u.role, u.disabled, u.created_at, au.id, au.name,"
    " au.slug, au.bio FROM users u JOIN authors au ON au.id = u.author_id";

UserRow ReadUser(const SqliteStatement& row) {
  UserRow user;
  user.id = row.Int(0);
  user.email = row.Text(1);
  user.password_hash = row.Text(2);
  user.role = news::ParseRole(row.Text(3)).value_or(news::Role::kContributor);
  user.disabled = row.Int(4) != 0;
  user.created_at = row.Int(5);
  user.author = {row.Int(6), row.Text(7), row.Text(8), row.Text(9)};
  return user;
}

std::optional<UserRow> OneUser(SqliteStatement& statement) {
  if (!statement.Step()) return std::nullopt;
  UserRow user = ReadUser(statement);
  statement.Reset();
  return user;
}

RevisionRow ReadRevision(const SqliteStatement& row) {
  RevisionRow revision;
  revision.id = row.Int(0);
  revision.article_id = row.Int(1);
  revision.created_at = row.Int(2);
  revision.user_id = row.Int(3);
  revision.user_email = row.Text(4);
  revision.note = row.Text(5);
  news::ArticleInput& fields = revision.fields;
  fields.title = row.Text(6);
  fields.slug = row.Text(7);
  fields.summary = row.Text(8);
  fields.body_markdown = row.Text(9);
  fields.category = row.Text(10);
  fields.author = row.Text(11);
  fields.tags = news::SplitTags(row.Text(12));
  fields.status =
      news::ParseStoredArticleStatus(row.Text(13)).value_or(news::ArticleStatus::kDraft);
  fields.published_at = row.Int(14);
  fields.featured_media_id = row.Int(15);
  fields.featured_alt = row.Text(16);
  return revision;
}

constexpr const char* kRevisionColumns =
    "SELECT r.id, r.article_id, r.created_at, coalesce(r.user_id, 0), coalesce(u.email, ''),"
    " r.note, r.title, r.slug, r.summary, r.body_markdown, r.category, r.author, r.tags,"
    " r.status, r.published_at, r.featured_media_id, r.featured_alt"
    " FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id";

}  // namespace

void SqliteStore::FillAuthorSlugs() {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& missing = writer_->Prepare("SELECT id, name FROM authors WHERE slug IS NULL ORDER BY id");
  missing.Reset();
  std::vector<std::pair<std::int64_t, std::string>> authors;
  while (missing.Step()) authors.emplace_back(missing.Int(0), missing.Text(1));
  for (const auto& [id, name] : authors) {
    writer_->Prepare("UPDATE authors SET slug = ? WHERE id = ?")
        .Bind(UniqueAuthorSlug(name), id)
        .Run();
  }
  transaction.Commit();
}

std::vector<std::int64_t> SqliteStore::PublishDue(std::int64_t now) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& due = writer_->Prepare(
      "UPDATE articles SET status = 'published', version = version + 1, updated_at = ?"
      " WHERE status = 'scheduled' AND published_at <= ? RETURNING id");
  due.Bind(now, now);
  std::vector<std::int64_t> published;
  while (due.Step()) published.push_back(due.Int(0));
  for (const auto id : published) {
    AddRevision(id, 0, "published", now);
    IndexForSearch(id);
  }
  transaction.Commit();
  return published;
}

ArticleListPage SqliteStore::ListArticles(const ArticleQuery& query) {
  auto reader = Reader();
  const std::string pattern = ContainsPattern(query.title_contains);
  ArticleListPage page;
  auto& count = reader->Prepare(kDeskArticleCount.sqlite);
  count.Bind(query.status, query.category_id, query.author_id, query.tag_slug, pattern);
  count.Step();
  page.total = count.Int(0);
  count.Reset();
  auto& list = reader->Prepare(kDeskArticleList.sqlite);
  list.Bind(query.status, query.category_id, query.author_id, query.tag_slug, pattern, query.limit,
            query.offset);
  page.rows = ReadArticles(list);
  return page;
}

bool SqliteStore::TrashArticle(std::int64_t id, std::int64_t now, std::int64_t user_id) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_
      ->Prepare(
          "UPDATE articles SET trashed_from = status, status = 'trashed', trashed_at = ?,"
          " updated_at = ?, version = version + 1 WHERE id = ? AND status <> 'trashed'")
      .Bind(now, now, id)
      .Run();
  if (writer_->Changes() == 0) return false;
  AddRevision(id, user_id, "moved to the trash", now);
  IndexForSearch(id);
  transaction.Commit();
  return true;
}

bool SqliteStore::RestoreArticle(std::int64_t id, std::int64_t now, std::int64_t user_id,
                                 bool may_publish) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_
      ->Prepare(
          "UPDATE articles SET status = CASE WHEN trashed_from = '' THEN 'draft'"
          " WHEN ? = 0 AND trashed_from IN ('published', 'scheduled') THEN 'draft'"
          " ELSE trashed_from END, trashed_from = '', trashed_at = 0, updated_at = ?,"
          " version = version + 1 WHERE id = ? AND status = 'trashed'")
      .Bind(may_publish ? 1 : 0, now, id)
      .Run();
  if (writer_->Changes() == 0) return false;
  AddRevision(id, user_id, "restored from the trash", now);
  IndexForSearch(id);
  transaction.Commit();
  return true;
}

std::int64_t SqliteStore::PurgeTrash(std::int64_t before) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("DELETE FROM articles WHERE status = 'trashed' AND trashed_at < ?")
      .Bind(before)
      .Run();
  return writer_->Changes();
}

std::vector<RevisionRow> SqliteStore::ListRevisions(std::int64_t article_id) {
  auto reader = Reader();
  auto& list =
      reader->Prepare(Sql(kRevisionColumns) + " WHERE r.article_id = ? ORDER BY r.id DESC");
  list.Bind(article_id);
  std::vector<RevisionRow> revisions;
  while (list.Step()) revisions.push_back(ReadRevision(list));
  return revisions;
}

std::optional<RevisionRow> SqliteStore::FindRevision(std::int64_t article_id,
                                                     std::int64_t revision_id) {
  auto reader = Reader();
  auto& find = reader->Prepare(Sql(kRevisionColumns) + " WHERE r.article_id = ? AND r.id = ?");
  if (!find.Bind(article_id, revision_id).Step()) return std::nullopt;
  RevisionRow revision = ReadRevision(find);
  find.Reset();
  return revision;
}

std::vector<Tag> SqliteStore::ListTags() {
  auto reader = Reader();
  auto& list = reader->Prepare("SELECT id, slug, name FROM tags ORDER BY name, id");
  list.Reset();
  std::vector<Tag> tags;
  while (list.Step()) tags.push_back({list.Int(0), list.Text(1), list.Text(2)});
  return tags;
}

std::vector<std::string> SqliteStore::RenameReservedCategories(
    const std::vector<std::string>& reserved) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& find = writer_->Prepare("SELECT id, name FROM categories WHERE slug = ?");
  auto& taken = writer_->Prepare("SELECT 1 FROM categories WHERE slug = ?");
  std::vector<std::string> renamed;
  for (const std::string& name : reserved) {
    if (!find.Bind(name).Step()) continue;
    const auto id = find.Int(0);
    const std::string display = find.Text(1);
    find.Reset();
    const std::string slug = FirstFreeSlug(name + "-section", "section", [&](const auto& s) {
      const bool found = taken.Bind(s).Step();
      taken.Reset();
      return found;
    });
    writer_->Prepare("UPDATE categories SET slug = ?, name = ? WHERE id = ?")
        .Bind(slug, SectionName(display, name + "-section", slug), id)
        .Run();
    renamed.push_back(name + " -> " + slug);
  }
  transaction.Commit();
  return renamed;
}

std::optional<std::int64_t> SqliteStore::AddUser(const UserRow& user,
                                                 const std::string& author_slug,
                                                 const std::string& display_name,
                                                 std::int64_t now) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& exists = writer_->Prepare("SELECT 1 FROM users WHERE email = ?");
  const bool taken = exists.Bind(user.email).Step();
  exists.Reset();
  if (taken) return std::nullopt;
  std::int64_t author_id = 0;
  if (!author_slug.empty()) {
    auto& find = writer_->Prepare("SELECT id FROM authors WHERE slug = ?");
    if (!find.Bind(author_slug).Step()) return std::nullopt;
    author_id = find.Int(0);
    find.Reset();
  } else {
    auto& named = writer_->Prepare("SELECT 1 FROM authors WHERE name = ?");
    const bool exists = named.Bind(display_name).Step();
    named.Reset();
    if (exists) return std::nullopt;
    author_id = FindOrCreateAuthor(display_name);
  }
  writer_
      ->Prepare(
          "INSERT INTO users(email, password_hash, role, disabled, author_id, created_at)"
          " VALUES (?, ?, ?, ?, ?, ?)")
      .Bind(user.email, user.password_hash, std::string(news::ToString(user.role)),
            user.disabled ? 1 : 0, author_id, now)
      .Run();
  const auto id = writer_->LastInsertId();
  transaction.Commit();
  return id;
}

std::optional<UserRow> SqliteStore::FindUserByEmail(const std::string& email) {
  auto reader = Reader();
  auto& find = reader->Prepare(Sql(kUserColumns) + " WHERE u.email = ?");
  find.Bind(email);
  return OneUser(find);
}

std::optional<UserRow> SqliteStore::FindUser(std::int64_t id) {
  auto reader = Reader();
  auto& find = reader->Prepare(Sql(kUserColumns) + " WHERE u.id = ?");
  find.Bind(id);
  return OneUser(find);
}

std::vector<UserRow> SqliteStore::ListUsers() {
  auto reader = Reader();
  auto& list = reader->Prepare(Sql(kUserColumns) + " ORDER BY u.email");
  list.Reset();
  std::vector<UserRow> users;
  while (list.Step()) users.push_back(ReadUser(list));
  return users;
}

bool SqliteStore::SetUserPassword(std::int64_t id, const std::string& password_hash) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_->Prepare("UPDATE users SET password_hash = ? WHERE id = ?").Bind(password_hash, id).Run();
  if (writer_->Changes() == 0) return false;
  writer_->Prepare("DELETE FROM signins WHERE user_id = ?").Bind(id).Run();
  transaction.Commit();
  return true;
}

bool SqliteStore::RehashPassword(std::int64_t id, const std::string& old_hash,
                                 const std::string& new_hash) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?")
      .Bind(new_hash, id, old_hash)
      .Run();
  return writer_->Changes() > 0;
}

bool SqliteStore::SetUserRole(std::int64_t id, news::Role role) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("UPDATE users SET role = ? WHERE id = ?")
      .Bind(std::string(news::ToString(role)), id)
      .Run();
  return writer_->Changes() > 0;
}

bool SqliteStore::SetUserDisabled(std::int64_t id, bool disabled) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_->Prepare("UPDATE users SET disabled = ? WHERE id = ?").Bind(disabled ? 1 : 0, id).Run();
  if (writer_->Changes() == 0) return false;
  if (disabled) writer_->Prepare("DELETE FROM signins WHERE user_id = ?").Bind(id).Run();
  transaction.Commit();
  return true;
}

std::vector<Author> SqliteStore::ListAuthors() {
  auto reader = Reader();
  auto& list = reader->Prepare("SELECT id, name, slug, bio FROM authors ORDER BY name");
  list.Reset();
  std::vector<Author> authors;
  while (list.Step()) authors.push_back({list.Int(0), list.Text(1), list.Text(2), list.Text(3)});
  return authors;
}

std::optional<Author> SqliteStore::FindAuthorBySlug(const std::string& slug) {
  auto reader = Reader();
  auto& find = reader->Prepare("SELECT id, name, slug, bio FROM authors WHERE slug = ?");
  if (!find.Bind(slug).Step()) return std::nullopt;
  Author author{find.Int(0), find.Text(1), find.Text(2), find.Text(3)};
  find.Reset();
  return author;
}

bool SqliteStore::UpdateAuthorProfile(std::int64_t author_id, const std::string& name,
                                      const std::string& bio) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_->Prepare("UPDATE authors SET name = ?, bio = ? WHERE id = ?")
      .Bind(name, bio, author_id)
      .Run();
  if (writer_->Changes() == 0) return false;
  // The author's name is searchable in each of their articles.
  auto& articles = writer_->Prepare("SELECT id FROM articles WHERE author_id = ?");
  articles.Bind(author_id);
  std::vector<std::int64_t> ids;
  while (articles.Step()) ids.push_back(articles.Int(0));
  articles.Reset();
  for (const std::int64_t id : ids) IndexForSearch(id);
  transaction.Commit();
  return true;
}

void SqliteStore::AddSignIn(const std::string& id_hash, std::int64_t user_id, std::int64_t now) {
  std::lock_guard lock(writer_mutex_);
  writer_
      ->Prepare("INSERT INTO signins(id_hash, user_id, created_at, last_used) VALUES (?, ?, ?, ?)")
      .Bind(id_hash, user_id, now, now)
      .Run();
}

std::optional<UserRow> SqliteStore::UseSignIn(const std::string& id_hash, std::int64_t now,
                                              std::int64_t idle_s, std::int64_t max_age_s) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& find =
      writer_->Prepare("SELECT user_id, created_at, last_used FROM signins WHERE id_hash = ?");
  if (!find.Bind(id_hash).Step()) return std::nullopt;
  const auto user_id = find.Int(0);
  const auto created_at = find.Int(1);
  const auto last_used = find.Int(2);
  find.Reset();
  if (now - created_at >= max_age_s || now - last_used >= idle_s) {
    writer_->Prepare("DELETE FROM signins WHERE id_hash = ?").Bind(id_hash).Run();
    transaction.Commit();
    return std::nullopt;
  }
  auto& user_find = writer_->Prepare(Sql(kUserColumns) + " WHERE u.id = ? AND u.disabled = 0");
  user_find.Bind(user_id);
  auto user = OneUser(user_find);
  if (!user) return std::nullopt;
  writer_->Prepare("UPDATE signins SET last_used = ? WHERE id_hash = ?").Bind(now, id_hash).Run();
  transaction.Commit();
  return user;
}

void SqliteStore::EndSignIn(const std::string& id_hash) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("DELETE FROM signins WHERE id_hash = ?").Bind(id_hash).Run();
}

void SqliteStore::EndAllSignIns(std::int64_t user_id) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("DELETE FROM signins WHERE user_id = ?").Bind(user_id).Run();
}

std::int64_t SqliteStore::PurgeSignIns(std::int64_t now, std::int64_t idle_s,
                                       std::int64_t max_age_s) {
  std::lock_guard lock(writer_mutex_);
  writer_->Prepare("DELETE FROM signins WHERE created_at <= ? OR last_used <= ?")
      .Bind(now - max_age_s, now - idle_s)
      .Run();
  return writer_->Changes();
}

}  // namespace broadsheet::store::sqlite
