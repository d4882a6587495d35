#include "store/postgres/pg_store.h"

#include <algorithm>

#include "news/slug.h"
#include "store/change_notice.h"
#include "store/free_slug.h"
#include "store/listing_statements.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_rows.h"

namespace broadsheet::store::postgres {
namespace {

PgParam Status(news::ArticleStatus status) { return std::string(news::ToString(status)); }

}  // namespace

PgStore::PgStore(PgSettings settings) : pool_(settings) {
  ApplyMigrations(settings);
  FillAuthorSlugs();
  IndexUnsearchedArticles();
}

void PgStore::SetChangeCallback(ChangeCallback callback) {
  std::lock_guard lock(listener_mutex_);
  if (!listener_) {
    if (!callback) return;
    listener_ = std::make_unique<PgChangeListener>(pool_.settings());
  }
  listener_->SetCallback(std::move(callback));
}

std::int64_t PgStore::FindOrCreateAuthor(PgConnection& connection, const std::string& name) {
  const PgResult found = connection.Exec("SELECT id FROM authors WHERE name = $1", {P(name)});
  if (found.rows() > 0) return found.Int(0, 0);
  // Creating authors takes turns (two new names may want the same free slug); with the lock
  // held, an author another save made meanwhile is caught by the ON CONFLICT on the name.
  connection.ExecScript("LOCK TABLE authors IN SHARE ROW EXCLUSIVE MODE");
  // Two saves creating the same author at once: the second waits on the unique name, then
  // its ON CONFLICT makes it return the first one's row.
  return connection
      .Exec(
          "INSERT INTO authors(name, slug) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET"
          " name = excluded.name RETURNING id",
          {P(name), P(UniqueAuthorSlug(connection, name))})
      .Int(0, 0);
}

std::string PgStore::UniqueAuthorSlug(PgConnection& connection, const std::string& name) {
  return FirstFreeSlug(news::Slugify(name), "author", [&](const std::string& slug) {
    return connection.Exec("SELECT 1 FROM authors WHERE slug = $1", {P(slug)}).rows() > 0;
  });
}

std::int64_t PgStore::FindOrCreateCategory(PgConnection& connection, const std::string& name) {
  const std::string slug = news::Slugify(name);
  const PgResult found = connection.Exec("SELECT id FROM categories WHERE slug = $1", {P(slug)});
  if (found.rows() > 0) return found.Int(0, 0);
  return connection
      .Exec("INSERT INTO categories(slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO UPDATE"
            " SET slug = excluded.slug RETURNING id",
            {P(slug), P(name)})
      .Int(0, 0);
}

void PgStore::ReplaceTags(PgConnection& connection, std::int64_t article_id,
                          const std::vector<std::string>& tags) {
  std::vector<std::int64_t> tag_ids;
  std::string id_list;  // "{1,2,3}": the kept tags, as one array parameter
  for (const std::string& name : tags) {
    const std::string slug = news::Slugify(name);
    // A tag the site has is only read: an upsert would write its row again for every article
    // that takes it, and a bulk import's one transaction would walk ever longer chains of
    // that row's versions. A new tag is inserted, or taken from a save that made it meanwhile.
    const PgResult found = connection.Exec("SELECT id FROM tags WHERE slug = $1", {P(slug)});
    if (found.rows() > 0) {
      tag_ids.push_back(found.Int(0, 0));
    } else {
      tag_ids.push_back(connection
                            .Exec("INSERT INTO tags(slug, name) VALUES ($1, $2) ON CONFLICT (slug)"
                                  " DO UPDATE SET slug = excluded.slug RETURNING id",
                                  {P(slug), P(name)})
                            .Int(0, 0));
    }
    id_list += (id_list.empty() ? "" : ",") + std::to_string(tag_ids.back());
  }
  // Only the rows that change are written: a save that keeps the tags moves no tag row, so
  // its triggers do not take it for a change of every listing (issue 12).
  connection.Exec(
      "DELETE FROM article_tags WHERE article_id = $1 AND NOT (tag_id = ANY($2::bigint[]))",
      {P(article_id), P("{" + id_list + "}")});
  std::int64_t position = 0;
  for (const std::int64_t tag_id : tag_ids) {
    connection.Exec(
        "INSERT INTO article_tags(article_id, tag_id, position) VALUES ($1, $2, $3)"
        " ON CONFLICT (article_id, tag_id) DO UPDATE SET position = excluded.position"
        " WHERE article_tags.position <> excluded.position",
        {P(article_id), P(tag_id), P(position++)});
  }
}

void PgStore::AddRevision(PgConnection& connection, std::int64_t article_id, std::int64_t user_id,
                          const std::string& note, std::int64_t now) {
  const PgResult names = connection.Exec(
      "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
      " WHERE x.article_id = $1 ORDER BY x.position",
      {P(article_id)});
  std::vector<std::string> tags;
  for (int row = 0; row < names.rows(); ++row) tags.push_back(names.Text(row, 0));
  connection.Exec(
      "INSERT INTO article_revisions(article_id, created_at, user_id, note, title, slug,"
      " summary, body_markdown, category, author, tags, status, published_at,"
      " featured_media_id, featured_alt)"
      " SELECT a.id, $1, nullif($2::bigint, 0), $3, a.title, a.slug, a.summary, a.body_markdown,"
      " c.name, au.name, $4, a.status, a.published_at, coalesce(a.featured_media_id, 0),"
      " a.featured_alt FROM articles a"
      " JOIN authors au ON au.id = a.author_id JOIN categories c ON c.id = a.category_id"
      " WHERE a.id = $5",
      {P(now), P(user_id), P(note), P(news::JoinTags(tags)), P(article_id)});
}

std::int64_t PgStore::AddArticle(const news::ArticleInput& input, const std::string& body_html,
                                 std::int64_t now, std::int64_t user_id) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  const auto author_id = FindOrCreateAuthor(*connection, input.author);
  const auto category_id = FindOrCreateCategory(*connection, input.category);
  const auto id =
      connection
          ->Exec(
              "INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
              " category_id, status, published_at, updated_at, featured_media_id, featured_alt)"
              " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,nullif($11::bigint, 0),$12) RETURNING id",
              {P(input.slug), P(input.title), P(input.summary), P(input.body_markdown),
               P(body_html), P(author_id), P(category_id), Status(input.status),
               P(news::PublicationTime(input, 0, now)), P(now), P(input.featured_media_id),
               P(input.featured_alt)})
          .Int(0, 0);
  ReplaceTags(*connection, id, input.tags);
  IndexForSearch(*connection, id);
  AddRevision(*connection, id, user_id, "created", now);
  transaction.Commit();
  return id;
}

SaveOutcome PgStore::UpdateArticle(std::int64_t id, const news::ArticleInput& input,
                                   const std::string& body_html, std::int64_t now,
                                   const ArticleEditor& editor, const std::string& note) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  // FOR UPDATE: a second editor's save waits here, then sees the new version and conflicts.
  const PgResult current = connection->Exec(
      "SELECT version, published_at FROM articles WHERE id = $1 AND status <> 'trashed'"
      " FOR UPDATE",
      {P(id)});
  if (current.rows() == 0) return SaveOutcome::kNotFound;
  if (editor.base_version != 0 && editor.base_version != current.Int(0, 0)) {
    return SaveOutcome::kConflict;
  }
  const auto author_id = FindOrCreateAuthor(*connection, input.author);
  const auto category_id = FindOrCreateCategory(*connection, input.category);
  connection->Exec(
      "UPDATE articles SET slug = $1, title = $2, summary = $3, body_markdown = $4,"
      " body_html = $5, author_id = $6, category_id = $7, status = $8, updated_at = $9,"
      " published_at = $10, featured_media_id = nullif($12::bigint, 0), featured_alt = $13,"
      " version = version + 1 WHERE id = $11",
      {P(input.slug), P(input.title), P(input.summary), P(input.body_markdown), P(body_html),
       P(author_id), P(category_id), Status(input.status), P(now),
       P(news::PublicationTime(input, current.Int(0, 1), now)), P(id), P(input.featured_media_id),
       P(input.featured_alt)});
  ReplaceTags(*connection, id, input.tags);
  IndexForSearch(*connection, id);
  AddRevision(*connection, id, editor.user_id, note, now);
  transaction.Commit();
  return SaveOutcome::kSaved;
}

bool PgStore::SetArticleStatus(std::int64_t id, news::ArticleStatus status, std::int64_t now,
                               std::int64_t user_id) {
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  const auto changed =
      connection
          ->Exec(
              "UPDATE articles SET status = $1, updated_at = $2, version = version + 1,"
              " published_at = CASE WHEN $1 = 'published' AND published_at = 0 THEN $2"
              " ELSE published_at END WHERE id = $3 AND status <> 'trashed'",
              {Status(status), P(now), P(id)})
          .Affected();
  if (changed == 0) return false;
  AddRevision(*connection, id, user_id, std::string(news::ToString(status)), now);
  IndexForSearch(*connection, id);
  transaction.Commit();
  return true;
}

std::optional<ArticleRow> PgStore::FindArticle(std::int64_t id) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      Sql("SELECT ") + kArticleColumnsWithBody + kArticleJoins + " WHERE a.id = $1", {P(id)});
  if (result.rows() == 0) return std::nullopt;
  ArticleRow article = ReadArticleWithBody(result, 0);
  const PgResult tags = connection->Exec(
      "SELECT t.id, t.slug, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
      " WHERE x.article_id = $1 ORDER BY x.position",
      {P(id)});
  for (int row = 0; row < tags.rows(); ++row) {
    article.tags.push_back({tags.Int(row, 0), tags.Text(row, 1), tags.Text(row, 2)});
  }
  return article;
}

namespace {

std::vector<PgParam> Params(const std::vector<std::int64_t>& values) {
  std::vector<PgParam> params;
  params.reserve(values.size());
  for (const std::int64_t value : values) params.push_back(P(value));
  return params;
}

}  // namespace

std::vector<ArticleRow> PgStore::ListPublished(const ListingScope& scope,
                                               const std::optional<ListingKey>& after, int limit) {
  auto connection = pool_.Acquire();
  if (const ListingStatement* page = StatementsFor(scope.kind).page) {
    return ReadArticles(
        connection->Exec(page->postgres, Params(PageParameters(scope, after, limit))));
  }
  // One statement per case rather than "($1 = 0 OR category_id = $1)", which no index can serve.
  const std::int64_t category_id = scope.id;
  if (scope.kind == ListingScope::Kind::kAll) {
    if (!after) return ReadArticles(connection->Exec(kFrontFirstPage.postgres, {P(limit)}));
    return ReadArticles(connection->Exec(kFrontAfterKey.postgres,
                                         {P(after->published_at), P(after->id), P(limit)}));
  }
  if (!after) {
    return ReadArticles(connection->Exec(kCategoryFirstPage.postgres, {P(category_id), P(limit)}));
  }
  return ReadArticles(
      connection->Exec(kCategoryAfterKey.postgres,
                       {P(category_id), P(after->published_at), P(after->id), P(limit)}));
}

std::optional<ListingKey> PgStore::ListingKeyAt(const ListingScope& scope, std::int64_t position) {
  auto connection = pool_.Acquire();
  auto parameters = ScopeBounds(scope);
  parameters.push_back(position);
  const PgResult found =
      connection->Exec(StatementsFor(scope.kind).key_at->postgres, Params(parameters));
  if (found.rows() == 0) return std::nullopt;
  return ListingKey{found.Int(0, 0), found.Int(0, 1)};
}

std::int64_t PgStore::CountPublished(const ListingScope& scope) {
  auto connection = pool_.Acquire();
  return connection->Exec(StatementsFor(scope.kind).count->postgres, Params(ScopeBounds(scope)))
      .Int(0, 0);
}

std::optional<ArticleRow> PgStore::NewerInCategory(std::int64_t category_id,
                                                   const ListingKey& key) {
  auto connection = pool_.Acquire();
  auto rows = ReadArticles(
      connection->Exec(kCategoryNewer.postgres, {P(category_id), P(key.published_at), P(key.id)}));
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<Tag> PgStore::FindTagBySlug(const std::string& slug) {
  auto connection = pool_.Acquire();
  const PgResult found =
      connection->Exec("SELECT id, slug, name FROM tags WHERE slug = $1", {P(slug)});
  if (found.rows() == 0) return std::nullopt;
  return Tag{found.Int(0, 0), found.Text(0, 1), found.Text(0, 2)};
}

std::vector<ArticleRow> PgStore::ListAllArticles() {
  auto connection = pool_.Acquire();
  return ReadArticles(connection->Exec(Sql("SELECT ") + kArticleColumns + kArticleJoins +
                                       " WHERE a.status <> 'trashed' ORDER BY a.id"));
}

std::vector<CategoryCount> PgStore::ListCategoryCounts() {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT c.id, c.slug, c.name, (SELECT count(*) FROM articles a"
      " WHERE a.category_id = c.id AND a.status = 'published') FROM categories c ORDER BY c.name");
  std::vector<CategoryCount> counts;
  for (int row = 0; row < result.rows(); ++row) {
    counts.push_back(
        {{result.Int(row, 0), result.Text(row, 1), result.Text(row, 2)}, result.Int(row, 3)});
  }
  return counts;
}

std::vector<ViewTotals> PgStore::AddViews(const std::vector<ViewDelta>& unordered) {
  std::vector<ViewTotals> totals;
  if (unordered.empty()) return totals;
  // Row locks in one order (article, then day) on every node: two nodes flushing overlapping
  // articles at once wait for each other instead of deadlocking.
  std::vector<ViewDelta> deltas = unordered;
  std::stable_sort(deltas.begin(), deltas.end(), [](const ViewDelta& a, const ViewDelta& b) {
    return a.article_id != b.article_id ? a.article_id < b.article_id : a.day < b.day;
  });
  auto connection = pool_.Acquire();
  PgTransaction transaction(*connection);
  for (const ViewDelta& delta : deltas) {
    // views = views + n: nodes add their own counts; nothing is read-modify-written here.
    const PgResult result = connection->Exec(
        "UPDATE articles SET views = views + $1, crawler_hits = crawler_hits + $2"
        " WHERE id = $3 RETURNING views",
        {P(delta.views), P(delta.crawler_hits), P(delta.article_id)});
    if (result.rows() == 0) continue;  // the article is gone: drop its counts
    if (!totals.empty() && totals.back().article_id == delta.article_id) {
      totals.back().views = result.Int(0, 0);
    } else {
      totals.push_back({delta.article_id, result.Int(0, 0)});
    }
    if (delta.views > 0) {
      connection->Exec(
          "INSERT INTO article_views_daily(article_id, day, views) VALUES ($1, $2, $3)"
          " ON CONFLICT (article_id, day) DO UPDATE SET"
          " views = article_views_daily.views + excluded.views",
          {P(delta.article_id), P(delta.day), P(delta.views)});
    }
  }
  // Other nodes take the new totals at once rather than at their next poll (an empty payload,
  // when they do not fit, makes them read the store).
  connection->Exec("SELECT pg_notify('broadsheet_views', $1)", {P(ViewsPayload(totals))});
  transaction.Commit();
  return totals;
}

std::vector<ViewTotals> PgStore::ReadViewTotals() {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec("SELECT id, views FROM articles");
  std::vector<ViewTotals> totals;
  for (int row = 0; row < result.rows(); ++row) {
    totals.push_back({result.Int(row, 0), result.Int(row, 1)});
  }
  return totals;
}

std::vector<ReadCount> PgStore::MostRead(const std::string& first_day, const std::string& last_day,
                                         int limit) {
  auto connection = pool_.Acquire();
  const PgResult result =
      connection->Exec(kMostRead.postgres, {P(first_day), P(last_day), P(limit)});
  std::vector<ReadCount> counts;
  for (int row = 0; row < result.rows(); ++row) {
    counts.push_back({result.Int(row, 0), result.Int(row, 1)});
  }
  return counts;
}

std::vector<DailyViews> PgStore::ViewsByDay(std::int64_t article_id) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT day, views FROM article_views_daily WHERE article_id = $1 ORDER BY day",
      {P(article_id)});
  std::vector<DailyViews> days;
  for (int row = 0; row < result.rows(); ++row) {
    days.push_back({result.Text(row, 0), result.Int(row, 1)});
  }
  return days;
}

std::int64_t PgStore::ContentVersion() {
  auto connection = pool_.Acquire();
  const PgResult result =
      connection->Exec("SELECT value FROM site_meta WHERE key = 'content_version'");
  return result.rows() > 0 ? result.Int(0, 0) : 0;
}

std::vector<ContentChange> PgStore::ContentChangesSince(std::int64_t version, int limit) {
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(
      "SELECT version, scope, article_id FROM content_changes WHERE version > $1"
      " ORDER BY version LIMIT $2",
      {P(version), P(limit)});
  std::vector<ContentChange> changes;
  for (int row = 0; row < result.rows(); ++row) {
    const std::string scope = result.Text(row, 1);
    changes.push_back({result.Int(row, 0),
                       scope == "article"    ? ContentScope::kArticle
                       : scope == "comments" ? ContentScope::kComments
                                             : ContentScope::kAll,
                       result.Int(row, 2)});
  }
  return changes;
}

std::int64_t PgStore::CountsCursor() {
  auto connection = pool_.Acquire();
  return connection->Exec("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").Int(0, 0);
}

CountsChanges PgStore::CountsChangedSince(std::int64_t cursor) {
  // The cursor first, from an earlier snapshot than the read: whatever the read cannot see
  // yet belongs to a transaction at least that new, so the next poll finds it.
  CountsChanges changes{.rows = {}, .cursor = CountsCursor()};
  auto connection = pool_.Acquire();
  const PgResult result = connection->Exec(kCountsChangedSince.postgres, {P(cursor)});
  for (int row = 0; row < result.rows(); ++row) {
    changes.rows.push_back({result.Int(row, 0), result.Int(row, 1), result.Int(row, 2),
                            result.Int(row, 3), result.Int(row, 4)});
  }
  return changes;
}

bool PgStore::IsEmpty() {
  auto connection = pool_.Acquire();
  return connection->Exec("SELECT NOT EXISTS (SELECT 1 FROM articles)").Text(0, 0) == "t";
}

}  // namespace broadsheet::store::postgres
