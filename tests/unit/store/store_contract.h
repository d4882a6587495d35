// The store contract's fixture, shared by the files that add tests to it: each test gets a
// fresh, real database of every kind (a SQLite file; a PostgreSQL database of its own on the
// cluster scripts/test starts). The suite is instantiated once, in store_contract_test.cpp.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "news/article.h"
#include "store/direct_sql.h"
#include "store/store.h"
#include "support/test_postgres.h"

namespace broadsheet::store {

// The SQLite file of a test's store, in the test's own directory.
inline constexpr const char* kSqliteFileName = "b.db";

struct StoreKind {
  std::string name;
  // Opens the test's store: a file in `dir` (SQLite) or the test's own database (PostgreSQL).
  std::function<std::unique_ptr<Store>(const std::string& dir, const std::string& pg_url)> open;
  bool needs_postgres = false;
};

inline void PrintTo(const StoreKind& kind, std::ostream* out) { *out << kind.name; }

class StoreContract : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = std::filesystem::temp_directory_path() /
           ("bs-store-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    if (GetParam().needs_postgres) {
      if (broadsheet::testing::PostgresAdminUrl().empty()) {
        if (broadsheet::testing::PostgresRequired())
          FAIL() << "no PostgreSQL: BROADSHEET_TEST_POSTGRES_URL unset";
        GTEST_SKIP() << "no PostgreSQL cluster (run through scripts/test)";
      }
      database_ = std::make_unique<broadsheet::testing::TestDatabase>();
    }
    store_ = Open();
  }
  void TearDown() override {
    store_.reset();
    database_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Store> Open() {
    return GetParam().open(dir_.string(), database_ ? database_->url() : "");
  }

  // A connection of the test's own to the same database (store/direct_sql.h).
  std::unique_ptr<DirectSql> Direct() {
    return DirectSql::Open((dir_ / kSqliteFileName).string(), database_ ? database_->url() : "");
  }

  std::int64_t Add(const std::string& title, const std::string& category,
                   news::ArticleStatus status, std::int64_t when) {
    news::ArticleInput input{.title = title,
                             .category = category,
                             .author = "Ada Quill",
                             .status = status,
                             .body_markdown = "Body of " + title};
    EXPECT_TRUE(news::NormalizeAndValidate(input).empty());
    return store_->AddArticle(input, "<p>Body of " + title + "</p>", when, 0);
  }

  std::filesystem::path dir_;
  std::unique_ptr<broadsheet::testing::TestDatabase> database_;
  std::unique_ptr<Store> store_;
};

inline constexpr auto kPublished = news::ArticleStatus::kPublished;
inline constexpr auto kDraft = news::ArticleStatus::kDraft;

}  // namespace broadsheet::store
