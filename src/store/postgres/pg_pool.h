// A small pool of PostgreSQL connections shared by all threads. A lease returns its connection
// on destruction, or drops it when it broke (the next lease connects afresh), so a node
// recovers by itself after the database comes back. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"

namespace broadsheet::store::postgres {

struct PgSettings {
  std::string url;
  int pool_size = 8;
  int connect_timeout_s = 5;
  int statement_timeout_ms = 5000;
  int migration_timeout_s = 60;
};

class PgPool {
 public:
  explicit PgPool(PgSettings settings) : settings_(std::move(settings)) {}

  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    ~Lease() {
      if (connection_) pool_.Return(std::move(connection_));
    }
    PgConnection& operator*() { return *connection_; }
    PgConnection* operator->() { return connection_.get(); }

   private:
    PgPool& pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  // A connection, waiting while all are in use. Throws StoreError (unavailable) when none
  // frees up within the statement timeout or a new one cannot connect.
  Lease Acquire();
  const PgSettings& settings() const { return settings_; }

 private:
  void Return(std::unique_ptr<PgConnection> connection);

  const PgSettings settings_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mutex_
  int open_ = 0;                                     // guarded by mutex_: idle + leased
};

}  // namespace broadsheet::store::postgres
