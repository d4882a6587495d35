#include "store/sqlite/sqlite_store.h"

#include <algorithm>

#include "news/slug.h"
#include "store/free_slug.h"
#include "store/listing_statements.h"
#include "store/sqlite/group_commit.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/sqlite/sqlite_rows.h"

namespace broadsheet::store::sqlite {
namespace {

// Idle reader connections kept open; more are opened on demand and closed when returned.
constexpr std::size_t kMaxIdleReaders = 16;

std::string StatusText(news::ArticleStatus status) { return std::string(news::ToString(status)); }

}  // namespace

SqliteStore::ReaderLease::ReaderLease(SqliteStore& store,
                                      std::unique_ptr<SqliteConnection> connection)
    : store_(store), connection_(std::move(connection)) {}

SqliteStore::ReaderLease::~ReaderLease() {
  std::lock_guard lock(store_.pool_mutex_);
  if (store_.idle_readers_.size() < kMaxIdleReaders) {
    store_.idle_readers_.push_back(std::move(connection_));
  }
}

SqliteStore::SqliteStore(std::string path, std::int64_t max_page_count) : path_(std::move(path)) {
  writer_ = std::make_unique<SqliteConnection>(path_, /*create=*/true);
  ApplyMigrations(*writer_);
  // After the migrations, so a quota smaller than the schema still opens (and then refuses
  // writes with 503 rather than refusing to start).
  if (max_page_count > 0) writer_->SetMaxPageCount(max_page_count);
  FillAuthorSlugs();
  IndexUnsearchedArticles();
  group_commit_ = std::make_unique<GroupCommit>(writer_mutex_, *writer_);
}

SqliteStore::~SqliteStore() = default;

SqliteStore::ReaderLease SqliteStore::Reader() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_readers_.empty()) {
      auto connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReaderLease(*this, std::move(connection));
    }
  }
  return ReaderLease(*this, std::make_unique<SqliteConnection>(path_, /*create=*/false));
}

std::int64_t SqliteStore::FindOrCreateAuthor(const std::string& name) {
  auto& find = writer_->Prepare("SELECT id FROM authors WHERE name = ?");
  if (find.Bind(name).Step()) {
    const auto id = find.Int(0);
    find.Reset();
    return id;
  }
  writer_->Prepare("INSERT INTO authors(name, slug) VALUES (?, ?)")
      .Bind(name, UniqueAuthorSlug(name))
      .Run();
  return writer_->LastInsertId();
}

std::string SqliteStore::UniqueAuthorSlug(const std::string& name) {
  auto& taken = writer_->Prepare("SELECT 1 FROM authors WHERE slug = ?");
  return FirstFreeSlug(news::Slugify(name), "author", [&](const std::string& slug) {
    const bool found = taken.Bind(slug).Step();
    taken.Reset();
    return found;
  });
}

std::int64_t SqliteStore::FindOrCreateCategory(const std::string& name) {
  const std::string slug = news::Slugify(name);
  auto& find = writer_->Prepare("SELECT id FROM categories WHERE slug = ?");
  if (find.Bind(slug).Step()) {
    const auto id = find.Int(0);
    find.Reset();
    return id;
  }
  writer_->Prepare("INSERT INTO categories(slug, name) VALUES (?, ?)").Bind(slug, name).Run();
  return writer_->LastInsertId();
}

void SqliteStore::ReplaceTags(std::int64_t article_id, const std::vector<std::string>& tags) {
  auto& add_tag =
      writer_->Prepare("INSERT INTO tags(slug, name) VALUES (?, ?) ON CONFLICT(slug) DO NOTHING");
  auto& find_tag = writer_->Prepare("SELECT id FROM tags WHERE slug = ?");
  std::vector<std::int64_t> tag_ids;
  for (const std::string& name : tags) {
    const std::string slug = news::Slugify(name);
    add_tag.Bind(slug, name).Run();
    find_tag.Bind(slug).Step();
    tag_ids.push_back(find_tag.Int(0));
    find_tag.Reset();
  }
  // Only the rows that change are written: a save that keeps the tags moves no tag row, so
  // its triggers do not take it for a change of every listing (issue 12).
  auto& current = writer_->Prepare("SELECT tag_id FROM article_tags WHERE article_id = ?");
  current.Bind(article_id);
  std::vector<std::int64_t> removed;
  while (current.Step()) {
    const std::int64_t tag_id = current.Int(0);
    if (std::find(tag_ids.begin(), tag_ids.end(), tag_id) == tag_ids.end()) {
      removed.push_back(tag_id);
    }
  }
  current.Reset();
  auto& unlink = writer_->Prepare("DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?");
  for (const std::int64_t tag_id : removed) unlink.Bind(article_id, tag_id).Run();
  auto& link = writer_->Prepare(
      "INSERT INTO article_tags(article_id, tag_id, position) VALUES (?, ?, ?)"
      " ON CONFLICT(article_id, tag_id) DO UPDATE SET position = excluded.position"
      " WHERE position <> excluded.position");
  int position = 0;
  for (const std::int64_t tag_id : tag_ids) link.Bind(article_id, tag_id, position++).Run();
}

void SqliteStore::AddRevision(std::int64_t article_id, std::int64_t user_id,
                              const std::string& note, std::int64_t now) {
  auto& names = writer_->Prepare(
      "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
      " WHERE x.article_id = ? ORDER BY x.position");
  names.Bind(article_id);
  std::vector<std::string> tags;
  while (names.Step()) tags.push_back(names.Text(0));
  writer_
      ->Prepare(
          "INSERT INTO article_revisions(article_id, created_at, user_id, note, title, slug,"
          " summary, body_markdown, category, author, tags, status, published_at,"
          " featured_media_id, featured_alt)"
          " SELECT a.id, ?, nullif(?, 0), ?, a.title, a.slug, a.summary, a.body_markdown, c.name,"
          " au.name, ?, a.status, a.published_at, coalesce(a.featured_media_id, 0),"
          " a.featured_alt FROM articles a"
          " JOIN authors au ON au.id = a.author_id JOIN categories c ON c.id = a.category_id"
          " WHERE a.id = ?")
      .Bind(now, user_id, note, news::JoinTags(tags), article_id)
      .Run();
}

std::int64_t SqliteStore::AddArticle(const news::ArticleInput& input, const std::string& body_html,
                                     std::int64_t now, std::int64_t user_id) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  const auto author_id = FindOrCreateAuthor(input.author);
  const auto category_id = FindOrCreateCategory(input.category);
  writer_
      ->Prepare(
          "INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
          " category_id, status, published_at, updated_at, featured_media_id, featured_alt)"
          " VALUES (?,?,?,?,?,?,?,?,?,?,nullif(?, 0),?)")
      .Bind(input.slug, input.title, input.summary, input.body_markdown, body_html, author_id,
            category_id, StatusText(input.status), news::PublicationTime(input, 0, now), now,
            input.featured_media_id, input.featured_alt)
      .Run();
  const auto id = writer_->LastInsertId();
  ReplaceTags(id, input.tags);
  IndexForSearch(id);
  AddRevision(id, user_id, "created", now);
  transaction.Commit();
  return id;
}

SaveOutcome SqliteStore::UpdateArticle(std::int64_t id, const news::ArticleInput& input,
                                       const std::string& body_html, std::int64_t now,
                                       const ArticleEditor& editor, const std::string& note) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& current = writer_->Prepare(
      "SELECT version, published_at FROM articles WHERE id = ? AND status <> 'trashed'");
  if (!current.Bind(id).Step()) return SaveOutcome::kNotFound;
  const auto version = current.Int(0);
  const auto published_at = current.Int(1);
  current.Reset();
  if (editor.base_version != 0 && editor.base_version != version) return SaveOutcome::kConflict;
  const auto author_id = FindOrCreateAuthor(input.author);
  const auto category_id = FindOrCreateCategory(input.category);
  writer_
      ->Prepare(
          "UPDATE articles SET slug = ?, title = ?, summary = ?, body_markdown = ?,"
          " body_html = ?, author_id = ?, category_id = ?, status = ?, updated_at = ?,"
          " published_at = ?, featured_media_id = nullif(?, 0), featured_alt = ?,"
          " version = version + 1 WHERE id = ?")
      .Bind(input.slug, input.title, input.summary, input.body_markdown, body_html, author_id,
            category_id, StatusText(input.status), now,
            news::PublicationTime(input, published_at, now), input.featured_media_id,
            input.featured_alt, id)
      .Run();
  ReplaceTags(id, input.tags);
  IndexForSearch(id);
  AddRevision(id, editor.user_id, note, now);
  transaction.Commit();
  return SaveOutcome::kSaved;
}

bool SqliteStore::SetArticleStatus(std::int64_t id, news::ArticleStatus status, std::int64_t now,
                                   std::int64_t user_id) {
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  writer_
      ->Prepare(
          "UPDATE articles SET status = ?, updated_at = ?, version = version + 1,"
          " published_at = CASE WHEN ? = 'published' AND published_at = 0 THEN ?"
          " ELSE published_at END WHERE id = ? AND status <> 'trashed'")
      .Bind(StatusText(status), now, StatusText(status), now, id)
      .Run();
  if (writer_->Changes() == 0) return false;
  AddRevision(id, user_id, std::string(news::ToString(status)), now);
  IndexForSearch(id);
  transaction.Commit();
  return true;
}

std::optional<ArticleRow> SqliteStore::FindArticle(std::int64_t id) {
  auto reader = Reader();
  auto& find =
      reader->Prepare(Sql("SELECT ") + kArticleColumnsWithBody + kArticleJoins + " WHERE a.id = ?");
  if (!find.Bind(id).Step()) return std::nullopt;
  ArticleRow article = ReadArticleWithBody(find);
  find.Reset();
  auto& tags = reader->Prepare(
      "SELECT t.id, t.slug, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
      " WHERE x.article_id = ? ORDER BY x.position");
  tags.Bind(id);
  while (tags.Step()) article.tags.push_back({tags.Int(0), tags.Text(1), tags.Text(2)});
  return article;
}

std::vector<ArticleRow> SqliteStore::ListPublished(const ListingScope& scope,
                                                   const std::optional<ListingKey>& after,
                                                   int limit) {
  auto reader = Reader();
  if (const ListingStatement* page = StatementsFor(scope.kind).page) {
    auto& list = reader->Prepare(page->sqlite);
    list.BindAll(PageParameters(scope, after, limit));
    return ReadArticles(list);
  }
  // One statement per case rather than "(? = 0 OR category_id = ?)", which no index can serve.
  const std::int64_t category_id = scope.id;
  if (scope.kind == ListingScope::Kind::kAll) {
    if (!after) {
      auto& list = reader->Prepare(kFrontFirstPage.sqlite);
      list.Bind(limit);
      return ReadArticles(list);
    }
    auto& list = reader->Prepare(kFrontAfterKey.sqlite);
    list.Bind(after->published_at, after->id, limit);
    return ReadArticles(list);
  }
  if (!after) {
    auto& list = reader->Prepare(kCategoryFirstPage.sqlite);
    list.Bind(category_id, limit);
    return ReadArticles(list);
  }
  auto& list = reader->Prepare(kCategoryAfterKey.sqlite);
  list.Bind(category_id, after->published_at, after->id, limit);
  return ReadArticles(list);
}

std::optional<ListingKey> SqliteStore::ListingKeyAt(const ListingScope& scope,
                                                    std::int64_t position) {
  auto reader = Reader();
  auto parameters = ScopeBounds(scope);
  parameters.push_back(position);
  auto& find = reader->Prepare(StatementsFor(scope.kind).key_at->sqlite).BindAll(parameters);
  if (!find.Step()) return std::nullopt;
  const ListingKey key{find.Int(0), find.Int(1)};
  find.Reset();
  return key;
}

std::int64_t SqliteStore::CountPublished(const ListingScope& scope) {
  auto reader = Reader();
  auto& count =
      reader->Prepare(StatementsFor(scope.kind).count->sqlite).BindAll(ScopeBounds(scope));
  count.Step();
  const std::int64_t published = count.Int(0);
  count.Reset();
  return published;
}

std::optional<ArticleRow> SqliteStore::NewerInCategory(std::int64_t category_id,
                                                       const ListingKey& key) {
  auto reader = Reader();
  auto& find = reader->Prepare(kCategoryNewer.sqlite);
  find.Bind(category_id, key.published_at, key.id);
  auto rows = ReadArticles(find);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<Tag> SqliteStore::FindTagBySlug(const std::string& slug) {
  auto reader = Reader();
  auto& find = reader->Prepare("SELECT id, slug, name FROM tags WHERE slug = ?");
  if (!find.Bind(slug).Step()) return std::nullopt;
  Tag tag{find.Int(0), find.Text(1), find.Text(2)};
  find.Reset();
  return tag;
}

std::vector<ArticleRow> SqliteStore::ListAllArticles() {
  auto reader = Reader();
  auto& list = reader->Prepare(Sql("SELECT ") + kArticleColumns + kArticleJoins +
                               " WHERE a.status <> 'trashed' ORDER BY a.id");
  list.Reset();
  return ReadArticles(list);
}

std::vector<CategoryCount> SqliteStore::ListCategoryCounts() {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT c.id, c.slug, c.name, (SELECT count(*) FROM articles a"
      " WHERE a.category_id = c.id AND a.status = 'published') FROM categories c ORDER BY c.name");
  list.Reset();
  std::vector<CategoryCount> counts;
  while (list.Step()) counts.push_back({{list.Int(0), list.Text(1), list.Text(2)}, list.Int(3)});
  return counts;
}

std::vector<ViewTotals> SqliteStore::AddViews(const std::vector<ViewDelta>& deltas) {
  std::vector<ViewTotals> totals;
  if (deltas.empty()) return totals;
  std::lock_guard lock(writer_mutex_);
  SqliteTransaction transaction(*writer_);
  auto& add = writer_->Prepare(
      "UPDATE articles SET views = views + ?, crawler_hits = crawler_hits + ? WHERE id = ?"
      " RETURNING views");
  auto& add_daily = writer_->Prepare(
      "INSERT INTO article_views_daily(article_id, day, views) VALUES (?, ?, ?)"
      " ON CONFLICT(article_id, day) DO UPDATE SET views = views + excluded.views");
  for (const ViewDelta& delta : deltas) {
    add.Bind(delta.views, delta.crawler_hits, delta.article_id);
    if (!add.Step()) continue;  // the article is gone: drop its counts
    const auto total = add.Int(0);
    add.Reset();
    // Totals come from the last delta for the article (deltas may hold several days).
    if (!totals.empty() && totals.back().article_id == delta.article_id) {
      totals.back().views = total;
    } else {
      totals.push_back({delta.article_id, total});
    }
    if (delta.views > 0) add_daily.Bind(delta.article_id, delta.day, delta.views).Run();
  }
  transaction.Commit();
  return totals;
}

std::vector<ViewTotals> SqliteStore::ReadViewTotals() {
  auto reader = Reader();
  auto& list = reader->Prepare("SELECT id, views FROM articles");
  list.Reset();
  std::vector<ViewTotals> totals;
  while (list.Step()) totals.push_back({list.Int(0), list.Int(1)});
  return totals;
}

std::vector<ReadCount> SqliteStore::MostRead(const std::string& first_day,
                                             const std::string& last_day, int limit) {
  auto reader = Reader();
  auto& list = reader->Prepare(kMostRead.sqlite);
  list.Bind(first_day, last_day, limit);
  std::vector<ReadCount> counts;
  while (list.Step()) counts.push_back({list.Int(0), list.Int(1)});
  return counts;
}

std::vector<DailyViews> SqliteStore::ViewsByDay(std::int64_t article_id) {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT day, views FROM article_views_daily WHERE article_id = ? ORDER BY day");
  list.Bind(article_id);
  std::vector<DailyViews> days;
  while (list.Step()) days.push_back({list.Text(0), list.Int(1)});
  return days;
}

std::int64_t SqliteStore::ContentVersion() {
  auto reader = Reader();
  auto& read = reader->Prepare("SELECT value FROM site_meta WHERE key = 'content_version'");
  read.Reset();
  const auto version = read.Step() ? read.Int(0) : 0;
  read.Reset();
  return version;
}

namespace {

ContentScope ScopeOf(std::string_view text) {
  if (text == "article") return ContentScope::kArticle;
  if (text == "comments") return ContentScope::kComments;
  return ContentScope::kAll;
}

}  // namespace

std::vector<ContentChange> SqliteStore::ContentChangesSince(std::int64_t version, int limit) {
  auto reader = Reader();
  auto& list = reader->Prepare(
      "SELECT version, scope, article_id FROM content_changes WHERE version > ?"
      " ORDER BY version LIMIT ?");
  list.Bind(version, limit);
  std::vector<ContentChange> changes;
  while (list.Step()) changes.push_back({list.Int(0), ScopeOf(list.Text(1)), list.Int(2)});
  return changes;
}

std::int64_t SqliteStore::CountsCursor() {
  auto reader = Reader();
  auto& read = reader->Prepare("SELECT value FROM site_meta WHERE key = 'counts_seq'");
  read.Reset();
  const auto cursor = read.Step() ? read.Int(0) : 0;
  read.Reset();
  return cursor;
}

CountsChanges SqliteStore::CountsChangedSince(std::int64_t cursor) {
  // The counter first: a change committed between the two reads is read again next time.
  CountsChanges changes{.rows = {}, .cursor = CountsCursor()};
  auto reader = Reader();
  auto& list = reader->Prepare(kCountsChangedSince.sqlite);
  list.Bind(cursor);
  while (list.Step()) {
    changes.rows.push_back({list.Int(0), list.Int(1), list.Int(2), list.Int(3), list.Int(4)});
  }
  return changes;
}

bool SqliteStore::IsEmpty() {
  auto reader = Reader();
  auto& read = reader->Prepare("SELECT NOT EXISTS (SELECT 1 FROM articles)");
  read.Reset();
  read.Step();
  const bool empty = read.Int(0) != 0;
  read.Reset();
  return empty;
}

std::size_t SqliteStore::QueuedWrites() { return group_commit_->queued(); }

}  // namespace broadsheet::store::sqlite
