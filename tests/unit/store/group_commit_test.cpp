#include "store/sqlite/group_commit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace broadsheet::store::sqlite {
namespace {

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("bs-group-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    writer_ = std::make_unique<SqliteConnection>(path_.string(), true);
    writer_->Exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
  }
  void TearDown() override {
    writer_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }
  std::int64_t Rows() {
    auto& count = writer_->Prepare("SELECT count(*) FROM t");
    count.Reset();
    count.Step();
    const auto rows = count.Int(0);
    count.Reset();
    return rows;
  }

  std::filesystem::path path_;
  std::mutex writer_mutex_;
  std::unique_ptr<SqliteConnection> writer_;
};

TEST_F(GroupCommitTest, EveryOperationFromManyThreadsIsCommitted) {
  GroupCommit group(writer_mutex_, *writer_);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        group.Run([&](SqliteConnection& writer) {
          writer.Prepare("INSERT INTO t(n) VALUES (?)").Bind(t * 1000 + i).Run();
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(Rows(), 400);
}

TEST_F(GroupCommitTest, AFailingOperationIsRolledBackAloneAndReported) {
  GroupCommit group(writer_mutex_, *writer_);
  group.Run([](SqliteConnection& writer) { writer.Exec("INSERT INTO t(n) VALUES (1)"); });
  EXPECT_THROW(group.Run([](SqliteConnection& writer) {
                 writer.Exec("INSERT INTO t(n) VALUES (2)");
                 throw std::runtime_error("the operation changed its mind");
               }),
               std::runtime_error);
  // A constraint error from SQLite itself is a StoreError, and undoes only its own write.
  EXPECT_THROW(group.Run([](SqliteConnection& writer) {
                 writer.Exec("INSERT INTO t(n) VALUES (3)");
                 writer.Exec("INSERT INTO t(n) VALUES (1)");
               }),
               StoreError);
  EXPECT_EQ(Rows(), 1);
}

}  // namespace
}  // namespace broadsheet::store::sqlite
