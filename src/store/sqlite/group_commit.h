// Group commit (DESIGN.md §5): writes that must be durable before their answer (votes, later
// comments) arrive from many request threads at once. Each would cost its own fsync if it
// committed alone; instead the first thread to get the writer connection runs every operation
// queued meanwhile in one transaction and one commit, and the others find theirs done when
// they get the connection in turn. Nothing is acknowledged before its commit. Thread-safe.
#pragma once

#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace broadsheet::store::sqlite {

class SqliteConnection;

class GroupCommit {
 public:
  // `writer_mutex` guards `writer`; other writers keep locking it directly for their own
  // transactions, and group commits simply queue behind them.
  GroupCommit(std::mutex& writer_mutex, SqliteConnection& writer);

  // Runs `operation` on the writer connection inside a transaction shared with the operations
  // other threads queued, and returns once that transaction is committed. An operation that
  // throws is rolled back alone (it runs under a savepoint) and its exception is rethrown
  // here; a failed commit is rethrown to every operation of the group.
  void Run(const std::function<void(SqliteConnection&)>& operation);

  // Operations waiting for a group to take them (diagnostics and tests).
  std::size_t queued();

 private:
  struct Job {
    const std::function<void(SqliteConnection&)>* operation = nullptr;
    std::exception_ptr error;
    bool done = false;  // guarded by writer_mutex_
  };
  void RunGroup(const std::vector<Job*>& group);

  std::mutex& writer_mutex_;
  SqliteConnection& writer_;
  std::mutex queue_mutex_;
  std::vector<Job*> queue_;  // guarded by queue_mutex_
};

}  // namespace broadsheet::store::sqlite
