#include "store/postgres/pg_migrations.h"

#include <array>

#include "news/calendar.h"
#include "store/store.h"

namespace broadsheet::store::postgres {
namespace {

struct Migration {
  int version;
  Sql sql;
};

// The same meaning as the SQLite schema (store/sqlite/sqlite_migrations.cpp). Never edit a
// migration that has shipped; add a new one.
const std::array<Migration, 15> kMigrations = {{
    {1, R"sql(
CREATE TABLE authors (
  id   BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE categories (
  id   BIGSERIAL PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE articles (
  id            BIGSERIAL PRIMARY KEY,
  slug          TEXT NOT NULL,
  title         TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  body_markdown TEXT NOT NULL DEFAULT '',
  body_html     TEXT NOT NULL DEFAULT '',
  author_id     BIGINT NOT NULL REFERENCES authors(id),
  category_id   BIGINT NOT NULL REFERENCES categories(id),
  status        TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  published_at  BIGINT NOT NULL DEFAULT 0,
  updated_at    BIGINT NOT NULL,
  views         BIGINT NOT NULL DEFAULT 0,
  crawler_hits  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX articles_by_publication ON articles(status, published_at DESC, id DESC);
CREATE INDEX articles_by_category ON articles(category_id, status, published_at DESC, id DESC);
CREATE TABLE article_views_daily (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  day        TEXT NOT NULL,
  views      BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, day)
);
CREATE INDEX article_views_daily_by_day ON article_views_daily(day);
CREATE TABLE site_meta (
  key   TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO site_meta(key, value) VALUES ('content_version', 0);
-- Bumps the content version and tells listening nodes (LISTEN broadsheet_content).
CREATE FUNCTION broadsheet_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
  PERFORM pg_notify('broadsheet_content', '');
  RETURN NULL;
END $$;
CREATE TRIGGER articles_inserted AFTER INSERT OR DELETE ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER articles_changed AFTER UPDATE OF slug, title, summary, body_html, author_id,
  category_id, status, published_at ON articles
  FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER categories_changed AFTER UPDATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER authors_changed AFTER UPDATE ON authors
  FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_content_changed();
)sql"},
    {2, R"sql(
ALTER TABLE articles ADD COLUMN rating_sum BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN rating_count BIGINT NOT NULL DEFAULT 0;
CREATE TABLE votes (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  reader_id  TEXT NOT NULL,
  stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  voted_at   BIGINT NOT NULL,
  PRIMARY KEY (article_id, reader_id)
);
CREATE INDEX votes_by_time ON votes(article_id, voted_at);
)sql"},
    {3, R"sql(
ALTER TABLE articles ADD COLUMN rating_revision BIGINT NOT NULL DEFAULT 0;
)sql"},
    {4, R"sql(
CREATE TABLE comments (
  id          BIGSERIAL PRIMARY KEY,
  article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  reader_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  email       TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
  hold_reason TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  reports     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX comments_by_article ON comments(article_id, status, id);
CREATE INDEX comments_by_reader ON comments(reader_id, status);
CREATE INDEX comments_by_status ON comments(status, id);
CREATE TABLE comment_reports (
  comment_id  BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
  reader_id   TEXT NOT NULL,
  reported_at BIGINT NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
);
CREATE TABLE used_nonces (
  nonce      TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX used_nonces_by_expiry ON used_nonces(expires_at);
CREATE TABLE site_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TRIGGER comments_inserted AFTER INSERT ON comments
  FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER comments_changed AFTER UPDATE OF status OR DELETE ON comments
  FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER settings_changed AFTER INSERT OR UPDATE ON site_settings
  FOR EACH STATEMENT EXECUTE FUNCTION broadsheet_content_changed();
)sql"},
    {5, R"sql(
-- Only what readers can see moves the content version, the same as SQLite (issue 9): row
-- triggers with conditions instead of statement triggers that fired for every comment.
DROP TRIGGER articles_inserted ON articles;
DROP TRIGGER articles_changed ON articles;
DROP TRIGGER comments_inserted ON comments;
DROP TRIGGER comments_changed ON comments;
CREATE TRIGGER articles_inserted AFTER INSERT ON articles FOR EACH ROW
  WHEN (NEW.status = 'published') EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER articles_changed AFTER UPDATE OF slug, title, summary, body_html, author_id,
  category_id, status, published_at ON articles FOR EACH ROW
  WHEN (OLD.status = 'published' OR NEW.status = 'published')
  EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER articles_deleted AFTER DELETE ON articles FOR EACH ROW
  WHEN (OLD.status = 'published') EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER comments_inserted AFTER INSERT ON comments FOR EACH ROW
  WHEN (NEW.status = 'approved') EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER comments_changed AFTER UPDATE OF status ON comments FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        AND (OLD.status = 'approved' OR NEW.status = 'approved'))
  EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER comments_deleted AFTER DELETE ON comments FOR EACH ROW
  WHEN (OLD.status = 'approved') EXECUTE FUNCTION broadsheet_content_changed();
-- Saving an article upserts its author and category (ON CONFLICT DO UPDATE), which fires
-- UPDATE triggers even when nothing changed: only a real change counts.
DROP TRIGGER categories_changed ON categories;
DROP TRIGGER authors_changed ON authors;
CREATE TRIGGER categories_changed AFTER UPDATE ON categories FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION broadsheet_content_changed();
CREATE TRIGGER authors_changed AFTER UPDATE ON authors FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION broadsheet_content_changed();

ALTER TABLE comment_reports ADD COLUMN address_key TEXT;
CREATE UNIQUE INDEX comment_reports_by_address ON comment_reports(comment_id, address_key);
CREATE INDEX comment_reports_by_time ON comment_reports(reported_at)
  WHERE address_key IS NOT NULL;
ALTER TABLE comments ADD COLUMN approved_by_editor INTEGER NOT NULL DEFAULT 0;
)sql"},
    {6, R"sql(
-- The back office (issue 10), as in the SQLite schema: the statuses review, scheduled and
-- trashed, a version for conflicting saves, the trash; author slugs and bios; tags; users,
-- sign-ins and revisions.
ALTER TABLE articles DROP CONSTRAINT articles_status_check;
ALTER TABLE articles ADD CONSTRAINT articles_status_check
  CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'trashed'));
ALTER TABLE articles ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN trashed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN trashed_from TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_by_change ON articles(updated_at DESC, id DESC);
CREATE INDEX articles_by_author ON articles(author_id, updated_at DESC);

ALTER TABLE authors ADD COLUMN slug TEXT UNIQUE;
ALTER TABLE authors ADD COLUMN bio TEXT NOT NULL DEFAULT '';

CREATE TABLE tags (
  id   BIGSERIAL PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE TABLE article_tags (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);
CREATE FUNCTION broadsheet_article_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM articles WHERE status = 'published'
             AND id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END))
  THEN
    UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
    PERFORM pg_notify('broadsheet_content', '');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER article_tags_changed AFTER INSERT OR DELETE ON article_tags FOR EACH ROW
  EXECUTE FUNCTION broadsheet_article_tags_changed();

CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'admin')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  author_id     BIGINT NOT NULL REFERENCES authors(id),
  created_at    BIGINT NOT NULL
);
CREATE TABLE signins (
  id_hash    TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_used  BIGINT NOT NULL
);
CREATE INDEX signins_by_user ON signins(user_id);
CREATE TABLE article_revisions (
  id            BIGSERIAL PRIMARY KEY,
  article_id    BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  created_at    BIGINT NOT NULL,
  user_id       BIGINT REFERENCES users(id) ON DELETE SET NULL,
  note          TEXT NOT NULL,
  title         TEXT NOT NULL,
  slug          TEXT NOT NULL,
  summary       TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  category      TEXT NOT NULL,
  author        TEXT NOT NULL,
  tags          TEXT NOT NULL,
  status        TEXT NOT NULL,
  published_at  BIGINT NOT NULL
);
CREATE INDEX article_revisions_by_article ON article_revisions(article_id, id);
)sql"},
    {7, R"sql(
-- The newsroom's desk (issue 11), as in the SQLite schema: pictures, featured images, the
-- comments' mode per article, and the audit log.
CREATE TABLE media (
  id            BIGSERIAL PRIMARY KEY,
  hash          TEXT NOT NULL UNIQUE,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  widths        TEXT NOT NULL,
  bytes         BIGINT NOT NULL,
  alt           TEXT NOT NULL DEFAULT '',
  original_name TEXT NOT NULL DEFAULT '',
  uploaded_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at   BIGINT NOT NULL
);
ALTER TABLE articles ADD COLUMN featured_media_id BIGINT REFERENCES media(id);
ALTER TABLE articles ADD COLUMN featured_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN comment_mode TEXT NOT NULL DEFAULT ''
  CHECK (comment_mode IN ('', 'open', 'held', 'closed'));
CREATE INDEX articles_by_featured ON articles(featured_media_id)
  WHERE featured_media_id IS NOT NULL;
CREATE TRIGGER articles_dressed AFTER UPDATE OF featured_media_id, featured_alt, comment_mode
  ON articles FOR EACH ROW
  WHEN ((OLD.status = 'published' OR NEW.status = 'published')
        AND (OLD.featured_media_id IS DISTINCT FROM NEW.featured_media_id
             OR OLD.featured_alt IS DISTINCT FROM NEW.featured_alt
             OR OLD.comment_mode IS DISTINCT FROM NEW.comment_mode))
  EXECUTE FUNCTION broadsheet_content_changed();
ALTER TABLE article_revisions ADD COLUMN featured_media_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE article_revisions ADD COLUMN featured_alt TEXT NOT NULL DEFAULT '';

CREATE TABLE audit_log (
  id          BIGSERIAL PRIMARY KEY,
  at          BIGINT NOT NULL,
  user_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
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
-- only the cached pages that show it (the same rows as SQLite's). A move records 'all' unless
-- the trigger function narrows it to 'comments' (an article's approved comments) or 'article'
-- (an article's text, where it stays: published, same category, same time). The content
-- version's row lock orders the rows as their transactions commit. The newest 10,000 are kept.
CREATE TABLE content_changes (
  version    BIGINT PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN ('all', 'article', 'comments')),
  article_id BIGINT NOT NULL DEFAULT 0
);
CREATE FUNCTION broadsheet_content_version_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO content_changes(version, scope, article_id) VALUES (NEW.value, 'all', 0)
    ON CONFLICT (version) DO UPDATE SET scope = 'all', article_id = 0;
  DELETE FROM content_changes WHERE version < NEW.value - 10000;
  RETURN NULL;
END $$;
CREATE TRIGGER content_version_moved AFTER UPDATE ON site_meta FOR EACH ROW
  WHEN (NEW.key = 'content_version') EXECUTE FUNCTION broadsheet_content_version_moved();
CREATE OR REPLACE FUNCTION broadsheet_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved BIGINT;
BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version' RETURNING value INTO moved;
  IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'comments' THEN
    IF TG_OP = 'DELETE' THEN
      UPDATE content_changes SET scope = 'comments', article_id = OLD.article_id
        WHERE version = moved;
    ELSE
      UPDATE content_changes SET scope = 'comments', article_id = NEW.article_id
        WHERE version = moved;
    END IF;
  ELSIF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'articles' AND TG_OP = 'UPDATE' THEN
    IF OLD.status = 'published' AND NEW.status = 'published'
       AND OLD.category_id = NEW.category_id AND OLD.published_at = NEW.published_at THEN
      UPDATE content_changes SET scope = 'article', article_id = NEW.id WHERE version = moved;
    END IF;
  END IF;
  PERFORM pg_notify('broadsheet_content', '');
  RETURN NULL;
END $$;

-- Views and rating totals: each change marks the article with its transaction's id, so a
-- node's poll reads only the articles changed since its last look. The poll's cursor is the
-- oldest transaction still running when it looked (pg_snapshot_xmin): whatever was not yet
-- committed then has an id at least that, so nothing is missed, and when nothing changed the
-- index search finds no row.
ALTER TABLE articles ADD COLUMN counts_xid xid8 NOT NULL DEFAULT '0';
CREATE INDEX articles_by_counts_change ON articles(counts_xid);
CREATE FUNCTION broadsheet_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.counts_xid := pg_current_xact_id();
  RETURN NEW;
END $$;
CREATE TRIGGER articles_counted BEFORE UPDATE OF views, rating_sum, rating_count, rating_revision
  ON articles FOR EACH ROW EXECUTE FUNCTION broadsheet_counts_changed();
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
-- Notifications say what changed (issue 12; store/change_notice.h): "content VERSION SCOPE
-- ARTICLE_ID", so a node drops the pages that show the article without reading
-- content_changes. The other bumps of the version (tags) still notify with an empty payload:
-- nodes read the store then, as before.
CREATE OR REPLACE FUNCTION broadsheet_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved BIGINT;
  changed_scope TEXT := 'all';
  changed_article BIGINT := 0;
BEGIN
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version' RETURNING value INTO moved;
  IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'comments' THEN
    changed_scope := 'comments';
    IF TG_OP = 'DELETE' THEN
      changed_article := OLD.article_id;
    ELSE
      changed_article := NEW.article_id;
    END IF;
  ELSIF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'articles' AND TG_OP = 'UPDATE' THEN
    IF OLD.status = 'published' AND NEW.status = 'published'
       AND OLD.category_id = NEW.category_id AND OLD.published_at = NEW.published_at THEN
      changed_scope := 'article';
      changed_article := NEW.id;
    END IF;
  END IF;
  IF changed_scope <> 'all' THEN
    UPDATE content_changes SET scope = changed_scope, article_id = changed_article
      WHERE version = moved;
  END IF;
  PERFORM pg_notify('broadsheet_content',
                    'content ' || moved || ' ' || changed_scope || ' ' || changed_article);
  RETURN NULL;
END $$;
)sql"},
    {11, R"sql(
-- Tag, author and archive pages (issue 13; store/listing_statements.h). A tag row carries its
-- article's published_at while the article is published (listed_at; NULL otherwise), kept by
-- the two triggers below, so a tag's page is a range of one index, newest first, like a
-- category's, instead of a sort of every article the tag ever had.
ALTER TABLE article_tags ADD COLUMN listed_at BIGINT;
UPDATE article_tags x SET listed_at = a.published_at FROM articles a
  WHERE a.id = x.article_id AND a.status = 'published';
CREATE INDEX article_tags_by_listing ON article_tags(tag_id, listed_at DESC, article_id DESC)
  WHERE listed_at IS NOT NULL;
CREATE FUNCTION broadsheet_tag_row_listed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT CASE WHEN a.status = 'published' THEN a.published_at END INTO NEW.listed_at
    FROM articles a WHERE a.id = NEW.article_id;
  RETURN NEW;
END $$;
CREATE TRIGGER article_tags_listed BEFORE INSERT ON article_tags FOR EACH ROW
  EXECUTE FUNCTION broadsheet_tag_row_listed();
CREATE FUNCTION broadsheet_article_listed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE article_tags SET listed_at = CASE WHEN NEW.status = 'published'
    THEN NEW.published_at END WHERE article_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER articles_listed_under_tags AFTER UPDATE OF status, published_at ON articles
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
                     OR OLD.published_at IS DISTINCT FROM NEW.published_at)
  EXECUTE FUNCTION broadsheet_article_listed();
CREATE INDEX articles_by_author_publication
  ON articles(status, author_id, published_at DESC, id DESC);
)sql"},
    {12, R"sql(
-- Site search (issue 13; store/search_document.h): every article's folded words as a tsvector
-- (the 'simple' configuration: Broadsheet folds and splits the words itself, the same as for
-- SQLite), weighted title A, summary and tags B, author C, body D, under a GIN index. The store
-- writes a row with every save and fills the rows of articles it finds missing at open while
-- search_indexed is 0 (this migration's existing articles).
CREATE TABLE article_search (
  article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  document   tsvector NOT NULL
);
CREATE INDEX article_search_by_document ON article_search USING GIN (document);
INSERT INTO site_meta(key, value) VALUES ('search_indexed', 0);
)sql"},
    {13, R"sql(
-- The search index holds published articles only (issue 13), so a search reads no article
-- row to check its status: the store removes an article's row whenever it stops being
-- published and writes it again when it is published.
DELETE FROM article_search s USING articles a WHERE a.id = s.article_id
  AND a.status <> 'published';
)sql"},
    {14, R"sql(
-- Moving a site in (issue 14; the SQLite migration 13 says why each exists).
CREATE TABLE import_links (
  system   TEXT NOT NULL CHECK (system IN ('wordpress', 'k2')),
  source   TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('article', 'category', 'tag', 'author', 'comment')),
  old_id   TEXT NOT NULL,
  old_slug TEXT NOT NULL DEFAULT '',
  new_id   BIGINT NOT NULL,
  PRIMARY KEY (system, source, kind, old_id)
);
CREATE TABLE redirects (
  old_path   TEXT PRIMARY KEY,
  target     TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
ALTER TABLE comments ADD COLUMN parent_id BIGINT REFERENCES comments(id) ON DELETE SET NULL;
INSERT INTO site_meta(key, value) VALUES ('old_links_version', 0);
CREATE TABLE article_rating_bases (
  article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  sum        BIGINT NOT NULL,
  count      BIGINT NOT NULL
);
)sql"},
    {15, R"sql(
-- A transaction that writes many rows (a site import, an import batch; pg_bulk_writes.h) sets
-- broadsheet.bulk_writes for itself and moves the content version once at its end. Moved once
-- per row instead, the version's row gained a new version of itself per row inside one
-- transaction, and each update walked that chain: an import of n rows cost n squared (20,000
-- articles took 130 s).
CREATE OR REPLACE FUNCTION broadsheet_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved BIGINT;
  changed_scope TEXT := 'all';
  changed_article BIGINT := 0;
BEGIN
  IF current_setting('broadsheet.bulk_writes', true) = 'on' THEN RETURN NULL; END IF;
  UPDATE site_meta SET value = value + 1 WHERE key = 'content_version' RETURNING value INTO moved;
  IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'comments' THEN
    changed_scope := 'comments';
    IF TG_OP = 'DELETE' THEN
      changed_article := OLD.article_id;
    ELSE
      changed_article := NEW.article_id;
    END IF;
  ELSIF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'articles' AND TG_OP = 'UPDATE' THEN
    IF OLD.status = 'published' AND NEW.status = 'published'
       AND OLD.category_id = NEW.category_id AND OLD.published_at = NEW.published_at THEN
      changed_scope := 'article';
      changed_article := NEW.id;
    END IF;
  END IF;
  IF changed_scope <> 'all' THEN
    UPDATE content_changes SET scope = changed_scope, article_id = changed_article
      WHERE version = moved;
  END IF;
  PERFORM pg_notify('broadsheet_content',
                    'content ' || moved || ' ' || changed_scope || ' ' || changed_article);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION broadsheet_article_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('broadsheet.bulk_writes', true) = 'on' THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM articles WHERE status = 'published'
             AND id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END))
  THEN
    UPDATE site_meta SET value = value + 1 WHERE key = 'content_version';
    PERFORM pg_notify('broadsheet_content', '');
  END IF;
  RETURN NULL;
END $$;
)sql"},
}};

}  // namespace

int LatestSchemaVersion() { return kMigrations.back().version; }

void ApplyMigrations(const PgSettings& settings) {
  ApplyMigrations(settings, LatestSchemaVersion());
}

void ApplyMigrations(const PgSettings& settings, int up_to) {
  // A connection of its own: a session lock belongs to it, and its timeout is the migration's.
  PgConnection connection(settings.url, settings.connect_timeout_s,
                          settings.migration_timeout_s * 1000);
  connection.Exec("SELECT pg_advisory_lock($1)", {P(kMigrationLockKey)});
  try {
    connection.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    const auto newest =
        connection.Exec("SELECT coalesce(max(version), 0) FROM schema_migrations").Int(0, 0);
    if (newest > kMigrations.back().version) {
      throw StoreError("the database schema is version " + std::to_string(newest) +
                       ", newer than this build's " +
                       std::to_string(kMigrations.back().version) + ": run a newer broadsheet");
    }
    for (const Migration& migration : kMigrations) {
      if (migration.version > up_to) break;
      if (connection.Exec("SELECT 1 FROM schema_migrations WHERE version = $1",
                          {P(migration.version)}).rows() > 0) {
        continue;
      }
      connection.ExecScript("BEGIN");
      try {
        connection.ExecScript(migration.sql);
        connection.Exec("INSERT INTO schema_migrations(version, applied_at) VALUES ($1, $2)",
                        {P(migration.version), P(news::UnixNow())});
        connection.ExecScript("COMMIT");
      } catch (...) {
        if (connection.ok()) connection.ExecScript("ROLLBACK");
        throw;
      }
    }
  } catch (...) {
    if (connection.ok()) connection.Exec("SELECT pg_advisory_unlock($1)", {P(kMigrationLockKey)});
    throw;
  }
  connection.Exec("SELECT pg_advisory_unlock($1)", {P(kMigrationLockKey)});
}

}  // namespace broadsheet::store::postgres
