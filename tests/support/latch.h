// Test support for forcing an interleaving instead of sleeping for one: a Latch holds the
// thread that reaches Wait() until the test calls Release(), and tells the test when one has
// arrived; Eventually() polls a condition with a generous deadline. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace broadsheet::testing {

class Latch {
 public:
  // Marks the arrival, then blocks until Release().
  void Wait() {
    std::unique_lock lock(mutex_);
    arrived_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_; });
  }
  bool Arrived() {
    std::lock_guard lock(mutex_);
    return arrived_;
  }
  // Blocks until a thread has reached Wait().
  void AwaitArrival() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return arrived_; });
  }
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool arrived_ = false;   // guarded by mutex_
  bool released_ = false;  // guarded by mutex_
};

// Polls `condition` every 10 ms until it holds or `deadline` passes. Returns whether it held.
template <typename Condition>
bool Eventually(Condition condition,
                std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace broadsheet::testing
