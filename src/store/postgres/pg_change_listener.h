// LISTENs on the channels the schema's triggers and view flushes NOTIFY (broadsheet_content,
// broadsheet_views) on a connection of its own, in a thread of its own, and runs a callback
// for each batch of notifications; after a reconnect it runs it once more, since changes may
// have been missed meanwhile. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include "store/postgres/pg_pool.h"

namespace broadsheet::store::postgres {

class PgChangeListener {
 public:
  explicit PgChangeListener(PgSettings settings);
  ~PgChangeListener();
  PgChangeListener(const PgChangeListener&) = delete;
  PgChangeListener& operator=(const PgChangeListener&) = delete;

  // Replaces the callback (empty: none). After this returns, the old one is not running and
  // never runs again.
  void SetCallback(std::function<void()> callback);

 private:
  void Run();
  void Notify();

  const PgSettings settings_;
  std::atomic<bool> stopping_{false};
  std::mutex callback_mutex_;
  std::function<void()> callback_;  // guarded by callback_mutex_
  std::thread thread_;
};

}  // namespace broadsheet::store::postgres
