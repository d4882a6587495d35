// Test support: a SQLite VFS that forwards everything to the default one and counts xSync
// calls on WAL files, optionally running a hook inside each (to hold a commit, and so the
// writer, in the middle). Registered as the default VFS while an instance lives, so a
// SqliteStore opened meanwhile uses it without knowing. One instance at a time.
#pragma once

#include <atomic>
#include <functional>

namespace broadsheet::store::sqlite {

class CountingVfs {
 public:
  CountingVfs();
  ~CountingVfs();
  CountingVfs(const CountingVfs&) = delete;
  CountingVfs& operator=(const CountingVfs&) = delete;

  // fsyncs of write-ahead logs so far: with WAL, one per durable commit.
  int wal_syncs() const { return wal_syncs_.load(); }
  // Runs inside each WAL fsync, on the committing thread (which holds the writer).
  void SetOnWalSync(std::function<void()> hook) { on_wal_sync_ = std::move(hook); }

  // Called by the VFS's file methods.
  void CountWalSync();

 private:
  std::atomic<int> wal_syncs_{0};
  std::function<void()> on_wal_sync_;
};

}  // namespace broadsheet::store::sqlite
