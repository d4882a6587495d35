#include "store/postgres/pg_pool.h"

#include "store/store.h"

namespace broadsheet::store::postgres {

PgPool::Lease PgPool::Acquire() {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(std::max(settings_.statement_timeout_ms, 1000));
  while (idle_.empty() && open_ >= settings_.pool_size) {
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout &&
        idle_.empty() && open_ >= settings_.pool_size) {
      throw StoreError("postgresql: every pooled connection is busy", /*unavailable=*/true);
    }
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<PgConnection>(settings_.url, settings_.connect_timeout_s,
                                                       settings_.statement_timeout_ms));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_;
    freed_.notify_one();
    throw;
  }
}

void PgPool::Return(std::unique_ptr<PgConnection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->ok()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;  // broken: dropped; the next Acquire connects afresh
  }
  freed_.notify_one();
}

}  // namespace broadsheet::store::postgres
