// Issue 12: queries that do not grow with the site. Every statement of the registry
// (store/listing_statements.h) is planned on both stores over 20,000 articles with fresh
// statistics: a time-ordered listing must be served by its index, start and order, with
// nothing sorted; a page's starting key must come from the index alone; a ranking may sort,
// but only a set an index bounds, and its plans are printed (bench/RESULTS.md keeps them).
// PostgreSQL is checked for both the custom plan and the generic one, since the store's
// prepared statements may settle on the latter after five runs.
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>
#include <string_view>

#include "store/listing_statements.h"
#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

constexpr int kArticles = 20'000;

// Four categories of unequal size (half, 30%, 19% and 1% of the articles), with ids 1 to 4 as
// the registry's examples expect, made through the store.
void AddCategories(Store& store) {
  for (int i = 1; i <= 4; ++i) {
    news::ArticleInput input{.title = "Seed " + std::to_string(i),
                             .category = "Section " + std::to_string(i),
                             .author = "Ada Quill",
                             .status = kPublished,
                             .body_markdown = "Seed."};
    ASSERT_TRUE(news::NormalizeAndValidate(input).empty());
    store.AddArticle(input, "<p>Seed.</p>", i, 0);
  }
  const auto counts = store.ListCategoryCounts();
  ASSERT_EQ(counts.size(), 4u);
  for (const CategoryCount& count : counts) {
    ASSERT_EQ(count.category.slug, "section-" + std::to_string(count.category.id));
  }
}

// Five tags (ids 1 to 5, as the registry's examples expect), each article in one or two.
// The bulk-loaded articles' search rows (the store writes them for articles it saves), the
// words of each title and body as they are: the test's text needs no folding.
void AddSearchRows(DirectSql& direct) {
  if (direct.postgres()) {
    direct.Run(
        "INSERT INTO article_search(article_id, document)"
        " SELECT a.id, to_tsvector('simple', a.title || ' ' || a.body_markdown) FROM articles a"
        " WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.article_id = a.id)");
  } else {
    direct.Run(
        "INSERT INTO article_search(rowid, title, summary, body, tags, author)"
        " SELECT a.id, a.title, a.summary, a.body_markdown, '', '' FROM articles a"
        " WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)");
  }
}

void AddTags(DirectSql& direct) {
  direct.Run(
      "INSERT INTO tags(id, slug, name) VALUES (1, 'tag-1', 'Tag 1'), (2, 'tag-2', 'Tag 2'),"
      " (3, 'tag-3', 'Tag 3'), (4, 'tag-4', 'Tag 4'), (5, 'tag-5', 'Tag 5')");
  direct.Run(
      "INSERT INTO article_tags(article_id, tag_id, position)"
      " SELECT id, 1 + id % 5, 0 FROM articles");
  direct.Run(
      "INSERT INTO article_tags(article_id, tag_id, position)"
      " SELECT id, 1 + (id / 5) % 5, 1 FROM articles WHERE 1 + (id / 5) % 5 <> 1 + id % 5");
}

// kArticles articles in one statement per table, by five authors: three published an hour (so three
// share a second: ties), every tenth a draft, every twentieth rated, each read on its day and the
// next; then the statistics a planner works from (VACUUM also sets PostgreSQL's visibility
// map, without which no plan can skip the table's rows: autovacuum keeps it on a live site).
void LoadSite(Store& store, DirectSql& direct) {
  AddCategories(store);
  // Five authors (ids 1 to 5), each writing a fifth of the articles.
  direct.Run(
      "INSERT INTO authors(id, name, slug) VALUES (2, 'Writer 2', 'writer-2'),"
      " (3, 'Writer 3', 'writer-3'), (4, 'Writer 4', 'writer-4'), (5, 'Writer 5', 'writer-5')");
  if (direct.postgres()) {
    direct.Run(
        "INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
        " category_id, status, published_at, updated_at, rating_sum, rating_count,"
        " rating_revision)"
        " SELECT 'story-' || g, 'Story ' || g, 'What happened, in short.', repeat('w', 600),"
        " '<p>' || repeat('w', 600) || '</p>', 1 + g % 5,"
        " CASE WHEN g % 100 < 50 THEN 1 WHEN g % 100 < 80 THEN 2 WHEN g % 100 < 99 THEN 3"
        " ELSE 4 END,"
        " CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'published' END,"
        " CASE WHEN g % 10 = 0 THEN 0 ELSE 1700000000 + (g / 3) * 3600 END, 1700000000 + g * 60,"
        " CASE WHEN g % 20 = 1 THEN 4 * (1 + g % 7) ELSE 0 END,"
        " CASE WHEN g % 20 = 1 THEN 1 + g % 7 ELSE 0 END, CASE WHEN g % 20 = 1 THEN 1 ELSE 0 END"
        " FROM generate_series(1, 20000) g;"
        " INSERT INTO article_views_daily(article_id, day, views)"
        " SELECT id, to_char(to_timestamp(published_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),"
        " 1 + id % 50 FROM articles WHERE status = 'published';"
        " INSERT INTO article_views_daily(article_id, day, views)"
        " SELECT id, to_char(to_timestamp(published_at + 86400) AT TIME ZONE 'UTC',"
        " 'YYYY-MM-DD'), 1 + id % 7 FROM articles WHERE status = 'published'");
    AddTags(direct);
    AddSearchRows(direct);
    direct.Run("VACUUM ANALYZE");
  } else {
    direct.Run(
        "WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < 20000)"
        " INSERT INTO articles(slug, title, summary, body_markdown, body_html, author_id,"
        " category_id, status, published_at, updated_at, rating_sum, rating_count,"
        " rating_revision)"
        " SELECT 'story-' || g, 'Story ' || g, 'What happened, in short.',"
        " printf('%.*c', 600, 'w'), '<p>' || printf('%.*c', 600, 'w') || '</p>',"
        " 1 + g % 5,"
        " CASE WHEN g % 100 < 50 THEN 1 WHEN g % 100 < 80 THEN 2 WHEN g % 100 < 99 THEN 3"
        " ELSE 4 END,"
        " CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'published' END,"
        " CASE WHEN g % 10 = 0 THEN 0 ELSE 1700000000 + (g / 3) * 3600 END, 1700000000 + g * 60,"
        " CASE WHEN g % 20 = 1 THEN 4 * (1 + g % 7) ELSE 0 END,"
        " CASE WHEN g % 20 = 1 THEN 1 + g % 7 ELSE 0 END, CASE WHEN g % 20 = 1 THEN 1 ELSE 0 END"
        " FROM n;"
        " INSERT INTO article_views_daily(article_id, day, views)"
        " SELECT id, date(published_at, 'unixepoch'), 1 + id % 50 FROM articles"
        " WHERE status = 'published';"
        " INSERT INTO article_views_daily(article_id, day, views)"
        " SELECT id, date(published_at, 'unixepoch', '+1 day'), 1 + id % 7 FROM articles"
        " WHERE status = 'published'");
    AddTags(direct);
    AddSearchRows(direct);
    direct.Run("ANALYZE");
  }
  const auto published =
      direct.Query("SELECT count(*) FROM articles WHERE status = 'published'", {});
  ASSERT_EQ(published.at(0).at(0), std::to_string(4 + kArticles * 9 / 10));
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// True when a line of the plan, without its indentation and PostgreSQL's "->  ", starts with
// `start` and contains `part`.
bool HasLine(const std::string& plan, std::string_view start, const std::string& part = "") {
  std::istringstream lines(plan);
  for (std::string line; std::getline(lines, line);) {
    std::string_view node(line);
    node.remove_prefix(std::min(node.size(), node.find_first_not_of(" ->")));
    if (node.starts_with(start) && Contains(std::string(node), part)) return true;
  }
  return false;
}

// SQLite reads the articles table (alias a) from its start: a walk of all of it.
bool ScansArticles(const std::string& plan) {
  return HasLine(plan, "SCAN a ") || HasLine(plan, "SCAN articles") ||
         Contains(plan + "\n", "SCAN a\n");
}

// PostgreSQL serves it from `index` on the articles table (alias a).
bool ScansIndex(const std::string& plan, const std::string& index, const std::string& table) {
  return HasLine(plan, "Index Scan using " + index + " on " + table) ||
         HasLine(plan, "Index Scan Backward using " + index + " on " + table) ||
         HasLine(plan, "Index Only Scan using " + index + " on " + table);
}

// A time-ordered statement's plan, on either store, for one shape: a page, a page's key (from
// the index alone) or a count (from the index alone).
void ExpectServedInOrder(const ListingStatement& statement, const StatementPlan& plan,
                         bool postgres) {
  SCOPED_TRACE(std::string(statement.name) + ", " + plan.label + ":\n" + plan.text);
  const std::string index = statement.index;
  const std::string alias = statement.alias;
  const bool index_alone = statement.shape != ListingShape::kPage;
  if (postgres) {
    EXPECT_TRUE(ScansIndex(plan.text, index, statement.table)) << "served by " << index;
    EXPECT_TRUE(HasLine(plan.text, "Index Cond: ", statement.postgres_condition))
        << "an Index Cond";
    EXPECT_FALSE(Contains(plan.text, "Sort")) << "a Sort node";
    const std::string table = statement.table;
    EXPECT_FALSE(Contains(plan.text, "Seq Scan on " + table.substr(0, table.find(' '))))
        << "a walk of the whole table";
    if (index_alone) {
      EXPECT_TRUE(HasLine(plan.text, "Index Only Scan using " + index))
          << "the answer comes from the index alone";
    }
    return;
  }
  EXPECT_TRUE(HasLine(plan.text, "SEARCH " + alias + " USING ",
                      "INDEX " + index + " (" + statement.sqlite_condition))
      << "a SEARCH of " << statement.table << " through " << index;
  EXPECT_FALSE(Contains(plan.text, "USE TEMP B-TREE")) << "a sort";
  EXPECT_FALSE(ScansArticles(plan.text)) << "a walk of the whole table";
  if (index_alone) {
    EXPECT_TRUE(HasLine(plan.text, "SEARCH " + alias + " USING COVERING INDEX " + index))
        << "the answer comes from the index alone";
  }
}

TEST_P(StoreContract, issue_0012_TimeOrderedListingsAreServedByTheirIndexWithoutSorting) {
  auto direct = Direct();
  LoadSite(*store_, *direct);
  for (const ListingStatement* statement : TimeOrderedListings()) {
    ASSERT_NE(statement->shape, ListingShape::kRanking) << statement->name;
    ASSERT_NE(statement->index, nullptr) << statement->name;
    for (const StatementPlan& plan : direct->Plans(*statement)) {
      ExpectServedInOrder(*statement, plan, direct->postgres());
    }
  }
}

TEST(ListingStatements, issue_0012_PagesContinueFromAKeyRatherThanAnOffset) {
  // Only the key lookups may skip rows, and they walk an index alone (checked above): a page
  // that skipped rows with OFFSET would read every earlier article's row.
  for (const ListingStatement* statement : TimeOrderedListings()) {
    const bool offset = Contains(statement->sqlite.str(), " OFFSET ") ||
                        Contains(statement->postgres.str(), " OFFSET ");
    EXPECT_EQ(offset, statement->shape == ListingShape::kPageKey) << statement->name;
    if (statement->shape == ListingShape::kPageKey) {
      EXPECT_TRUE(statement->sqlite.str().starts_with("SELECT a.published_at, a.id FROM") ||
                  statement->sqlite.str().starts_with("SELECT x.listed_at, x.article_id FROM"))
          << statement->name << " selects the key's columns only";
    }
  }
}

TEST_P(StoreContract, issue_0012_RankingStatementsSortOnlyWhatAnIndexBounds) {
  auto direct = Direct();
  LoadSite(*store_, *direct);
  const bool postgres = direct->postgres();
  std::cout << "\n## Listing statements and their plans (issue 12): "
            << (postgres ? "PostgreSQL" : "SQLite") << ", " << kArticles
            << " articles, statistics fresh\n";
  for (const ListingStatement* statement : RankingStatements()) {
    ASSERT_EQ(statement->shape, ListingShape::kRanking) << statement->name;
    for (const StatementPlan& plan : direct->Plans(*statement)) {
      std::cout << "\n### " << statement->name << " (" << plan.label << ")\n\n" << plan.text;
      if (statement->unbounded_because) {
        std::cout << "(not bounded: " << statement->unbounded_because << ")\n";
        continue;
      }
      SCOPED_TRACE(std::string(statement->name) + ", " + plan.label + ":\n" + plan.text);
      const std::string index = statement->index;
      if (postgres) {
        EXPECT_TRUE(HasLine(plan.text, "Index Scan using " + index) ||
                    HasLine(plan.text, "Index Only Scan using " + index) ||
                    HasLine(plan.text, "Bitmap Index Scan on " + index))
            << index;
        EXPECT_TRUE(HasLine(plan.text, "Index Cond: ")) << "the set is bounded by an index";
        EXPECT_FALSE(Contains(plan.text, "Seq Scan on articles")) << "a walk of every article";
      } else {
        if (statement->sqlite_plan) {
          EXPECT_TRUE(HasLine(plan.text, statement->sqlite_plan)) << statement->sqlite_plan;
        } else {
          EXPECT_TRUE(HasLine(plan.text, "SEARCH ", "INDEX " + index + " (")) << index;
        }
        EXPECT_FALSE(ScansArticles(plan.text)) << "a walk of every article";
      }
    }
  }
  std::cout << std::flush;
}

}  // namespace
}  // namespace broadsheet::store
