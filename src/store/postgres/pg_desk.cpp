// The back office's part of the PostgreSQL store (issue 10), the same contract as
// sqlite/sqlite_desk.cpp: users and author profiles, sign-ins, the editors' article list,
// scheduling, the trash, revisions and tags.
#include "news/slug.h"
#include "store/free_slug.h"
#include "store/like_pattern.h"
#include "store/listing_statements.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_store.h"

namespace broadsheet::store::postgres {
namespace {

constexpr const char* kUserColumns =
    "SELECT u.id, u.email, u.password_hash, u.role, u.disabled, u.created_at, au.id, au.name,"
    " au.slug, au.bio FROM users u JOIN authors au ON au.id = u.author_id";

UserRow ReadUser(const PgResult& result, int row) {
  UserRow user;
  user.id = result.Int(row, 0);
  user.email = result.Text(row, 1);
  user.password_hash = result.Text(row, 2);
  user.role = news::ParseRole(result.Text(row, 3)).value_or(news::Role::kContributor);
  user.disabled = result.Int(row, 4) != 0;
  user.created_at = result.Int(row, 5);
  user.author = {result.Int(row, 6), result.Text(row, 7), result.Text(row, 8), result.Text(row, 9)};
  return user;
}

std::optional<UserRow> OneUser(const PgResult& result) {
  if (result.rows() == 0) return std::nullopt;
  return ReadUser(result, 0);
}

constexpr const char* kRevisionColumns =
    "SELECT r.id, r.article_id, r.created_at, coalesce(r.user_id, 0), coalesce(u.email, ''),"
    " r.note, r.title, r.slug, r.summary, r.body_markdown, r.category, r.author, r.tags,"
    " r.status, r.published_at, r.featured_media_id, r.featured_alt"
    " FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id";

RevisionRow ReadRevision(const PgResult& result, int row) {
  RevisionRow revision;
  revision.id = result.Int(row, 0);
  revision.article_id = result.Int(row, 1);
  revision.created_at = result.Int(row, 2);
  revision.user_id = result.Int(row, 3);
  revision.user_email = result.Text(row, 4);
  revision.note = result.Text(row, 5);
  news::ArticleInput& fields = revision.fields;
  fields.title = result.Text(row, 6);
  fields.slug = result.Text(row, 7);
  fields.summary = result.Text(row, 8);
  fields.body_markdown = result.Text(row, 9);
  fields.category = result.Text(row, 10);
  fields.author = result.Text(row, 11);
  fields.tags = news::SplitTags(result.Text(row, 12));
  fields.status =
      news::ParseStoredArticleStatus(result.Text(row, 13)).value_or(news::ArticleStatus::kDraft);
  fields.published_at = result.Int(row, 14);
  fields.featured_media_id = result.Int(row, 15);
  fields.featured_alt = result.Text(row, 16);
  return revision;
}

}  // namespace

void PgStore::FillAuthorSlugs() {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  // Nodes starting together take turns, so two never pick the same slug.
  connection->ExecScript("LOCK TABLE authors IN SHARE ROW EXCLUSIVE MODE");
  const PgResult missing =
      connection->Exec("SELECT id, name FROM authors WHERE slug IS NULL ORDER BY id");
  for (int row = 0; row < missing.rows(); ++row) {
    connection->Exec(
        "UPDATE authors SET slug = $1 WHERE id = $2",
        {P(UniqueAuthorSlug(*connection, missing.Text(row, 1))), P(missing.Int(row, 0))});
  }
  transaction.Commit();
}

std::vector<std::int64_t> PgStore::PublishDue(std::int64_t now) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  // Two nodes at once: the second's UPDATE waits for the first's row locks, then rechecks
  // status = 'scheduled' and finds nothing left to do. Exactly one publishes each article.
  const PgResult due = connection->Exec(
      "UPDATE articles SET status = 'published', version = version + 1, updated_at = $1"
      " WHERE status = 'scheduled' AND published_at <= $1 RETURNING id",
      {P(now)});
  std::vector<std::int64_t> published;
  for (int row = 0; row < due.rows(); ++row) published.push_back(due.Int(row, 0));
  for (const auto id : published) {
    AddRevision(*connection, id, 0, "published", now);
    IndexForSearch(*connection, id);
  }
  transaction.Commit();
  return published;
}

ArticleListPage PgStore::ListArticles(const ArticleQuery& query) {
  auto connection = pool_.Acquire();
  const std::string pattern = ContainsPattern(query.title_contains);
  ArticleListPage page;
  page.total =
      connection
          ->Exec(kDeskArticleCount.postgres, {P(query.status), P(query.category_id),
                                              P(query.author_id), P(query.tag_slug), P(pattern)})
          .Int(0, 0);
  page.rows = ReadArticles(connection->Exec(
      kDeskArticleList.postgres, {P(query.status), P(query.category_id), P(query.author_id),
                                  P(query.tag_slug), P(pattern), P(query.limit), P(query.offset)}));
  return page;
}

bool PgStore::TrashArticle(std::int64_t id, std::int64_t now, std::int64_t user_id) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  const auto changed =
      connection
          ->Exec(
              "UPDATE articles SET trashed_from = status, status = 'trashed', trashed_at = $1,"
              " updated_at = $1, version = version + 1 WHERE id = $2 AND status <> 'trashed'",
              {P(now), P(id)})
          .Affected();
  if (changed == 0) return false;
  AddRevision(*connection, id, user_id, "moved to the trash", now);
  IndexForSearch(*connection, id);
  transaction.Commit();
  return true;
}

bool PgStore::RestoreArticle(std::int64_t id, std::int64_t now, std::int64_t user_id,
                             bool may_publish) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  const auto changed =
      connection
          ->Exec("UPDATE articles SET status = CASE WHEN trashed_from = '' THEN 'draft'"
                 " WHEN $3::bigint = 0 AND trashed_from IN ('published', 'scheduled')"
                 " THEN 'draft' ELSE trashed_from END, trashed_from = '', trashed_at = 0,"
                 " updated_at = $1, version = version + 1 WHERE id = $2 AND status = 'trashed'",
                 {P(now), P(id), P(may_publish ? 1 : 0)})
          .Affected();
  if (changed == 0) return false;
  AddRevision(*connection, id, user_id, "restored from the trash", now);
  IndexForSearch(*connection, id);
  transaction.Commit();
  return true;
}

std::int64_t PgStore::PurgeTrash(std::int64_t before) {
  auto connection = pool_.Acquire();
  return connection
      ->Exec("DELETE FROM articles WHERE status = 'trashed' AND trashed_at < $1", {P(before)})
      .Affected();
}

std::vector<RevisionRow> PgStore::ListRevisions(std::int64_t article_id) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      Sql(kRevisionColumns) + " WHERE r.article_id = $1 ORDER BY r.id DESC", {P(article_id)});
  std::vector<RevisionRow> revisions;
  for (int row = 0; row < result.rows(); ++row) revisions.push_back(ReadRevision(result, row));
  return revisions;
}

std::optional<RevisionRow> PgStore::FindRevision(std::int64_t article_id,
                                                 std::int64_t revision_id) {
  auto connection = pool_.Acquire();
  const PgResult result =
      connection->Exec(Sql(kRevisionColumns) + " WHERE r.article_id = $1 AND r.id = $2",
                       {P(article_id), P(revision_id)});
  if (result.rows() == 0) return std::nullopt;
  return ReadRevision(result, 0);
}

std::vector<Tag> PgStore::ListTags() {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec("SELECT id, slug, name FROM tags ORDER BY name, id");
  std::vector<Tag> tags;
  for (int row = 0; row < result.rows(); ++row) {
    tags.push_back({result.Int(row, 0), result.Text(row, 1), result.Text(row, 2)});
  }
  return tags;
}

std::vector<std::string> PgStore::RenameReservedCategories(
    const std::vector<std::string>& reserved) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  connection->ExecScript("LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE");
  std::vector<std::string> renamed;
  for (const std::string& name : reserved) {
    const PgResult found =
        connection->Exec("SELECT id, name FROM categories WHERE slug = $1", {P(name)});
    if (found.rows() == 0) continue;
    const std::string slug = FirstFreeSlug(name + "-section", "section", [&](const auto& s) {
      return connection->Exec("SELECT 1 FROM categories WHERE slug = $1", {P(s)}).rows() > 0;
    });
    connection->Exec("UPDATE categories SET slug = $1, name = $2 WHERE id = $3",
                     {P(slug), P(SectionName(found.Text(0, 1), name + "-section", slug)),
                      P(found.Int(0, 0))});
    renamed.push_back(name + " -> " + slug);
  }
  transaction.Commit();
  return renamed;
}

std::optional<std::int64_t> PgStore::AddUser(const UserRow& user, const std::string& author_slug,
                                             const std::string& display_name, std::int64_t now) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  std::int64_t author_id = 0;
  if (!author_slug.empty()) {
    const PgResult found =
        connection->Exec("SELECT id FROM authors WHERE slug = $1", {P(author_slug)});
    if (found.rows() == 0) return std::nullopt;
    author_id = found.Int(0, 0);
  } else {
    if (connection->Exec("SELECT 1 FROM authors WHERE name = $1", {P(display_name)}).rows() > 0) {
      return std::nullopt;
    }
    author_id = FindOrCreateAuthor(*connection, display_name);
  }
  const PgResult added = connection->Exec(
      "INSERT INTO users(email, password_hash, role, disabled, author_id, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id",
      {P(user.email), P(user.password_hash), P(std::string(news::ToString(user.role))),
       P(user.disabled ? 1 : 0), P(author_id), P(now)});
  if (added.rows() == 0) return std::nullopt;
  transaction.Commit();
  return added.Int(0, 0);
}

std::optional<UserRow> PgStore::FindUserByEmail(const std::string& email) {
  auto connection = pool_.Acquire();
  return OneUser(connection->Exec(Sql(kUserColumns) + " WHERE u.email = $1", {P(email)}));
}

std::optional<UserRow> PgStore::FindUser(std::int64_t id) {
  auto connection = pool_.Acquire();
  return OneUser(connection->Exec(Sql(kUserColumns) + " WHERE u.id = $1", {P(id)}));
}

std::vector<UserRow> PgStore::ListUsers() {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(Sql(kUserColumns) + " ORDER BY u.email");
  std::vector<UserRow> users;
  for (int row = 0; row < result.rows(); ++row) users.push_back(ReadUser(result, row));
  return users;
}

bool PgStore::SetUserPassword(std::int64_t id, const std::string& password_hash) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  if (connection
          ->Exec("UPDATE users SET password_hash = $1 WHERE id = $2", {P(password_hash), P(id)})
          .Affected() == 0) {
    return false;
  }
  connection->Exec("DELETE FROM signins WHERE user_id = $1", {P(id)});
  transaction.Commit();
  return true;
}

bool PgStore::RehashPassword(std::int64_t id, const std::string& old_hash,
                             const std::string& new_hash) {
  auto connection = pool_.Acquire();
  return connection
             ->Exec("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3",
                    {P(new_hash), P(id), P(old_hash)})
             .Affected() > 0;
}

bool PgStore::SetUserRole(std::int64_t id, news::Role role) {
  auto connection = pool_.Acquire();
  return connection
             ->Exec("UPDATE users SET role = $1 WHERE id = $2",
                    {P(std::string(news::ToString(role))), P(id)})
             .Affected() > 0;
}

bool PgStore::SetUserDisabled(std::int64_t id, bool disabled) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  if (connection->Exec("UPDATE users SET disabled = $1 WHERE id = $2", {P(disabled ? 1 : 0), P(id)})
          .Affected() == 0) {
    return false;
  }
  if (disabled) connection->Exec("DELETE FROM signins WHERE user_id = $1", {P(id)});
  transaction.Commit();
  return true;
}

std::vector<Author> PgStore::ListAuthors() {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec("SELECT id, name, slug, bio FROM authors ORDER BY name");
  std::vector<Author> authors;
  for (int row = 0; row < result.rows(); ++row) {
    authors.push_back(
        {result.Int(row, 0), result.Text(row, 1), result.Text(row, 2), result.Text(row, 3)});
  }
  return authors;
}

std::optional<Author> PgStore::FindAuthorBySlug(const std::string& slug) {
  auto connection = pool_.Acquire();
  const PgResult result =
      connection->Exec("SELECT id, name, slug, bio FROM authors WHERE slug = $1", {P(slug)});
  if (result.rows() == 0) return std::nullopt;
  return Author{result.Int(0, 0), result.Text(0, 1), result.Text(0, 2), result.Text(0, 3)};
}

bool PgStore::UpdateAuthorProfile(std::int64_t author_id, const std::string& name,
                                  const std::string& bio) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  if (connection
          ->Exec("UPDATE authors SET name = $1, bio = $2 WHERE id = $3",
                 {P(name), P(bio), P(author_id)})
          .Affected() == 0) {
    return false;
  }
  // The author's name is searchable in each of their articles.
  const PgResult articles =
      connection->Exec("SELECT id FROM articles WHERE author_id = $1", {P(author_id)});
  for (int row = 0; row < articles.rows(); ++row) {
    IndexForSearch(*connection, articles.Int(row, 0));
  }
  transaction.Commit();
  return true;
}

void PgStore::AddSignIn(const std::string& id_hash, std::int64_t user_id, std::int64_t now) {
  auto connection = pool_.Acquire();
  connection->Exec(
      "INSERT INTO signins(id_hash, user_id, created_at, last_used) VALUES ($1, $2, $3, $3)",
      {P(id_hash), P(user_id), P(now)});
}

std::optional<UserRow> PgStore::UseSignIn(const std::string& id_hash, std::int64_t now,
                                          std::int64_t idle_s, std::int64_t max_age_s) {
  auto connection = pool_.Acquire();
  // One statement: touch a live sign-in of an enabled user and return the user.
  const PgResult used = connection->Exec(
      Sql("WITH touched AS (UPDATE signins s SET last_used = $2 FROM users u"
          " WHERE s.id_hash = $1 AND u.id = s.user_id AND u.disabled = 0"
          " AND $2 - s.created_at < $3 AND $2 - s.last_used < $4 RETURNING s.user_id) ") +
          kUserColumns + " WHERE u.id = (SELECT user_id FROM touched)",
      {P(id_hash), P(now), P(max_age_s), P(idle_s)});
  if (used.rows() > 0) return ReadUser(used, 0);
  connection->Exec(
      "DELETE FROM signins WHERE id_hash = $1 AND ($2 - created_at >= $3 OR $2 - last_used >= $4)",
      {P(id_hash), P(now), P(max_age_s), P(idle_s)});
  return std::nullopt;
}

void PgStore::EndSignIn(const std::string& id_hash) {
  auto connection = pool_.Acquire();
  connection->Exec("DELETE FROM signins WHERE id_hash = $1", {P(id_hash)});
}

void PgStore::EndAllSignIns(std::int64_t user_id) {
  auto connection = pool_.Acquire();
  connection->Exec("DELETE FROM signins WHERE user_id = $1", {P(user_id)});
}

std::int64_t PgStore::PurgeSignIns(std::int64_t now, std::int64_t idle_s,
                                   std::int64_t max_age_s) {
  auto connection = pool_.Acquire();
  return connection
      ->Exec("DELETE FROM signins WHERE created_at <= $1 OR last_used <= $2",
             {P(now - max_age_s), P(now - idle_s)})
      .Affected();
}

}  // namespace broadsheet::store::postgres
