#include "store/sqlite/sqlite_migrations.h"

#include <array>
#include <string>

#include "news/calendar.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace broadsheet::store::sqlite {
namespace {

struct Migration {
  int version;
  Sql sql;
};

// Never edit a migration that has shipped; add a new one.
const std::array<Migration, 13> kMigrations = {{
    {1, R"sql(
CREATE TABLE authors (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE categories (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  slug          TEXT NOT NULL,
  title         TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  body_markdown TEXT NOT NULL DEFAULT '',
  body_html     TEXT NOT NULL DEFAULT '',
  author_id     INTEGER NOT NULL REFERENCES authors(id),
  category_id   INTEGER NOT NULL REFERENCES categories(id),
  status        TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  published_at  INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL,
  views         INTEGER NOT NULL DEFAULT 0,
  crawler_hits  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_by_publication ON articles(status, published_at DESC, id DESC);
CREATE INDEX articles_by_category ON articles(category_id, status, published_at DESC, id DESC);

-- Views per article per local day of the site's time zone ("YYYY-MM-DD").
CREATE TABLE article_views_daily (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  day        TEXT NOT NULL,
  views      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, day)
) WITHOUT ROWID;
CREATE INDEX article_views_daily_by_day ON article_views_daily(day);

-- content_version changes whenever what readers see changes, so servers (this process or
-- another) can drop cached pages. View counts do not bump it: they are spliced in live.
CREATE TABLE site_meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO site_meta(key, value) VALUES ('content_version', 0);
CREATE TRIGGER articles_inserted AFTER INSERT ON articles BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER articles_changed AFTER UPDATE OF slug, title, summary, body_html, author_id,
  category_id, status, published_at ON articles BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER categories_changed AFTER UPDATE ON categories BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER authors_changed AFTER UPDATE ON authors BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
)sql"},
    {2, R"sql(
-- Ratings: one row per reader and article (the unique key is what makes it one vote per
-- reader), plus a running sum and count on the article, updated in the vote's transaction.
ALTER TABLE articles ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE votes (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  reader_id  TEXT NOT NULL,
  stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  voted_at   INTEGER NOT NULL,
  PRIMARY KEY (article_id, reader_id)
) WITHOUT ROWID;
CREATE INDEX votes_by_time ON votes(article_id, voted_at);
)sql"},
    {3, R"sql(
-- Bumped by every vote and reset, so a node keeping the totals in memory can tell newer
-- totals from older ones when two votes' answers arrive out of order.
ALTER TABLE articles ADD COLUMN rating_revision INTEGER NOT NULL DEFAULT 0;
)sql"},
    {4, R"sql(
-- Comments, their reports (one per reader and comment), the captcha nonces already used (kept
-- until the token would have expired anyway), and the settings editors change at run time.
CREATE TABLE comments (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  reader_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  email       TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
  hold_reason TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  reports     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX comments_by_article ON comments(article_id, status, id);
CREATE INDEX comments_by_reader ON comments(reader_id, status);
CREATE INDEX comments_by_status ON comments(status, id);
CREATE TABLE comment_reports (
  comment_id  INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  reader_id   TEXT NOT NULL,
  reported_at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
) WITHOUT ROWID;
CREATE TABLE used_nonces (
  nonce      TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX used_nonces_by_expiry ON used_nonces(expires_at);
CREATE TABLE site_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- What readers see changes with a comment's status and with the settings: drop cached pages.
CREATE TRIGGER comments_inserted AFTER INSERT ON comments WHEN NEW.status = 'approved' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER comments_changed AFTER UPDATE OF status ON comments BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER comments_deleted AFTER DELETE ON comments BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER settings_inserted AFTER INSERT ON site_settings BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER settings_changed AFTER UPDATE ON site_settings BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
)sql"},
    {5, R"sql(
-- Only what readers can see moves the content version, the same on both stores (issue 9): a
-- draft, a held or spam comment and a report below the threshold leave every cached page be.
DROP TRIGGER articles_inserted;
DROP TRIGGER articles_changed;
DROP TRIGGER articles_deleted;
CREATE TRIGGER articles_inserted AFTER INSERT ON articles WHEN NEW.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER articles_changed AFTER UPDATE OF slug, title, summary, body_html, author_id,
  category_id, status, published_at ON articles
  WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles WHEN OLD.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
DROP TRIGGER comments_changed;
DROP TRIGGER comments_deleted;
CREATE TRIGGER comments_changed AFTER UPDATE OF status ON comments
  WHEN OLD.status IS NOT NEW.status AND (OLD.status = 'approved' OR NEW.status = 'approved')
BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER comments_deleted AFTER DELETE ON comments WHEN OLD.status = 'approved' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;

-- A report counts once per reader and once per address key (the keyed hash of the reporter's
-- address; set to NULL after [privacy] address_days). An editor's approval clears the count
-- and stands: later reports are recorded but no longer hide the comment.
ALTER TABLE comment_reports ADD COLUMN address_key TEXT;
CREATE UNIQUE INDEX comment_reports_by_address ON comment_reports(comment_id, address_key);
CREATE INDEX comment_reports_by_time ON comment_reports(reported_at)
  WHERE address_key IS NOT NULL;
ALTER TABLE comments ADD COLUMN approved_by_editor INTEGER NOT NULL DEFAULT 0;
)sql"},
    {6, R"sql(
-- The back office (issue 10). Articles gain the statuses review, scheduled (published_at is
-- the time it goes live) and trashed, a version for conflicting saves, and the trash's time
-- and the status to restore. SQLite cannot change a CHECK, so the table is rebuilt; foreign
-- keys are off during migrations (ApplyMigrations), so nothing that references it cascades.
-- AUTOINCREMENT now that articles are deleted for good (the trash): an id is never given to
-- another article, so an old link never shows the wrong one.
CREATE TABLE articles_v6 (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  slug            TEXT NOT NULL,
  title           TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  body_markdown   TEXT NOT NULL DEFAULT '',
  body_html       TEXT NOT NULL DEFAULT '',
  author_id       INTEGER NOT NULL REFERENCES authors(id),
  category_id     INTEGER NOT NULL REFERENCES categories(id),
  status          TEXT NOT NULL
                  CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'trashed')),
  published_at    INTEGER NOT NULL DEFAULT 0,
  updated_at      INTEGER NOT NULL,
  views           INTEGER NOT NULL DEFAULT 0,
  crawler_hits    INTEGER NOT NULL DEFAULT 0,
  rating_sum      INTEGER NOT NULL DEFAULT 0,
  rating_count    INTEGER NOT NULL DEFAULT 0,
  rating_revision INTEGER NOT NULL DEFAULT 0,
  version         INTEGER NOT NULL DEFAULT 1,
  trashed_at      INTEGER NOT NULL DEFAULT 0,
  trashed_from    TEXT NOT NULL DEFAULT ''
);
INSERT INTO articles_v6(id, slug, title, summary, body_markdown, body_html, author_id,
  category_id, status, published_at, updated_at, views, crawler_hits, rating_sum,
  rating_count, rating_revision)
SELECT id, slug, title, summary, body_markdown, body_html, author_id, category_id, status,
  published_at, updated_at, views, crawler_hits, rating_sum, rating_count, rating_revision
FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v6 RENAME TO articles;
CREATE INDEX articles_by_publication ON articles(status, published_at DESC, id DESC);
CREATE INDEX articles_by_category ON articles(category_id, status, published_at DESC, id DESC);
CREATE INDEX articles_by_change ON articles(updated_at DESC, id DESC);
CREATE INDEX articles_by_author ON articles(author_id, updated_at DESC);
CREATE TRIGGER articles_inserted AFTER INSERT ON articles WHEN NEW.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER articles_changed AFTER UPDATE OF slug, title, summary, body_html, author_id,
  category_id, status, published_at ON articles
  WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles WHEN OLD.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;

-- Author profiles: a unique slug (filled by the store for existing rows) and a short bio.
ALTER TABLE authors ADD COLUMN slug TEXT;
ALTER TABLE authors ADD COLUMN bio TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX authors_by_slug ON authors(slug);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);
CREATE TRIGGER article_tags_changed AFTER INSERT ON article_tags
  WHEN (SELECT status FROM articles WHERE id = NEW.article_id) = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
CREATE TRIGGER article_tags_removed AFTER DELETE ON article_tags
  WHEN (SELECT status FROM articles WHERE id = OLD.article_id) = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;

-- Logins. The e-mail is stored normalised (lower case), so UNIQUE is case-insensitive.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'admin')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  author_id     INTEGER NOT NULL REFERENCES authors(id),
  created_at    INTEGER NOT NULL
);
-- Sign-ins under the keyed hash of their id; the id itself is only in the browser's cookie.
CREATE TABLE signins (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX signins_by_user ON signins(user_id);

CREATE TABLE article_revisions (
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  created_at    INTEGER NOT NULL,
  user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  note          TEXT NOT NULL,
  title         TEXT NOT NULL,
  slug          TEXT NOT NULL,
  summary       TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  category      TEXT NOT NULL,
  author        TEXT NOT NULL,
  tags          TEXT NOT NULL,
  status        TEXT NOT NULL,
  published_at  INTEGER NOT NULL
);
CREATE INDEX article_revisions_by_article ON article_revisions(article_id, id);
)sql"},
    {7, R"sql(
-- The newsroom's desk (issue 11). Uploaded pictures: the metadata of one upload, its files
-- are {hash}-{width}.{webp,jpg} under [media] dir (the same hash is one row: an upload of the
-- same bytes again finds it).
CREATE TABLE media (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  hash          TEXT NOT NULL UNIQUE,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  widths        TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  alt           TEXT NOT NULL DEFAULT '',
  original_name TEXT NOT NULL DEFAULT '',
  uploaded_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at   INTEGER NOT NULL
);
-- An article's featured picture and its alt text, and its comments' mode ('' = the site's).
ALTER TABLE articles ADD COLUMN featured_media_id INTEGER REFERENCES media(id);
ALTER TABLE articles ADD COLUMN featured_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN comment_mode TEXT NOT NULL DEFAULT ''
  CHECK (comment_mode IN ('', 'open', 'held', 'closed'));
CREATE INDEX articles_by_featured ON articles(featured_media_id)
  WHERE featured_media_id IS NOT NULL;
CREATE TRIGGER articles_dressed AFTER UPDATE OF featured_media_id, featured_alt, comment_mode
  ON articles WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
END;
ALTER TABLE article_revisions ADD COLUMN featured_media_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_revisions ADD COLUMN featured_alt TEXT NOT NULL DEFAULT '';

-- Every back-office action: who, what, on which object, when, and the keyed hash of the
-- address it came from (NULL after [privacy] address_days).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          INTEGER NOT NULL,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  user_email  TEXT NOT NULL,
  action      TEXT NOT NULL,
  object      TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '',
  address_key TEXT
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE INDEX audit_log_by_user ON audit_log(user_id, id);
)sql"},
    {8, R"sql(
-- Issue 12: what changed, one row per move of the content version, so that every node drops
-- only the cached pages that show it. A move records 'all' (drop every page) unless the
-- trigger that made it narrows the row: 'comments' (an article's approved comments) or
-- 'article' (an article's text, where it stays: published, same category, same time). The
-- newest 10,000 rows are kept; a node further behind drops everything.
CREATE TABLE content_changes (
  version    INTEGER PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN ('all', 'article', 'comments')),
  article_id INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER content_version_moved AFTER UPDATE OF value ON site_meta
  WHEN NEW.key = 'content_version' BEGIN
  INSERT OR REPLACE INTO content_changes(version, scope, article_id) VALUES (NEW.value, 'all', 0);
  DELETE FROM content_changes WHERE version < NEW.value - 10000;
END;
DROP TRIGGER comments_inserted;
DROP TRIGGER comments_changed;
DROP TRIGGER comments_deleted;
CREATE TRIGGER comments_inserted AFTER INSERT ON comments WHEN NEW.status = 'approved' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
  UPDATE content_changes SET scope = 'comments', article_id = NEW.article_id
    WHERE version = (SELECT value FROM site_meta WHERE key = 'content_version');
END;
CREATE TRIGGER comments_changed AFTER UPDATE OF status ON comments
  WHEN OLD.status IS NOT NEW.status AND (OLD.status = 'approved' OR NEW.status = 'approved')
BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
  UPDATE content_changes SET scope = 'comments', article_id = NEW.article_id
    WHERE version = (SELECT value FROM site_meta WHERE key = 'content_version');
END;
CREATE TRIGGER comments_deleted AFTER DELETE ON comments WHEN OLD.status = 'approved' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
  UPDATE content_changes SET scope = 'comments', article_id = OLD.article_id
    WHERE version = (SELECT value FROM site_meta WHERE key = 'content_version');
END;
DROP TRIGGER articles_changed;
DROP TRIGGER articles_dressed;
CREATE TRIGGER articles_changed AFTER UPDATE OF slug, title, summary, body_html, author_id,
  category_id, status, published_at ON articles
  WHEN OLD.status = 'published' OR NEW.status = 'published' BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
  UPDATE content_changes SET scope = 'article', article_id = NEW.id
    WHERE version = (SELECT value FROM site_meta WHERE key = 'content_version')
      AND OLD.status = 'published' AND NEW.status = 'published'
      AND OLD.category_id = NEW.category_id AND OLD.published_at = NEW.published_at;
END;
-- Only a real change of these counts (as on PostgreSQL): a save sets them every time.
CREATE TRIGGER articles_dressed AFTER UPDATE OF featured_media_id, featured_alt, comment_mode
  ON articles WHEN (OLD.status = 'published' OR NEW.status = 'published')
    AND (OLD.featured_media_id IS NOT NEW.featured_media_id
         OR OLD.featured_alt IS NOT NEW.featured_alt OR OLD.comment_mode IS NOT NEW.comment_mode)
BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
  UPDATE content_changes SET scope = 'article', article_id = NEW.id
    WHERE version = (SELECT value FROM site_meta WHERE key = 'content_version')
      AND OLD.status = 'published' AND NEW.status = 'published';
END;

-- Views and rating totals: each change marks the article with the next value of a counter,
-- so a node's poll reads only the articles changed since its last look (an index search that
-- finds nothing when nothing changed), never the whole table.
ALTER TABLE articles ADD COLUMN counts_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_by_counts_change ON articles(counts_seq);
INSERT INTO site_meta(key, value) VALUES ('counts_seq', 0);
CREATE TRIGGER articles_counted AFTER UPDATE OF views, rating_sum, rating_count, rating_revision
  ON articles BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'counts_seq';
  UPDATE articles SET counts_seq = (SELECT value FROM site_meta WHERE key = 'counts_seq')
    WHERE id = NEW.id;
END;
)sql"},
    {9, R"sql(
-- Listings that do not grow with the site (issue 12; store/listing_statements.h). Pages after
-- the first continue from a key, (published_at, id), instead of an OFFSET that walked every
-- earlier row. The category's index now leads with status, as articles_by_publication does:
-- PostgreSQL judges an index by how well its first column follows the table's order, and with
-- category_id first it preferred walking every category's articles in articles_by_publication
-- and filtering them, which on a category's last page went on to the site's oldest article.
DROP INDEX articles_by_category;
CREATE INDEX articles_by_category ON articles(status, category_id, published_at DESC, id DESC);
-- "Best rated" ranks rated articles only: this index holds just those, with every column the
-- ranking reads, so it no longer reads every published article's row.
CREATE INDEX articles_by_rating ON articles(status, rating_count, rating_sum, rating_revision, id)
  WHERE rating_count > 0;
)sql"},
    {10, R"sql(
-- Tag, author and archive pages (issue 13; store/listing_statements.h). A tag row carries its
-- article's published_at while the article is published (listed_at; NULL otherwise), kept by
-- the two triggers below, so a tag's page is a range of one index, newest first, like a
-- category's, instead of a sort of every article the tag ever had.
ALTER TABLE article_tags ADD COLUMN listed_at INTEGER;
UPDATE article_tags SET listed_at = (SELECT CASE WHEN a.status = 'published'
  THEN a.published_at END FROM articles a WHERE a.id = article_tags.article_id);
CREATE INDEX article_tags_by_listing ON article_tags(tag_id, listed_at DESC, article_id DESC)
  WHERE listed_at IS NOT NULL;
CREATE TRIGGER article_tags_listed AFTER INSERT ON article_tags BEGIN
  UPDATE article_tags SET listed_at = (SELECT CASE WHEN a.status = 'published'
    THEN a.published_at END FROM articles a WHERE a.id = NEW.article_id)
  WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
END;
CREATE TRIGGER articles_listed_under_tags AFTER UPDATE OF status, published_at ON articles
  WHEN OLD.status IS NOT NEW.status OR OLD.published_at IS NOT NEW.published_at BEGIN
  UPDATE article_tags SET listed_at = CASE WHEN NEW.status = 'published'
    THEN NEW.published_at END WHERE article_id = NEW.id;
END;
CREATE INDEX articles_by_author_publication
  ON articles(status, author_id, published_at DESC, id DESC);
)sql"},
    {11, R"sql(
-- Site search (issue 13; store/search_document.h): every article's title, summary, body, tags
-- and author, folded to search words by Broadsheet before they are stored (so no tokenizer
-- option has to know about accents), rowid = the article's id. The store writes a row with
-- every save; the trigger drops it with the article; the store fills the rows of articles it
-- finds missing at open while search_indexed is 0 (this migration's existing articles).
CREATE VIRTUAL TABLE article_search USING fts5(title, summary, body, tags, author,
  tokenize = 'unicode61 remove_diacritics 0');
CREATE TRIGGER articles_unsearched AFTER DELETE ON articles BEGIN
  DELETE FROM article_search WHERE rowid = OLD.id;
END;
INSERT INTO site_meta(key, value) VALUES ('search_indexed', 0);
)sql"},
    {12, R"sql(
-- The search index holds published articles only (issue 13), so a search reads no article
-- row to check its status: the store removes an article's row whenever it stops being
-- published and writes it again when it is published.
DELETE FROM article_search WHERE rowid IN (SELECT id FROM articles WHERE status <> 'published');
)sql"},
    {13, R"sql(
-- Moving a site in (issue 14). Each imported object's identity on the old site, under its
-- CMS and source (a WordPress export's base URL, a K2 dump's database), so that a re-run skips
-- it and the old site's addresses redirect to it; old_slug is the old article address's name.
-- No foreign key: new_id names an article, category, tag, author or comment by kind, and a
-- link whose object is gone is a 404 like any unknown address.
CREATE TABLE import_links (
  system   TEXT NOT NULL CHECK (system IN ('wordpress', 'k2')),
  source   TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('article', 'category', 'tag', 'author', 'comment')),
  old_id   TEXT NOT NULL,
  old_slug TEXT NOT NULL DEFAULT '',
  new_id   INTEGER NOT NULL,
  PRIMARY KEY (system, source, kind, old_id)
) WITHOUT ROWID;
-- Redirects editors make: an old path (with its query) to a path here or a full URL.
CREATE TABLE redirects (
  old_path   TEXT PRIMARY KEY,
  target     TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
-- A reply keeps its parent (shown flat until threads exist).
ALTER TABLE comments ADD COLUMN parent_id INTEGER REFERENCES comments(id) ON DELETE SET NULL;
INSERT INTO site_meta(key, value) VALUES ('old_links_version', 0);
-- An imported base of the rating (K2's totals): counted in articles.rating_sum and
-- rating_count with readers' own votes, and kept here so a reset or a recount from the votes
-- keeps it. (A table of its own: two more columns on articles moved the planner's choice of
-- index for the front page's count.)
CREATE TABLE article_rating_bases (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  sum        INTEGER NOT NULL,
  count      INTEGER NOT NULL
);
)sql"},
}};

}  // namespace

int LatestSchemaVersion() { return kMigrations.back().version; }

void ApplyMigrations(SqliteConnection& connection) {
  ApplyMigrations(connection, LatestSchemaVersion());
}

void ApplyMigrations(SqliteConnection& connection, int up_to) {
  connection.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  // A database migrated by a newer build may hold tables and meanings this one does not know.
  auto& newest = connection.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  newest.Reset();
  newest.Step();
  const auto version = newest.Int(0);
  newest.Reset();
  if (version > LatestSchemaVersion()) {
    throw StoreError("the database schema is version " + std::to_string(version) +
                     ", newer than this build's " + std::to_string(LatestSchemaVersion()) +
                     ": run a newer broadsheet");
  }
  // Migration 6 rebuilds a table that others reference with ON DELETE CASCADE: with foreign
  // keys on, dropping the old table would delete every vote and comment. The pragma is a
  // no-op inside a transaction, so it is set here, and checked before each commit instead.
  connection.Exec("PRAGMA foreign_keys = OFF");
  struct ForeignKeysBackOn {
    SqliteConnection& connection;
    ~ForeignKeysBackOn() {
      try {
        connection.Exec("PRAGMA foreign_keys = ON");
      } catch (const StoreError&) {
        // The connection is failing; the store's constructor throws anyway.
      }
    }
  } back_on{connection};
  for (const Migration& migration : kMigrations) {
    if (migration.version > up_to) break;
    SqliteTransaction transaction(connection);
    // Read the version inside the write transaction, so two processes opening the same new
    // file at once apply each migration exactly once.
    auto& applied = connection.Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    const bool done = applied.Bind(migration.version).Step();
    applied.Reset();
    if (done) continue;
    connection.Exec(migration.sql);
    auto& broken = connection.Prepare("SELECT count(*) FROM pragma_foreign_key_check");
    broken.Reset();
    broken.Step();
    if (const auto count = broken.Int(0); count != 0) {
      broken.Reset();
      throw StoreError("migration " + std::to_string(migration.version) + " left " +
                       std::to_string(count) + " rows with a missing parent");
    }
    broken.Reset();
    connection.Prepare("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)")
        .Bind(migration.version, news::UnixNow())
        .Run();
    transaction.Commit();
  }
}

}  // namespace broadsheet::store::sqlite
