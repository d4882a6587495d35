// LISTENs on the channels the schema's triggers, view flushes and votes NOTIFY
// (broadsheet_content, broadsheet_views) on a connection of its own, in a thread of its own,
// and runs a callback for each notification, in the order they arrive, with what its payload
// says (store/change_notice.h); after a reconnect it runs it once more with a notice that
// says nothing (kUnknown), since changes may have been missed meanwhile. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include "store/postgres/pg_pool.h"
#include "store/store.h"

namespace broadsheet::store::postgres {

class PgChangeListener {
 public:
  explicit PgChangeListener(PgSettings settings);
  ~PgChangeListener();
  PgChangeListener(const PgChangeListener&) = delete;
  PgChangeListener& operator=(const PgChangeListener&) = delete;

  // Replaces the callback (empty: none). After this returns, the old one is not running and
  // never runs again.
  void SetCallback(Store::ChangeCallback callback);

 private:
  void Run();
  void Notify(const ChangeNotice& notice);

  const PgSettings settings_;
  std::atomic<bool> stopping_{false};
  std::mutex callback_mutex_;
  Store::ChangeCallback callback_;  // guarded by callback_mutex_
  std::thread thread_;
};

}  // namespace broadsheet::store::postgres
