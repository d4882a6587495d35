// PgStore's side of moving a site in from another CMS (issue 14); the SQLite twin,
// sqlite_source_import.cpp, says what each step is for.
#include "news/slug.h"
#include "store/postgres/pg_bulk_writes.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"

namespace broadsheet::store::postgres {
namespace {

PgParam Param(OldSystem system) { return std::string(ToString(system)); }
PgParam Param(OldKind kind) { return std::string(ToString(kind)); }

std::int64_t LinkedId(PgConnection& connection, OldSystem system, const std::string& source,
                      OldKind kind, const std::string& old_id) {
  const PgResult found = connection.Exec(
      "SELECT new_id FROM import_links WHERE system = $1 AND source = $2 AND kind = $3"
      " AND old_id = $4",
      {Param(system), P(source), Param(kind), P(old_id)});
  return found.rows() > 0 ? found.Int(0, 0) : 0;
}

void Link(PgConnection& connection, OldSystem system, const std::string& source, OldKind kind,
          const std::string& old_id, const std::string& old_slug, std::int64_t new_id) {
  if (old_id.empty()) return;
  connection.Exec(
      "INSERT INTO import_links(system, source, kind, old_id, old_slug, new_id)"
      " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
      {Param(system), P(source), Param(kind), P(old_id), P(old_slug), P(new_id)});
}

void MoveOldLinksVersion(PgConnection& connection, bool content_too) {
  connection.Exec("UPDATE site_meta SET value = value + 1 WHERE key = 'old_links_version'");
  if (content_too) MoveContentVersion(connection);
}

}  // namespace

ImportTally PgStore::ImportArticles(OldSystem system, const std::string& source,
                                    const std::vector<ImportedArticle>& articles) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  HoldContentVersionMoves(*connection);
  ImportTally tally;
  for (const ImportedArticle& article : articles) {
    if (LinkedId(*connection, system, source, OldKind::kArticle, article.old_id) != 0) {
      ++tally.skipped;
      continue;
    }
    const std::int64_t author_id = FindOrCreateAuthor(*connection, article.author.name);
    connection->Exec("UPDATE authors SET bio = $1 WHERE id = $2 AND bio = ''",
                     {P(article.author.bio), P(author_id)});
    Link(*connection, system, source, OldKind::kAuthor, article.author.old_key, "", author_id);
    const std::int64_t category_id = FindOrCreateCategory(*connection, article.category.name);
    Link(*connection, system, source, OldKind::kCategory, article.category.old_key, "",
         category_id);
    const std::int64_t id =
        connection
            ->Exec(
                "INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
                " category_id, status, published_at, updated_at, views, rating_sum, rating_count,"
                " rating_revision, featured_media_id, featured_alt)"
                " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,"
                " nullif($15::bigint, 0),$16) RETURNING id",
                {P(article.slug), P(article.title), P(article.summary), P(article.body_markdown),
                 P(article.body_html), P(author_id), P(category_id),
                 std::string(news::ToString(article.status)), P(article.published_at),
                 P(article.updated_at), P(article.views), P(article.rating_sum),
                 P(article.rating_count), P(article.rating_count > 0 ? 1 : 0),
                 P(article.featured_media_id), P(article.featured_alt)})
            .Int(0, 0);
    if (article.rating_count > 0) {
      connection->Exec(
          "INSERT INTO article_rating_bases(article_id, sum, count) VALUES ($1, $2, $3)",
          {P(id), P(article.rating_sum), P(article.rating_count)});
    }
    std::vector<std::string> tag_names;
    for (const ImportedTerm& tag : article.tags) tag_names.push_back(tag.name);
    ReplaceTags(*connection, id, tag_names);
    for (const ImportedTerm& tag : article.tags) {
      const PgResult found =
          connection->Exec("SELECT id FROM tags WHERE slug = $1", {P(news::Slugify(tag.name))});
      if (found.rows() > 0) {
        Link(*connection, system, source, OldKind::kTag, tag.old_key, "", found.Int(0, 0));
      }
    }
    IndexForSearch(*connection, id);
    AddRevision(*connection, id, 0, "imported", article.updated_at);
    Link(*connection, system, source, OldKind::kArticle, article.old_id, article.old_slug, id);
    ++tally.written;
  }
  MoveOldLinksVersion(*connection, tally.written > 0);
  transaction.Commit();
  return tally;
}

ImportTally PgStore::ImportComments(OldSystem system, const std::string& source,
                                    const std::vector<ImportedComment>& comments) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  HoldContentVersionMoves(*connection);
  ImportTally tally;
  for (const ImportedComment& comment : comments) {
    if (LinkedId(*connection, system, source, OldKind::kComment, comment.old_id) != 0) {
      ++tally.skipped;
      continue;
    }
    const std::int64_t article_id =
        LinkedId(*connection, system, source, OldKind::kArticle, comment.old_article_id);
    if (article_id == 0) {
      ++tally.orphans;
      continue;
    }
    const std::int64_t parent_id =
        comment.old_parent_id.empty()
            ? 0
            : LinkedId(*connection, system, source, OldKind::kComment, comment.old_parent_id);
    const std::int64_t id =
        connection
            ->Exec(
                "INSERT INTO comments(article_id, parent_id, reader_id, name, email, url, body,"
                " status, created_at) VALUES ($1, nullif($2::bigint, 0), $3, $4, $5, $6, $7,"
                " $8, $9) RETURNING id",
                {P(article_id), P(parent_id), "imported:" + std::string(ToString(system)),
                 P(comment.name), P(comment.email), P(comment.url), P(comment.body),
                 std::string(news::ToString(comment.status)), P(comment.created_at)})
            .Int(0, 0);
    Link(*connection, system, source, OldKind::kComment, comment.old_id, "", id);
    ++tally.written;
  }
  // A change of everything: every node counts the articles' comments again.
  if (tally.written > 0) MoveContentVersion(*connection);
  transaction.Commit();
  return tally;
}

std::vector<OldLink> PgStore::ListOldLinks() {
  auto connection = pool_.Acquire();
  const PgResult rows = connection->Exec(
      "SELECT system, kind, source, old_id, old_slug, new_id FROM import_links"
      " WHERE kind <> 'comment' ORDER BY system, source, kind, old_id");
  std::vector<OldLink> links;
  links.reserve(rows.rows());
  for (int row = 0; row < rows.rows(); ++row) {
    OldLink link;
    link.system = ParseOldSystem(rows.Text(row, 0)).value_or(OldSystem::kWordPress);
    link.kind = ParseOldKind(rows.Text(row, 1)).value_or(OldKind::kArticle);
    link.source = rows.Text(row, 2);
    link.old_id = rows.Text(row, 3);
    link.old_slug = rows.Text(row, 4);
    link.new_id = rows.Int(row, 5);
    links.push_back(std::move(link));
  }
  return links;
}

std::int64_t PgStore::OldLinksVersion() {
  auto connection = pool_.Acquire();
  const PgResult read =
      connection->Exec("SELECT value FROM site_meta WHERE key = 'old_links_version'");
  return read.rows() > 0 ? read.Int(0, 0) : 0;
}

std::vector<RedirectRow> PgStore::ListRedirects() {
  auto connection = pool_.Acquire();
  const PgResult rows =
      connection->Exec("SELECT old_path, target, created_at FROM redirects ORDER BY old_path");
  std::vector<RedirectRow> redirects;
  for (int row = 0; row < rows.rows(); ++row) {
    redirects.push_back({rows.Text(row, 0), rows.Text(row, 1), rows.Int(row, 2)});
  }
  return redirects;
}

void PgStore::SetRedirect(const RedirectRow& redirect) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  connection->Exec(
      "INSERT INTO redirects(old_path, target, created_at) VALUES ($1, $2, $3)"
      " ON CONFLICT (old_path) DO UPDATE SET target = excluded.target,"
      " created_at = excluded.created_at",
      {P(redirect.old_path), P(redirect.target), P(redirect.created_at)});
  MoveOldLinksVersion(*connection, true);
  transaction.Commit();
}

bool PgStore::DeleteRedirect(const std::string& old_path) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  if (connection->Exec("DELETE FROM redirects WHERE old_path = $1", {P(old_path)}).Affected() ==
      0) {
    return false;
  }
  MoveOldLinksVersion(*connection, true);
  transaction.Commit();
  return true;
}

}  // namespace broadsheet::store::postgres
