// Migration 6 (issue 10) on a database that already holds a site: SQLite rebuilds the
// articles table, which votes, comments and daily views reference with ON DELETE CASCADE, so
// this shows none of them is lost, that foreign keys are enforced again afterwards, and that
// authors made before slugs existed get unique ones. The same on PostgreSQL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/sqlite/sqlite_store.h"
#ifdef BROADSHEET_WITH_POSTGRES
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_store.h"
#endif
#include "support/test_postgres.h"

namespace broadsheet::store {
namespace {

// A site as schema 5 held it: two authors whose names make the same slug, a category on a
// name the router now answers, a published article with a vote, a comment and a day's views.
constexpr const char* kSchema5Site = R"sql(
INSERT INTO authors(id, name) VALUES (1, 'Ada Quill'), (2, 'Ada-Quill');
INSERT INTO categories(id, slug, name) VALUES (1, 'admin', 'Admin'), (2, 'town-hall', 'Town Hall');
INSERT INTO articles(id, slug, title, author_id, category_id, status, published_at, updated_at)
  VALUES (1, 'kept', 'Kept', 1, 1, 'published', 100, 100),
         (2, 'draft', 'Draft', 2, 2, 'draft', 0, 100);
INSERT INTO votes(article_id, reader_id, stars, voted_at) VALUES (1, 'reader-1', 5, 100);
UPDATE articles SET rating_sum = 5, rating_count = 1, rating_revision = 1 WHERE id = 1;
INSERT INTO comments(article_id, reader_id, name, body, status, created_at)
  VALUES (1, 'reader-1', 'Nell', 'Still here?', 'approved', 100);
INSERT INTO article_views_daily(article_id, day, views) VALUES (1, '2026-11-30', 7);
)sql";

void ExpectTheSiteSurvived(Store& store) {
  const auto article = store.FindArticle(1);
  ASSERT_TRUE(article);
  EXPECT_EQ(article->status, news::ArticleStatus::kPublished);
  EXPECT_EQ(article->version, 1);
  EXPECT_EQ(store.ListVotes(1).size(), 1u) << "votes survive the rebuild";
  EXPECT_EQ(store.ListApprovedComments(1, 0, 10).size(), 1u) << "comments survive";
  ASSERT_EQ(store.ViewsByDay(1).size(), 1u) << "daily views survive";
  EXPECT_EQ(store.ViewsByDay(1)[0].views, 7);
  EXPECT_EQ(article->author.slug, "ada-quill");
  EXPECT_EQ(store.FindArticle(2)->author.slug, "ada-quill-2");
  EXPECT_EQ(store.RenameReservedCategories({"admin"}).size(), 1u);
  // Foreign keys hold again: purging the article takes its votes and comments with it.
  ASSERT_TRUE(store.TrashArticle(1, 200, 0));
  EXPECT_EQ(store.PurgeTrash(201), 1);
  EXPECT_TRUE(store.ListVotes(1).empty());
  EXPECT_FALSE(store.FindComment(1));
}

TEST(DeskMigration, SqliteKeepsEveryRowThroughTheRebuild) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bs-migration-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "site.db").string();
  {
    sqlite::SqliteConnection connection(path, /*create=*/true);
    sqlite::ApplyMigrations(connection, 5);
    connection.Exec(kSchema5Site);
  }
  {
    sqlite::SqliteStore store(path);
    ExpectTheSiteSurvived(store);
  }
  std::filesystem::remove_all(dir);
}

#ifdef BROADSHEET_WITH_POSTGRES
TEST(DeskMigration, PostgresKeepsEveryRow) {
  if (testing::PostgresAdminUrl().empty()) {
    if (testing::PostgresRequired()) FAIL() << "no PostgreSQL: BROADSHEET_TEST_POSTGRES_URL unset";
    GTEST_SKIP() << "no PostgreSQL cluster (run through scripts/test)";
  }
  testing::TestDatabase database;
  postgres::PgSettings settings{.url = database.url()};
  postgres::ApplyMigrations(settings, 5);
  {
    postgres::PgConnection connection(database.url(), 5, 0);
    connection.ExecScript(kSchema5Site);
    connection.ExecScript(
        "SELECT setval(pg_get_serial_sequence('authors', 'id'), 3, false);"
        "SELECT setval(pg_get_serial_sequence('articles', 'id'), 3, false)");
  }
  postgres::PgStore store(settings);
  ExpectTheSiteSurvived(store);
}
#endif

}  // namespace
}  // namespace broadsheet::store
