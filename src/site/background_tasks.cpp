#include "site/background_tasks.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace broadsheet::site {

BackgroundTasks::BackgroundTasks(store::Store& store, store::ViewCounter& views,
                                 store::RatingBoard& ratings, render::PageCache& pages,
                                 std::chrono::milliseconds flush_interval,
                                 std::chrono::milliseconds poll_interval)
    : store_(store),
      views_(views),
      ratings_(ratings),
      pages_(pages),
      flush_interval_(flush_interval),
      poll_interval_(poll_interval) {}

BackgroundTasks::~BackgroundTasks() {
  if (thread_.joinable()) Stop();
}

void BackgroundTasks::Start() {
  content_version_ = store_.ContentVersion();
  views_.RefreshSnapshot();
  ratings_.ApplyAll(store_.ReadRatingTotals());
  thread_ = std::thread([this] { Run(); });
  store_.SetChangeCallback([this] {
    {
      std::lock_guard lock(mutex_);
      notified_ = true;
    }
    wake_.notify_all();
  });
}

bool BackgroundTasks::Stop() {
  store_.SetChangeCallback({});  // after this, the store never calls into us again
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  try {
    views_.Flush();
    return true;
  } catch (const std::exception& error) {
    spdlog::error("final view flush failed, pending views are lost: {}", error.what());
    return false;
  }
}

void BackgroundTasks::FlushViews() {
  try {
    views_.Flush();
  } catch (const std::exception& error) {
    // The views stay pending and go out with the next flush once the store answers again.
    spdlog::warn("view flush failed, will retry: {}", error.what());
  }
}

void BackgroundTasks::CheckForChanges() {
  try {
    const auto version = store_.ContentVersion();
    if (version != content_version_) {
      content_version_ = version;
      pages_.Clear();
      spdlog::info("content changed (version {}): page cache cleared", version);
    }
    // Views and votes other nodes or processes added since the last look.
    views_.RefreshSnapshot();
    ratings_.ApplyAll(store_.ReadRatingTotals());
  } catch (const std::exception& error) {
    spdlog::warn("cannot check for content changes: {}", error.what());
  }
}

void BackgroundTasks::Run() {
  using Clock = std::chrono::steady_clock;
  auto next_flush = Clock::now() + flush_interval_;
  auto next_poll = Clock::now() + poll_interval_;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_until(lock, std::min(next_flush, next_poll),
                     [this] { return stopping_ || notified_; });
    if (stopping_) break;
    const bool notified = std::exchange(notified_, false);
    lock.unlock();
    const auto now = Clock::now();
    if (notified) next_poll = now;  // look now rather than at the next poll
    if (now >= next_flush) {
      FlushViews();
      next_flush = now + flush_interval_;
    }
    if (now >= next_poll) {
      CheckForChanges();
      next_poll = now + poll_interval_;
    }
    lock.lock();
  }
}

}  // namespace broadsheet::site
